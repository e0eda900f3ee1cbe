/** The workflow types registered in a domain, read page by page with `ListWorkflowTypes`. */
import { ListWorkflowTypesCommand, type SWFClient } from '@aws-sdk/client-swf';

/** A registered workflow type. */
export interface RegisteredWorkflowType {
  name: string;
  version: string;
}

/**
 * The workflow types registered (not deprecated) in `domain`, by name then version, fetching pages
 * as it goes.
 */
export async function* listWorkflowTypes(swf: SWFClient, domain: string): AsyncGenerator<RegisteredWorkflowType> {
  let nextPageToken: string | undefined;
  do {
    const page = await swf.send(
      new ListWorkflowTypesCommand({ domain, registrationStatus: 'REGISTERED', maximumPageSize: 1000, nextPageToken }),
    );
    for (const info of page.typeInfos ?? [])
      if (info.workflowType?.name !== undefined && info.workflowType.version !== undefined)
        yield { name: info.workflowType.name, version: info.workflowType.version };
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
}

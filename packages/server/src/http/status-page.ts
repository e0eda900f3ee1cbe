/** What `GET /` and `GET /health` answer: a short status for people and health checks. */
import type { SwfService } from '../service.js';

/** The service's status: uptime and what the registry holds. */
export function serviceStatus(service: SwfService, startedAt: number): Record<string, unknown> {
  return {
    status: 'ok',
    service: 'swf-flow local SWF service (API 2012-01-25, JSON 1.0)',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    ...service.registry.summary(),
  };
}

/** A plain-text page: the status and how to point the AWS CLI at this server. */
export function statusPage(service: SwfService, startedAt: number, url: string): string {
  const status = serviceStatus(service, startedAt);
  return [
    `swf-flow local SWF service at ${url}`,
    '',
    ...Object.entries(status).map(([k, v]) => `${k}: ${String(v)}`),
    '',
    'Point the AWS CLI or an SDK at it:',
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws swf list-domains --registration-status REGISTERED --endpoint-url ${url} --region us-east-1`,
    '',
    'SWF requests: POST / with X-Amz-Target: SimpleWorkflowService.<Operation>. Health check: GET /health.',
    '',
  ].join('\n');
}

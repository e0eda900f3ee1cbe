/** What `GET /health` answers (and the web UI's home page shows): a short status for health checks. */
import type { SwfService } from '../service.js';

/**
 * The service's status: uptime, what the registry holds, and how many long polls it holds open now
 * (`waitingPolls`: the workers' pollers waiting for a task; 0 with workers running means none is
 * connected).
 */
export function serviceStatus(service: SwfService, startedAt: number): Record<string, unknown> {
  return {
    status: 'ok',
    service: 'swf-flow local SWF service (API 2012-01-25, JSON 1.0)',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    ...service.registry.summary(),
    waitingPolls: service.waitingPolls(),
  };
}

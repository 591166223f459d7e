import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name for this server instance (one process), as it holds publish jobs and webhook events
 * in the shared store: `host/pid/random`. The host and pid tell an operator which process holds
 * what; the random part keeps a restarted process with a reused pid from passing for its
 * predecessor.
 */
export function newInstanceId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

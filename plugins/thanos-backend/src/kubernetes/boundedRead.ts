import {
  Observable,
  type ConfigurationOptions,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { boundedHttpLibrary } from './boundedHttpLibrary';
import { KubernetesReadTimeoutError } from './kubernetesErrors';

/**
 * Every Kubernetes read is bounded: an unreachable API server (private endpoint, blackholed
 * security group) would otherwise hold a status request for the kernel's TCP timeout.
 */

/**
 * Runs `read` with a signal that aborts after `timeoutMs` or when `parent` aborts, and rejects
 * with a `KubernetesReadTimeoutError` at the deadline even if the HTTP layer ignores the signal.
 */
export async function boundedRead<T>(
  timeoutMs: number,
  parent: AbortSignal | undefined,
  read: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = new AbortController();
  const signal = parent
    ? AbortSignal.any([parent, timeout.signal])
    : timeout.signal;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timeout.abort();
      reject(new KubernetesReadTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([read(signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Per-call client-node options that attach `signal` to the request, so an aborted read also
 * closes its socket, and read the answer through the byte-capped HTTP library. The
 * object-parameter API runs on the observable layer, so the middleware returns client-node's own
 * `Observable`.
 */
export function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    httpApi: boundedHttpLibrary(),
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response: ResponseContext) =>
          new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

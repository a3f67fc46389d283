import {
  Observable,
  ResponseContext,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import fetch, { FetchError } from 'node-fetch';

/**
 * The HTTP layer of every Kubernetes read, with the same byte cap as the reads of Thanos: a
 * service-proxy answer or a list the backend did not expect to be large (a 300 MiB body once
 * took the backend from 0.7 to 3.5 GB) is refused once it passes the cap, and its connection
 * closed. It does what client-node's own `IsomorphicFetchHttpLibrary` does (node-fetch with the
 * request's agent, which carries the cluster's CA and client certificate), plus node-fetch's
 * `size` limit.
 */

/** Largest Kubernetes answer read, as for Thanos (`DEFAULT_MAX_BODY_BYTES`). */
export const DEFAULT_MAX_KUBERNETES_BODY_BYTES = 8 * 1024 * 1024;

/** The answer passed the byte cap; nothing of it is kept. */
export class KubernetesResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`response larger than ${limit} bytes`);
    this.name = 'KubernetesResponseTooLargeError';
  }
}

export function boundedHttpLibrary(
  maxBytes = DEFAULT_MAX_KUBERNETES_BODY_BYTES,
): HttpLibrary {
  return {
    send(request: RequestContext) {
      return new Observable(send(request, maxBytes));
    },
  };
}

async function send(
  request: RequestContext,
  maxBytes: number,
): Promise<ResponseContext> {
  const response = await fetch(request.getUrl(), {
    method: request.getHttpMethod().toString(),
    body: request.getBody() as string | undefined,
    headers: request.getHeaders(),
    signal: request.getSignal() as never,
    agent: request.getAgent(),
    size: maxBytes,
  });
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () => {
    // node-fetch stops collecting past `size` but keeps the socket reading: close it.
    (response.body as unknown as { destroy?: () => void }).destroy?.();
    return new KubernetesResponseTooLargeError(maxBytes);
  };
  const read = async <T>(body: () => Promise<T>): Promise<T> => {
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
    try {
      return await body();
    } catch (error) {
      if (error instanceof FetchError && error.type === 'max-size') {
        throw tooLarge();
      }
      throw error;
    }
  };
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return new ResponseContext(response.status, headers, {
    text: () => read(() => response.text()),
    binary: () => read(() => response.buffer()),
  });
}

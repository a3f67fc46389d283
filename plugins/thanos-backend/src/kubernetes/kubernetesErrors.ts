import type { SourceError } from '@thanos-backstage/plugin-thanos-common';
import { KubernetesResponseTooLargeError } from './boundedHttpLibrary';

/**
 * Turns whatever a Kubernetes read failed with (an HTTP status with a `Status` body, a network or
 * TLS error, a timeout, an answer over the byte cap) into a `SourceError` a user can act on.
 * Messages are fixed texts per status code and Node error code: neither raw client errors (a
 * client-node `ApiException` embeds the whole response body and headers) nor the API server's own
 * words (they name service accounts, hosts and whatever a proxy echoes) are passed through; those
 * go to the backend log through {@link kubernetesErrorDetail}.
 */

/** What was being read, to name it in messages and in the RBAC rule to add. */
export interface KubernetesRead {
  cluster: string;
  verb: 'get' | 'list';
  /** Plural resource name as RBAC spells it, e.g. `secrets`, `services/proxy`. */
  resource: string;
  /** API group as RBAC spells it: `""` for core, `apps`, `networking.k8s.io`. */
  apiGroup: string;
  namespace: string;
  /** The object's name for a `get`. */
  name?: string;
  /** Extra words for the RBAC hint, e.g. "(metadata only)". */
  ruleNote?: string;
}

/** Thrown by our bounded reads when the timeout fires first. */
export class KubernetesReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'KubernetesReadTimeoutError';
  }
}

/** A non-2xx answer of the API server: the status and the raw body (a `Status` object as JSON). */
export class KubernetesStatusError extends Error {
  readonly status: number;
  readonly body: string | undefined;
  constructor(status: number, body: string | undefined) {
    super(`HTTP ${status}`);
    this.name = 'KubernetesStatusError';
    this.status = status;
    this.body = body;
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'EPROTO',
]);

export function describeRead(read: KubernetesRead): string {
  const what = read.name
    ? `${read.resource} ${read.namespace}/${read.name}`
    : `${read.resource} in ${read.namespace}`;
  return `${read.verb} ${what}`;
}

/**
 * One failed Kubernetes read as the `SourceError` users read. One table of causes, most specific
 * first: their order is the logic, so it stays in one place.
 */
export function toSourceError(
  read: KubernetesRead,
  error: unknown,
): SourceError {
  const base = {
    source: 'kubernetes' as const,
    target: read.cluster,
    resource: read.name
      ? `${read.resource} ${read.namespace}/${read.name}`
      : `${read.resource} ${read.namespace}`,
  };
  const failed = `Could not ${describeRead(read)} on cluster ${read.cluster}`;

  if (error instanceof KubernetesReadTimeoutError) {
    return {
      ...base,
      message: `${failed}: the API server did not answer within ${error.timeoutMs} ms. Check that the backend can reach the cluster's API server (network path, private endpoint, security groups).`,
    };
  }

  if (error instanceof KubernetesResponseTooLargeError) {
    return {
      ...base,
      message: `${failed}: the answer is larger than ${error.limit} bytes; refusing to read it.`,
    };
  }

  if (isConfigurationError(error)) {
    return { ...base, message: `${failed}: ${(error as Error).message}` };
  }

  const status = statusOf(error);
  if (status !== undefined) {
    return {
      ...base,
      status,
      message: messageForStatus(read, failed, status),
    };
  }

  const code = networkCodeOf(error);
  if (code && TLS_CODES.has(code)) {
    return {
      ...base,
      message: `${failed}: TLS verification of the API server failed (${code}). Set caData or caFile for this cluster to the cluster's CA certificate (kubernetes.clusterLocatorMethods).`,
    };
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'ECONNRESET' ||
    code === 'EHOSTUNREACH' ||
    code === 'ETIMEDOUT'
  ) {
    return {
      ...base,
      message: `${failed}: the API server could not be reached (${code}). Check the cluster's url and the network path from the backend.`,
    };
  }
  if (code === 'ENOENT') {
    return {
      ...base,
      message: `${failed}: a file it needs is missing (ENOENT): the caFile of this cluster, or, for a cluster without serviceAccountToken, the service-account token the kubelet mounts into the backend pod.`,
    };
  }
  if (isAbort(error)) {
    return { ...base, message: `${failed}: the request was cancelled.` };
  }
  const detail = safeErrorText(error);
  if (/HTTP protocol is not allowed/i.test(detail)) {
    return {
      ...base,
      message: `${failed}: @kubernetes/client-node refuses a plain http:// API server unless skipTLSVerify is true. Use the cluster's https:// URL.`,
    };
  }
  return {
    ...base,
    message: `${failed}: unexpected error${
      code && /^[A-Z][A-Z0-9_]{1,48}$/.test(code) ? ` (${code})` : ''
    }; the backend log has the details.`,
  };
}

/**
 * The upstream's own words about a failed read, for the backend log only: the API server's
 * `Status` message, or the client's error text, on one line and capped. URLs and anything after an
 * Authorization scheme are removed here; the caller also scrubs the configured tokens.
 */
export function kubernetesErrorDetail(error: unknown): string {
  return kubernetesStatusMessage(error) ?? safeErrorText(error);
}

function messageForStatus(
  read: KubernetesRead,
  failed: string,
  status: number,
): string {
  switch (status) {
    case 401:
      return `${failed}: the API server rejected the service account token (401). The token is wrong, expired or from another cluster: renew serviceAccountToken for this cluster.`;
    case 403:
      return `${failed}: RBAC: the service account cannot \`${read.verb}\` \`${
        read.resource
      }\`${
        read.apiGroup ? ` (API group ${read.apiGroup})` : ''
      } in namespace \`${read.namespace}\` — add ${read.verb} on ${
        read.resource
      }${
        read.ruleNote ? ` ${read.ruleNote}` : ''
      } to the ClusterRole bound to it.`;
    case 404:
      return `${failed}: not found (404).`;
    case 503:
    case 502:
      return `${failed}: the API server answered ${status}; for a service proxy this means no ready endpoint behind the service.`;
    default:
      return status >= 500
        ? `${failed}: the API server failed (${status}); its log and the backend log have the details.`
        : `${failed}: HTTP ${status}.`;
  }
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof KubernetesStatusError) return error.status;
  // client-node's ApiException carries the HTTP status as a numeric `code`.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  // node-fetch wraps the socket error; the TLS code may sit one or two levels down.
  for (let depth = 0; depth < 3 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errno = (current as { errno?: unknown }).errno;
    if (typeof errno === 'string') return errno;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Our own validation errors (`ThanosConfigError`; `@backstage/errors` InputError, NotFoundError)
 * are already actionable.
 */
function isConfigurationError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'ThanosConfigError' ||
    name === 'InputError' ||
    name === 'NotFoundError'
  );
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** The `message` of a Kubernetes `Status` body, when the body is one. */
function kubernetesStatusMessage(error: unknown): string | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; message?: unknown };
    return parsed.kind === 'Status' && typeof parsed.message === 'string'
      ? parsed.message
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error's own text, for errors the table above does not know: capped, on one line, without
 * URLs (request URLs stay out of answers, as above) and with anything after an Authorization
 * scheme removed, so a token can never reach the answer.
 */
function safeErrorText(error: unknown): string {
  const text = String((error as Error)?.message ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 [redacted]')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]')
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

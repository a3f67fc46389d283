/**
 * What users are told when a call to Thanos fails: a fixed text per kind of failure that says
 * what to check. Upstream bodies and transport messages are never part of it (they can echo
 * credentials, and name internal hosts and ports); they go to the backend log instead.
 */

const TLS_CODE =
  /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/;

/** The error code of a transport failure (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, …), if any. */
export function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  // fetch wraps the socket error in `TypeError: fetch failed`; the code may sit a level or two down.
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,48}$/.test(code)) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A connection that failed or broke before a complete answer. */
export function networkFailureText(code: string | undefined): string {
  if (code && TLS_CODE.test(code)) {
    return `TLS handshake failed (${code}): set tls.ca of this instance to the CA that signs Thanos' certificate, and check the client certificate`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED): nothing accepts connections at the configured address; check the URL of this instance and that Thanos Query runs';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the configured host name does not resolve (${code}); check the URL of this instance and the backend's DNS`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return `the connection was closed before a complete answer (${code}); check Thanos Query and any proxy or load balancer in front of it`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `the configured address cannot be reached (${code}); check the network path from the backend (firewall, security groups)`;
    default:
      return `the request failed before an answer (${
        code ?? 'network error'
      }); the backend log has the details`;
  }
}

/** A non-2xx answer. `errorType` is Thanos' own error class from its JSON envelope, if any. */
export function httpFailureText(
  status: number,
  html: boolean,
  errorType: string | undefined,
): string {
  if (status >= 300 && status < 400) {
    return `HTTP ${status} redirect (an authenticating proxy asking for a login?); configure auth for this instance or point queryUrl at Thanos itself`;
  }
  if (html) {
    return `HTTP ${status} with an HTML page (a proxy or ingress answered instead of Thanos)`;
  }
  switch (status) {
    case 401:
      return 'HTTP 401: the credentials were not accepted by Thanos or a proxy in front of it; check auth of this instance';
    case 403:
      return 'HTTP 403: the credentials may not read this API; check auth of this instance and the rules of any proxy in front of Thanos';
    case 404:
      return 'HTTP 404: no such API at the configured URL; queryUrl must be the base URL of Thanos Query or Query Frontend (without /api/v1)';
    case 429:
      return 'HTTP 429: Thanos or a proxy in front of it limits the request rate; raise the limit or refreshIntervalSeconds';
    case 502:
    case 503:
    case 504:
      return `HTTP ${status}: a proxy or load balancer answered that Thanos is unavailable; check the Thanos Query pods`;
    default:
      if (status >= 500) {
        return `HTTP ${status}: Thanos failed to answer${typeText(
          errorType,
        )}; Thanos Query's log and the backend log have the details`;
      }
      return `HTTP ${status}: Thanos refused the request${typeText(
        errorType,
      )}; the backend log has Thanos' error text`;
  }
}

/** A 2xx answer whose envelope says `"status":"error"`. */
export function thanosErrorText(errorType: string | undefined): string {
  return `Thanos answered with an error${typeText(
    errorType,
  )}; the backend log has Thanos' error text`;
}

/** Thanos' `errorType` (`bad_data`, `timeout`, `internal`, …) when it looks like one. */
function typeText(errorType: string | undefined): string {
  return errorType && /^[a-z_]{1,32}$/.test(errorType) ? ` (${errorType})` : '';
}

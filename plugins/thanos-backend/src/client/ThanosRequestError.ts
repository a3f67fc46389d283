/**
 * Why a call to Thanos failed, as a kind the status rules and the UI can act on:
 * - `timeout`: no answer within the instance's timeoutMs;
 * - `network`: connection refused, DNS, TLS handshake and other transport failures;
 * - `http`: a non-2xx answer (with Thanos' own `error` text when the body carried one);
 * - `thanos`: a 2xx answer whose envelope says `"status":"error"`;
 * - `invalid-response`: HTML instead of JSON, truncated or invalid JSON, unexpected shape;
 * - `too-large`: the body exceeded the read limit;
 * - `aborted`: the caller gave up.
 */
export type ThanosRequestErrorKind =
  | 'timeout'
  | 'network'
  | 'http'
  | 'thanos'
  | 'invalid-response'
  | 'too-large'
  | 'aborted';

/**
 * A failed call to one Thanos endpoint. The message names the instance and the path and never
 * carries credentials: it is shown to users and written to logs as it is.
 */
export class ThanosRequestError extends Error {
  readonly kind: ThanosRequestErrorKind;
  readonly status?: number;
  /** Configured instance name (plus the TLS querier key when it is one). */
  readonly target: string;
  readonly path: string;

  constructor(options: {
    kind: ThanosRequestErrorKind;
    target: string;
    path: string;
    detail: string;
    status?: number;
  }) {
    super(`${options.target} ${options.path}: ${options.detail}`);
    this.name = 'ThanosRequestError';
    this.kind = options.kind;
    this.target = options.target;
    this.path = options.path;
    if (options.status !== undefined) this.status = options.status;
  }
}

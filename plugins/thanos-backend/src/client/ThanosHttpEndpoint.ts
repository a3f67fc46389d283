import type { ThanosAuth, ThanosTls } from '../config/types';
import { ThanosRequestError } from './ThanosRequestError';
import { parseThanosJson } from './thanosJson';

/** Largest body read from Thanos; a 1000-cluster `/api/v1/stores` is well under 2 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The parts of a Thanos JSON envelope (`pkg/api/api.go` `response`) callers use. */
export interface ThanosEnvelope {
  data: unknown;
  warnings: string[];
}

export interface ThanosHttpEndpointOptions {
  /** Shown in errors: the configured instance name, or `<instance> TLS querier <key>`. */
  target: string;
  /** Base URL without a trailing slash. Never shown: it may name internal hosts. */
  baseUrl: string;
  auth?: ThanosAuth;
  tls?: ThanosTls;
  timeoutMs: number;
  maxBodyBytes?: number;
  /** undici dispatcher carrying the TLS options; shared by the endpoints of one instance. */
  dispatcher?: unknown;
}

class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/**
 * One Thanos HTTP API endpoint: sends requests with the configured credentials and TLS settings,
 * a timeout, and a bounded body, and turns every failure into a {@link ThanosRequestError}.
 * Uses `globalThis.fetch`, so tests intercept it with msw.
 */
export class ThanosHttpEndpoint {
  private readonly options: ThanosHttpEndpointOptions;
  private readonly secrets: string[];

  constructor(options: ThanosHttpEndpointOptions) {
    this.options = options;
    this.secrets = secretsOf(options.auth);
  }

  get target(): string {
    return this.options.target;
  }

  async get(
    path: string,
    params?: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<ThanosEnvelope> {
    const query = params && [...params.keys()].length > 0 ? `?${params}` : '';
    return this.request(path, { method: 'GET' }, query, signal);
  }

  /** POST with a form body, as Prometheus and Thanos accept for `/api/v1/query`. */
  async postForm(
    path: string,
    form: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<ThanosEnvelope> {
    return this.request(
      path,
      {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      '',
      signal,
    );
  }

  private async request(
    path: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
    query: string,
    callerSignal?: AbortSignal,
  ): Promise<ThanosEnvelope> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = callerSignal
      ? AbortSignal.any([timeout, callerSignal])
      : timeout;
    const fail = (
      kind: ConstructorParameters<typeof ThanosRequestError>[0]['kind'],
      detail: string,
      status?: number,
    ) =>
      new ThanosRequestError({
        kind,
        target: this.options.target,
        path,
        detail: this.redact(detail),
        status,
      });
    const failFromAbort = () =>
      timeout.aborted
        ? fail('timeout', `no answer within ${this.options.timeoutMs} ms`)
        : fail('aborted', 'request aborted');

    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}${query}`, {
        method: init.method,
        body: init.body,
        headers: {
          accept: 'application/json',
          ...init.headers,
          ...authHeaders(this.options.auth),
        },
        redirect: 'manual',
        signal,
        ...(this.options.dispatcher
          ? { dispatcher: this.options.dispatcher }
          : {}),
      } as RequestInit);
    } catch (error) {
      if (signal.aborted) throw failFromAbort();
      throw fail('network', `request failed: ${describeFetchError(error)}`);
    }

    let text: string;
    try {
      text = await readBounded(
        response,
        this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      );
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw fail(
          'too-large',
          `response larger than ${error.limit} bytes; refusing to read it`,
          response.status,
        );
      }
      if (signal.aborted) throw failFromAbort();
      throw fail(
        'network',
        `reading the response failed: ${describeFetchError(error)}`,
        response.status,
      );
    }

    const contentType = response.headers.get('content-type') ?? '';
    const html = contentType.includes('text/html') || /^\s*</.test(text);

    if (response.status >= 300 && response.status < 400) {
      throw fail(
        'http',
        `HTTP ${response.status} redirect (an authenticating proxy asking for a login?); configure auth for this instance or point queryUrl at Thanos itself`,
        response.status,
      );
    }
    if (!response.ok) {
      const detail = describeHttpFailure(response.status, text, html);
      throw fail('http', detail, response.status);
    }
    if (html) {
      throw fail(
        'invalid-response',
        `expected JSON but got an HTML page${htmlTitle(
          text,
        )} (is the URL pointing at the Thanos UI or a login page?)`,
        response.status,
      );
    }

    let body: unknown;
    try {
      body = parseThanosJson(text);
    } catch (error) {
      throw fail(
        'invalid-response',
        `invalid JSON (${(error as Error).message})`,
        response.status,
      );
    }
    if (!isRecord(body) || typeof body.status !== 'string') {
      throw fail(
        'invalid-response',
        'JSON without the Thanos envelope {"status":…,"data":…}',
        response.status,
      );
    }
    if (body.status !== 'success') {
      throw fail(
        'thanos',
        `Thanos answered ${body.errorType ?? 'error'}: ${String(
          body.error ?? 'no error text',
        )}`,
        response.status,
      );
    }
    const warnings = Array.isArray(body.warnings)
      ? body.warnings.map(warning => this.redact(String(warning)))
      : [];
    return { data: body.data, warnings };
  }

  /** Removes configured secrets from text that came back from upstream. */
  private redact(text: string): string {
    return this.secrets.reduce(
      (result, secret) => result.split(secret).join('[redacted]'),
      text,
    );
  }
}

/** Reads the body as UTF-8, cancelling the stream as soon as it passes `limit` bytes. */
async function readBounded(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function authHeaders(auth: ThanosAuth | undefined): Record<string, string> {
  switch (auth?.type) {
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(
          `${auth.username}:${auth.password}`,
        ).toString('base64')}`,
      };
    case 'headers':
      return auth.headers;
    default:
      return {};
  }
}

function secretsOf(auth: ThanosAuth | undefined): string[] {
  switch (auth?.type) {
    case 'bearer':
      return [auth.token];
    case 'basic':
      return [
        auth.password,
        Buffer.from(`${auth.username}:${auth.password}`).toString('base64'),
      ];
    case 'headers':
      return Object.values(auth.headers).filter(value => value.length >= 4);
    default:
      return [];
  }
}

/** fetch wraps the real cause (ECONNREFUSED, certificate errors, DNS) in `TypeError: fetch failed`. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  if (cause?.message) {
    return cause.code && !cause.message.includes(cause.code)
      ? `${cause.code}: ${cause.message}`
      : cause.message;
  }
  if (cause?.code) return cause.code;
  return (error as Error)?.message ?? String(error);
}

function describeHttpFailure(
  status: number,
  text: string,
  html: boolean,
): string {
  if (html) {
    return `HTTP ${status} with an HTML page${htmlTitle(
      text,
    )} (a proxy or ingress answered instead of Thanos)`;
  }
  const thanosError = envelopeError(text);
  return thanosError
    ? `HTTP ${status}: ${thanosError}`
    : `HTTP ${status}${snippet(text)}`;
}

function envelopeError(text: string): string | undefined {
  try {
    const body = JSON.parse(text);
    if (isRecord(body) && typeof body.error === 'string') {
      return body.errorType ? `${body.errorType}: ${body.error}` : body.error;
    }
  } catch {
    // Not JSON: the caller describes the body instead.
  }
  return undefined;
}

function htmlTitle(text: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim();
  return title ? ` titled "${title}"` : '';
}

function snippet(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return '';
  return `: ${trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

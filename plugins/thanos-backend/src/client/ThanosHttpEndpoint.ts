import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ThanosAuth } from '../config/types';
import { ThanosRequestError } from './ThanosRequestError';
import { parseThanosJson } from './thanosJson';
import {
  errorCodeOf,
  httpFailureText,
  networkFailureText,
  thanosErrorText,
} from './upstreamFailure';
import {
  MAX_UPSTREAM_TEXT_LENGTH,
  SecretRedactor,
  capText,
} from './upstreamText';

/** Thanos' partial-response warnings kept per answer; they repeat per failing store. */
const MAX_WARNINGS = 20;

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
  timeoutMs: number;
  maxBodyBytes?: number;
  /** undici dispatcher carrying the TLS options; shared by the endpoints of one instance. */
  dispatcher?: unknown;
  /** Where the upstream's own words go (redacted): users only see a fixed text per failure. */
  logger?: LoggerService;
}

class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/**
 * One Thanos HTTP API endpoint: sends requests with the configured credentials (TLS settings travel in the dispatcher),
 * a timeout, and a bounded body, and turns every failure into a {@link ThanosRequestError}.
 * Uses `globalThis.fetch`, so tests intercept it with msw.
 */
export class ThanosHttpEndpoint {
  private readonly options: ThanosHttpEndpointOptions;
  readonly redactor: SecretRedactor;

  constructor(options: ThanosHttpEndpointOptions) {
    this.options = options;
    this.redactor = new SecretRedactor(secretsOf(options.auth));
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
    const failures = this.failuresOf(path, timeout);
    const { response, text } = await this.fetchText(
      `${this.options.baseUrl}${path}${query}`,
      init,
      signal,
      failures,
    );
    return this.answerOf(response, text, failures.fail);
  }

  /** How a request to `path` fails, as the `ThanosRequestError`s users read. */
  private failuresOf(path: string, timeout: AbortSignal) {
    /** `shown` is what users read; `detail`, the upstream's own words, goes to the log only. */
    const fail: Fail = (kind, shown, detail, status) => {
      if (detail) {
        this.options.logger?.warn(
          `Thanos ${
            this.options.target
          } ${path}: ${shown} — upstream said: ${capText(
            this.redactor.redact(detail.replace(/\s+/g, ' ')),
            MAX_UPSTREAM_TEXT_LENGTH,
          )}`,
        );
      }
      return new ThanosRequestError({
        kind,
        target: this.options.target,
        path,
        detail: shown,
        status,
      });
    };
    const fromAbort = () =>
      timeout.aborted
        ? fail(
            'timeout',
            `no answer within ${this.options.timeoutMs} ms; raise timeoutMs or check the load of Thanos Query`,
          )
        : fail('aborted', 'request aborted');
    const fromNetwork = (error: unknown, status?: number) =>
      fail(
        'network',
        networkFailureText(errorCodeOf(error)),
        describeFetchError(error),
        status,
      );
    return { fail, fromAbort, fromNetwork };
  }

  /** The response and its body, read within the size limit. */
  private async fetchText(
    url: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
    signal: AbortSignal,
    failures: ReturnType<ThanosHttpEndpoint['failuresOf']>,
  ): Promise<{ response: Response; text: string }> {
    let response: Response;
    try {
      response = await fetch(url, {
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
      if (signal.aborted) throw failures.fromAbort();
      throw failures.fromNetwork(error);
    }

    try {
      const text = await readBounded(
        response,
        this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      );
      return { response, text };
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw failures.fail(
          'too-large',
          `response larger than ${error.limit} bytes; refusing to read it`,
          undefined,
          response.status,
        );
      }
      if (signal.aborted) throw failures.fromAbort();
      throw failures.fromNetwork(error, response.status);
    }
  }

  /** The Thanos envelope of a read answer, or the failure it shows. */
  private answerOf(
    response: Response,
    text: string,
    fail: Fail,
  ): ThanosEnvelope {
    const contentType = response.headers.get('content-type') ?? '';
    const html = contentType.includes('text/html') || /^\s*</.test(text);

    if (!response.ok) {
      throw fail(
        'http',
        httpFailureText(
          response.status,
          html,
          html ? undefined : envelopeOf(text)?.errorType,
        ),
        text,
        response.status,
      );
    }
    if (html) {
      throw fail(
        'invalid-response',
        'expected JSON but got an HTML page (is the URL pointing at the Thanos UI or a login page?)',
        text,
        response.status,
      );
    }

    let body: unknown;
    try {
      body = parseThanosJson(text);
    } catch (error) {
      throw fail(
        'invalid-response',
        'the answer is not valid JSON (cut off, or not Thanos?)',
        `${(error as Error).message}: ${text}`,
        response.status,
      );
    }
    if (!isRecord(body) || typeof body.status !== 'string') {
      throw fail(
        'invalid-response',
        'JSON without the Thanos envelope {"status":…,"data":…}',
        text,
        response.status,
      );
    }
    if (body.status !== 'success') {
      throw fail(
        'thanos',
        thanosErrorText(
          typeof body.errorType === 'string' ? body.errorType : undefined,
        ),
        text,
        response.status,
      );
    }
    // Thanos' own words about its stores, shown in a finding: scrubbed and bounded.
    const warnings = Array.isArray(body.warnings)
      ? body.warnings
          .slice(0, MAX_WARNINGS)
          .map(warning =>
            capText(
              this.redactor.redact(String(warning)),
              MAX_UPSTREAM_TEXT_LENGTH,
            ),
          )
      : [];
    return { data: body.data, warnings };
  }
}

/** Builds the error of one failed request; `detail` (upstream text) is logged, not shown. */
type Fail = (
  kind: ConstructorParameters<typeof ThanosRequestError>[0]['kind'],
  shown: string,
  detail?: string,
  status?: number,
) => ThanosRequestError;

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
      // The pair is what a Basic header carries (base64-encoded by the redactor like any form).
      return [auth.password, `${auth.username}:${auth.password}`];
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

/** The `errorType` and `error` of a Thanos JSON envelope, when the body is one. */
function envelopeOf(text: string): { errorType?: string } | undefined {
  try {
    const body = JSON.parse(text);
    if (isRecord(body) && typeof body.errorType === 'string') {
      return { errorType: body.errorType };
    }
  } catch {
    // Not JSON: nothing to name.
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

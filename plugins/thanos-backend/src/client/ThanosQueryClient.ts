import {
  type PromQLSpecialValue,
  type StoreEndpoint,
  parsePromQLValue,
  specialValueOf,
} from '@thanos-backstage/plugin-thanos-common';
import { ThanosHttpEndpoint } from './ThanosHttpEndpoint';
import { ThanosRequestError } from './ThanosRequestError';
import { parseStores } from './parseStores';
import { SecretRedactor, boundedEndpoint, capText } from './upstreamText';

/** One sample of an instant vector: its labels and value. */
export interface VectorSample {
  labels: Record<string, string>;
  /**
   * The sample value. `+Inf`, `-Inf` and `NaN` are PromQL answers (a failure ratio is `+Inf` when
   * every operation fails) and stay as the API spells them, so the value survives the JSON cache;
   * null only when the answer carried no number at all.
   */
  value: number | PromQLSpecialValue | null;
}

/** An instant query's vector and the envelope's `warnings` (e.g. partial response). */
export interface InstantQueryResult {
  samples: VectorSample[];
  warnings: string[];
}

/** `GET /api/v1/status/buildinfo` (`pkg/api/api.go` `BuildInfo`, Thanos v0.15+). */
export interface ThanosBuildInfo {
  version: string;
  revision?: string;
}

/**
 * The Thanos Query HTTP API calls the plugin makes (docs/thanos.md): the store list, an
 * instant PromQL query and the build info. Each call returns parsed data or throws a
 * {@link ThanosRequestError}.
 */
export class ThanosQueryClient {
  constructor(private readonly endpoint: ThanosHttpEndpoint) {}

  /** Scrubs this endpoint's credentials from upstream text. */
  get redactor(): SecretRedactor {
    return this.endpoint.redactor;
  }

  async getStores(signal?: AbortSignal): Promise<StoreEndpoint[]> {
    const path = '/api/v1/stores';
    const { data } = await this.endpoint.get(path, undefined, signal);
    const endpoints = parseStores(data);
    if (!endpoints) {
      throw this.invalidResponse(
        path,
        'data is not a map of store groups to entries with a name; is this a Thanos Query?',
      );
    }
    return endpoints.map(endpoint =>
      boundedEndpoint(endpoint, this.endpoint.redactor),
    );
  }

  /**
   * Instant query with `partial_response=true`, so one failing store yields a warning instead
   * of failing every cluster's answer. Sent as a POST form: the batched query is long.
   */
  async query(
    promql: string,
    options: { time?: number; signal?: AbortSignal } = {},
  ): Promise<InstantQueryResult> {
    const path = '/api/v1/query';
    const form = new URLSearchParams({
      query: promql,
      partial_response: 'true',
    });
    if (options.time !== undefined) form.set('time', String(options.time));
    const { data, warnings } = await this.endpoint.postForm(
      path,
      form,
      options.signal,
    );
    const samples = parseVector(data);
    if (!samples) {
      throw this.invalidResponse(
        path,
        'expected {"resultType":"vector","result":[…]}',
      );
    }
    return { samples, warnings };
  }

  async buildInfo(signal?: AbortSignal): Promise<ThanosBuildInfo> {
    const path = '/api/v1/status/buildinfo';
    const { data } = await this.endpoint.get(path, undefined, signal);
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version !== 'string') {
      throw this.invalidResponse(path, 'no version in the build info');
    }
    const revision = (data as { revision?: unknown }).revision;
    return {
      version: capText(version, 128),
      ...(typeof revision === 'string'
        ? { revision: capText(revision, 128) }
        : {}),
    };
  }

  /** An answer that is not what Thanos sends on that path; `detail` says what was expected. */
  private invalidResponse(path: string, detail: string): ThanosRequestError {
    return new ThanosRequestError({
      kind: 'invalid-response',
      target: this.endpoint.target,
      path,
      detail,
    });
  }
}

/** `data` of an instant query (Prometheus API format, `pkg/api/query/v1.go` `queryData`). */
export function parseVector(data: unknown): VectorSample[] | undefined {
  const body = data as { resultType?: unknown; result?: unknown } | null;
  if (!body || body.resultType !== 'vector' || !Array.isArray(body.result)) {
    return undefined;
  }
  const samples: VectorSample[] = [];
  for (const item of body.result as unknown[]) {
    const sample = item as { metric?: unknown; value?: unknown };
    if (
      typeof sample?.metric !== 'object' ||
      sample.metric === null ||
      !Array.isArray(sample.value)
    ) {
      return undefined;
    }
    const number = parsePromQLValue(sample.value[1]);
    samples.push({
      labels: sample.metric as Record<string, string>,
      value: number === null ? null : specialValueOf(number) ?? number,
    });
  }
  return samples;
}

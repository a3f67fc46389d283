import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';
import { ThanosHttpEndpoint } from './ThanosHttpEndpoint';
import { ThanosRequestError } from './ThanosRequestError';
import { parseStores } from './parseStores';

/** One sample of an instant vector: its labels and value (null for NaN or ±Inf). */
export interface VectorSample {
  labels: Record<string, string>;
  value: number | null;
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
 * The Thanos Query HTTP API calls the plugin makes (notes/thanos.md §1, §2): the store list, an
 * instant PromQL query and the build info. Each call returns parsed data or throws a
 * {@link ThanosRequestError}.
 */
export class ThanosQueryClient {
  constructor(private readonly endpoint: ThanosHttpEndpoint) {}

  async getStores(signal?: AbortSignal): Promise<StoreEndpoint[]> {
    const path = '/api/v1/stores';
    const { data } = await this.endpoint.get(path, undefined, signal);
    const endpoints = parseStores(data);
    if (!endpoints) {
      throw new ThanosRequestError({
        kind: 'invalid-response',
        target: this.endpoint.target,
        path,
        detail:
          'data is not a map of store groups to entries with a name; is this a Thanos Query?',
      });
    }
    return endpoints;
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
      throw new ThanosRequestError({
        kind: 'invalid-response',
        target: this.endpoint.target,
        path,
        detail: 'expected {"resultType":"vector","result":[…]}',
      });
    }
    return { samples, warnings };
  }

  async buildInfo(signal?: AbortSignal): Promise<ThanosBuildInfo> {
    const path = '/api/v1/status/buildinfo';
    const { data } = await this.endpoint.get(path, undefined, signal);
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version !== 'string') {
      throw new ThanosRequestError({
        kind: 'invalid-response',
        target: this.endpoint.target,
        path,
        detail: 'no version in the build info',
      });
    }
    const revision = (data as { revision?: unknown }).revision;
    return {
      version,
      ...(typeof revision === 'string' ? { revision } : {}),
    };
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
    const number = Number(sample.value[1]);
    samples.push({
      labels: sample.metric as Record<string, string>,
      value: Number.isFinite(number) ? number : null,
    });
  }
  return samples;
}

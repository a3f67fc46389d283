import {
  LabelMatcher,
  matchesLabelSet,
} from '@thanos-backstage/plugin-thanos-common';
import type { VectorSample } from '../client/ThanosQueryClient';

/**
 * The one PromQL query per instance and refresh that reads the sidecar and compactor metrics of
 * every cluster at once (DESIGN §5 "Cost"). Each check is aggregated `by` the label names the
 * entities' `thanos.io/external-labels` use (usually just `cluster`), tagged with
 * `label_replace(…, "__thanos_check", "<id>", "", "")` so the terms survive `or` (which drops
 * right-hand series whose labels equal a left-hand one) and can be told apart in the result.
 * Expressions follow the thanos-mixin alerts (notes/thanos.md §5).
 */

export const CHECK_LABEL = '__thanos_check';

/** Compactor job selector of the thanos-mixin (`mixin/config.libsonnet`). */
const COMPACT_JOB = 'job=~".*thanos-compact.*"';
/**
 * The mixin's sidecar selector is `.*thanos-sidecar.*`; kube-prometheus-stack scrapes the sidecar
 * through its `<release>-thanos-discovery` Service, so that job name is accepted too. The sidecar
 * and the compactor share `thanos_objstore_bucket_last_successful_upload_time`, so the job tells
 * them apart.
 */
const SIDECAR_JOB = 'job=~".*thanos-sidecar.*|.*thanos-discovery.*"';

type Combine = 'min' | 'max' | 'sum';

interface CheckDefinition {
  /** Builds the expression for `by (<labels>)`. */
  expr: (by: string) => string;
  /** How to combine several series when an entity's matchers select more than one group. */
  combine: Combine;
}

export const CHECKS = {
  sidecarPrometheusUp: {
    expr: by => `min by (${by}) (thanos_sidecar_prometheus_up)`,
    combine: 'min',
  },
  sidecarShipperUploadFailures: {
    expr: by =>
      `sum by (${by}) (increase(thanos_shipper_upload_failures_total[1h]))`,
    combine: 'sum',
  },
  sidecarLastUpload: {
    expr: by =>
      `max by (${by}) (thanos_objstore_bucket_last_successful_upload_time{${SIDECAR_JOB}})`,
    combine: 'max',
  },
  // Through Thanos, the Prometheus self-scrape carries the cluster's external labels. The job
  // filter keeps out the TSDB heads of Thanos Receive/Ruler, which export the same metric.
  sidecarNewestSample: {
    expr: by =>
      `max by (${by}) (prometheus_tsdb_head_max_time{job=~".*prometheus.*"})`,
    combine: 'max',
  },
  compactHalted: {
    expr: by => `max by (${by}) (thanos_compact_halted)`,
    combine: 'max',
  },
  compactUp: {
    expr: by => `sum by (${by}) (up{${COMPACT_JOB}})`,
    combine: 'sum',
  },
  compactLastRun: {
    expr: by =>
      `max by (${by}) (max_over_time(thanos_objstore_bucket_last_successful_upload_time{${COMPACT_JOB}}[24h]))`,
    combine: 'max',
  },
  compactTodoCompactions: {
    expr: by => `sum by (${by}) (thanos_compact_todo_compactions)`,
    combine: 'sum',
  },
  compactTodoCompactionBlocks: {
    expr: by => `sum by (${by}) (thanos_compact_todo_compaction_blocks)`,
    combine: 'sum',
  },
  compactTodoDownsampleBlocks: {
    expr: by => `sum by (${by}) (thanos_compact_todo_downsample_blocks)`,
    combine: 'sum',
  },
  compactTodoDeletionBlocks: {
    expr: by => `sum by (${by}) (thanos_compact_todo_deletion_blocks)`,
    combine: 'sum',
  },
  // ThanosCompactHighCompactionFailures
  compactCompactionFailurePercent: {
    expr: by =>
      `(sum by (${by}) (rate(thanos_compact_group_compactions_failures_total{${COMPACT_JOB}}[5m])) / sum by (${by}) (rate(thanos_compact_group_compactions_total{${COMPACT_JOB}}[5m])) * 100)`,
    combine: 'max',
  },
  // ThanosCompactBucketHighOperationFailures
  compactBucketFailurePercent: {
    expr: by =>
      `(sum by (${by}) (rate(thanos_objstore_bucket_operation_failures_total{${COMPACT_JOB}}[5m])) / sum by (${by}) (rate(thanos_objstore_bucket_operations_total{${COMPACT_JOB}}[5m])) * 100)`,
    combine: 'max',
  },
  compactDownsampleFailures: {
    expr: by =>
      `sum by (${by}) (increase(thanos_compact_downsample_failures_total[1h]))`,
    combine: 'sum',
  },
  // The compactor's Thanos version, carried in the `version` label of thanos_build_info.
  compactVersion: {
    expr: by => `count by (${by}, version) (thanos_build_info{${COMPACT_JOB}})`,
    combine: 'sum',
  },
} satisfies Record<string, CheckDefinition>;

export type CheckId = keyof typeof CHECKS;
const CHECK_IDS = Object.keys(CHECKS) as CheckId[];

/**
 * The label names to group by: every name the matchers of the instance's entities use, sorted so
 * that the same set of entities always yields the same query (and the same cache key).
 */
export function groupingLabels(matcherSets: LabelMatcher[][]): string[] {
  const names = new Set<string>();
  for (const matchers of matcherSets) {
    for (const matcher of matchers) names.add(matcher.name);
  }
  return [...names].sort();
}

/** The batched instant query for these grouping labels. */
export function buildBatchQuery(labels: string[]): string {
  if (labels.length === 0) {
    throw new Error('the batched query needs at least one grouping label');
  }
  const by = labels.join(', ');
  return CHECK_IDS.filter(
    id => id !== 'compactVersion' || !labels.includes('version'),
  )
    .map(
      id =>
        `label_replace(${CHECKS[id].expr(
          by,
        )}, "${CHECK_LABEL}", "${id}", "", "")`,
    )
    .join(' or ');
}

/** The batch result as series per check, with the tag label removed. JSON-safe for the cache. */
export type BatchSeries = Partial<Record<CheckId, VectorSample[]>>;

export function splitBatchResult(samples: VectorSample[]): BatchSeries {
  const series: BatchSeries = {};
  for (const sample of samples) {
    const { [CHECK_LABEL]: id, ...labels } = sample.labels;
    if (!id || !(id in CHECKS)) continue;
    (series[id as CheckId] ??= []).push({ labels, value: sample.value });
  }
  return series;
}

/**
 * Lookup tables of a batch answer for equality matchers, built on first use: a fleet of 1000
 * clusters asks the same answer 1000 times, and scanning every series each time would dominate
 * the warm latency. Weakly held, so they live exactly as long as the cached answer.
 */
const equalityIndexes = new WeakMap<
  BatchSeries,
  Map<string, Map<string, VectorSample[]>>
>();
const SEPARATOR = '\u0000';

/** The series of one check that belong to a cluster (its matchers accept the series' labels). */
export function seriesForCluster(
  series: BatchSeries,
  id: CheckId,
  matchers: LabelMatcher[],
): VectorSample[] {
  if (!matchers.every(matcher => matcher.op === '=')) {
    return (series[id] ?? []).filter(sample =>
      matchesLabelSet(matchers, sample.labels),
    );
  }
  // Same semantics as matchesLabelSet for `=`: a missing label reads as the empty string.
  const names = matchers.map(matcher => matcher.name);
  const indexKey = [id, ...names].join(SEPARATOR);
  let indexes = equalityIndexes.get(series);
  if (!indexes) {
    indexes = new Map();
    equalityIndexes.set(series, indexes);
  }
  let index = indexes.get(indexKey);
  if (!index) {
    index = new Map();
    for (const sample of series[id] ?? []) {
      const key = names.map(name => sample.labels[name] ?? '').join(SEPARATOR);
      const bucket = index.get(key);
      if (bucket) bucket.push(sample);
      else index.set(key, [sample]);
    }
    indexes.set(indexKey, index);
  }
  return (
    index.get(matchers.map(matcher => matcher.value).join(SEPARATOR)) ?? []
  );
}

/** One value per cluster and check; null when no series belongs to the cluster. */
export function valueForCluster(
  series: BatchSeries,
  id: CheckId,
  matchers: LabelMatcher[],
): number | null {
  const values = seriesForCluster(series, id, matchers)
    .map(sample => sample.value)
    .filter((value): value is number => value !== null);
  if (values.length === 0) return null;
  switch (CHECKS[id].combine as Combine) {
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    default:
      return values.reduce((sum, value) => sum + value, 0);
  }
}

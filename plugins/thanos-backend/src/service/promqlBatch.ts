import {
  COMPACT_JOB_SELECTOR,
  LabelMatcher,
  MIRRORED_ALERTS,
  SIDECAR_JOB_SELECTOR,
  ALERT_EVALUATION_STEP_MINUTES,
  matchesLabelSet,
  parsePromQLValue,
} from '@thanos-backstage/plugin-thanos-common';
import { MAX_UPSTREAM_LABEL_LENGTH, capText } from '../client/upstreamText';
import type { VectorSample } from '../client/ThanosQueryClient';

/**
 * The one PromQL query per instance and refresh that reads the sidecar and compactor metrics of
 * every cluster at once (docs/architecture.md, "Cost"). Each check is aggregated `by` the instance's
 * configured grouping labels (default `cluster`), never by names taken from entities, so no
 * annotation can change or break the query every entity shares. Tagged with
 * `label_replace(…, "__thanos_check", "<id>", "", "")` so the terms survive `or` (which drops
 * right-hand series whose labels equal a left-hand one) and can be told apart in the result.
 * Expressions follow the thanos-mixin alerts (docs/thanos.md, "Mixin alerts mirrored"): every
 * mirrored alert with a `for:` is evaluated here as `count_over_time((<condition>)[<for>:1m])`, the
 * number of one-minute steps of its window at which its condition held, so one query still answers
 * for every cluster while each alert is judged over its window rather than on one sample.
 */

export const CHECK_LABEL = '__thanos_check';

const COMPACT_JOB = COMPACT_JOB_SELECTOR;
/**
 * The mixin's sidecar selector is `.*thanos-sidecar.*`; kube-prometheus-stack scrapes the sidecar
 * through its `<release>-thanos-discovery` Service, so that job name is accepted too. The sidecar
 * and the compactor share `thanos_objstore_bucket_last_successful_upload_time`, so the job tells
 * them apart.
 */
const SIDECAR_JOB = SIDECAR_JOB_SELECTOR;

type Combine = 'min' | 'max' | 'sum';

interface CheckDefinition {
  /** Builds the expression for `by (<labels>)`. */
  expr: (by: string) => string;
  /** How to combine several series when an entity's matchers select more than one group. */
  combine: Combine;
}

/** A backlog gauge of the compactor, summed over the cluster's compactors. */
function compactorBacklog(metric: string): CheckDefinition {
  return { expr: by => `sum by (${by}) (${metric})`, combine: 'sum' };
}

export const CHECKS = {
  sidecarPrometheusUp: {
    expr: by => `min by (${by}) (thanos_sidecar_prometheus_up{${SIDECAR_JOB}})`,
    combine: 'min',
  },
  sidecarShipperUploadFailures: {
    expr: by =>
      `sum by (${by}) (increase(thanos_shipper_upload_failures_total[1h]))`,
    combine: 'sum',
  },
  // What ThanosSidecarBucketOperationsFailed compares with 0, for the finding's detail.
  sidecarBucketFailureRate: {
    expr: by =>
      `sum by (${by}) (rate(thanos_objstore_bucket_operation_failures_total{${SIDECAR_JOB}}[5m]))`,
    combine: 'sum',
  },
  sidecarLastUpload: {
    expr: by =>
      `max by (${by}) (thanos_objstore_bucket_last_successful_upload_time{${SIDECAR_JOB}})`,
    combine: 'max',
  },
  // Through Thanos, the Prometheus self-scrape carries the cluster's external labels. The job
  // filter keeps out the TSDB heads of Thanos Receive/Ruler, which export the same metric. Read
  // over a range: when that Prometheus stops ingesting, this series stops with all the others, and
  // only its last value (the newest sample it holds) says since when.
  sidecarNewestSample: {
    expr: by =>
      `max by (${by}) (max_over_time(prometheus_tsdb_head_max_time{job=~".*prometheus.*"}[24h]))`,
    combine: 'max',
  },
  compactHalted: {
    expr: by => `max by (${by}) (thanos_compact_halted{${COMPACT_JOB}})`,
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
  compactTodoCompactions: compactorBacklog('thanos_compact_todo_compactions'),
  compactTodoCompactionBlocks: compactorBacklog(
    'thanos_compact_todo_compaction_blocks',
  ),
  compactTodoDownsampleBlocks: compactorBacklog(
    'thanos_compact_todo_downsample_blocks',
  ),
  compactTodoDeletionBlocks: compactorBacklog(
    'thanos_compact_todo_deletion_blocks',
  ),
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

/**
 * The mirrored alerts that have a `for:` window, as checks: the value is the number of one-minute
 * steps of the window at which the alert's condition held (no series: at none).
 */
export const ALERT_CHECKS: Record<string, CheckDefinition> = Object.fromEntries(
  MIRRORED_ALERTS.filter(alert => alert.forMinutes !== null).map(alert => [
    `alert_${alert.alert}`,
    {
      expr: (by: string) =>
        `count_over_time((${alert.condition.replace(/\$by/g, by)})[${
          alert.forMinutes
        }m:${ALERT_EVALUATION_STEP_MINUTES}m])`,
      combine: 'max' as const,
    },
  ]),
);

export type CheckId = keyof typeof CHECKS | `alert_${string}`;
const CHECK_IDS = [
  ...Object.keys(CHECKS),
  ...Object.keys(ALERT_CHECKS),
] as CheckId[];

function definitionOf(id: CheckId): CheckDefinition | undefined {
  return (CHECKS as Record<string, CheckDefinition>)[id] ?? ALERT_CHECKS[id];
}

/**
 * The labels of the query that answers for an entity: the instance's grouping labels when the
 * entity's matchers use only those (the shared batched query), otherwise the entity's own label
 * names, sorted, for a query of its own. That query depends on the names alone, so entities with
 * the same names share it, and nothing another entity writes can change it.
 */
export function queryLabelsFor(
  matchers: LabelMatcher[],
  groupingLabels: string[],
): { labels: string[]; shared: boolean } {
  const names = [...new Set(matchers.map(matcher => matcher.name))].sort();
  return names.every(name => groupingLabels.includes(name))
    ? { labels: groupingLabels, shared: true }
    : { labels: names, shared: false };
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
        `label_replace(${definitionOf(id)!.expr(
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
    if (!id || !definitionOf(id as CheckId)) continue;
    (series[id as CheckId] ??= []).push({
      labels: boundedLabels(labels),
      value: sample.value,
    });
  }
  return series;
}

/**
 * Label values are carried into answers (the compactor's `version`) and matched against
 * annotations, whose values are capped at the same length: a longer value can match nothing.
 */
function boundedLabels(labels: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(labels)) {
    if (typeof value === 'string' && value.length > MAX_UPSTREAM_LABEL_LENGTH) {
      labels[name] = capText(value, MAX_UPSTREAM_LABEL_LENGTH);
    }
  }
  return labels;
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

/**
 * One value per cluster and check; null when no series belongs to the cluster. `+Inf`, `-Inf`
 * and `NaN` come back as JavaScript numbers; NaN counts only when every series is NaN (as
 * PromQL's `min`/`max` skip it), while a sum with NaN is NaN.
 */
export function valueForCluster(
  series: BatchSeries,
  id: CheckId,
  matchers: LabelMatcher[],
): number | null {
  const values = seriesForCluster(series, id, matchers)
    .map(sample => parsePromQLValue(sample.value))
    .filter((value): value is number => value !== null);
  if (values.length === 0) return null;
  const combine = definitionOf(id)!.combine;
  if (combine === 'sum') return values.reduce((sum, value) => sum + value, 0);
  const numbers = values.filter(value => !Number.isNaN(value));
  if (numbers.length === 0) return NaN;
  return combine === 'min' ? Math.min(...numbers) : Math.max(...numbers);
}

/** Steps of each mirrored alert's window at which its condition held, for one cluster. */
export function alertStepsForCluster(
  series: BatchSeries,
  matchers: LabelMatcher[],
  prefix: 'ThanosCompact' | 'ThanosSidecar',
): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const id of Object.keys(ALERT_CHECKS)) {
    const alert = id.slice('alert_'.length);
    if (!alert.startsWith(prefix)) continue;
    steps[alert] = valueForCluster(series, id as CheckId, matchers) ?? 0;
  }
  return steps;
}

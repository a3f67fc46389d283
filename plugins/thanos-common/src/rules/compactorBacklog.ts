import type { CompactorBacklog, Finding } from '../types';

/** The compactor's planned work (`thanos_compact_todo_*`) in findings and words. */

/** ThanosCompactHighCompactionFailures / ThanosCompactBucketHighOperationFailures: > 5 %. */
export const FAILURE_PERCENT_THRESHOLD = 5;
/** Backlog sizes from which the compactor is considered to be falling behind. */
export const HIGH_BACKLOG = { todoCompactions: 100, todoDownsampleBlocks: 100 };

export function backlogFindings(backlog: CompactorBacklog): Finding[] {
  const { todoCompactions, todoDownsampleBlocks, todoDeletionBlocks } = backlog;
  const described = describeBacklog(backlog);
  if (
    (todoCompactions ?? 0) > HIGH_BACKLOG.todoCompactions ||
    (todoDownsampleBlocks ?? 0) > HIGH_BACKLOG.todoDownsampleBlocks
  ) {
    return [
      {
        id: 'compactor.backlog-high',
        severity: 'warning',
        title: 'Compactor is falling behind',
        detail: `Planned work: ${described} (thanos_compact_todo_*). More than ${HIGH_BACKLOG.todoCompactions} is more than one compactor clears quickly.`,
        hint: 'Raise --compact.concurrency (and CPU/memory to match), or split the work by time or labels across compactors (Thanos "compactor backlog" guide); a backlog that keeps growing ends with queries reading uncompacted data.',
        source: 'promql',
      },
    ];
  }
  if (
    (todoCompactions ?? 0) > 0 ||
    (todoDownsampleBlocks ?? 0) > 0 ||
    (todoDeletionBlocks ?? 0) > 0
  ) {
    return [
      {
        id: 'compactor.backlog',
        severity: 'info',
        title: 'Compactor has work queued',
        detail: `Planned work: ${described} (thanos_compact_todo_*, recomputed every 5 minutes). A backlog is normal right after new blocks arrive; only one that keeps growing is a problem.`,
        hint: 'Nothing to do unless the numbers keep growing over hours.',
        source: 'promql',
      },
    ];
  }
  return [];
}

export function describeBacklog(backlog: CompactorBacklog): string {
  const parts = [
    count(backlog.todoCompactions, 'compaction'),
    count(
      backlog.todoCompactionBlocks,
      'block to compact',
      'blocks to compact',
    ),
    count(
      backlog.todoDownsampleBlocks,
      'block to downsample',
      'blocks to downsample',
    ),
    count(
      backlog.todoDeletionBlocks,
      'block past retention',
      'blocks past retention',
    ),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'unknown';
}

export function count(
  value: number | null,
  one: string,
  many = `${one}s`,
): string | undefined {
  return value === null ? undefined : `${value} ${value === 1 ? one : many}`;
}

export function percent(value: number): string {
  return `${value.toFixed(1)} %`;
}

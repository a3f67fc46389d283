import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import type { ObserveeFacts } from './judgeObservee';

/** Judgements kept for warm requests: one per entity, so this bounds only catalog churn. */
const MAX_JUDGEMENTS = 10_000;

interface Judgement {
  factsKey: string;
  judgedAt: number;
  status: ClusterStatus;
}

/** Which observee, and which reads of its facts, a judgement was made from. */
export interface JudgementKey {
  target: string;
  facts: string;
}

/**
 * The last judgement of each observee and the facts it was made from. A warm request finds the
 * judgement of the very facts it gathered: a lookup instead of judging again. A judgement is
 * reused for at most one refresh interval, so an answer never outlives its facts' freshness.
 */
export class JudgementMemo {
  private readonly judged = new Map<string, Judgement>();

  constructor(private readonly clock: () => number) {}

  /** `labels`: the grouping labels of the metrics query the facts were read with. */
  static keyOf(facts: ObserveeFacts, labels: string[]): JudgementKey {
    const { target } = facts;
    return {
      // Everything of the entity that the judgement depends on.
      target: JSON.stringify([
        target.entityRef,
        target.instance,
        target.observeeKey,
        target.externalLabels,
        target.kubernetesCluster ?? null,
      ]),
      // A new read of any fact makes a new key.
      facts: JSON.stringify([
        labels,
        facts.central.readAt,
        facts.metrics.readAt,
        facts.tlsQuerier.fact,
        facts.inside.fact,
      ]),
    };
  }

  /** The status judged from these very facts within `ttlMs`, or undefined. */
  lookup(key: JudgementKey, ttlMs: number): ClusterStatus | undefined {
    const memo = this.judged.get(key.target);
    if (
      memo &&
      memo.factsKey === key.facts &&
      this.clock() - memo.judgedAt < ttlMs
    ) {
      return memo.status;
    }
    return undefined;
  }

  remember(key: JudgementKey, status: ClusterStatus) {
    // One entry per entity; the cap only guards against entities churning in the catalog.
    if (this.judged.size >= MAX_JUDGEMENTS && !this.judged.has(key.target)) {
      this.judged.delete(this.judged.keys().next().value!);
    }
    this.judged.set(key.target, {
      factsKey: key.facts,
      judgedAt: this.clock(),
      status,
    });
  }
}

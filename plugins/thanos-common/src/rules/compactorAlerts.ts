import type { Finding } from '../types';
import { alertFires, mirroredAlert } from './mirroredAlerts';
import type { CompactorObservation } from './observations';
import { formatPromQLNumber } from './promqlValues';
import { FAILURE_PERCENT_THRESHOLD, percent } from './compactorBacklog';

/**
 * Compactor alerts judged over their `for:` window (`MIRRORED_ALERTS`), and the failure-ratio
 * findings, whose ratio is `+Inf` when every operation fails.
 */

type CompactorMetrics = NonNullable<CompactorObservation['metrics']>;

export interface AlertJudgement {
  fires: boolean;
  /** The condition holds now but not yet for the alert's whole `for:` window. */
  pending: boolean;
  /** " for the last N minutes" when judged over the window, else "". */
  held: string;
}

/**
 * A mirrored alert judged over its `for:` window when the observation carries the steps at which
 * its condition held (the backend always does); from the instant value otherwise.
 */
export function alertJudgement(
  metrics: CompactorMetrics,
  alert: string,
  instant: boolean,
): AlertJudgement {
  const mirrored = mirroredAlert(alert);
  if (!metrics.alertSteps) return { fires: instant, pending: false, held: '' };
  const fires = alertFires(mirrored, metrics.alertSteps[alert]);
  return {
    fires,
    pending: !fires && instant && mirrored.held === 'at-every-step',
    held:
      fires && mirrored.forMinutes
        ? ` at every evaluation of the last ${mirrored.forMinutes} minutes`
        : '',
  };
}

export function pendingFinding(
  id: string,
  title: string,
  alert: string,
): Finding {
  const { forMinutes } = mirroredAlert(alert);
  return {
    id: `${id}-pending`,
    severity: 'info',
    title: `${title} for less than ${forMinutes} minutes`,
    detail: `The condition of ${alert} holds now but not yet at every evaluation of its ${forMinutes}-minute window; the alert (and this status) waits that long so that one failed scrape or a restart does not count.`,
    hint: 'Nothing to do yet; if it persists the finding turns into the alert.',
    source: 'promql',
  };
}

export function failureRatioFindings(
  metrics: CompactorMetrics,
  alert: string,
  value: number | null,
  text: {
    id: string;
    title: string;
    allFail: string;
    what: string;
    metric: string;
    hint: string;
  },
): Finding[] {
  const instant =
    value !== null && !Number.isNaN(value) && value > FAILURE_PERCENT_THRESHOLD;
  const judged = alertJudgement(metrics, alert, instant);
  if (!judged.fires) {
    return judged.pending ? [pendingFinding(text.id, text.title, alert)] : [];
  }
  const every = value === Infinity;
  const shown =
    value === null ? 'more than 5 %' : formatPromQLNumber(value, percent);
  return [
    {
      id: text.id,
      severity: 'warning',
      title: every ? text.allFail : text.title,
      detail: every
        ? `The failure ratio of ${text.what} is +Inf (${text.metric} over 5 minutes): failures while not one succeeded${judged.held}. The alert fires above 5 %.`
        : `${shown} of ${text.what} failed over 5 minutes${judged.held} (${text.metric}; the alert fires above 5 %).`,
      hint: text.hint,
      source: 'promql',
      alert,
    },
  ];
}

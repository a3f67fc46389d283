import type { Finding, FindingSeverity, HealthState } from '../types';

/**
 * How bad each state is. `unknown` ranks above `ok` so that a status built from one judged part
 * and one that could not be judged does not read as healthy, and below `warning` so that a real
 * problem found elsewhere is never hidden behind "unknown".
 */
const RANK: Record<HealthState, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

/**
 * The worst of several states (`error`, then `warning`, then `unknown`, then `ok`); `ok` for none.
 *
 * @public
 */
export function worstState(states: HealthState[]): HealthState {
  return states.reduce<HealthState>(
    (worst, state) => (RANK[state] > RANK[worst] ? state : worst),
    'ok',
  );
}

/** The state a finding of this severity puts its subject in; `info` never penalises. */
export function stateOfSeverity(severity: FindingSeverity): HealthState {
  return severity === 'info' ? 'ok' : severity;
}

/**
 * The state a list of findings amounts to: the worst severity among them, `ok` when there are
 * only `info` findings or none.
 *
 * @public
 */
export function stateOfFindings(
  findings: Pick<Finding, 'severity'>[],
): HealthState {
  return worstState(findings.map(finding => stateOfSeverity(finding.severity)));
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/**
 * Findings ordered for reading: errors first, then warnings, then info, otherwise as produced.
 *
 * @public
 */
export function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] -
          SEVERITY_ORDER[b.finding.severity] || a.index - b.index,
    )
    .map(({ finding }) => finding);
}

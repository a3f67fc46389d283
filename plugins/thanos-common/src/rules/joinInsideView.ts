import type {
  CompactorStatus,
  Finding,
  HealthState,
  KubernetesView,
  SidecarStatus,
  SourceError,
} from '../types';
import { bySeverity, stateOfFindings, worstState } from './healthState';
import { judgeInsideView } from './insideView';

/**
 * Adds the findings that join the Kubernetes inside view with the Thanos view
 * (`judgeInsideView`) to the judged sidecar and compactor statuses. Pure: no I/O.
 *
 * Which status a finding joins is decided by its id:
 * - `compactor.*` → the compactor;
 * - everything else → the sidecar: `sidecar.*` and `ingress.*` are about the path from the
 *   observer to the sidecar, and `kubernetes.*` (a read Backstage may not do) most often concerns
 *   that path too (the ingress and its client-CA Secret); the read that failed is also in
 *   `errors[]` with its resource.
 *
 * The rules and the inside view share some ids (`sidecar.container-not-ready`,
 * `compactor.pod-crashlooping`, `compactor.multiple-running`): the inside view's version wins,
 * since it was judged with both views at hand.
 */

/** What {@link joinInsideView} joins. @public */
export interface InsideViewJoinInput {
  sidecar: SidecarStatus;
  compactor: CompactorStatus;
  view: KubernetesView;
  errors: SourceError[];
}

/**
 * The judged statuses with the inside view's findings joined in (see the rules above).
 *
 * @public
 */
export function joinInsideView(input: InsideViewJoinInput): {
  sidecar: SidecarStatus;
  compactor: CompactorStatus;
} {
  const { sidecar, compactor, view, errors } = input;
  const findings = judgeInsideView(view, {
    expectedSidecarHost: sidecarHostOf(sidecar),
    centralEndpointDown: thanosReportsSidecarDown(sidecar),
    sidecarReachable: sidecarReachable(sidecar),
    compactorHalted: compactor.evidence.halted,
    errors,
  });
  return {
    sidecar: withFindings(
      sidecar,
      findings.filter(f => !f.id.startsWith('compactor.')),
    ),
    compactor: withFindings(
      compactor,
      findings.filter(f => f.id.startsWith('compactor.')),
    ),
  };
}

/**
 * Whether the observer reaches the sidecar: its metrics arrive, or they stopped only because the
 * cluster's Prometheus stopped ingesting while the path still answers.
 */
function sidecarReachable(sidecar: SidecarStatus): boolean {
  const path = sidecar.evidence.metricsPath;
  return path?.state === 'arriving' || path?.ingestionStoppedAt !== undefined;
}

/**
 * The sidecar address the observer dials (its `stores` entry, `host:443`), as the TLS querier
 * lists it. Undefined when the TLS querier was not read (a sidecar the central query dials
 * directly has no ingress in its path) or lists the sidecar by IP.
 *
 * @public
 */
export function expectedSidecarAddress(
  tlsQuerierEndpoints: Array<{
    name: string;
    type: string;
    lastError: string | null;
  }> | null,
): string | undefined {
  const sidecars = (tlsQuerierEndpoints ?? []).filter(
    e => e.type === 'sidecar',
  );
  const chosen = sidecars.find(e => e.lastError === null) ?? sidecars[0];
  if (!chosen) return undefined;
  const host = chosen.name
    .replace(/^[a-z+]+:\/\/\/?/i, '')
    .replace(/:\d+$/, '');
  const ipLiteral = /^[\d.]+$/.test(host) || host.includes(':');
  return ipLiteral ? undefined : chosen.name;
}

function sidecarHostOf(sidecar: SidecarStatus): string | undefined {
  return expectedSidecarAddress(sidecar.evidence.tlsQuerierEndpoints);
}

/** Thanos itself (central query or TLS querier) reports the sidecar endpoint failing. */
function thanosReportsSidecarDown(sidecar: SidecarStatus): boolean {
  return sidecar.findings.some(
    f =>
      f.hop === 'sidecar' &&
      f.severity === 'error' &&
      (f.source === 'thanos-query' || f.source === 'tls-querier'),
  );
}

/**
 * The status with the inside-view findings added (replacing rule findings of the same id), its
 * state recomputed from the joined findings and its summary naming a new worst finding.
 * A status the rules left `unknown` (its main source could not be read) stays unknown unless the
 * inside view proves a problem, which then shows.
 */
export function withFindings<
  S extends { state: HealthState; summary: string; findings: Finding[] },
>(judged: S, extra: Finding[]): S {
  if (extra.length === 0) return judged;
  const ids = new Set(extra.map(f => f.id));
  const replaced = judged.findings.filter(f => ids.has(f.id));
  const findings = bySeverity([
    ...judged.findings.filter(f => !ids.has(f.id)),
    ...extra,
  ]);

  const state =
    judged.state === 'unknown'
      ? worstState(['unknown', stateOfFindings(extra)])
      : stateOfFindings(findings);

  let summary = judged.summary;
  for (const old of replaced) {
    const newer = extra.find(f => f.id === old.id)!;
    summary = replaceTitle(summary, old.title, newer.title);
  }
  // A state made worse by the inside view says why, as the rules' summaries name their worst
  // finding; an "Unknown: …" summary no longer fits a known problem, so the problem leads.
  const worst = extra.find(f => stateOfFindings([f]) === state);
  if (worst && state !== judged.state) {
    const named = `${worst.title}${worst.alert ? ` (${worst.alert})` : ''}`;
    summary = summary.startsWith('Unknown: ')
      ? `${named}; ${summary.slice('Unknown: '.length)}`
      : `${summary}; ${lowerFirst(named)}`;
  }
  return { ...judged, state, summary, findings };
}

/** Replaces a finding title in a summary, as written there (capitalised or not). */
function replaceTitle(summary: string, from: string, to: string): string {
  if (summary.includes(from)) return summary.split(from).join(to);
  const lower = lowerFirst(from);
  if (summary.includes(lower)) return summary.split(lower).join(lowerFirst(to));
  return summary;
}

function lowerFirst(text: string): string {
  return text.length > 1 && text[1] === text[1].toUpperCase()
    ? text
    : text.charAt(0).toLowerCase() + text.slice(1);
}

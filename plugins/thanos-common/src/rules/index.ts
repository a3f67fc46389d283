export type {
  StoresRead,
  SidecarObservation,
  CompactorObservation,
  ErrorExplanation,
} from './observations';
export { describeDuration, parseRfc3339 } from './durations';
export {
  formatAgo,
  formatFreshness,
  formatTimeRange,
  formatTimestamp,
} from './timeText';
export { worstState, stateOfFindings, bySeverity } from './healthState';
export {
  parseExternalLabels,
  InvalidExternalLabelsError,
} from './externalLabels';
export { matchesLabelSet } from './labelMatching';
export { labelNameProblem, PROMQL_KEYWORDS } from './labelNames';
export { toPromQLSelector } from './promqlSelector';
export { explainStoreError } from './storeErrors';
export { isEmptyQuerier } from './storeEndpoints';
export { unclaimedLabelSets, type UnclaimedLabelSet } from './unclaimed';
export {
  DEFAULT_NOTIFICATION_RULES,
  decideOwnerNotification,
  overallState,
  type NotificationDecision,
  type NotificationMemory,
  type NotificationRules,
  type NotificationThreshold,
  type OwnerNotice,
} from './ownerNotifications';
export { judgeSidecar } from './sidecar';
export { judgeCompactor } from './compactor';
export {
  joinInsideView,
  expectedSidecarAddress,
  type InsideViewJoinInput,
} from './joinInsideView';
export { partialResponseFinding } from './partialResponse';
export {
  judgeInsideView,
  workloadsForBucket,
  type InsideViewContext,
} from './insideView';
export {
  MIRRORED_ALERTS,
  ALERT_EVALUATION_STEP_MINUTES,
  COMPACT_JOB_SELECTOR,
  SIDECAR_JOB_SELECTOR,
  alertFires,
  type MirroredAlert,
} from './mirroredAlerts';
export {
  formatPromQLNumber,
  parsePromQLValue,
  specialValueOf,
} from './promqlValues';

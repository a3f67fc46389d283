export type {
  StoresRead,
  SidecarObservation,
  CompactorObservation,
  ErrorExplanation,
} from './observations';
export { worstState, stateOfFindings, bySeverity } from './healthState';
export {
  parseExternalLabels,
  InvalidExternalLabelsError,
} from './externalLabels';
export { matchesLabelSet } from './labelMatching';
export { toPromQLSelector } from './promqlSelector';
export { explainStoreError } from './storeErrors';
export { isEmptyQuerier } from './storeEndpoints';
export { judgeSidecar } from './sidecar';
export { judgeCompactor } from './compactor';
export {
  judgeInsideView,
  workloadsForBucket,
  type InsideViewContext,
} from './insideView';

export type {
  StoresRead,
  SidecarObservation,
  CompactorObservation,
  ErrorExplanation,
} from './observations';

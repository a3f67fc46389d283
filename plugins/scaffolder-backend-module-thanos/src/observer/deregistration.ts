import { checkRelativeDir } from '../observee/validate';
import { IfMissing } from '../hcl/ObserverEntryRemover';
import {
  checkAwsRegion,
  checkDnsLabel,
  checkObserveeKey,
} from './registration';

/** The inputs of `thanos:observer:deregister` (see the plugin README), defaults applied. */
export interface ObserverDeregistration {
  repoPath: string;
  outputPath: string;
  liveDir: string;
  environment: string;
  observer: { region: string; name: string };
  observee: { key: string };
  ifMissing: IfMissing;
}

/** Refuses the first input that breaks its rule, naming the field and the rule. */
export function validateObserverDeregistration(
  input: ObserverDeregistration,
): void {
  checkRelativeDir('repoPath', input.repoPath);
  checkRelativeDir('outputPath', input.outputPath);
  checkRelativeDir('liveDir', input.liveDir);
  checkDnsLabel('environment', input.environment);
  checkAwsRegion('observer.region', input.observer.region);
  checkDnsLabel('observer.name', input.observer.name);
  checkObserveeKey(input.observee.key);
}

import { eksAddonsUnitPath } from '@thanos-backstage/plugin-thanos-node';
import { DNS_LABEL, isDnsSubdomain } from '../names/derivedNames';
import {
  AWS_REGION,
  AWS_REGION_RULE,
  checkRelativeDir,
  DNS_LABEL_RULE,
  refuse,
} from '../observee/validate';
import { IfExists } from '../hcl/ObserverMapEditor';
import { Observee } from '../hcl/observerEntries';

/** The inputs of `thanos:observer:register` (see the plugin README), defaults applied. */
export interface ObserverRegistration {
  repoPath: string;
  outputPath: string;
  liveDir: string;
  environment: string;
  observer: { region: string; name: string };
  observee: Observee;
  ifExists: IfExists;
}

/**
 * S3 general purpose bucket rules (AWS "Bucket naming rules"): 3–63 characters, lower-case
 * letters, digits, "." and "-", starting and ending with a letter or digit, no "..", not an IP
 * address, none of the reserved prefixes and suffixes.
 */
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_RESERVED = [
  /^xn--/,
  /^sthree-/,
  /^amzn-s3-demo-/,
  /-s3alias$/,
  /--ol-s3$/,
  /\.mrap$/,
  /--x-s3$/,
];
/**
 * Observee keys become names on the observer: Service `thanos-storegateway-<key>-storegateway`
 * must fit 63 characters (docs/infra-repo.md, "Names derived from the key"), so a key holds at
 * most 30.
 */
const MAX_KEY_LENGTH = 30;

export function checkDnsLabel(field: string, value: string) {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    refuse(field, DNS_LABEL_RULE, value);
  }
}

export function checkAwsRegion(field: string, value: string) {
  if (!AWS_REGION.test(value)) refuse(field, AWS_REGION_RULE, value);
}

export function checkObserveeKey(key: string) {
  checkDnsLabel('observee.key', key);
  if (key.length > MAX_KEY_LENGTH) {
    refuse(
      'observee.key',
      `must be at most ${MAX_KEY_LENGTH} characters, because the observer Service "thanos-storegateway-<key>-storegateway" must fit 63`,
      key,
    );
  }
}

/** Refuses the first input that breaks its rule, naming the field and the rule. */
export function validateObserverRegistration(
  input: ObserverRegistration,
): void {
  checkRelativeDir('repoPath', input.repoPath);
  checkRelativeDir('outputPath', input.outputPath);
  checkRelativeDir('liveDir', input.liveDir);
  const label = checkDnsLabel;
  const region = checkAwsRegion;
  label('environment', input.environment);
  region('observer.region', input.observer.region);
  label('observer.name', input.observer.name);

  const { key, sidecarHost, bucket } = input.observee;
  checkObserveeKey(key);
  if (!isDnsSubdomain(sidecarHost) || !sidecarHost.includes('.')) {
    refuse(
      'observee.sidecarHost',
      'must be a fully qualified lower-case host name: dot-separated DNS labels, at most 253 characters, no port or scheme',
      sidecarHost,
    );
  }
  if (
    !S3_BUCKET.test(bucket) ||
    bucket.includes('..') ||
    /^\d+\.\d+\.\d+\.\d+$/.test(bucket) ||
    S3_RESERVED.some(re => re.test(bucket))
  ) {
    refuse(
      'observee.bucket',
      'must follow the S3 bucket naming rules: 3–63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit, no "..", not an IP address, no reserved prefix or suffix',
      bucket,
    );
  }
  region('observee.region', input.observee.region);
}

/** Repo-relative path of the observer's `eks-addons` unit. */
export function observerUnitPath(
  input: Pick<ObserverRegistration, 'liveDir' | 'environment' | 'observer'>,
): string {
  return eksAddonsUnitPath(input.liveDir, {
    environment: input.environment,
    ...input.observer,
  });
}

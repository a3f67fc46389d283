import { posix } from 'node:path';
import { InputError } from '@backstage/errors';
import { DNS_LABEL, isDnsSubdomain } from '../names/derivedNames';
import { checkRelativeDir } from '../observee/validate';
import { IfExists } from './ObserverMapEditor';
import { Observee } from './observerEntries';

/** The inputs of `thanos:observer:register` (DESIGN §4), defaults applied. */
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
 * Applies the documented defaults. The scaffolder checks inputs against the action's JSON schema,
 * which does not fill in defaults, so the handler must.
 */
export function withRegistrationDefaults(
  input: Omit<
    ObserverRegistration,
    'repoPath' | 'outputPath' | 'liveDir' | 'ifExists'
  > &
    Partial<
      Pick<
        ObserverRegistration,
        'repoPath' | 'outputPath' | 'liveDir' | 'ifExists'
      >
    >,
): ObserverRegistration {
  return {
    ...input,
    repoPath: input.repoPath ?? '.',
    outputPath: input.outputPath ?? 'pr',
    liveDir: input.liveDir ?? 'terragrunt/live',
    ifExists: input.ifExists ?? 'fail',
  };
}

/** `eu-west-1`, `us-gov-east-1`, `ap-southeast-2`… */
const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;
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
 * must fit 63 characters (notes/terragrunt-reference.md §2.2), so a key holds at most 30.
 */
const MAX_KEY_LENGTH = 30;

function refuse(field: string, rule: string, value: unknown): never {
  throw new InputError(`${field} ${rule}; got ${JSON.stringify(value)}`);
}

/** Refuses the first input that breaks its rule, naming the field and the rule. */
export function validateObserverRegistration(
  input: ObserverRegistration,
): void {
  checkRelativeDir('repoPath', input.repoPath);
  checkRelativeDir('outputPath', input.outputPath);
  checkRelativeDir('liveDir', input.liveDir);
  const label = (field: string, value: string) => {
    if (value.length > 63 || !DNS_LABEL.test(value)) {
      refuse(
        field,
        'must be a DNS label: 1–63 lower-case letters, digits or "-", starting and ending with a letter or digit',
        value,
      );
    }
  };
  const region = (field: string, value: string) => {
    if (!AWS_REGION.test(value))
      refuse(field, 'must be an AWS region code such as "eu-west-3"', value);
  };
  label('environment', input.environment);
  region('observer.region', input.observer.region);
  label('observer.name', input.observer.name);

  const { key, sidecarHost, bucket } = input.observee;
  label('observee.key', key);
  if (key.length > MAX_KEY_LENGTH) {
    refuse(
      'observee.key',
      `must be at most ${MAX_KEY_LENGTH} characters, because the observer Service "thanos-storegateway-<key>-storegateway" must fit 63`,
      key,
    );
  }
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
export function observerUnitPath(input: ObserverRegistration): string {
  return posix.join(
    input.liveDir,
    input.environment,
    input.observer.region,
    'clusters',
    input.observer.name,
    'eks-addons',
    'terragrunt.hcl',
  );
}

import { InputError } from '@backstage/errors';
import { DNS_LABEL } from '../names/derivedNames';
import { ObserveeRequest } from './request';
import { shownInput } from '../shownInput';

/**
 * Rules on the action's own inputs. Each rule names the field and what it accepts, so the form
 * user knows what to change. Rules on names derived from several inputs live in
 * `names/derivedNames.ts`.
 */

/** `eu-west-1`, `us-gov-east-1`, `ap-southeast-2`… */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/;
export const AWS_REGION_RULE = 'must be an AWS region code such as "eu-west-3"';
export const DNS_LABEL_RULE =
  'must be a DNS label: 1–63 lower-case letters, digits or "-", starting and ending with a letter or digit';
/** Prometheus/Thanos durations: units in decreasing order, e.g. `2d`, `1w3d`, `90m`. */
const PROMETHEUS_DURATION =
  /^(?=\d)(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;
/** Prometheus `retentionSize`: an integer and a byte unit, e.g. `6GB`. */
const PROMETHEUS_BYTE_SIZE = /^[1-9]\d*(B|KB|MB|GB|TB|PB|EB)$/;
/** Kubernetes resource quantity, e.g. `10Gi`, `500M`, `1.5Ti`. */
const KUBERNETES_QUANTITY =
  /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
/** EC2 instance type, e.g. `m5a.large`, `c7g.2xlarge`. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const KUBERNETES_VERSION = /^1\.\d{2}$/;
/** A git tag or branch name safe inside a module source URL. */
const GIT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const RELATIVE_PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Refuses `value` of the input `field`, naming the rule it breaks. */
export function refuse(field: string, rule: string, value: unknown): never {
  throw new InputError(`${field} ${rule}; got ${shownInput(value)}`);
}

function dnsLabel(field: string, value: unknown) {
  if (
    typeof value !== 'string' ||
    value.length > 63 ||
    !DNS_LABEL.test(value)
  ) {
    refuse(field, DNS_LABEL_RULE, value);
  }
}

function matches(field: string, value: unknown, re: RegExp, rule: string) {
  if (typeof value !== 'string' || !re.test(value)) refuse(field, rule, value);
}

function integer(field: string, value: unknown, min: number, max: number) {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    refuse(field, `must be a whole number from ${min} to ${max}`, value);
  }
}

/** A repo-relative folder: no absolute path, no `..`, no empty or hidden tricks. */
export function checkRelativeDir(field: string, value: unknown) {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    refuse(field, 'must be a relative folder path', value);
  }
  if (value === '.') return;
  const segments = value.replace(/\/+$/, '').split('/');
  if (!segments.every(s => RELATIVE_PATH_SEGMENT.test(s) && s !== '..')) {
    refuse(
      field,
      'must be a relative folder path of letters, digits, ".", "_" and "-" (no "..", no leading "/")',
      value,
    );
  }
}

/** IPv4 network with a prefix from /16 to /20, host bits zero. */
export function checkVpcCidr(value: unknown) {
  const rule =
    'must be an IPv4 network in CIDR notation with a prefix from /16 to /20 and no host bits set, e.g. "10.0.0.0/16"';
  const m =
    typeof value === 'string'
      ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value)
      : null;
  if (!m) refuse('vpcCidr', rule, value);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some(o => o > 255) || prefix < 16 || prefix > 20) {
    refuse('vpcCidr', rule, value);
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (address % 2 ** (32 - prefix) !== 0) refuse('vpcCidr', rule, value);
}

/**
 * Checks every input, group by group in a fixed order, and throws on the first one that breaks
 * its rule.
 */
export function validateObserveeRequest(req: ObserveeRequest): void {
  checkPaths(req);
  checkNames(req);
  checkPrometheus(req.prometheus);
  checkCompactor(req.compactor);
  checkCluster(req);
  checkNodeGroup(req.nodeGroup);
  checkModuleVersions(req.moduleVersions);
}

const DURATION_RULE =
  'must be a Prometheus duration: a number and a unit (ms, s, m, h, d, w, y), units may be combined largest first, e.g. "2d" or "1w3d"';

function checkPaths(req: ObserveeRequest) {
  checkRelativeDir('repoPath', req.repoPath);
  checkRelativeDir('outputPath', req.outputPath);
  checkRelativeDir('liveDir', req.liveDir);
}

/** The observee's and observer's names and regions; the two must be different clusters. */
function checkNames(req: ObserveeRequest) {
  dnsLabel('environment', req.environment);
  dnsLabel('name', req.name);
  if (typeof req.observer !== 'object' || req.observer === null) {
    refuse('observer', 'must be an object { region, name }', req.observer);
  }
  dnsLabel('observer.name', req.observer.name);
  matches('region', req.region, AWS_REGION, AWS_REGION_RULE);
  matches('observer.region', req.observer.region, AWS_REGION, AWS_REGION_RULE);
  if (req.observer.region === req.region && req.observer.name === req.name) {
    refuse('name', 'must differ from the observer cluster', req.name);
  }
}

function checkPrometheus(p: ObserveeRequest['prometheus']) {
  integer('prometheus.replicas', p.replicas, 1, 10);
  matches(
    'prometheus.retention',
    p.retention,
    PROMETHEUS_DURATION,
    DURATION_RULE,
  );
  matches(
    'prometheus.retentionSize',
    p.retentionSize,
    PROMETHEUS_BYTE_SIZE,
    'must be a whole number and a byte unit (B, KB, MB, GB, TB, PB, EB), e.g. "6GB"',
  );
  if (
    typeof p.storageClass !== 'string' ||
    p.storageClass.length > 253 ||
    !p.storageClass.split('.').every(l => DNS_LABEL.test(l))
  ) {
    refuse(
      'prometheus.storageClass',
      'must be a Kubernetes StorageClass name (lower-case DNS name)',
      p.storageClass,
    );
  }
  matches(
    'prometheus.storageSize',
    p.storageSize,
    KUBERNETES_QUANTITY,
    'must be a Kubernetes quantity such as "10Gi"',
  );
}

function checkCompactor(c: ObserveeRequest['compactor']) {
  for (const key of ['retentionRaw', 'retention5m', 'retention1h'] as const) {
    matches(`compactor.${key}`, c[key], PROMETHEUS_DURATION, DURATION_RULE);
  }
}

function checkCluster(req: ObserveeRequest) {
  matches(
    'kubernetesVersion',
    req.kubernetesVersion,
    KUBERNETES_VERSION,
    'must be a Kubernetes minor version such as "1.34"',
  );
  checkVpcCidr(req.vpcCidr);
}

function checkNodeGroup(ng: ObserveeRequest['nodeGroup']) {
  if (
    !Array.isArray(ng.instanceTypes) ||
    ng.instanceTypes.length === 0 ||
    ng.instanceTypes.length > 20
  ) {
    refuse(
      'nodeGroup.instanceTypes',
      'must list 1 to 20 EC2 instance types',
      ng.instanceTypes,
    );
  }
  ng.instanceTypes.forEach((t, i) =>
    matches(
      `nodeGroup.instanceTypes[${i}]`,
      t,
      INSTANCE_TYPE,
      'must be an EC2 instance type such as "m5a.large"',
    ),
  );
  integer('nodeGroup.min', ng.min, 0, 1000);
  integer('nodeGroup.max', ng.max, 1, 1000);
  integer('nodeGroup.desired', ng.desired, 0, 1000);
  if (!(ng.min <= ng.desired && ng.desired <= ng.max)) {
    throw new InputError(
      `nodeGroup must satisfy min ≤ desired ≤ max; got min ${ng.min}, desired ${ng.desired}, max ${ng.max}`,
    );
  }
}

function checkModuleVersions(versions: ObserveeRequest['moduleVersions']) {
  for (const key of ['vpc', 'eks', 'addons'] as const) {
    matches(
      `moduleVersions.${key}`,
      versions[key],
      GIT_REF,
      'must be a git tag or branch name (letters, digits, ".", "_", "-")',
    );
  }
}

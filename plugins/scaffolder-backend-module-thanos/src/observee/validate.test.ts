import { InputError } from '@backstage/errors';
import { ObserveeRequestInput, withDefaults } from '../actions/createObservee';
import { validateObserveeRequest } from './validate';

/** One case per rule: the input breaks exactly that rule, the message names field and rule. */
const valid: ObserveeRequestInput = {
  environment: 'thanos',
  region: 'eu-west-3',
  name: 'observee',
  observer: { region: 'eu-west-1', name: 'observer' },
};

function check(input: Partial<ObserveeRequestInput> & Record<string, unknown>) {
  return () =>
    validateObserveeRequest(withDefaults({ ...valid, ...input } as any));
}

describe('validateObserveeRequest', () => {
  it('accepts the defaults', () => {
    expect(check({})).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'name is a DNS label',
      { name: 'Observee_1' },
      /^name must be a DNS label/,
    ],
    [
      'name is at most 63 characters',
      { name: 'a'.repeat(64) },
      /^name must be a DNS label: 1–63/,
    ],
    [
      'environment is a DNS label',
      { environment: 'prod/../x' },
      /^environment must be a DNS label/,
    ],
    [
      'observer name is a DNS label',
      { observer: { region: 'eu-west-1', name: '-obs' } },
      /^observer.name must be a DNS label/,
    ],
    [
      'region is an AWS region',
      { region: 'europe' },
      /^region must be an AWS region code/,
    ],
    [
      'observer region is an AWS region',
      { observer: { region: 'EU-WEST-1', name: 'observer' } },
      /^observer.region must be an AWS region code/,
    ],
    [
      'observee differs from the observer',
      { region: 'eu-west-1', name: 'observer' },
      /^name must differ from the observer cluster/,
    ],
    [
      'repoPath stays relative',
      { repoPath: '/etc' },
      /^repoPath must be a relative folder path/,
    ],
    [
      'outputPath has no ..',
      { outputPath: 'pr/../..' },
      /^outputPath must be a relative folder path/,
    ],
    [
      'liveDir is relative',
      { liveDir: '../live' },
      /^liveDir must be a relative folder path/,
    ],
    [
      'prometheus.replicas is a whole number ≥ 1',
      { prometheus: { replicas: 0 } },
      /^prometheus.replicas must be a whole number from 1 to 10/,
    ],
    [
      'prometheus.retention is a duration',
      { prometheus: { retention: '2 days' } },
      /^prometheus.retention must be a Prometheus duration/,
    ],
    [
      'duration units come largest first',
      { prometheus: { retention: '3d1w' } },
      /^prometheus.retention must be a Prometheus duration/,
    ],
    [
      'prometheus.retentionSize is a byte size',
      { prometheus: { retentionSize: '6Gi' } },
      /^prometheus.retentionSize must be a whole number and a byte unit/,
    ],
    [
      'prometheus.storageClass is a Kubernetes name',
      { prometheus: { storageClass: 'EBS SC' } },
      /^prometheus.storageClass must be a Kubernetes StorageClass name/,
    ],
    [
      'prometheus.storageSize is a quantity',
      { prometheus: { storageSize: '10GB' } },
      /^prometheus.storageSize must be a Kubernetes quantity/,
    ],
    [
      'compactor.retentionRaw is a duration',
      { compactor: { retentionRaw: '30 days' } },
      /^compactor.retentionRaw must be a Prometheus duration/,
    ],
    [
      'compactor.retention5m is a duration',
      { compactor: { retention5m: '-1d' } },
      /^compactor.retention5m must be a Prometheus duration/,
    ],
    [
      'compactor.retention1h is a duration',
      { compactor: { retention1h: '1year' } },
      /^compactor.retention1h must be a Prometheus duration/,
    ],
    [
      'kubernetesVersion is a minor version',
      { kubernetesVersion: '1.34.2' },
      /^kubernetesVersion must be a Kubernetes minor version/,
    ],
    [
      'vpcCidr is IPv4 CIDR',
      { vpcCidr: '10.0.0.0' },
      /^vpcCidr must be an IPv4 network in CIDR notation/,
    ],
    [
      'vpcCidr prefix is /16 to /20',
      { vpcCidr: '10.0.0.0/24' },
      /^vpcCidr must be .* prefix from \/16 to \/20/,
    ],
    [
      'vpcCidr has no host bits',
      { vpcCidr: '10.0.1.0/16' },
      /^vpcCidr must be .*no host bits set/,
    ],
    [
      'vpcCidr octets are at most 255',
      { vpcCidr: '10.300.0.0/16' },
      /^vpcCidr must be an IPv4 network/,
    ],
    [
      'nodeGroup.instanceTypes is not empty',
      { nodeGroup: { instanceTypes: [] } },
      /^nodeGroup.instanceTypes must list 1 to 20/,
    ],
    [
      'nodeGroup.instanceTypes are EC2 types',
      { nodeGroup: { instanceTypes: ['m5a.large', 'huge'] } },
      /^nodeGroup.instanceTypes\[1\] must be an EC2 instance type/,
    ],
    [
      'nodeGroup.min is a whole number',
      { nodeGroup: { min: 1.5 } },
      /^nodeGroup.min must be a whole number/,
    ],
    [
      'nodeGroup.max is at least 1',
      { nodeGroup: { min: 0, desired: 0, max: 0 } },
      /^nodeGroup.max must be a whole number from 1/,
    ],
    [
      'nodeGroup.desired is a whole number',
      { nodeGroup: { desired: -1 } },
      /^nodeGroup.desired must be a whole number/,
    ],
    [
      'nodeGroup min ≤ desired ≤ max',
      { nodeGroup: { min: 4, desired: 3, max: 5 } },
      /^nodeGroup must satisfy min ≤ desired ≤ max; got min 4, desired 3, max 5/,
    ],
    [
      'moduleVersions are git refs',
      { moduleVersions: { eks: 'v21"; x' } },
      /^moduleVersions.eks must be a git tag or branch name/,
    ],
  ])('refuses when %s is broken', (_rule, input, message) => {
    const run = check(input);
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});

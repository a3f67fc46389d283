import { oneStepExamples } from './templateExample';

export const examples = oneStepExamples(
  {
    id: 'observee',
    action: 'thanos:observee:create',
    name: 'Generate the observee units',
  },
  [
    {
      description:
        'Onboard an observee in eu-west-3 that trusts the observer in eu-west-1, with every default',
      input: {
        repoPath: '.',
        outputPath: 'pr',
        environment: 'thanos',
        region: 'eu-west-3',
        name: 'observee-3',
        observer: { region: 'eu-west-1', name: 'observer' },
      },
    },
    {
      description:
        'Onboard an observee with its own sidecar host, bigger Prometheus, longer retention and pinned module versions',
      input: {
        repoPath: 'infra',
        outputPath: 'pr',
        liveDir: 'terragrunt/live',
        environment: 'thanos',
        region: 'us-east-1',
        name: 'payments',
        observer: { region: 'eu-west-1', name: 'observer' },
        sidecarHost: 'sidecar.payments.example.com',
        prometheus: {
          replicas: 2,
          retention: '3d',
          retentionSize: '40GB',
          storageClass: 'ebs-sc',
          storageSize: '50Gi',
        },
        compactor: {
          retentionRaw: '14d',
          retention5m: '180d',
          retention1h: '2y',
        },
        kubernetesVersion: '1.33',
        vpcCidr: '10.20.0.0/16',
        nodeGroup: {
          instanceTypes: ['m6a.xlarge', 'm5a.xlarge'],
          min: 2,
          max: 6,
          desired: 3,
        },
        moduleVersions: {
          vpc: 'v6.6.0',
          eks: 'v21.19.0',
          addons: 'v20.3.0',
        },
      },
    },
    {
      description:
        'Check what would be generated without writing anything (dry run)',
      name: 'Preview the observee units',
      input: {
        environment: 'thanos',
        region: 'eu-west-1',
        name: 'staging',
        observer: { region: 'eu-west-1', name: 'observer' },
        vpcCidr: '10.30.0.0/20',
      },
    },
  ],
);

import { oneStepExamples } from './templateExample';

export const examples = oneStepExamples(
  {
    id: 'deregister',
    action: 'thanos:observer:deregister',
    name: 'Remove the observee from the observer maps',
  },
  [
    {
      description:
        'Deregister the observee picked in the decommission form from the observer in eu-west-1',
      input: {
        repoPath: 'repo',
        outputPath: 'pr',
        environment: 'thanos',
        observer: { region: 'eu-west-1', name: 'observer' },
        observee: {
          key: "${{ steps['decommission'].output.observeeKey }}",
        },
      },
    },
    {
      description:
        'Deregister a known observee with literal values, and succeed without changes when it is not registered',
      input: {
        repoPath: '.',
        outputPath: 'pr',
        liveDir: 'terragrunt/live',
        environment: 'thanos',
        observer: { region: 'eu-west-1', name: 'observer' },
        observee: { key: 'observee-2' },
        ifMissing: 'skip',
      },
    },
  ],
);

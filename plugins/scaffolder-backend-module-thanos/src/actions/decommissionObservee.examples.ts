import { oneStepExamples } from './templateExample';

export const examples = oneStepExamples(
  {
    id: 'decommission',
    action: 'thanos:observee:decommission',
    name: "List the cluster's files",
  },
  [
    {
      description:
        'List the files of the observee cluster observee-2 in eu-west-1 for the pull request to delete',
      input: {
        repoPath: 'repo',
        environment: 'thanos',
        region: 'eu-west-1',
        name: 'observee-2',
      },
    },
    {
      description:
        'The same with every input spelled out, for a repo whose live folder is the default',
      input: {
        repoPath: '.',
        liveDir: 'terragrunt/live',
        environment: 'thanos',
        region: 'eu-west-1',
        name: 'observee-2',
      },
    },
  ],
);

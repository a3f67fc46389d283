import { createMockDirectory } from '@backstage/backend-test-utils';
import path from 'path';
import { writePullRequestFiles } from './pullRequestFiles';

describe('writePullRequestFiles', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => mockDir.clear());

  it('writes every file at its repo-relative path and leaves no staging folder', async () => {
    await writePullRequestFiles(path.join(mockDir.path, 'pr'), [
      { path: 'live/a/cluster_values.yaml', content: 'name: a\n' },
      { path: 'live/a/vpc/terragrunt.hcl', content: 'x = 1\n' },
    ]);
    expect(mockDir.content({ shouldReadAsText: true })).toEqual({
      pr: {
        live: {
          a: {
            'cluster_values.yaml': 'name: a\n',
            vpc: { 'terragrunt.hcl': 'x = 1\n' },
          },
        },
      },
    });
  });

  it('writes nothing when one file cannot be written', async () => {
    await expect(
      writePullRequestFiles(path.join(mockDir.path, 'pr'), [
        { path: 'live/a', content: 'a file where a folder is needed' },
        { path: 'live/a/vpc/terragrunt.hcl', content: 'x = 1\n' },
      ]),
    ).rejects.toThrow();
    expect(mockDir.content()).toEqual({});
  });
});

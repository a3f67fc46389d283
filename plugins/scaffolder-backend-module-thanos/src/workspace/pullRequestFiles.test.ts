import { createMockDirectory } from '@backstage/backend-test-utils';
import fsPromises from 'fs/promises';
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

  it('stages inside the workspace when the output folder is the workspace itself', async () => {
    // outputPath "." resolves to the workspace: nothing may be written next to it.
    const workspace = path.join(mockDir.path, 'workspace');
    mockDir.addContent({ workspace: { 'README.md': 'infra\n' } });
    const mkdtemp = jest.spyOn(fsPromises, 'mkdtemp');
    try {
      await writePullRequestFiles(workspace, [
        { path: 'live/a/vpc/terragrunt.hcl', content: 'x = 1\n' },
      ]);
      const stagingPrefixes = mkdtemp.mock.calls.map(([prefix]) =>
        String(prefix),
      );
      expect(stagingPrefixes).toHaveLength(1);
      expect(stagingPrefixes[0].startsWith(`${workspace}${path.sep}`)).toBe(
        true,
      );
    } finally {
      mkdtemp.mockRestore();
    }
    expect(mockDir.content({ shouldReadAsText: true })).toEqual({
      workspace: {
        'README.md': 'infra\n',
        live: { a: { vpc: { 'terragrunt.hcl': 'x = 1\n' } } },
      },
    });
  });
});

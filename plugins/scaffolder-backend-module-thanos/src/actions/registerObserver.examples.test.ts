import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs';
import path from 'path';
import yaml from 'yaml';
import {
  exampleRepoFiles,
  OBSERVER_ADDONS_PATH,
} from '../observee/__fixtures__/infraRepoFixture';
import { registerObserverAction } from './registerObserver';
import { examples } from './registerObserver.examples';

/**
 * Runs every documented example against the example infra repo, so the docs cannot drift from the
 * action. Template expressions stand for what `thanos:observee:create` outputs for a cluster
 * "payments" in eu-west-3 of that repo.
 */
const TEMPLATE_VALUES: Record<string, string> = {
  "${{ steps['create'].output.observeeKey }}": 'payments',
  "${{ steps['create'].output.sidecarHost }}":
    'thanos-sidecar.payments.thanos.acme.example.com',
  "${{ steps['create'].output.bucket }}": 'thanos-store-acme-thanos-payments',
  '${{ parameters.region }}': 'eu-west-3',
};

function render(value: unknown): unknown {
  if (typeof value === 'string') return TEMPLATE_VALUES[value] ?? value;
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v)]),
    );
  }
  return value;
}

describe('thanos:observer:register examples', () => {
  const mockDir = createMockDirectory();
  const action = registerObserverAction();

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const input = render(yaml.parse(example.example).steps[0].input) as any;
      const repoFiles = exampleRepoFiles(
        input.repoPath === '.' ? '' : input.repoPath,
      );
      mockDir.setContent({ workspace: repoFiles });
      const workspace = path.join(mockDir.path, 'workspace');
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace,
        logger: mockServices.logger.mock(),
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('files', [OBSERVER_ADDONS_PATH]);
      const edited = fs.readFileSync(
        path.join(workspace, 'pr', OBSERVER_ADDONS_PATH),
        'utf8',
      );
      expect(edited).toContain('"payments" = {');
    },
  );
});

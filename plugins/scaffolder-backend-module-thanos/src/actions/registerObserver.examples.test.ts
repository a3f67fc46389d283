import { createMockDirectory } from '@backstage/backend-test-utils';
import { runExample, writtenFile } from '../__testUtils__/templateExamples';
import { OBSERVER_ADDONS_PATH } from '../__testUtils__/infraRepoFixture';
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

describe('thanos:observer:register examples', () => {
  const mockDir = createMockDirectory();
  const action = registerObserverAction();

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const { ctx, workspacePath } = await runExample(
        mockDir,
        action,
        example,
        TEMPLATE_VALUES,
      );
      expect(ctx.output).toHaveBeenCalledWith('files', [OBSERVER_ADDONS_PATH]);
      const edited = writtenFile(workspacePath, OBSERVER_ADDONS_PATH);
      expect(edited).toContain('"payments" = {');
    },
  );
});

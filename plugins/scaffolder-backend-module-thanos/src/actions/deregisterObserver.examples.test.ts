import { createMockDirectory } from '@backstage/backend-test-utils';
import { runExample, writtenFile } from '../__testUtils__/templateExamples';
import { OBSERVER_ADDONS_PATH } from '../__testUtils__/infraRepoFixture';
import { deregisterObserverAction } from './deregisterObserver';
import { examples } from './deregisterObserver.examples';

/**
 * Runs every documented example against the example infra repo, so the docs cannot drift from the
 * action. The template expression stands for what `thanos:observee:decommission` outputs for the
 * example repo's cluster "observee-2".
 */
const TEMPLATE_VALUES: Record<string, string> = {
  "${{ steps['decommission'].output.observeeKey }}": 'observee-2',
};

describe('thanos:observer:deregister examples', () => {
  const mockDir = createMockDirectory();
  const action = deregisterObserverAction();

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
      expect(edited).not.toContain('"observee-2"');
      expect(edited).toContain('"observee" = {');
    },
  );
});

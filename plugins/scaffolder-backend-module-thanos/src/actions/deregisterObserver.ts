import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { shownInput } from '../shownInput';
import { removeObserverEntries } from '../hcl/ObserverEntryRemover';
import {
  ObserverDeregistration,
  validateObserverDeregistration,
} from '../observer/deregistration';
import {
  DEFAULT_FAIL_OR_SKIP,
  failOrSkipDescription,
  fillDefaults,
  ReceivedInput,
  WORKSPACE_DEFAULTS,
} from './inputSchema';
import {
  editedFilesOutput,
  editObserverUnit,
  observerUnitInputs,
} from './observerUnitFile';
import { examples } from './deregisterObserver.examples';

export const DEREGISTER_OBSERVER_ACTION_ID = 'thanos:observer:deregister';

const DEREGISTRATION_DEFAULTS = {
  ...WORKSPACE_DEFAULTS,
  ifMissing: DEFAULT_FAIL_OR_SKIP,
};

/**
 * `thanos:observer:deregister` (see the plugin README): removes the observee's entries from the
 * observer's `thanos-tls-querier` and `thanos-storegateway` maps in place (see
 * `hcl/ObserverEntryRemover.ts`), and writes the edited copy under `outputPath`.
 *
 * @public
 */
export function deregisterObserverAction() {
  return createTemplateAction({
    id: DEREGISTER_OBSERVER_ACTION_ID,
    description:
      "Deregisters a Thanos observee from the observer: removes its entry from inputs.thanos-tls-querier and from inputs.thanos-storegateway of the observer's eks-addons/terragrunt.hcl, leaving every other byte of the file unchanged, and writes the edited file under outputPath.",
    examples,
    supportsDryRun: true,
    schema: {
      input: observerUnitInputs({
        observee: z =>
          z
            .object({
              key: z
                .string()
                .describe(
                  'Key of the observee in both maps (the cluster short name unless it was registered under another key)',
                ),
            })
            .describe('The observee to remove'),
        ifMissing: z =>
          z
            .enum(['fail', 'skip'])
            .default(DEREGISTRATION_DEFAULTS.ifMissing)
            .describe(failOrSkipDescription('When the key is in neither map')),
      }),
      output: {
        files: editedFilesOutput,
        diff: z =>
          z
            .string()
            .describe(
              'Unified diff of the observer file, removed lines only (empty when skipped)',
            ),
      },
    },
    async handler(ctx) {
      const input = withDeregistrationDefaults(ctx.input);
      validateObserverDeregistration(input);
      await editObserverUnit(ctx, input, {
        async apply(source, unitPath) {
          const result = await removeObserverEntries({
            source,
            path: unitPath,
            key: input.observee.key,
            ifMissing: input.ifMissing,
          });
          return result.outcome === 'deregistered' ? result.text : undefined;
        },
        unchangedMessage: unitPath =>
          `Observee ${shownInput(
            input.observee.key,
          )} is not registered in ${unitPath}; ifMissing is skip, so the file is left unchanged`,
        changedMessage: (unitPath, diff) =>
          `Deregistered observee "${input.observee.key}" from ${unitPath}:\n${diff}`,
        checkpointKey: `thanos-observer-deregister-${input.observee.key}`,
      });
    },
  });
}

/** The input of `thanos:observer:deregister` as its handler can receive it: see {@link ReceivedInput}. */
export type ObserverDeregistrationInput = ReceivedInput<
  ReturnType<typeof deregisterObserverAction>,
  keyof typeof DEREGISTRATION_DEFAULTS
>;

/** Applies the documented defaults (the scaffolder's schema check does not fill them in). */
export function withDeregistrationDefaults(
  input: ObserverDeregistrationInput,
): ObserverDeregistration {
  return fillDefaults(input, DEREGISTRATION_DEFAULTS);
}

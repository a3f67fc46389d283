import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { shownInput } from '../shownInput';
import { editObserverMaps } from '../hcl/ObserverMapEditor';
import {
  ObserverRegistration,
  validateObserverRegistration,
} from '../observer/registration';
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
import { examples } from './registerObserver.examples';

export const REGISTER_OBSERVER_ACTION_ID = 'thanos:observer:register';

const REGISTRATION_DEFAULTS = {
  ...WORKSPACE_DEFAULTS,
  ifExists: DEFAULT_FAIL_OR_SKIP,
};

/**
 * `thanos:observer:register` (see the plugin README): adds the observee to the observer's
 * `thanos-tls-querier` and `thanos-storegateway` maps, editing the observer's `eks-addons` unit in
 * place (see `hcl/ObserverMapEditor.ts`), and writes the edited copy under `outputPath`.
 *
 * @public
 */
export function registerObserverAction() {
  return createTemplateAction({
    id: REGISTER_OBSERVER_ACTION_ID,
    description:
      "Registers a Thanos observee with the observer: adds one entry to inputs.thanos-tls-querier and one to inputs.thanos-storegateway of the observer's eks-addons/terragrunt.hcl, leaving every other byte of the file unchanged, and writes the edited file under outputPath.",
    examples,
    supportsDryRun: true,
    schema: {
      input: observerUnitInputs({
        observee: z =>
          z
            .object({
              key: z
                .string()
                .describe('Key of the observee in both maps (DNS label, ≤ 30)'),
              sidecarHost: z
                .string()
                .describe(
                  'Host of the observee sidecar ingress; the querier dials <host>:443',
                ),
              bucket: z.string().describe("The observee's Thanos S3 bucket"),
              region: z
                .string()
                .describe("AWS region of the observee's bucket"),
            })
            .describe(
              'The observee, usually the outputs of thanos:observee:create',
            ),
        ifExists: z =>
          z
            .enum(['fail', 'skip'])
            .default(REGISTRATION_DEFAULTS.ifExists)
            .describe(
              failOrSkipDescription('When the key is already in both maps'),
            ),
      }),
      output: {
        files: editedFilesOutput,
        diff: z =>
          z
            .string()
            .describe('Unified diff of the observer file (empty when skipped)'),
      },
    },
    async handler(ctx) {
      const input = withRegistrationDefaults(ctx.input);
      validateObserverRegistration(input);
      await editObserverUnit(ctx, input, {
        async apply(source, unitPath) {
          const result = await editObserverMaps({
            source,
            path: unitPath,
            observee: input.observee,
            ifExists: input.ifExists,
          });
          return result.outcome === 'registered' ? result.text : undefined;
        },
        unchangedMessage: unitPath =>
          `Observee ${shownInput(
            input.observee.key,
          )} is already registered in ${unitPath}; ifExists is skip, so the file is left unchanged`,
        changedMessage: (unitPath, diff) =>
          `Registered observee "${input.observee.key}" in ${unitPath}:\n${diff}`,
        dryRunMessage: unitPath =>
          `Dry run: the edited ${unitPath} was written to the dry run workspace`,
        checkpointKey: `thanos-observer-register-${input.observee.key}`,
      });
    },
  });
}

/** The input of `thanos:observer:register` as its handler can receive it: see {@link ReceivedInput}. */
export type ObserverRegistrationInput = ReceivedInput<
  ReturnType<typeof registerObserverAction>,
  keyof typeof REGISTRATION_DEFAULTS
>;

/** Applies the documented defaults (the scaffolder's schema check does not fill them in). */
export function withRegistrationDefaults(
  input: ObserverRegistrationInput,
): ObserverRegistration {
  return fillDefaults(input, REGISTRATION_DEFAULTS);
}

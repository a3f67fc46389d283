import {
  TemplateAction,
  TemplateActionOptions,
} from '@backstage/plugin-scaffolder-node';

/**
 * The input properties the actions share, each default stated once, and the input type each
 * handler can receive.
 *
 * The scaffolder hands every schema builder its own copy of zod (`input: { name: z => … }`). The
 * builders here are typed through `createTemplateAction`'s own parameter type: a zod imported by
 * this package would be another copy, and the declarations TypeScript writes for a builder whose
 * type is only inferred would have to name the scaffolder's copy by a path that is not ours.
 */

/** The zod the scaffolder passes to a schema builder. */
export type Zod = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/** `z.string()`. */
export type StringSchema = ReturnType<Zod['string']>;
/** `z.string().default(…)`. */
export type DefaultedStringSchema = ReturnType<StringSchema['default']>;
/** `z.array(z.string())`. */
export type StringListSchema = ReturnType<StringSchema['array']>;

type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;

type ActionInput<A> = A extends TemplateAction<infer I, any, any> ? I : never;

/**
 * The input the handler of action `A` can receive. `createTemplateAction` types `ctx.input` as
 * its schema's output, every default applied; but the scaffolder checks a task's input against
 * the JSON schema made from it, and that check fills no defaults in. So the properties with a
 * default (`Defaulted`) may be missing, and each handler applies the defaults itself.
 */
export type ReceivedInput<
  A extends TemplateAction<any, any, any>,
  Defaulted extends keyof ActionInput<A>,
> = Expand<
  Omit<ActionInput<A>, Defaulted> & Partial<Pick<ActionInput<A>, Defaulted>>
>;

/**
 * `input` with each property of `defaults` that it leaves out (or sets to undefined) filled in.
 * `defaults` is the same object the schema's `.default(…)` calls read, so the handler and the
 * schema agree.
 */
export function fillDefaults<
  I extends object,
  D extends {
    [K in keyof D]: K extends keyof I ? Exclude<I[K], undefined> : never;
  },
>(
  input: I,
  defaults: D,
): Expand<
  Omit<I, keyof D> & { [K in keyof D & keyof I]-?: Exclude<I[K], undefined> }
> {
  const filled: Record<string, unknown> = { ...(input as object) };
  for (const [key, value] of Object.entries(defaults)) {
    filled[key] = (input as Record<string, unknown>)[key] ?? value;
  }
  return filled as any;
}

/** Where the actions read and write in the scaffolder workspace when the input does not say. */
export const WORKSPACE_DEFAULTS = {
  repoPath: '.',
  outputPath: 'pr',
  liveDir: 'terragrunt/live',
} as const;

/** What to do when the observee is already registered (`ifExists`) or not (`ifMissing`). */
export type FailOrSkip = 'fail' | 'skip';

/** The default of `ifExists` and `ifMissing`: refuse, rather than change nothing unnoticed. */
export const DEFAULT_FAIL_OR_SKIP: FailOrSkip = 'fail';

const FAIL_OR_SKIP_MEANING: Record<FailOrSkip, string> = {
  fail: 'fail',
  skip: 'skip and change nothing',
};

/**
 * The description of `ifExists` / `ifMissing`, naming {@link DEFAULT_FAIL_OR_SKIP} as the default.
 * `when` says when the choice applies, e.g. "When the key is in neither map".
 */
export function failOrSkipDescription(when: string): string {
  const choices = (Object.keys(FAIL_OR_SKIP_MEANING) as FailOrSkip[]).map(
    choice =>
      choice === DEFAULT_FAIL_OR_SKIP
        ? `${FAIL_OR_SKIP_MEANING[choice]} (default)`
        : FAIL_OR_SKIP_MEANING[choice],
  );
  return `${when}: ${choices.join(', or ')}`;
}

export const repoPathInput = (z: Zod): DefaultedStringSchema =>
  z
    .string()
    .default(WORKSPACE_DEFAULTS.repoPath)
    .describe('Folder of the infra repo checked out in the workspace');

/** `outputPath`, described by what the action writes there. */
export const outputPathInput =
  (description: string) =>
  (z: Zod): DefaultedStringSchema =>
    z.string().default(WORKSPACE_DEFAULTS.outputPath).describe(description);

export const liveDirInput = (z: Zod): DefaultedStringSchema =>
  z
    .string()
    .default(WORKSPACE_DEFAULTS.liveDir)
    .describe('Terragrunt live folder inside the repo');

export const environmentInput =
  (description = 'Environment folder, e.g. "thanos"') =>
  (z: Zod): StringSchema =>
    z.string().describe(description);

/**
 * Declared only so that the type below can be named: at run time the scaffolder's zod exists only
 * as the argument of a builder.
 */
declare const zod: Zod;

/** `z.object({ region, name })`: the schema of `observer`. */
export type ObserverSchema = ReturnType<
  typeof zod.object<{ region: StringSchema; name: StringSchema }>
>;

/** `observer`, described by what the action does with it. */
export const observerInput =
  (description: string) =>
  (z: Zod): ObserverSchema =>
    z
      .object({
        region: z.string().describe('AWS region of the observer cluster'),
        name: z.string().describe('Short name of the observer cluster'),
      })
      .describe(description);

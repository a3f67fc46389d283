/**
 * HashiCorp's own HCL formatter (`hclwrite.Format`, what `terraform fmt` runs) and parser
 * (hcl2json), both compiled to WebAssembly and shipped on npm as `@cdktn/hcl-tools` and
 * `@cdktn/hcl2json`.
 *
 * Both packages start a Go WebAssembly runtime as soon as they are loaded, so they are loaded on
 * the first call here: a backend that imports this package for its extension points only (the
 * `thanos` plugin) never pays for them.
 */

/**
 * Formats HCL source like `terraform fmt`. Invalid input comes back unchanged.
 *
 * @public
 */
export async function formatHcl(source: string): Promise<string> {
  // Loaded on first use, see above; Node caches the module after that.
  const {
    format,
  }: typeof import('@cdktn/hcl-tools') = require('@cdktn/hcl-tools');
  return format(source);
}

/**
 * Parses HCL source; resolves to its JSON form, rejects with the parser's diagnostics.
 *
 * @public
 */
export async function parseHcl(
  filename: string,
  source: string,
): Promise<Record<string, unknown>> {
  const {
    parse,
  }: typeof import('@cdktn/hcl2json') = require('@cdktn/hcl2json');
  return (await parse(filename, source)) as Record<string, unknown>;
}

/**
 * Thrown when generated or edited HCL does not parse: a bug, never written to disk.
 *
 * @public
 */
export class InvalidHclError extends Error {
  constructor(readonly filename: string, readonly diagnostics: string) {
    super(`Generated HCL for ${filename} does not parse: ${diagnostics}`);
    this.name = 'InvalidHclError';
  }
}

/**
 * Parses `source`, then formats it. Resolves to the formatted text and the parsed form of
 * `source`; rejects with {@link InvalidHclError} when HashiCorp's parser refuses `source`. The
 * parse comes first because the formatter returns invalid input unchanged instead of failing;
 * formatting does not change what the text means, so the parsed form is that of the formatted
 * text too.
 *
 * @public
 */
export async function formatAndValidateHcl(
  filename: string,
  source: string,
): Promise<{ text: string; parsed: Record<string, unknown> }> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await parseHcl(filename, source);
  } catch (e) {
    throw new InvalidHclError(filename, String((e as Error)?.message ?? e));
  }
  const text = await formatHcl(source);
  return { text, parsed };
}

import { format } from '@cdktn/hcl-tools';
import { parse } from '@cdktn/hcl2json';

/**
 * HashiCorp's own HCL formatter (`hclwrite.Format`, what `terraform fmt` runs) and parser
 * (hcl2json), both compiled to WebAssembly and shipped on npm as `@cdktn/hcl-tools` and
 * `@cdktn/hcl2json`.
 */

/** Formats HCL source like `terraform fmt`. Invalid input comes back unchanged. */
export async function formatHcl(source: string): Promise<string> {
  return format(source);
}

/** Parses HCL source; resolves to its JSON form, rejects with the parser's diagnostics. */
export async function parseHcl(
  filename: string,
  source: string,
): Promise<Record<string, unknown>> {
  return (await parse(filename, source)) as Record<string, unknown>;
}

/** Thrown when generated or edited HCL does not parse: a bug, never written to disk. */
export class InvalidHclError extends Error {
  constructor(readonly filename: string, readonly diagnostics: string) {
    super(`Generated HCL for ${filename} does not parse: ${diagnostics}`);
    this.name = 'InvalidHclError';
  }
}

/**
 * Formats `source`, then parses the result. Resolves to the formatted text and its parsed form;
 * rejects with {@link InvalidHclError} when HashiCorp's parser refuses it.
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

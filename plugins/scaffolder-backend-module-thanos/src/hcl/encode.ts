/**
 * The one place where values become HCL source text. Every string that lands in a generated or
 * edited HCL file goes through {@link hclString}, so no input can end a string early, open a
 * template interpolation (`${`) or directive (`%{`), or start a new line.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Renders `value` as a quoted HCL string literal whose value is exactly `value`. */
export function hclString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const next = value[i + 1];
    if (SIMPLE_ESCAPES[ch]) {
      out += SIMPLE_ESCAPES[ch];
    } else if ((ch === '$' || ch === '%') && next === '{') {
      // HCL's own escape for a literal `${` / `%{` is doubling the sigil.
      out += `${ch}${ch}{`;
      i++;
    } else {
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else {
        out += ch;
      }
    }
  }
  return `${out}"`;
}

/** A list of strings, one per line, as `terraform fmt` leaves multi-line lists. */
export function hclStringList(values: readonly string[], indent = ''): string {
  if (values.length === 0) return '[]';
  const inner = values.map(v => `${indent}  ${hclString(v)},`).join('\n');
  return `[\n${inner}\n${indent}]`;
}

/** A whole number as an HCL number literal; anything else is a bug upstream of rendering. */
export function hclInteger(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`Not a whole number: ${String(value)}`);
  }
  return String(value);
}

/**
 * Heredoc bodies are HCL templates too: `${` and `%{` inside them are interpolations and directives.
 * This is the one place where text becomes a heredoc, so no body can open a template sequence or
 * end the heredoc early.
 */

/** Doubles the sigil of every `${` / `%{`, HCL's escape for a literal template opener. */
export function escapeTemplateSequences(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/**
 * Picks the first of `preferred`, `preferred_1`, `preferred_2`, … that no line of `body` could be
 * read as, so the body cannot close the heredoc.
 */
export function heredocMarker(preferred: string, body: string): string {
  const lines = new Set(body.split('\n').map(l => l.trim()));
  let marker = preferred;
  for (let i = 1; lines.has(marker); i++) marker = `${preferred}_${i}`;
  return marker;
}

/**
 * An indented heredoc (`<<-MARKER`) whose value is exactly `body` (lines re-indented by `indent`,
 * which `<<-` strips again). `body` must not contain line breaks other than `\n`.
 */
export function hclHeredoc(
  preferredMarker: string,
  body: string,
  indent: string,
): string {
  const text = body.endsWith('\n') ? body.slice(0, -1) : body;
  if (/[\r\u2028\u2029\u0085]/.test(text)) {
    throw new Error('A heredoc body may only break lines with \\n');
  }
  const marker = heredocMarker(preferredMarker, text);
  const lines = escapeTemplateSequences(text)
    .split('\n')
    .map(l => `${indent}${l}`);
  return `<<-${marker}\n${lines.join('\n')}\n${indent}${marker}`;
}

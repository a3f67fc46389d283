/** "Sidecar fails" → "sidecar fails" inside a sentence, leaving acronyms ("TLS querier") alone. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

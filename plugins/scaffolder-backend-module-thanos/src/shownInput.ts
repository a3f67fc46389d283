/**
 * How an action's error messages quote what the user (or a template) gave it: JSON-quoted and cut
 * to a length a message can carry. A value of several megabytes must not come back whole in the
 * task log and the error panel.
 */
export const MAX_SHOWN_INPUT_LENGTH = 80;

export function shownInput(value: unknown): string {
  const shortened =
    typeof value === 'string' && value.length > MAX_SHOWN_INPUT_LENGTH
      ? `${value.slice(0, MAX_SHOWN_INPUT_LENGTH)}…`
      : value;
  const text = JSON.stringify(shortened) ?? String(shortened);
  // Objects and arrays are quoted whole by JSON.stringify: cut those too.
  return text.length > MAX_SHOWN_INPUT_LENGTH * 2
    ? `${text.slice(0, MAX_SHOWN_INPUT_LENGTH * 2)}…`
    : text;
}

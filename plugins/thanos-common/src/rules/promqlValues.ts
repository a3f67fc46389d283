import type { PromQLSpecialValue } from '../types';

/**
 * PromQL's non-finite values (`+Inf`, `-Inf`, `NaN`) are answers, not missing data: a failure
 * ratio is `+Inf` when every operation fails and `NaN` when nothing ran in the window. Inside the
 * rules they are plain JavaScript numbers; on the wire (JSON has no such numbers) they travel as
 * the strings the Prometheus HTTP API uses.
 */

/** The Prometheus spelling of a non-finite number; undefined for a finite one. @public */
export function specialValueOf(value: number): PromQLSpecialValue | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return undefined;
}

/**
 * A sample value as the Prometheus HTTP API writes it (`"1"`, `"+Inf"`, `"-Inf"`, `"NaN"`, also
 * `"Inf"`), as a number; null when it is not a number at all.
 *
 * @public
 */
export function parsePromQLValue(text: unknown): number | null {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (/^[+]?inf$/i.test(trimmed)) return Infinity;
  if (/^-inf$/i.test(trimmed)) return -Infinity;
  if (/^nan$/i.test(trimmed)) return NaN;
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isNaN(number) ? null : number;
}

/** A number for a status text: `+Inf`, `-Inf`, `NaN` spelled as PromQL does, else as given. @public */
export function formatPromQLNumber(
  value: number,
  format: (finite: number) => string = String,
): string {
  return specialValueOf(value) ?? format(value);
}

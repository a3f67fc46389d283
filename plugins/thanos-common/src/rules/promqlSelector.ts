import type { LabelMatcher } from '../types';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A PromQL double-quoted string literal holding exactly `value`. */
export function toPromQLString(value: string): string {
  return `"${value.replace(/[\\"\n\r\t]/g, c => ESCAPES[c])}"`;
}

/**
 * The matchers as the inside of a PromQL selector, `cluster="a",env=~"prod|stg"`, ready to go
 * between the braces of `thanos_compact_halted{…}`. Values are escaped as PromQL string literals,
 * so an annotation can never break out of the selector.
 *
 * @public
 */
export function toPromQLSelector(matchers: LabelMatcher[]): string {
  return matchers
    .map(
      matcher => `${matcher.name}${matcher.op}${toPromQLString(matcher.value)}`,
    )
    .join(',');
}

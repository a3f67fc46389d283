import type { LabelMatcher } from '../types';

/**
 * Compiled regular expressions by pattern. The same few matchers are applied to every store
 * entry of every refresh, so compiling once matters; the cap keeps a long-running backend from
 * growing without bound when annotations change.
 */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1000;

/**
 * A label regex anchored at both ends, as Prometheus anchors `=~` and `!~` (`^(?:re)$`), with `.`
 * matching newlines as in Prometheus' `(?s:…)`. Throws `SyntaxError` for an invalid pattern.
 */
export function compileLabelRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 's');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Whether one matcher accepts a label value; a missing label counts as the empty string. */
export function matchesValue(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileLabelRegex(matcher.value).test(value);
    case '!~':
      return !compileLabelRegex(matcher.value).test(value);
    default:
      return false;
  }
}

/**
 * Whether a label set (one element of a store entry's `labelSets`) satisfies every matcher, with
 * Prometheus semantics: a label the set does not have reads as the empty string.
 *
 * @public
 */
export function matchesLabelSet(
  matchers: LabelMatcher[],
  labelSet: Record<string, string>,
): boolean {
  return matchers.every(matcher =>
    matchesValue(
      matcher,
      Object.prototype.hasOwnProperty.call(labelSet, matcher.name)
        ? labelSet[matcher.name]
        : '',
    ),
  );
}

/**
 * Which label names may be written into a PromQL `by (…)` clause. Inside a selector's braces
 * Prometheus reads every word as a label name, but in a grouping list its lexer turns keywords
 * into tokens (case-insensitively): `by (cluster, inf)` fails with `unexpected number "inf" in
 * grouping opts`, and so would a whole batched query that carried such a name.
 */

/**
 * The words of Prometheus' PromQL lexer (`promql/parser/lex.go`, the `key` map, plus `inf` and
 * `nan`, which it reads as numbers), compared lower-cased as the lexer compares them. Newer
 * releases accept some of them in grouping lists; older ones, still widely run, do not.
 *
 * @public
 */
export const PROMQL_KEYWORDS: ReadonlySet<string> = new Set([
  // operators
  'and',
  'or',
  'unless',
  'atan2',
  // aggregators
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
  // keywords
  'offset',
  'smoothed',
  'anchored',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'fill',
  'fill_left',
  'fill_right',
  'bool',
  // preprocessors
  'start',
  'end',
  'step',
  'range',
  // special numbers
  'inf',
  'nan',
]);

/** Longer names are refused: a label name is an identifier, not a place for data. */
export const MAX_LABEL_NAME_LENGTH = 128;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The rule a label name breaks when used for grouping, in words, or undefined when it is usable:
 * the PromQL label-name syntax, at most `MAX_LABEL_NAME_LENGTH` (128) characters, not a PromQL
 * keyword, and not reserved (`__` names are Prometheus' own).
 *
 * @public
 */
export function labelNameProblem(name: string): string | undefined {
  if (name.length > MAX_LABEL_NAME_LENGTH) {
    return `label names are at most ${MAX_LABEL_NAME_LENGTH} characters (this one has ${name.length})`;
  }
  if (!LABEL_NAME.test(name)) {
    return `label "${name}" does not match [a-zA-Z_][a-zA-Z0-9_]*`;
  }
  if (PROMQL_KEYWORDS.has(name.toLowerCase())) {
    return `label "${name}" is a PromQL keyword, which Prometheus cannot group by; external labels with such names cannot be matched`;
  }
  if (name.startsWith('__')) {
    return `label "${name}" starts with "__", which Prometheus reserves for its own labels`;
  }
  return undefined;
}

import { RE2JS } from 're2js';
import type { LabelMatcher } from '../types';

/**
 * Label matching with PromQL's own semantics and cost. Prometheus compiles `=~` and `!~` values
 * with Go's RE2 as `^(?s:re)$`: RE2 syntax (no backreferences or lookarounds), `.` matching
 * newlines, anchored at both ends, and matching in time linear in the input. JavaScript's
 * backtracking `RegExp` has neither the syntax nor the cost bound (`(.*){13}X` takes seconds), so
 * the patterns run on re2js, a port of RE2.
 */

/**
 * RE2 accepts repetition counts up to 1000 and programs of millions of instructions; both make
 * compiling and matching slow enough to stall the event loop. Cluster matchers never need them.
 */
export const MAX_LABEL_REGEX_REPEAT = 100;
export const MAX_LABEL_REGEX_INSTRUCTIONS = 500;

/** A label regex that cannot be used; `message` is the rule broken, in words. */
export class LabelRegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelRegexError';
  }
}

/** A compiled matcher value: `test` says whether a whole label value matches. */
export interface LabelRegex {
  test(value: string): boolean;
}

/**
 * Compiled patterns, refusals included, so that a pattern is compiled once per process however
 * many store entries and refreshes apply it. Each keeps its recent answers: the same few cluster
 * names are matched on every refresh. The caps bound memory when annotations churn.
 */
const compiled = new Map<string, LabelRegex | LabelRegexError>();
const MAX_COMPILED = 1000;
const MAX_ANSWERS_PER_PATTERN = 4096;

/** `{n}`, `{n,}` and `{n,m}` outside character classes; RE2 reads others as literals. */
const REPEAT = /\\.|\[(?:\\.|[^\]\\])*\]|\{(\d+)(?:,(\d*))?\}/g;

function largestRepeat(pattern: string): number {
  let largest = 0;
  for (const match of pattern.matchAll(REPEAT)) {
    if (match[1] !== undefined) {
      largest = Math.max(largest, Number(match[1]), Number(match[2] || 0));
    }
  }
  return largest;
}

function compile(pattern: string): LabelRegex | LabelRegexError {
  if (largestRepeat(pattern) > MAX_LABEL_REGEX_REPEAT) {
    return new LabelRegexError(
      `repetition counts above ${MAX_LABEL_REGEX_REPEAT} are not allowed`,
    );
  }
  let regex: RE2JS;
  try {
    // Compiled alone first, so that a value such as `a)|(b` cannot reach outside its group.
    RE2JS.compile(pattern);
    regex = RE2JS.compile(`(?s:${pattern})`);
  } catch (error) {
    return new LabelRegexError(
      `it is not a valid RE2 regular expression as PromQL requires (${String(
        (error as Error).message,
      )
        .replace(/^error parsing regexp: /, '')
        .slice(0, 160)})`,
    );
  }
  const size = Number(regex.re2().numberOfInstructions());
  if (size > MAX_LABEL_REGEX_INSTRUCTIONS) {
    return new LabelRegexError(
      `it compiles to ${size} steps; at most ${MAX_LABEL_REGEX_INSTRUCTIONS} are allowed, write a simpler pattern`,
    );
  }
  const answers = new Map<string, boolean>();
  return {
    test(value: string): boolean {
      let answer = answers.get(value);
      if (answer === undefined) {
        // `matches` is a whole-input match: the anchors of Prometheus' `^(?s:…)$`.
        answer = regex.matches(value);
        if (answers.size >= MAX_ANSWERS_PER_PATTERN) answers.clear();
        answers.set(value, answer);
      }
      return answer;
    },
  };
}

/**
 * A label regex anchored at both ends, as Prometheus anchors `=~` and `!~`. Throws
 * {@link LabelRegexError} for a pattern RE2 refuses or that is too costly to match.
 */
export function compileLabelRegex(pattern: string): LabelRegex {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = compile(pattern);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regex);
  }
  if (regex instanceof LabelRegexError) throw regex;
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

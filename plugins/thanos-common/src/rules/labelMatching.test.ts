import {
  LabelRegexError,
  compileLabelRegex,
  matchesValue,
} from './labelMatching';
import { PROMQL_KEYWORDS, labelNameProblem } from './labelNames';

describe('compileLabelRegex (Go RE2 semantics, as PromQL matches =~ and !~)', () => {
  it.each<[string, string, boolean]>([
    // Anchored at both ends, as Prometheus' ^(?s:…)$.
    ['obs', 'observee', false],
    ['obs.*', 'observee', true],
    ['prod|stg', 'stg', true],
    ['prod|stg', 'xprod', false],
    // `.` matches a newline: the (?s) flag.
    ['a.b', 'a\nb', true],
    // RE2 syntax JavaScript reads differently.
    ['[[:alpha:]]+', 'observee', true],
    ['[[:alpha:]]+', ':', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['(?i)OBSERVEE', 'observee', true],
    ['\\pL+', 'observée', true],
    ['(?U)a+', 'aaa', true],
  ])('%s against %j → %s', (pattern, value, expected) => {
    expect(compileLabelRegex(pattern).test(value)).toBe(expected);
  });

  it('matches a pattern that is catastrophic for a backtracking engine in linear time', () => {
    // JavaScript's RegExp needs minutes for this (every split of the input is tried); RE2 walks
    // the input once. The test fails by timing out on a backtracking implementation.
    const value = `pio-thanos-observee-${'a'.repeat(40)}`;
    expect(compileLabelRegex('(.*){25}X').test(value)).toBe(false);
    expect(
      matchesValue({ name: 'c', op: '!~', value: '(.*){25}X' }, value),
    ).toBe(true);
  });

  it.each<[string, RegExp]>([
    ['(?=a)a', /not a valid RE2 regular expression/],
    ['(?<=a)b', /not a valid RE2 regular expression/],
    ['(a)\\1', /invalid escape sequence/],
    ['a**', /invalid nested repetition operator/],
    ['x{1001}', /repetition counts above 100/],
    ['((a|b){10}){30}', /compiles to 962 steps; at most 500 are allowed/],
    ['a)|(b', /not a valid RE2 regular expression/],
  ])('refuses %s', (pattern, rule) => {
    expect(() => compileLabelRegex(pattern)).toThrow(LabelRegexError);
    expect(() => compileLabelRegex(pattern)).toThrow(rule);
  });

  it('keeps refusing a pattern it refused before (refusals are cached too)', () => {
    expect(() => compileLabelRegex('(')).toThrow(LabelRegexError);
    expect(() => compileLabelRegex('(')).toThrow(LabelRegexError);
  });
});

describe('labelNameProblem', () => {
  it('accepts ordinary external label names', () => {
    for (const name of [
      'cluster',
      'prometheus_replica',
      'env',
      '_x',
      'Region',
    ]) {
      expect(labelNameProblem(name)).toBeUndefined();
    }
  });

  it('refuses every lexer keyword in any letter case', () => {
    for (const keyword of PROMQL_KEYWORDS) {
      expect(labelNameProblem(keyword)).toMatch(/is a PromQL keyword/);
      expect(labelNameProblem(keyword.toUpperCase())).toMatch(
        /is a PromQL keyword/,
      );
    }
    expect(PROMQL_KEYWORDS.has('inf')).toBe(true);
    expect(PROMQL_KEYWORDS.has('without')).toBe(true);
    expect(PROMQL_KEYWORDS.has('group_left')).toBe(true);
  });

  it('refuses reserved, malformed and oversized names', () => {
    expect(labelNameProblem('__name__')).toMatch(/starts with "__"/);
    expect(labelNameProblem('a-b')).toMatch(/does not match/);
    expect(labelNameProblem('a'.repeat(129))).toMatch(/at most 128/);
  });
});

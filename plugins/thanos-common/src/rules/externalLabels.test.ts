import fc from 'fast-check';
import type { LabelMatcher } from '../types';
import {
  InvalidExternalLabelsError,
  MAX_EXTERNAL_LABEL_MATCHERS,
  parseExternalLabels,
} from './externalLabels';
import { matchesLabelSet } from './labelMatching';
import { labelNameProblem } from './labelNames';
import { toPromQLSelector } from './promqlSelector';

describe('parseExternalLabels', () => {
  it.each<[string, LabelMatcher[]]>([
    [
      'cluster=pio-thanos-observee',
      [{ name: 'cluster', op: '=', value: 'pio-thanos-observee' }],
    ],
    [
      'cluster="a",env=~"prod|stg"',
      [
        { name: 'cluster', op: '=', value: 'a' },
        { name: 'env', op: '=~', value: 'prod|stg' },
      ],
    ],
    [
      ' cluster = observee , region != "eu-west-1" , tier!~canary.* ',
      [
        { name: 'cluster', op: '=', value: 'observee' },
        { name: 'region', op: '!=', value: 'eu-west-1' },
        { name: 'tier', op: '!~', value: 'canary.*' },
      ],
    ],
    ['{cluster="observee"}', [{ name: 'cluster', op: '=', value: 'observee' }]],
    ['cluster="observee",', [{ name: 'cluster', op: '=', value: 'observee' }]],
    [
      'cluster="say \\"hi\\", \\\\ then\\nbye",_x=""',
      [
        { name: 'cluster', op: '=', value: 'say "hi", \\ then\nbye' },
        { name: '_x', op: '=', value: '' },
      ],
    ],
    ['cluster=~a\\.b', [{ name: 'cluster', op: '=~', value: 'a\\.b' }]],
  ])('reads %s', (annotation, expected) => {
    expect(parseExternalLabels(annotation)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['empty', '   ', /it is empty/],
    ['empty braces', '{}', /it is empty/],
    [
      'a name starting with a digit',
      '1cluster=a',
      /matcher 1 does not start with a label name/,
    ],
    [
      'a name with a dash',
      'cluster-name=a',
      /label "cluster" is not followed by one of the operators/,
    ],
    [
      'a missing operator',
      'cluster',
      /label "cluster" is not followed by one of the operators/,
    ],
    [
      'an unterminated quote',
      'cluster="observee',
      /value of label "cluster" has an unterminated quote/,
    ],
    ['an unknown escape', 'cluster="a\\.b"', /unknown escape "\\\\\."/],
    [
      'a bare empty value',
      'cluster=,env=prod',
      /label "cluster" has no value; write cluster="" /,
    ],
    [
      'a quote inside a bare value',
      'cluster=ob"servee',
      /bare value of label "cluster" contains a double quote/,
    ],
    [
      'text after a quoted value',
      'cluster="a" env="b"',
      /expected "," after the value of label "cluster"/,
    ],
    ['an unclosed brace', '{cluster="a"', /opening "\{" has no closing "\}"/],
    [
      'an invalid regex',
      'cluster=~"(observee"',
      /regular expression of label "cluster" cannot be used: it is not a valid RE2 regular expression/,
    ],
    [
      'a regex only JavaScript knows (lookahead)',
      'cluster=~"(?=obs)observee"',
      /regular expression of label "cluster" cannot be used: it is not a valid RE2/,
    ],
    [
      'a regex only JavaScript knows (backreference)',
      'cluster=~"(a)\\\\1"',
      /not a valid RE2 regular expression as PromQL requires \(invalid escape sequence/,
    ],
    [
      'a value that closes the group it is placed in',
      'cluster=~"a)|(b"',
      /not a valid RE2 regular expression/,
    ],
    [
      'a repetition count above the cap',
      'cluster=~"x(.*){101}"',
      /repetition counts above 100 are not allowed/,
    ],
    [
      'a regex that compiles to too many steps',
      `cluster=~"x${'(ab|cd)?'.repeat(100)}"`,
      /compiles to \d+ steps; at most 500 are allowed/,
    ],
    ['the keyword inf', 'cluster=a,inf=x', /label "inf" is a PromQL keyword/],
    ['the keyword Inf', 'cluster=a,Inf=x', /label "Inf" is a PromQL keyword/],
    ['the keyword NaN', 'NaN=x,cluster=a', /label "NaN" is a PromQL keyword/],
    ['the keyword without', 'without=x', /"without" is a PromQL keyword/],
    ['the keyword bool', 'cluster=a,BOOL=x', /"BOOL" is a PromQL keyword/],
    ['the keyword offset', 'offset=x', /"offset" is a PromQL keyword/],
    ['a reserved name', '__name__=up', /starts with "__"/],
    [
      'a huge label name',
      `${'a'.repeat(700_000)}=x`,
      /matcher 1: label names are at most 128 characters \(this one has 700000\)/,
    ],
    [
      'a selector matching every cluster',
      'cluster=~".*"',
      /would select every cluster/,
    ],
    [
      'too many matchers',
      Array.from(
        { length: MAX_EXTERNAL_LABEL_MATCHERS + 1 },
        (_, i) => `l${i}=v`,
      ).join(','),
      /more than 20 matchers/,
    ],
    [
      'a too long value',
      `cluster="${'x'.repeat(1025)}"`,
      /1025 characters long; at most 1024/,
    ],
  ])('refuses %s', (_case, annotation, rule) => {
    let error: unknown;
    try {
      parseExternalLabels(annotation);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidExternalLabelsError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Invalid thanos\.io\/external-labels annotation "/,
    );
    expect((error as Error).message).toMatch(rule);
  });

  it('keeps a huge value out of the message', () => {
    expect(() => parseExternalLabels(`cluster="${'x'.repeat(5000)}"`)).toThrow(
      /^Invalid thanos\.io\/external-labels annotation "cluster=\\"x{111}…": /,
    );
  });
});

describe('matchesLabelSet', () => {
  const observee = {
    cluster: 'observee',
    env: 'prod',
    prometheus: 'monitoring/kube-prometheus-stack-prometheus',
  };

  it('matches equality and regex matchers, anchored like Prometheus', () => {
    expect(
      matchesLabelSet(parseExternalLabels('cluster=observee'), observee),
    ).toBe(true);
    expect(
      matchesLabelSet(
        parseExternalLabels('cluster=~"obs.*",env=~"prod|stg"'),
        observee,
      ),
    ).toBe(true);
    expect(
      matchesLabelSet(parseExternalLabels('cluster=~"obs"'), observee),
    ).toBe(false);
    expect(
      matchesLabelSet(parseExternalLabels('cluster=~"server"'), {
        cluster: 'observer',
      }),
    ).toBe(false);
    expect(
      matchesLabelSet(
        parseExternalLabels('cluster=observee,env!=prod'),
        observee,
      ),
    ).toBe(false);
    expect(
      matchesLabelSet(
        parseExternalLabels('cluster=observee,env!~"st.*"'),
        observee,
      ),
    ).toBe(true);
  });

  it('reads a missing label as empty, as Prometheus does', () => {
    expect(
      matchesLabelSet(
        parseExternalLabels('cluster=observee,region=""'),
        observee,
      ),
    ).toBe(true);
    expect(
      matchesLabelSet(
        parseExternalLabels('cluster=observee,region!=""'),
        observee,
      ),
    ).toBe(false);
    expect(matchesLabelSet(parseExternalLabels('cluster=observee'), {})).toBe(
      false,
    );
  });

  it('does not mistake inherited object properties for labels', () => {
    expect(
      matchesLabelSet([{ name: 'constructor', op: '!=', value: '' }], {}),
    ).toBe(false);
  });
});

describe('toPromQLSelector', () => {
  it('writes matchers as a PromQL selector body', () => {
    expect(toPromQLSelector(parseExternalLabels('cluster=a,env=~prod'))).toBe(
      'cluster="a",env=~"prod"',
    );
  });

  it('escapes backslashes, quotes and newlines so values cannot break out', () => {
    expect(
      toPromQLSelector([
        { name: 'cluster', op: '=', value: 'a"}) or vector(1) #\\\n' },
      ]),
    ).toBe('cluster="a\\"}) or vector(1) #\\\\\\n"');
  });

  const name = fc
    .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/)
    .filter(candidate => labelNameProblem(candidate) === undefined);
  const literal = fc.string({ unit: 'binary', maxLength: 60 });
  const regex = fc
    .array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), {
      minLength: 1,
      maxLength: 4,
    })
    .map(words => words.join('|'));
  const matcher: fc.Arbitrary<LabelMatcher> = fc.oneof(
    fc.record({
      name,
      op: fc.constantFrom<'=' | '!='>('=', '!='),
      value: literal,
    }),
    fc.record({
      name,
      op: fc.constantFrom<'=~' | '!~'>('=~', '!~'),
      value: regex,
    }),
  );
  const selective: fc.Arbitrary<LabelMatcher> = fc.record({
    name,
    op: fc.constant<'='>('='),
    value: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  });

  it('round-trips: parsing the selector gives back the same matchers', () => {
    fc.assert(
      fc.property(
        selective,
        fc.array(matcher, { maxLength: 19 }),
        (first, rest) => {
          const matchers = [first, ...rest];
          expect(parseExternalLabels(toPromQLSelector(matchers))).toEqual(
            matchers,
          );
          expect(
            parseExternalLabels(`{${toPromQLSelector(matchers)}}`),
          ).toEqual(matchers);
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '../annotations';
import type { LabelMatcher } from '../types';
import {
  LabelRegexError,
  compileLabelRegex,
  matchesValue,
} from './labelMatching';
import { labelNameProblem } from './labelNames';

/** Upper bounds that keep one annotation from turning every store lookup into heavy work. */
export const MAX_EXTERNAL_LABEL_MATCHERS = 20;
export const MAX_EXTERNAL_LABEL_VALUE_LENGTH = 1024;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const OPERATORS: LabelMatcher['op'][] = ['=~', '!~', '!=', '='];
const QUOTED_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
};
const MAX_QUOTED_IN_MESSAGE = 120;

function operatorAt(text: string, pos: number): LabelMatcher['op'] | undefined {
  return OPERATORS.find(candidate => text.startsWith(candidate, pos));
}

/**
 * The `thanos.io/external-labels` annotation of an entity cannot be read. The message names the
 * annotation, its value and the rule broken, so it can be shown to the user as it is (the backend
 * turns it into an `InputError`).
 *
 * @public
 */
export class InvalidExternalLabelsError extends Error {
  /** The annotation's value as found on the entity. */
  readonly annotationValue: string;
  /** The rule it breaks, in words. */
  readonly rule: string;

  constructor(annotationValue: string, rule: string) {
    const shown =
      annotationValue.length > MAX_QUOTED_IN_MESSAGE
        ? `${annotationValue.slice(0, MAX_QUOTED_IN_MESSAGE)}…`
        : annotationValue;
    super(
      `Invalid ${THANOS_ANNOTATION_EXTERNAL_LABELS} annotation ${JSON.stringify(
        shown,
      )}: ${rule}`,
    );
    this.name = 'InvalidExternalLabelsError';
    this.annotationValue = annotationValue;
    this.rule = rule;
  }
}

/**
 * Parses the `thanos.io/external-labels` annotation: comma-separated label matchers as in PromQL,
 * e.g. `cluster=pio-thanos-observee` or `cluster="a",env=~"prod|stg"`, optionally inside `{…}`.
 * Values may be bare (up to the next comma) or double-quoted with the escapes `\"`, `\\`, `\n`,
 * `\r`, `\t`. Throws {@link InvalidExternalLabelsError} naming the rule that is broken.
 *
 * One function on purpose: a single cursor walks the text as the grammar reads, and splitting it
 * would hand that cursor from function to function.
 *
 * @public
 */
export function parseExternalLabels(annotation: string): LabelMatcher[] {
  const fail = (rule: string): never => {
    throw new InvalidExternalLabelsError(annotation, rule);
  };

  let text = annotation.trim();
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) fail('the opening "{" has no closing "}"');
    text = text.slice(1, -1);
  }
  if (text.trim() === '') {
    fail('it is empty; give at least one matcher such as cluster=my-cluster');
  }

  const matchers: LabelMatcher[] = [];
  let pos = 0;
  const skipSpaces = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };

  for (;;) {
    skipSpaces();
    // A trailing comma is accepted, as PromQL accepts `{a="b",}`.
    if (pos >= text.length && matchers.length > 0) break;
    const ordinal = matchers.length + 1;

    const name = LABEL_NAME.exec(text.slice(pos))?.[0];
    if (!name) {
      return fail(
        `matcher ${ordinal} does not start with a label name matching [a-zA-Z_][a-zA-Z0-9_]* (found ${JSON.stringify(
          text.slice(pos, pos + 20),
        )})`,
      );
    }
    pos += name.length;
    const nameProblem = labelNameProblem(name);
    if (nameProblem) {
      return fail(`matcher ${ordinal}: ${nameProblem}`);
    }
    skipSpaces();

    const op = operatorAt(text, pos);
    if (!op) {
      return fail(
        `label "${name}" is not followed by one of the operators = != =~ !~`,
      );
    }
    pos += op.length;
    skipSpaces();

    let value = '';
    if (text[pos] === '"') {
      pos++;
      for (;;) {
        if (pos >= text.length) {
          return fail(`the value of label "${name}" has an unterminated quote`);
        }
        const char = text[pos];
        if (char === '"') {
          pos++;
          break;
        }
        if (char === '\\') {
          const escaped = QUOTED_ESCAPES[text[pos + 1]];
          if (escaped === undefined) {
            return fail(
              `the value of label "${name}" has an unknown escape ${JSON.stringify(
                text.slice(pos, pos + 2),
              )}; inside quotes use \\" \\\\ \\n \\r or \\t`,
            );
          }
          value += escaped;
          pos += 2;
        } else {
          value += char;
          pos++;
        }
      }
    } else {
      const end = text.indexOf(',', pos);
      value = text.slice(pos, end === -1 ? text.length : end).trim();
      pos = end === -1 ? text.length : end;
      if (value === '') {
        return fail(
          `label "${name}" has no value; write ${name}${op}"" to match an absent label`,
        );
      }
      if (value.includes('"')) {
        return fail(
          `the bare value of label "${name}" contains a double quote; quote the whole value`,
        );
      }
    }

    if (value.length > MAX_EXTERNAL_LABEL_VALUE_LENGTH) {
      fail(
        `the value of label "${name}" is ${value.length} characters long; at most ${MAX_EXTERNAL_LABEL_VALUE_LENGTH} are allowed`,
      );
    }
    if (op === '=~' || op === '!~') {
      try {
        compileLabelRegex(value);
      } catch (error) {
        if (!(error instanceof LabelRegexError)) throw error;
        fail(
          `the regular expression of label "${name}" cannot be used: ${error.message}`,
        );
      }
    }
    matchers.push({ name, op, value });
    if (matchers.length > MAX_EXTERNAL_LABEL_MATCHERS) {
      fail(`it has more than ${MAX_EXTERNAL_LABEL_MATCHERS} matchers`);
    }

    skipSpaces();
    if (pos >= text.length) break;
    if (text[pos] !== ',') {
      fail(
        `expected "," after the value of label "${name}" (found ${JSON.stringify(
          text[pos],
        )})`,
      );
    }
    pos++;
  }

  // Prometheus refuses such selectors for the same reason: they would pick every cluster.
  if (matchers.every(matcher => matchesValue(matcher, ''))) {
    fail(
      'every matcher also matches a missing label, so it would select every cluster; add one that needs a value, such as cluster="my-cluster"',
    );
  }
  return matchers;
}

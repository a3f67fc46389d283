import { ScannedHcl, TokenKind } from './hclScanner';

/**
 * What the tokens of `scanHcl` spell: the text and literal value of a token, the items of an
 * object constructor, and a file's top-level attributes, each with the token indexes an editor
 * splices at.
 */

/**
 * The text of a token.
 *
 * @public
 */
export function tokenText(scanned: ScannedHcl, index: number): string {
  const token = scanned.tokens[index];
  return scanned.source.slice(token.start, token.end);
}

const STRING_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

/**
 * The key an identifier or a quoted string spells, or undefined when the token is a template
 * (holds `${…}`/`%{…}`) and so has no literal value.
 *
 * @public
 */
export function literalKey(
  scanned: ScannedHcl,
  index: number,
): string | undefined {
  const token = scanned.tokens[index];
  const text = tokenText(scanned, index);
  if (token.kind === 'identifier') return text;
  if (token.kind !== 'string') return undefined;
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const esc = body[i + 1];
      if (esc === 'u' || esc === 'U') {
        const width = esc === 'u' ? 4 : 8;
        out += String.fromCodePoint(
          parseInt(body.slice(i + 2, i + 2 + width), 16),
        );
        i += 1 + width;
      } else {
        out += STRING_ESCAPES[esc] ?? esc;
        i++;
      }
    } else if (
      (ch === '$' || ch === '%') &&
      body[i + 1] === ch &&
      body[i + 2] === '{'
    ) {
      out += `${ch}{`;
      i += 2;
    } else if ((ch === '$' || ch === '%') && body[i + 1] === '{') {
      return undefined;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * One `key = value` (or `key: value`) item of an object constructor.
 *
 * @public
 */
export interface ObjectItem {
  /** The literal key, or undefined for computed keys. */
  key: string | undefined;
  keyIndex: number;
  /** Index of the first token of the value. */
  valueIndex: number;
}

function isLayout(kind: TokenKind) {
  return kind === 'comment' || kind === 'newline';
}

/**
 * The items of the object constructor whose `{` is token `openIndex`, at its own nesting level
 * only: anything inside nested brackets, strings, heredocs or comments is never an item.
 *
 * @public
 */
export function objectItems(
  scanned: ScannedHcl,
  openIndex: number,
): ObjectItem[] {
  const { tokens, partner } = scanned;
  const closeIndex = partner.get(openIndex)!;
  const items: ObjectItem[] = [];
  let expectKey = true;
  for (let i = openIndex + 1; i < closeIndex; i++) {
    const token = tokens[i];
    if (token.kind === 'open') {
      i = partner.get(i)!;
      continue;
    }
    if (token.kind === 'newline' || token.kind === 'comma') {
      expectKey = true;
      continue;
    }
    if (token.kind === 'comment') continue;
    if (expectKey && (token.kind === 'identifier' || token.kind === 'string')) {
      const separator = tokens[i + 1];
      if (
        separator &&
        (separator.kind === 'equals' || separator.kind === 'colon')
      ) {
        let valueIndex = i + 2;
        while (valueIndex < closeIndex && isLayout(tokens[valueIndex].kind))
          valueIndex++;
        items.push({ key: literalKey(scanned, i), keyIndex: i, valueIndex });
        i += 1;
      }
    }
    expectKey = false;
  }
  return items;
}

/**
 * The top-level attributes named `name` (`name = …` at nesting level 0, at the start of a line),
 * as indexes of their name tokens. Blocks (`name {`, `name "label" {`) are not attributes.
 *
 * @public
 */
export function topLevelAttributes(
  scanned: ScannedHcl,
  name: string,
): number[] {
  const { tokens, partner } = scanned;
  const found: number[] = [];
  let lineStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'newline') {
      lineStart = true;
      continue;
    }
    if (token.kind === 'comment') continue;
    if (
      lineStart &&
      token.kind === 'identifier' &&
      tokenText(scanned, i) === name &&
      tokens[i + 1]?.kind === 'equals'
    ) {
      found.push(i);
    }
    if (token.kind === 'open') i = partner.get(i)!;
    lineStart = false;
  }
  return found;
}

/**
 * A lexical scanner for HCL native syntax that keeps exact byte offsets, so an editor can find a
 * place in a file and splice text there without re-printing anything else.
 *
 * It only knows what the editor needs to stay out of the wrong places: quoted strings (with `${…}`
 * and `%{…}` templates that may hold braces and nested strings), heredocs (`<<EOF`, `<<-EOF`, whose
 * bodies often carry YAML with braces), and the three comment forms (`#`, `//`, `/* *\/`). Every
 * bracket outside those is a structural token, matched to its partner. The token rules follow
 * HashiCorp's HCL native syntax specification (hcl/hclsyntax/spec.md).
 */

export type TokenKind =
  | 'newline'
  | 'comment'
  | 'identifier'
  | 'string'
  | 'heredoc'
  | 'open'
  | 'close'
  | 'equals'
  | 'colon'
  | 'comma'
  | 'other';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface ScannedHcl {
  source: string;
  tokens: Token[];
  /** For every `open`/`close` token index, the index of its partner. */
  partner: Map<number, number>;
}

/** The source could not be scanned: unterminated string, heredoc, comment or unbalanced brackets. */
export class HclScanError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'HclScanError';
  }
}

const IDENTIFIER_START = /[\p{ID_Start}_]/u;
const IDENTIFIER_PART = /[\p{ID_Continue}-]/u;
const HEREDOC_OPENER = /^<<(-?)([\p{ID_Start}_][\p{ID_Continue}-]*)(\r?\n)/u;

const OPENING: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
const CLOSING = new Set(['}', ']', ')']);

/** Offset just past the quoted string that starts at `start` (which holds `"`). */
function skipQuoted(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === '"') {
      return i + 1;
    } else if (ch === '\n') {
      break;
    } else if (
      (ch === '$' || ch === '%') &&
      source[i + 1] === ch &&
      source[i + 2] === '{'
    ) {
      // `$${` and `%%{` are the escaped, literal forms: no template starts here.
      i += 3;
    } else if ((ch === '$' || ch === '%') && source[i + 1] === '{') {
      i = skipTemplate(source, i + 2);
    } else {
      i++;
    }
  }
  throw new HclScanError('unterminated quoted string', start);
}

/** Offset just past the `}` that closes a template sequence whose body starts at `start`. */
function skipTemplate(source: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '"') {
      i = skipQuoted(source, i);
    } else if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      if (depth === 0) return i + 1;
      depth--;
      i++;
    } else {
      i++;
    }
  }
  throw new HclScanError('unterminated template sequence "${"', start - 2);
}

/**
 * Offset just past the closing marker line of the heredoc opened at `start`. The body ends at the
 * first line that holds only the marker (leading spaces allowed, for both `<<` and `<<-`).
 */
function skipHeredoc(
  source: string,
  start: number,
  opener: RegExpExecArray,
): number {
  const marker = opener[2];
  let lineStart = start + opener[0].length;
  while (lineStart <= source.length) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? source.length : nl;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (line.trimStart() === marker) {
      return (
        lineStart +
        source.slice(lineStart, lineEnd).indexOf(marker) +
        marker.length
      );
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  throw new HclScanError(`unterminated heredoc <<${opener[1]}${marker}`, start);
}

/** Splits `source` into tokens. Whitespace other than line breaks is not a token. */
export function scanHcl(source: string): ScannedHcl {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number) =>
    tokens.push({ kind, start, end });
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '\n') {
      push('newline', i, i + 1);
      i++;
    } else if (ch === '\r' && next === '\n') {
      push('newline', i, i + 2);
      i += 2;
    } else if (ch === '#' || (ch === '/' && next === '/')) {
      let end = source.indexOf('\n', i);
      if (end === -1) end = source.length;
      if (source[end - 1] === '\r') end--;
      push('comment', i, end);
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close === -1) throw new HclScanError('unterminated /* comment', i);
      push('comment', i, close + 2);
      i = close + 2;
    } else if (ch === '"') {
      const end = skipQuoted(source, i);
      push('string', i, end);
      i = end;
    } else if (ch === '<' && next === '<') {
      const opener = HEREDOC_OPENER.exec(source.slice(i, i + 300));
      if (opener) {
        const end = skipHeredoc(source, i, opener);
        push('heredoc', i, end);
        i = end;
      } else {
        push('other', i, i + 2);
        i += 2;
      }
    } else if (IDENTIFIER_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && IDENTIFIER_PART.test(source[end])) end++;
      push('identifier', i, end);
      i = end;
    } else if (OPENING[ch]) {
      push('open', i, i + 1);
      i++;
    } else if (CLOSING.has(ch)) {
      push('close', i, i + 1);
      i++;
    } else if (
      ch === '=' &&
      next !== '=' &&
      next !== '>' &&
      !/[=!<>]/.test(source[i - 1] ?? '')
    ) {
      push('equals', i, i + 1);
      i++;
    } else if (ch === ':') {
      push('colon', i, i + 1);
      i++;
    } else if (ch === ',') {
      push('comma', i, i + 1);
      i++;
    } else {
      push('other', i, i + 1);
      i++;
    }
  }
  return { source, tokens, partner: matchBrackets(source, tokens) };
}

function matchBrackets(source: string, tokens: Token[]): Map<number, number> {
  const partner = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((token, index) => {
    if (token.kind === 'open') {
      stack.push(index);
    } else if (token.kind === 'close') {
      const openIndex = stack.pop();
      const expected =
        openIndex === undefined
          ? undefined
          : OPENING[source[tokens[openIndex].start]];
      if (openIndex === undefined || expected !== source[token.start]) {
        throw new HclScanError(
          `unbalanced "${source[token.start]}"`,
          token.start,
        );
      }
      partner.set(openIndex, index);
      partner.set(index, openIndex);
    }
  });
  if (stack.length > 0) {
    const open = tokens[stack[stack.length - 1]];
    throw new HclScanError(`unclosed "${source[open.start]}"`, open.start);
  }
  return partner;
}

/** The text of a token. */
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

/** One `key = value` (or `key: value`) item of an object constructor. */
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

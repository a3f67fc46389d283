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

/** @public */
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

/** @public */
export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** @public */
export interface ScannedHcl {
  source: string;
  tokens: Token[];
  /** For every `open`/`close` token index, the index of its partner. */
  partner: Map<number, number>;
}

/**
 * The source could not be scanned: unterminated string, heredoc, comment or unbalanced brackets.
 *
 * @public
 */
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

/**
 * Splits `source` into tokens. Whitespace other than line breaks is not a token.
 *
 * @public
 */
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

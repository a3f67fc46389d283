import { HclScanError, scanHcl } from './hclScanner';
import {
  literalKey,
  objectItems,
  tokenText,
  topLevelAttributes,
} from './hclStructure';

// Inputs follow the token rules of HashiCorp's HCL native syntax specification (hclsyntax/spec.md).

function kinds(source: string) {
  const scanned = scanHcl(source);
  return scanned.tokens.map((t, i) => [t.kind, tokenText(scanned, i)]);
}

describe('scanHcl', () => {
  it('keeps braces inside template sequences, nested strings and escapes inside one string token', () => {
    expect(
      kinds(
        'a = "x ${merge({ b = "}" }, {})} $${y} %{ if c }{%{ endif } \\" }"',
      ),
    ).toEqual([
      ['identifier', 'a'],
      ['equals', '='],
      [
        'string',
        '"x ${merge({ b = "}" }, {})} $${y} %{ if c }{%{ endif } \\" }"',
      ],
    ]);
  });

  it('ends a heredoc only at a line holding just its marker, indented or not, with CRLF', () => {
    const source = 'a = <<-EOT\r\n  { EOT }\r\n  EOTX\r\n  EOT\r\nb = 1';
    expect(kinds(source).map(([kind]) => kind)).toEqual([
      'identifier',
      'equals',
      'heredoc',
      'newline',
      'identifier',
      'equals',
      'other',
    ]);
  });

  it('treats all three comment forms as opaque, and a line comment leaves its line break', () => {
    expect(kinds('# {\n// }\n/* {\n} */ x')).toEqual([
      ['comment', '# {'],
      ['newline', '\n'],
      ['comment', '// }'],
      ['newline', '\n'],
      ['comment', '/* {\n} */'],
      ['identifier', 'x'],
    ]);
  });

  it('tells assignment from comparison and arrows', () => {
    expect(kinds('a = b == c').map(([k]) => k)).toEqual([
      'identifier',
      'equals',
      'identifier',
      'other',
      'other',
      'identifier',
    ]);
    expect(
      kinds('x = { for k, v in m : k => v if v >= 1 }').filter(
        ([k]) => k === 'equals',
      ),
    ).toHaveLength(1);
  });

  it('reports what is unterminated, and where', () => {
    expect(() => scanHcl('a = "abc\nb = 1')).toThrow(
      new HclScanError('unterminated quoted string', 4),
    );
    expect(() => scanHcl('a = <<EOF\nno end')).toThrow(
      /unterminated heredoc <<EOF/,
    );
    expect(() => scanHcl('a = { b = [1 }')).toThrow(/unbalanced "}"/);
    expect(() => scanHcl('/* open')).toThrow(/unterminated \/\* comment/);
  });
});

describe('objectItems and topLevelAttributes', () => {
  const source = [
    'inputs {',
    '  nope = 1',
    '}',
    'inputs = {',
    '  "quoted-key" = { inner = 1 }',
    '  bare-key = [',
    '    { hidden = 2 },',
    '  ]',
    '  "tmpl-${x}" = 3, last: 4',
    '}',
  ].join('\n');

  it('finds top-level attributes, not blocks of the same name', () => {
    const scanned = scanHcl(source);
    expect(
      topLevelAttributes(scanned, 'inputs').map(i => scanned.tokens[i].start),
    ).toEqual([source.indexOf('inputs = {')]);
  });

  it('lists only the keys at the object’s own level, decoding quoted keys and leaving templates unnamed', () => {
    const scanned = scanHcl(source);
    const open = topLevelAttributes(scanned, 'inputs')[0] + 2;
    expect(objectItems(scanned, open).map(item => item.key)).toEqual([
      'quoted-key',
      'bare-key',
      undefined,
      'last',
    ]);
    expect(literalKey(scanHcl('"a\\u0041\\"$${b}"'), 0)).toBe('aA"${b}');
  });
});

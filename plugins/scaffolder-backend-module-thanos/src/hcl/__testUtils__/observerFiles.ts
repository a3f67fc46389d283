import fc from 'fast-check';
import { Observee } from '../observerEntries';

/**
 * Generators of observer files in the teks shape (docs/infra-repo.md, "The observer maps") with
 * everything that trips a naive editor — look-alike `thanos-tls-querier = {` text in every kind
 * of comment, in heredocs holding YAML with braces, in strings with `${…}`/`%{…}` templates, and
 * in a nested object; uneven spacing; CRLF; with or without a final newline; 0–5 existing entries,
 * keys bare or quoted; either map absent. Shared by the property tests of the editors that add and
 * remove observer entries.
 */

const lookAlike = fc.constantFrom(
  'thanos-tls-querier = {',
  'thanos-storegateway = {',
  'inputs = { thanos-tls-querier = {',
  '} }',
  '"observee" = {',
);

const comment = fc
  .tuple(fc.constantFrom('#', '//', '/*'), lookAlike)
  .map(([kind, text]) => (kind === '/*' ? `/* ${text} */` : `${kind} ${text}`));

const heredocItem = fc
  .tuple(fc.constantFrom('<<-EOF', '<<EOT'), lookAlike)
  .map(([opener, text]) => {
    const marker = opener.replace(/^<<-?/, '');
    const indented = opener.startsWith('<<-');
    const body = [
      `${text}`,
      `  nested: { a: "}", b: [1, 2] }`,
      `  url: "\${local.domain}"`,
    ];
    return [
      `extra_values = ${opener}`,
      ...body.map(l => (indented ? `    ${l}` : l)),
      indented ? `  ${marker}` : marker,
    ];
  });

const stringItem = fc
  .tuple(
    fc.constantFrom('note', 'description', '"quoted-key"'),
    fc.constantFrom(
      'thanos-tls-querier = { ${local.a} }',
      '${merge({ a = "}" }, {})}',
      '%{ if true }thanos-storegateway = {%{ endif }',
      '$${not_a_template} }',
      'plain',
    ),
    fc.integer({ min: 0, max: 3 }).map(n => n === 0),
  )
  .map(([key, value, spacey]) => [
    spacey ? `\t${key}   =    "${value}"  ` : `${key} = "${value}"`,
  ]);

const nestedLookAlike = fc.constant([
  'other = {',
  '  thanos-tls-querier = {',
  '    "decoy" = { enabled = true }',
  '  }',
  '}',
]);

const filler = fc.oneof(
  comment.map(c => [c]),
  heredocItem,
  stringItem,
  nestedLookAlike,
  fc.constant(['']),
);

export const dnsKey = fc.stringMatching(
  /^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/,
);

export interface MapShape {
  present: boolean;
  quotedMapKey: boolean;
  bareEntryKeys: boolean;
  /** `=` not aligned inside the entries (a file that is not fmt-clean next to the insertion). */
  loose: boolean;
  /** Entry keys indented with a tab. */
  tabs: boolean;
  /** A comment that looks like an entry, between entries and just before the closing brace. */
  innerComment: boolean;
}

/** True about one time in four: keeps plenty of fmt-clean files with both maps present. */
const sometimes = fc.integer({ min: 0, max: 3 }).map(n => n === 0);

const mapShape = fc.record<MapShape>({
  present: sometimes.map(absent => !absent),
  quotedMapKey: fc.boolean(),
  bareEntryKeys: fc.boolean(),
  loose: sometimes,
  tabs: sometimes,
  innerComment: fc.boolean(),
});

function mapLines(map: string, shape: MapShape, keys: string[]): string[] {
  const entries = keys.flatMap(k => {
    const key = shape.bareEntryKeys ? k : `"${k}"`;
    const flags = shape.loose
      ? [
          '    enabled = true',
          '    default_global_requests = true',
          '    default_global_limits = false',
        ]
      : [
          '    enabled                 = true',
          '    default_global_requests = true',
          '    default_global_limits   = false',
        ];
    return map === 'thanos-tls-querier'
      ? [
          `  ${key} = {`,
          ...flags,
          '    stores = [',
          `      "thanos-sidecar.${k}.\${local.suffix}:443"`,
          '    ]',
          '  }',
        ]
      : [
          `  ${key} = {`,
          ...flags,
          `    bucket${
            shape.loose ? '' : ' '.repeat(17)
          } = "thanos-store-${k}"`,
          `    region${shape.loose ? '' : ' '.repeat(17)} = "eu-west-3"`,
          '  }',
        ];
  });
  const retired = shape.innerComment
    ? ['  # "retired" = { enabled = false }']
    : [];
  return [
    `${shape.quotedMapKey ? `"${map}"` : map} = {`,
    ...retired,
    ...entries.map(line =>
      shape.tabs ? line.replace(/^ {2}(?=\S)/, '\t') : line,
    ),
    ...retired,
    '}',
  ];
}

export const observerFile = fc
  .record({
    prelude: fc.array(
      fc.oneof(
        comment.map(c => [c]),
        fc.constant(['locals {', '  a = 1', '}']),
      ),
      {
        maxLength: 3,
      },
    ),
    before: fc.array(filler, { maxLength: 5 }),
    between: fc.array(filler, { maxLength: 3 }),
    after: fc.array(filler, { maxLength: 3 }),
    keys: fc.uniqueArray(dnsKey, { maxLength: 5 }),
    querier: mapShape,
    storeGateway: mapShape,
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(f => {
    const indent = (lines: string[]) =>
      lines.map(l => (l === '' ? '' : `  ${l}`));
    const lines = [
      ...f.prelude.flat(),
      'inputs = {',
      ...indent(f.before.flat()),
      ...(f.querier.present
        ? indent(mapLines('thanos-tls-querier', f.querier, f.keys))
        : []),
      ...indent(f.between.flat()),
      ...(f.storeGateway.present
        ? indent(mapLines('thanos-storegateway', f.storeGateway, f.keys))
        : []),
      ...indent(f.after.flat()),
      '}',
    ];
    const eol = f.crlf ? '\r\n' : '\n';
    return { source: lines.join(eol) + (f.finalNewline ? eol : ''), ...f };
  });

export function observeeFor(key: string): Observee {
  return {
    key,
    sidecarHost: `thanos-sidecar.${key}.thanos.example.com`,
    bucket: `thanos-store-acme-${key}`,
    region: 'eu-west-2',
  };
}

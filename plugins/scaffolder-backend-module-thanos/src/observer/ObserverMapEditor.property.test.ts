import { isDeepStrictEqual } from 'node:util';
import { ConflictError, InputError } from '@backstage/errors';
import { diffLines } from 'diff';
import fc from 'fast-check';
import { formatHcl, parseHcl } from '../hcl/hashicorp';
import { editObserverMaps } from './ObserverMapEditor';
import { entryValue, Observee, OBSERVER_MAPS } from './observerEntries';

/**
 * Property tests: observer files in the teks shape (notes/terragrunt-reference.md §1.7, §2) with
 * everything that trips a naive editor — look-alike `thanos-tls-querier = {` text in every kind
 * of comment, in heredocs holding YAML with braces, in strings with `${…}`/`%{…}` templates, and
 * in a nested object; uneven spacing; CRLF; with or without a final newline; 0–5 existing entries,
 * keys bare or quoted; either map absent. Whatever the file, the edit either yields a file that
 * parses to the old settings plus the new entries with a line diff of additions only, or refuses
 * with an InputError/ConflictError and a message.
 */

const NUM_RUNS = 500;

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

const dnsKey = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);

interface MapShape {
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

const observerFile = fc
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

function observeeFor(key: string): Observee {
  return {
    key,
    sidecarHost: `thanos-sidecar.${key}.thanos.example.com`,
    bucket: `thanos-store-acme-${key}`,
    region: 'eu-west-2',
  };
}

/** Everything wrong with the editor's answer for `file` and observee `key`; empty when it is right. */
async function problemsWith(
  file: {
    source: string;
    keys: string[];
    crlf: boolean;
    querier: MapShape;
    storeGateway: MapShape;
  },
  key: string,
): Promise<string[]> {
  const problems: string[] = [];
  const observee = observeeFor(key);
  const request = {
    source: file.source,
    path: 'observer.hcl',
    observee,
    ifExists: 'fail' as const,
  };
  const registered = file.keys.includes(key);
  const attempt = async (ifExists: 'fail' | 'skip') =>
    editObserverMaps({ ...request, ifExists }).then(
      result => ({ result, error: undefined }),
      (error: Error) => ({ result: undefined, error }),
    );

  const { result, error } = await attempt('fail');
  if (registered && file.querier.present !== file.storeGateway.present) {
    if (
      !(error instanceof InputError) ||
      !/half-registered/.test(error.message)
    ) {
      problems.push(
        `expected a half-registered refusal, got ${error ?? 'an edit'}`,
      );
    }
    return problems;
  }
  if (registered && file.querier.present) {
    if (!(error instanceof ConflictError))
      problems.push(`expected a ConflictError, got ${error ?? 'an edit'}`);
    const skipped = await attempt('skip');
    if (skipped.result?.text !== file.source)
      problems.push('ifExists: skip changed the file');
    return problems;
  }
  if (!result) return [`refused a valid file: ${error}`];

  if (diffLines(file.source, result.text).some(part => part.removed)) {
    problems.push('the line diff removes or changes a line');
  }
  // Removing the inserted text gives back the original, byte for byte.
  let restored = '';
  let cursor = 0;
  let shift = 0;
  for (const ins of [...result.insertions].sort(
    (a, b) => a.offset - b.offset,
  )) {
    const at = ins.offset + shift;
    restored += result.text.slice(cursor, at);
    cursor = at + ins.text.length;
    shift += ins.text.length;
  }
  restored += result.text.slice(cursor);
  if (restored !== file.source)
    problems.push('bytes outside the inserted entries changed');
  if (file.crlf && result.text.replace(/\r\n/g, '').includes('\n')) {
    problems.push('a bare LF was written into a CRLF file');
  }

  const before = (await parseHcl('o.hcl', file.source)).inputs as Record<
    string,
    any
  >;
  const after = (await parseHcl('o.hcl', result.text)).inputs as Record<
    string,
    any
  >;
  for (const map of OBSERVER_MAPS) {
    if (!isDeepStrictEqual(after[map]?.[key], entryValue(map, observee))) {
      problems.push(`inputs.${map}.${key} does not hold the new entry`);
    }
    const { [key]: _added, ...kept } = after[map] ?? {};
    if (!isDeepStrictEqual(kept, before[map] ?? {}))
      problems.push(`existing entries of ${map} changed`);
  }
  for (const other of Object.keys(before)) {
    if (
      !(OBSERVER_MAPS as readonly string[]).includes(other) &&
      !isDeepStrictEqual(after[other], before[other])
    ) {
      problems.push(`inputs.${other} changed`);
    }
  }
  if (
    (await formatHcl(file.source)) === file.source &&
    (await formatHcl(result.text)) !== result.text
  ) {
    problems.push('a fmt-clean file is no longer fmt-clean');
  }
  return problems;
}

describe('editObserverMaps (property)', () => {
  it(`keeps every original line and adds valid entries, or refuses cleanly (${NUM_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        observerFile,
        dnsKey,
        fc.boolean(),
        async (file, newKey, reuse) => {
          const key = reuse && file.keys.length > 0 ? file.keys[0] : newKey;
          expect(await problemsWith(file, key)).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);
});

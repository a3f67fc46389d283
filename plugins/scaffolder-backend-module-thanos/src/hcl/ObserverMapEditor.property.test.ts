import { isDeepStrictEqual } from 'node:util';
import { ConflictError, InputError } from '@backstage/errors';
import { diffLines } from 'diff';
import fc from 'fast-check';
import {
  dnsKey,
  MapShape,
  observeeFor,
  observerFile,
} from './__testUtils__/observerFiles';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import { editObserverMaps } from './ObserverMapEditor';
import { entryValue, OBSERVER_MAPS } from './observerEntries';

/**
 * Property tests: observer files in the teks shape (docs/infra-repo.md, "The observer maps") with
 * everything that trips a naive editor — look-alike `thanos-tls-querier = {` text in every kind
 * of comment, in heredocs holding YAML with braces, in strings with `${…}`/`%{…}` templates, and
 * in a nested object; uneven spacing; CRLF; with or without a final newline; 0–5 existing entries,
 * keys bare or quoted; either map absent. Whatever the file, the edit either yields a file that
 * parses to the old settings plus the new entries with a line diff of additions only, or refuses
 * with an InputError/ConflictError and a message.
 */

const NUM_RUNS = 500;

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

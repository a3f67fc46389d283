import { isDeepStrictEqual } from 'node:util';
import { InputError, NotFoundError } from '@backstage/errors';
import { diffLines } from 'diff';
import fc from 'fast-check';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import {
  dnsKey,
  observeeFor,
  observerFile,
} from './__testUtils__/observerFiles';
import { editObserverMaps } from './ObserverMapEditor';
import { removeObserverEntries } from './ObserverEntryRemover';
import { OBSERVER_MAPS } from './observerEntries';

/**
 * Property tests on the observer files of `__testUtils__/observerFiles.ts`: registering an
 * observee and then deregistering it gives back the original file byte for byte, and removing an
 * existing entry is a diff of removed lines only that parses to the old settings minus that key.
 */

const NUM_RUNS = 300;

const bothMaps = observerFile.filter(
  f => f.querier.present && f.storeGateway.present,
);

/** Everything wrong with removing the existing `key` from `source`; empty when it is right. */
async function removalProblems(source: string, key: string) {
  let result;
  try {
    result = await removeObserverEntries({
      source,
      path: 'observer.hcl',
      key,
      ifMissing: 'fail',
    });
  } catch (e) {
    return e instanceof InputError && /^observer\.hcl: /.test(e.message)
      ? []
      : [`expected a clean refusal, got ${e}`];
  }
  const problems: string[] = [];
  if (diffLines(source, result.text).some(part => part.added)) {
    problems.push('the line diff adds or changes a line');
  }
  const before = (await parseHcl('o.hcl', source)).inputs as any;
  const after = (await parseHcl('o.hcl', result.text)).inputs as any;
  for (const map of OBSERVER_MAPS) {
    const { [key]: gone, ...kept } = before[map];
    if (gone === undefined) problems.push(`${map} did not hold the key`);
    if (!isDeepStrictEqual(after[map], kept)) {
      problems.push(`inputs.${map} is not the old map minus the key`);
    }
  }
  if (
    (await formatHcl(source)) === source &&
    (await formatHcl(result.text)) !== result.text
  ) {
    problems.push('a fmt-clean file is no longer fmt-clean');
  }
  return problems;
}

describe('removeObserverEntries (property)', () => {
  it(`register then deregister gives back the original bytes (${NUM_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(bothMaps, dnsKey, async (file, key) => {
        fc.pre(!file.keys.includes(key));
        const registered = await editObserverMaps({
          source: file.source,
          path: 'observer.hcl',
          observee: observeeFor(key),
          ifExists: 'fail',
        }).catch(() => undefined);
        // Files the register editor refuses (unusual layouts) are not this property's concern.
        fc.pre(registered !== undefined);
        const removed = await removeObserverEntries({
          source: registered!.text,
          path: 'observer.hcl',
          key,
          ifMissing: 'fail',
        });
        expect(removed.text).toBe(file.source);
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it(`removes an existing entry with deletions only, or refuses cleanly (${NUM_RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        bothMaps.filter(f => f.keys.length > 0),
        fc.nat(),
        async (file, pick) => {
          const key = file.keys[pick % file.keys.length];
          expect(await removalProblems(file.source, key)).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it('refuses a key in neither map unless ifMissing is skip', async () => {
    const [file] = fc.sample(
      bothMaps.filter(f => !f.keys.includes('absent')),
      { numRuns: 1, seed: 14 },
    );
    const request = {
      source: file.source,
      path: 'observer.hcl',
      key: 'absent',
    };
    await expect(
      removeObserverEntries({ ...request, ifMissing: 'fail' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      removeObserverEntries({ ...request, ifMissing: 'skip' }),
    ).resolves.toEqual({
      outcome: 'not-registered',
      text: file.source,
      removals: [],
    });
  });
});

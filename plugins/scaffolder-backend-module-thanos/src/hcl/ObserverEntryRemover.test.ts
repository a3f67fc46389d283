import fs from 'node:fs';
import path from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import { diffLines } from 'diff';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import { removeObserverEntries } from './ObserverEntryRemover';

// The teks-style observer unit of the example infra repo (shape: docs/infra-repo.md, "The observer
// maps"), which registers "observee" and "observee-2".
const OBSERVER_PATH =
  'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl';
const observerFile = fs.readFileSync(
  path.resolve(__dirname, '../../../../examples/infra-repo', OBSERVER_PATH),
  'utf8',
);

function removedText(before: string, after: string) {
  const parts = diffLines(before, after);
  expect(parts.filter(p => p.added)).toEqual([]);
  return parts
    .filter(p => p.removed)
    .map(p => p.value)
    .join('');
}

function deregister(source: string, key: string, ifMissing: 'fail' | 'skip') {
  return removeObserverEntries({ source, path: OBSERVER_PATH, key, ifMissing });
}

describe('removeObserverEntries', () => {
  it('removes exactly the entry of each map, fmt-clean, and the rest parses as before', async () => {
    const result = await deregister(observerFile, 'observee-2', 'fail');
    expect(result.outcome).toBe('deregistered');
    const removed = removedText(observerFile, result.text);
    expect(removed.match(/"observee-2" = \{/g)).toHaveLength(2);
    expect(removed).toContain(
      '"thanos-sidecar.observee-2.${local.default_domain_suffix}:443"',
    );
    expect(removed).toContain('"thanos-store-acme-thanos-observee-2"');
    expect(removed).not.toContain('"observee" = {');
    expect(await formatHcl(result.text)).toBe(result.text);

    const before = (await parseHcl('a.hcl', observerFile)) as any;
    const after = (await parseHcl('b.hcl', result.text)) as any;
    delete before.inputs['thanos-tls-querier']['observee-2'];
    delete before.inputs['thanos-storegateway']['observee-2'];
    expect(after).toEqual(before);
  });

  it('refuses a key registered in one map only, naming both maps', async () => {
    const once = observerFile.replace(
      /( {4}"observee-2" = \{\n(?: {6}.*\n)+? {4}\}\n)(?=[\s\S]*thanos-storegateway)/,
      '',
    );
    expect(once).not.toBe(observerFile);
    await expect(deregister(once, 'observee-2', 'fail')).rejects.toThrow(
      /observee\.key "observee-2" is in inputs\.thanos-storegateway but not in inputs\.thanos-tls-querier/,
    );
    await expect(deregister(once, 'observee-2', 'skip')).rejects.toThrow(
      InputError,
    );
  });

  it('refuses an unknown key with fail, and changes nothing with skip', async () => {
    await expect(deregister(observerFile, 'payments', 'fail')).rejects.toThrow(
      NotFoundError,
    );
    await expect(deregister(observerFile, 'payments', 'fail')).rejects.toThrow(
      /observee\.key "payments" is in neither/,
    );
    const skipped = await deregister(observerFile, 'payments', 'skip');
    expect(skipped).toEqual({
      outcome: 'not-registered',
      text: observerFile,
      removals: [],
    });
  });

  it('refuses an entry that shares its line with another one', async () => {
    const source = [
      'inputs = {',
      '  thanos-tls-querier = {',
      '    a = { enabled = true }, b = { enabled = true }',
      '  }',
      '  thanos-storegateway = {',
      '    a = { enabled = true }',
      '    b = { enabled = true }',
      '  }',
      '}',
      '',
    ].join('\n');
    await expect(deregister(source, 'b', 'fail')).rejects.toThrow(
      /the entry "b" of inputs\.thanos-tls-querier shares its lines/,
    );
  });

  it('refuses a file that does not parse', async () => {
    await expect(
      deregister('inputs = {\n  a = "x\n}\n', 'a', 'fail'),
    ).rejects.toThrow(/does not parse with HashiCorp's HCL parser/);
  });
});

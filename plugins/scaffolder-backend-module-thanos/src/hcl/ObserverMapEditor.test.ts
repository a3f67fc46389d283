import fs from 'node:fs';
import path from 'node:path';
import { diffLines } from 'diff';
import { formatHcl, parseHcl } from '@thanos-backstage/plugin-thanos-node';
import { editObserverMaps } from './ObserverMapEditor';
import { Observee } from './observerEntries';

// The teks-style observer unit of the example infra repo (shape: docs/infra-repo.md, "The observer
// maps"; particuleio/teks terragrunt/live/thanos at c1f4194).
const OBSERVER_PATH =
  'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl';
const observerFile = fs.readFileSync(
  path.resolve(__dirname, '../../../../examples/infra-repo', OBSERVER_PATH),
  'utf8',
);

const observee: Observee = {
  key: 'payments',
  sidecarHost: 'thanos-sidecar.payments.thanos.acme.example.com',
  bucket: 'thanos-store-acme-thanos-payments',
  region: 'eu-west-3',
};

function addedText(before: string, after: string) {
  const parts = diffLines(before, after);
  expect(parts.filter(p => p.removed)).toEqual([]);
  return parts
    .filter(p => p.added)
    .map(p => p.value)
    .join('');
}

async function register(
  source: string,
  ifExists: 'fail' | 'skip' = 'fail',
  o = observee,
) {
  return editObserverMaps({
    source,
    path: OBSERVER_PATH,
    observee: o,
    ifExists,
  });
}

describe('editObserverMaps', () => {
  it('adds exactly one entry to each map of the teks observer file, fmt-clean', async () => {
    const result = await register(observerFile);
    expect(result.outcome).toBe('registered');
    expect(addedText(observerFile, result.text)).toBe(
      [
        '    "payments" = {',
        '      enabled                 = true',
        '      default_global_requests = true',
        '      default_global_limits   = false',
        '      stores = [',
        '        "thanos-sidecar.payments.thanos.acme.example.com:443"',
        '      ]',
        '    }',
        '    "payments" = {',
        '      enabled                 = true',
        '      default_global_requests = true',
        '      default_global_limits   = false',
        '      bucket                  = "thanos-store-acme-thanos-payments"',
        '      region                  = "eu-west-3"',
        '    }',
        '',
      ].join('\n'),
    );
    expect(await formatHcl(result.text)).toBe(result.text);
    const inputs = (await parseHcl('x.hcl', result.text)).inputs as any;
    expect(inputs['thanos-tls-querier'].payments.stores).toEqual([
      'thanos-sidecar.payments.thanos.acme.example.com:443',
    ]);
    expect(Object.keys(inputs['thanos-storegateway'])).toEqual([
      'observee',
      'observee-2',
      'payments',
    ]);
  });

  it('registers a key that names a property every JavaScript object inherits', async () => {
    const result = await register(observerFile, 'fail', {
      ...observee,
      key: 'constructor',
    });
    expect(result.outcome).toBe('registered');
    const inputs = (await parseHcl('x.hcl', result.text)).inputs as any;
    expect(Object.hasOwn(inputs['thanos-tls-querier'], 'constructor')).toBe(
      true,
    );
    expect(Object.hasOwn(inputs['thanos-storegateway'], 'constructor')).toBe(
      true,
    );
  });

  it('refuses a key that is already in both maps, naming the maps and the key', async () => {
    await expect(
      register(observerFile, 'fail', { ...observee, key: 'observee-2' }),
    ).rejects.toThrow(
      /observee "observee-2" is already registered in inputs.thanos-tls-querier and inputs.thanos-storegateway/,
    );
  });

  it('leaves the file byte-identical with ifExists: skip', async () => {
    const result = await register(observerFile, 'skip', {
      ...observee,
      key: 'observee',
    });
    expect(result).toEqual({
      outcome: 'already-registered',
      text: observerFile,
      insertions: [],
    });
  });

  it('refuses a half-registered key and names the map that lacks it', async () => {
    const half = observerFile.replace(
      /( {2}thanos-storegateway = \{\n) {4}"observee" = \{[^}]*\}\n/,
      '$1',
    );
    expect(half).not.toBe(observerFile);
    await expect(
      register(half, 'skip', { ...observee, key: 'observee' }),
    ).rejects.toThrow(
      /is in inputs.thanos-tls-querier but not in inputs.thanos-storegateway/,
    );
  });

  it('adds both maps at the end of inputs when this is the first observee', async () => {
    const source = [
      'inputs = {',
      '  thanos = {',
      '    enabled     = true',
      '    generate_ca = true',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = await register(source);
    expect(addedText(source, result.text)).toBe(
      [
        '',
        '  thanos-tls-querier = {',
        '    "payments" = {',
        '      enabled                 = true',
        '      default_global_requests = true',
        '      default_global_limits   = false',
        '      stores = [',
        '        "thanos-sidecar.payments.thanos.acme.example.com:443"',
        '      ]',
        '    }',
        '  }',
        '',
        '  thanos-storegateway = {',
        '    "payments" = {',
        '      enabled                 = true',
        '      default_global_requests = true',
        '      default_global_limits   = false',
        '      bucket                  = "thanos-store-acme-thanos-payments"',
        '      region                  = "eu-west-3"',
        '    }',
        '  }',
        '',
      ].join('\n'),
    );
    expect(await formatHcl(result.text)).toBe(result.text);
  });

  it('keeps CRLF line endings and a missing final newline', async () => {
    const source = observerFile.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const result = await register(source);
    expect(result.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(result.text.endsWith('}')).toBe(true);
    expect(addedText(source, result.text)).toContain('"payments" = {\r\n');
  });

  it('does not reformat a file that was not fmt-clean, and still inserts fmt-clean entries', async () => {
    const source = observerFile.replace('  thanos = {', '  thanos   =   {');
    const result = await register(source);
    expect(addedText(source, result.text)).toContain('    "payments" = {');
    expect(result.text).toContain('  thanos   =   {');
  });

  it('ignores look-alike maps in heredocs, strings and comments', async () => {
    const source = [
      'locals {',
      '  yaml = <<-EOF',
      '    thanos-tls-querier = {',
      '      x: { y: "}" }',
      '  EOF',
      '}',
      '# thanos-storegateway = {',
      'inputs = {',
      '  /* thanos-tls-querier = { */',
      '  note = "thanos-tls-querier = { ${local.a} }"',
      '}',
      '',
    ].join('\n');
    const result = await register(source);
    const inputs = (await parseHcl('x.hcl', result.text)).inputs as any;
    expect(Object.keys(inputs)).toEqual([
      'note',
      'thanos-storegateway',
      'thanos-tls-querier',
    ]);
    addedText(source, result.text);
  });

  it('refuses a map that is not an object literal', async () => {
    const source = 'inputs = {\n  thanos-tls-querier = local.queriers\n}\n';
    await expect(register(source)).rejects.toThrow(
      /inputs.thanos-tls-querier is not written as an object/,
    );
  });

  it('refuses a file without inputs, or one that does not parse', async () => {
    await expect(register('locals {\n  a = 1\n}\n')).rejects.toThrow(
      /expected exactly one top-level "inputs = \{ … \}" attribute, found 0/,
    );
    await expect(register('inputs = {\n  a = \n}\n')).rejects.toThrow(
      /does not parse with HashiCorp's HCL parser/,
    );
  });
});

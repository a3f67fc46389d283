'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const {
  parseClusterConfig,
  loadClusterConfig,
} = require('../src/clusterConfig');
const { SHIPPED_CLUSTERS } = require('./support');

const EXAMPLE_CATALOG = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'examples',
  'thanos-clusters.yaml',
);

describe('cluster list', () => {
  it(
    'matches the example catalog: same observee keys and cluster labels',
    {
      skip:
        !fs.existsSync(EXAMPLE_CATALOG) &&
        'examples/thanos-clusters.yaml not found',
    },
    () => {
      // The catalog's entities carry `thanos.io/external-labels: cluster=<label>` and, for observees,
      // `thanos.io/observee-key: <key>`; read them without a YAML parser (no dependencies here).
      const catalog = fs.readFileSync(EXAMPLE_CATALOG, 'utf8').split(/^---$/m);
      const fromCatalog = catalog
        .map(doc => ({
          label: /thanos\.io\/external-labels:\s*["']?cluster=([\w.-]+)/.exec(
            doc,
          )?.[1],
          key: /thanos\.io\/observee-key:\s*["']?([\w.-]+)/.exec(doc)?.[1],
        }))
        .filter(e => e.label && e.key)
        .map(e => `${e.key}=${e.label}`)
        .sort();
      const simulated = loadClusterConfig(SHIPPED_CLUSTERS)
        .filter(c => c.role === 'observee' && c.inCatalog)
        .map(c => `${c.key}=${c.cluster}`)
        .sort();
      assert.deepEqual(simulated, fromCatalog);
    },
  );

  it('refuses an unknown scenario, naming the entry and the valid scenarios', () => {
    assert.throws(
      () =>
        parseClusterConfig(
          {
            clusters: [
              { key: 'observer', cluster: 'o', role: 'observer' },
              { key: 'a', cluster: 'a', scenario: 'flood' },
            ],
          },
          'clusters.json',
        ),
      /clusters\.json: clusters\[1\]\.scenario "flood" is unknown; valid scenarios: healthy, tls-failure, sidecar-down/,
    );
  });

  it('requires exactly one observer and unique DNS-label keys', () => {
    assert.throws(
      () =>
        parseClusterConfig(
          { clusters: [{ key: 'a', cluster: 'a' }] },
          'x.json',
        ),
      /exactly one cluster with "role": "observer", found 0/,
    );
    assert.throws(
      () =>
        parseClusterConfig(
          {
            clusters: [
              { key: 'o', cluster: 'o', role: 'observer' },
              { key: 'o', cluster: 'b' },
            ],
          },
          'x.json',
        ),
      /clusters\[1\]\.key "o" appears twice/,
    );
    assert.throws(
      () =>
        parseClusterConfig(
          { clusters: [{ key: 'Not_DNS', cluster: 'o', role: 'observer' }] },
          'x.json',
        ),
      /clusters\[0\]\.key must be a DNS label/,
    );
  });

  it('names the file when it cannot be read', () => {
    assert.throws(
      () => loadClusterConfig('/nonexistent/clusters.json'),
      /cannot read the cluster list \/nonexistent\/clusters\.json/,
    );
  });
});

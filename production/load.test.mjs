// The short form of the load benchmark, for CI: 5 s per scenario and route. Asserts invariants,
// not timings (the CI machine's speed varies). Run: node --test production/load.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable, runLoad } from './load.mjs';

test(
  '200 connections on the status and fleet routes: no 5xx, bounded upstream calls, backend alive',
  { timeout: 300_000 },
  async () => {
    const { rows, backendAlive } = await runLoad({
      durationSeconds: 5,
      connections: 200,
    });
    console.log(
      `# load (short form)\n${formatTable(rows).replace(/^/gm, '# ')}`,
    );

    for (const row of rows.filter(r => r.scenario === 'healthy')) {
      assert.equal(
        row.non2xx,
        0,
        `${row.route}: ${JSON.stringify(row.statuses)}`,
      );
      assert.equal(
        row.socketErrors,
        0,
        `${row.route}: socket errors with a healthy upstream`,
      );
      assert.ok(row.requests > 0, `${row.route}: no request completed`);
    }
    for (const row of rows) {
      // A failing upstream is reported inside a 200 answer (errors[]), never as a backend 5xx.
      assert.equal(
        row.status5xx,
        0,
        `${row.scenario} / ${row.route}: ${JSON.stringify(row.statuses)}`,
      );
      // docs/architecture.md, "Cost": one call per upstream path per refresh interval; 2 allows a
      // window edge.
      assert.ok(
        row.maxCallsPerPathPerInterval <= 2,
        `${row.scenario} / ${row.route}: ${JSON.stringify(
          row.upstream,
        )} upstream calls in ${row.requests} requests`,
      );
    }
    assert.ok(backendAlive, 'the backend process died under load');
  },
);

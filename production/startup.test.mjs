// Start-up: replicas started at the same moment on an empty database all become ready (what a
// Kubernetes Deployment with several replicas does on its first rollout), and a backend that
// cannot start exits with code 1 and its cause in one log line, so that it is restarted.
// Run: node --test production/startup.test.mjs
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {
  overlayConfig,
  spawnBackend,
  waitForReadiness,
} from './lib/backend.mjs';
import { freePort } from './lib/ports.mjs';
import { createRun } from './lib/run.mjs';
import { waitFor } from './lib/suite.mjs';

/** Replicas per round: 3 and 2 alternating, five rounds, each on a new empty database. */
const ROUNDS = [3, 2, 3, 2, 3];
const READY_WITHIN_MS = 60_000;

/** Starts `count` replicas at once and returns each one's milliseconds from spawn to ready. */
async function startTogether(run, count) {
  const overlay = overlayConfig({ database: run.database, redis: run.redis });
  const ports = [];
  for (let i = 0; i < count; i += 1) ports.push(await freePort());
  const backends = await Promise.all(
    ports.map(async (port, i) => {
      const backend = await spawnBackend({ name: `r${i + 1}`, port, overlay });
      run.defer(() => backend.stop());
      return backend;
    }),
  );
  const outcomes = await Promise.allSettled(
    backends.map(backend => waitForReadiness(backend, READY_WITHIN_MS)),
  );
  const failures = [];
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'rejected') {
      const log = await backends[i].log();
      failures.push(
        `${outcome.reason.message}\n--- ${
          backends[i].name
        } log (tail) ---\n${log.slice(-3000)}`,
      );
    }
  }
  // Stopped together rather than one by one in the run's cleanup: the round ends sooner.
  await Promise.all(backends.map(backend => backend.stop()));
  assert.deepEqual(failures, [], failures.join('\n\n'));
  return outcomes.map(outcome => outcome.value);
}

describe(
  'replicas started at the same moment on an empty database',
  { timeout: ROUNDS.length * 120_000 },
  () => {
    const report = [];
    after(() => {
      for (const line of report) console.log(`# start-up ${line}`);
    });

    ROUNDS.forEach((replicas, index) => {
      const round = index + 1;
      // Odd rounds: a database per plugin, created by the replicas (app-config.production.yaml's
      // default division). Even rounds: one empty database, a schema per plugin.
      const databasePerPlugin = round % 2 === 1;
      const division = databasePerPlugin
        ? 'database per plugin'
        : 'schema per plugin';
      it(`round ${round}: ${replicas} replicas, ${division}, all ready within ${
        READY_WITHIN_MS / 1000
      } s`, async () => {
        const run = await createRun(`startup_r${round}`, { databasePerPlugin });
        try {
          const readyMs = await startTogether(run, replicas);
          report.push(
            `round ${round} (${replicas} replicas, ${division}): ready after ${readyMs
              .map(ms => `${(ms / 1000).toFixed(1)} s`)
              .join(', ')}`,
          );
          if (databasePerPlugin) {
            const databases = await run.database.databases();
            assert.ok(
              databases.includes(`${run.database.name}catalog`),
              `the replicas created no catalog database: ${databases.join(
                ', ',
              )}`,
            );
          }
        } finally {
          await run.cleanup();
        }
      });
    });
  },
);

/** The line a backend that failed to start writes last (packages/backend/src/startup). */
function startupFailureLine(log) {
  const lines = log
    .split('\n')
    .filter(line => line.includes('Backend failed to start, exiting:'));
  assert.equal(lines.length, 1, `expected one start-up failure line:\n${log}`);
  return JSON.parse(lines[0]);
}

describe('a backend that cannot start', { timeout: 240_000 }, () => {
  it('exits with code 1 and the failed plugin in one log line when a plugin fails to initialise', async () => {
    const run = await createRun('startup_fail');
    try {
      const overlay = overlayConfig({
        database: run.database,
        redis: run.redis,
        // Passes the configuration schema, fails the thanos plugin's own check at init.
        thanos: {
          instances: [{ name: 'Not_A_DNS_Label', queryUrl: 'http://x:9' }],
        },
      });
      const backend = await spawnBackend({
        name: 'broken',
        port: await freePort(),
        overlay,
      });
      run.defer(() => backend.stop());

      await waitFor(
        () => !backend.isRunning(),
        `${backend.name} to exit`,
        120_000,
      );
      const { code } = await backend.exited;
      const log = await backend.log();

      assert.equal(code, 1, log.slice(-2000));
      const line = startupFailureLine(log);
      assert.equal(line.level, 'error');
      assert.match(line.message, /Plugin 'thanos' startup failed/);
      assert.match(
        line.message,
        /thanos\.instances\[0\]\.name "Not_A_DNS_Label"/,
      );
      await assert.rejects(
        fetch(`${backend.baseUrl}/.backstage/health/v1/liveness`),
        'the liveness route still answers after the failed start',
      );
    } finally {
      await run.cleanup();
    }
  });

  it('exits with code 1 and the cause in one log line when its port is taken', async () => {
    const run = await createRun('startup_port');
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise(resolve => squatter.listen(port, '0.0.0.0', resolve));
    try {
      const backend = await spawnBackend({
        name: 'port-taken',
        port,
        overlay: overlayConfig({ database: run.database, redis: run.redis }),
      });
      run.defer(() => backend.stop());

      await waitFor(
        () => !backend.isRunning(),
        `${backend.name} to exit`,
        120_000,
      );
      const { code } = await backend.exited;
      const log = await backend.log();

      assert.equal(code, 1, log.slice(-2000));
      assert.match(startupFailureLine(log).message, /EADDRINUSE/);
    } finally {
      await new Promise(resolve => squatter.close(resolve));
      await run.cleanup();
    }
  });
});

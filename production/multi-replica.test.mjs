// Two backend replicas on one PostgreSQL and one Redis, the Thanos simulator behind them.
// Run: node --test production/multi-replica.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from './lib/simulator.mjs';
import {
  DEMO_LOCATIONS,
  guestToken,
  overlayConfig,
  spawnBackend,
  waitForReadiness,
} from './lib/backend.mjs';
import { freePort } from './lib/ports.mjs';
import { createRun } from './lib/run.mjs';
import {
  burst,
  tally,
  EXAMPLE_ENTITIES,
  statusPath,
  FLEET_PATH,
} from './lib/burst.mjs';
import {
  authHeaders,
  fixture,
  sleep,
  startReplicas,
  thanosConfig,
  waitForStatusRoute,
} from './lib/suite.mjs';

const REFRESH_SECONDS = 10;

/** Every status route and the fleet route on each of the given replicas, round-robin. */
function targetsOn(...replicas) {
  const paths = [...EXAMPLE_ENTITIES.map(statusPath), FLEET_PATH];
  return paths.flatMap(path =>
    replicas.map(b => ({ baseUrl: b.baseUrl, path, replica: b.name })),
  );
}

/** Keeps requests going for `ms` and returns the simulator's call counts for that window. */
async function callsDuring(sim, token, targets, ms) {
  await sim.resetStats();
  const until = Date.now() + ms;
  const outcomes = [];
  while (Date.now() < until) {
    outcomes.push(
      ...(await burst({
        targets,
        total: targets.length * 4,
        concurrency: 20,
        token,
      })),
    );
  }
  const stats = await sim.stats();
  return { stats, outcomes };
}

describe(
  'two backend replicas sharing PostgreSQL and Redis',
  { timeout: 400_000 },
  () => {
    let sim;
    let env;
    const report = {};

    before(async () => {
      sim = await startSimulator();
      env = await startReplicas('multi', {
        replicas: ['a', 'b'],
        thanos: thanosConfig(sim.baseUrl, {
          refreshIntervalSeconds: REFRESH_SECONDS,
        }),
        catalogLocations: [
          ...DEMO_LOCATIONS,
          fixture('recovery-template.yaml'),
        ],
        extra: {
          // Opt-in recovery of tasks whose worker stopped heartbeating (scaffolder-backend 4.3:
          // StorageTaskBroker.recoverTasks, checked every 10 s by each worker).
          scaffolder: {
            taskRecovery: { enabled: true, staleTimeout: { seconds: 5 } },
          },
        },
      });
      await waitForStatusRoute(env.backends.a.baseUrl, env.token);
      await waitForStatusRoute(env.backends.b.baseUrl, env.token);
    });

    after(async () => {
      console.log(`# multi-replica numbers: ${JSON.stringify(report)}`);
      await env?.run.cleanup();
      await sim?.stop();
    });

    it('(a) costs the same upstream calls with two replicas as with one, per refresh interval', async () => {
      const { a, b } = env.backends;
      const windowMs = REFRESH_SECONDS * 1000;
      const single = await callsDuring(sim, env.token, targetsOn(a), windowMs);
      const both = await callsDuring(sim, env.token, targetsOn(a, b), windowMs);
      report.singleReplica = {
        requests: single.outcomes.length,
        upstream: single.stats.calls,
      };
      report.twoReplicas = {
        requests: both.outcomes.length,
        upstream: both.stats.calls,
      };

      for (const outcome of [...single.outcomes, ...both.outcomes]) {
        assert.equal(
          outcome.status,
          200,
          `${outcome.replica} ${outcome.path}: ${outcome.status} ${
            outcome.error ?? outcome.body?.slice(0, 200)
          }`,
        );
      }
      // One window of one refresh interval: each upstream path is read at most once by the
      // scheduled refresh plus once at the window's edge, however many replicas and requests.
      for (const [path, count] of Object.entries(both.stats.calls)) {
        assert.ok(
          count <= 2,
          `${path} was called ${count} times by two replicas in one refresh interval`,
        );
        const alone = single.stats.calls[path] ?? 0;
        assert.ok(
          count <= Math.max(alone, 1) + 1,
          `${path}: ${count} calls with two replicas, ${alone} with one`,
        );
      }
      assert.ok(
        both.outcomes.length > 100,
        'the burst was too small to show anything',
      );
    });

    it('(c) a scaffolder task on a replica killed mid-task is recovered and completed by the other', async () => {
      const { a, b } = env.backends;
      const create = async templateName => {
        const res = await fetch(`${a.baseUrl}/api/scaffolder/v2/tasks`, {
          method: 'POST',
          headers: {
            ...authHeaders(env.token),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            templateRef: `template:default/${templateName}`,
            values: {},
          }),
        });
        assert.equal(res.status, 201, await res.clone().text());
        return (await res.json()).id;
      };
      const task = async (baseUrl, id) =>
        (
          await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, {
            headers: authHeaders(env.token),
          })
        ).json();
      const events = async (baseUrl, id) =>
        (
          await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}/events`, {
            headers: authHeaders(env.token),
          })
        ).json();

      const recoverable = await create('production-recovery-probe');
      const plain = await create('production-no-recovery-probe');
      // Kill A once both tasks have begun their 8 s debug:wait step (its "Beginning step" log).
      const inWaitStep = async id =>
        (await events(a.baseUrl, id)).some(
          e => e.type === 'log' && e.body?.stepId === 'wait',
        );
      const deadline = Date.now() + 30_000;
      let bothWaiting = false;
      while (!bothWaiting && Date.now() < deadline) {
        const waiting = await Promise.all([
          inWaitStep(recoverable),
          inWaitStep(plain),
        ]);
        bothWaiting = waiting.every(Boolean);
        if (!bothWaiting) await sleep(250);
      }
      assert.ok(bothWaiting, 'the tasks never reached their debug:wait step');
      const killedAt = Date.now();
      await a.kill();

      const settle = async id => {
        const until = Date.now() + 90_000;
        for (;;) {
          const t = await task(b.baseUrl, id);
          if (
            ['completed', 'failed', 'cancelled'].includes(t.status) ||
            Date.now() > until
          )
            return t;
          await sleep(1000);
        }
      };
      const [r, p] = await Promise.all([settle(recoverable), settle(plain)]);
      const rEvents = await events(b.baseUrl, recoverable);
      const pEvents = await events(b.baseUrl, plain);
      report.scaffolder = {
        startOver: {
          status: r.status,
          secondsAfterKill: Math.round((Date.now() - killedAt) / 1000),
          events: rEvents.map(e => e.type),
        },
        none: {
          status: p.status,
          events: pEvents.map(e => e.type),
          last: pEvents.at(-1)?.body?.message,
        },
      };
      assert.equal(
        r.status,
        'completed',
        `startOver task: ${JSON.stringify(rEvents.slice(-3))}`,
      );
      assert.ok(
        rEvents.some(e => e.type === 'recovered'),
        'B recorded a "recovered" event',
      );
      // A task without the opt-in is not lost silently either: it ends in a terminal state on B.
      assert.ok(
        ['completed', 'failed'].includes(p.status),
        `no-recovery task ended ${p.status}`,
      );

      env.backends.a = await env.restart('a');
    });

    it('(b) a replica killed in the middle of a burst leaves the other serving every request routed to it', async () => {
      const { a, b } = env.backends;
      await waitForStatusRoute(a.baseUrl, env.token);
      const targets = targetsOn(a, b);
      let killed = false;
      const outcomes = await burst({
        targets,
        total: 800,
        concurrency: 20,
        token: env.token,
        onProgress: i => {
          if (i === 200 && !killed) {
            killed = true;
            void b.kill();
          }
        },
      });
      const live = tally(outcomes, 'a');
      const dead = tally(outcomes, 'b');
      report.killMidBurst = {
        live: {
          routed: live.total,
          ok: live.ok,
          failed: live.http.length + live.socket.length,
        },
        killed: {
          routed: dead.total,
          ok: dead.ok,
          socketErrors: dead.socket.length,
          errorCodes: [...new Set(dead.socket.map(o => o.error))],
        },
      };
      assert.ok(killed);
      assert.equal(
        live.http.length + live.socket.length,
        0,
        `requests to the live replica failed: ${JSON.stringify(
          [...live.http, ...live.socket].slice(0, 3),
        )}`,
      );
      assert.equal(live.ok, live.total);
      assert.ok(
        dead.socket.length > 0,
        'the killed replica still answered everything: the kill came too late',
      );
      assert.equal(dead.http.filter(o => o.status >= 500).length, 0);
    });
    it('(d) two replicas started together on a cold cache read each upstream path at most once per interval, the first included', async () => {
      // The suite's replicas would add their own refreshes to the simulator's counts: stopped.
      await Promise.all(Object.values(env.backends).map(b => b.stop()));
      // A run of its own: empty database, empty Redis namespace, both replicas spawned at once.
      const run = await createRun('multi_cold');
      try {
        const overlay = overlayConfig({
          database: run.database,
          redis: run.redis,
          thanos: thanosConfig(sim.baseUrl, {
            refreshIntervalSeconds: REFRESH_SECONDS,
          }),
          catalogLocations: DEMO_LOCATIONS,
        });
        const ports = [await freePort(), await freePort()];
        await sim.resetStats();
        const startedAt = Date.now();
        const replicas = await Promise.all(
          ports.map(async (port, i) => {
            const backend = await spawnBackend({
              name: `cold-${i + 1}`,
              port,
              overlay,
            });
            run.defer(() => backend.stop());
            return backend;
          }),
        );
        await Promise.all(replicas.map(b => waitForReadiness(b, 90_000)));
        const token = await guestToken(replicas[0].baseUrl);
        await Promise.all(
          replicas.map(b => waitForStatusRoute(b.baseUrl, token)),
        );

        // Requests on both replicas through three refresh intervals; the counts are sampled at
        // each interval's end, so the first window holds everything since the spawn.
        const windows = [];
        let before = {};
        for (let i = 0; i < 3; i++) {
          const until = Date.now() + REFRESH_SECONDS * 1000;
          while (Date.now() < until) {
            await burst({
              targets: targetsOn(...replicas),
              total: 40,
              concurrency: 20,
              token,
            });
          }
          const { calls } = await sim.stats();
          windows.push(
            Object.fromEntries(
              Object.entries(calls).map(([path, count]) => [
                path,
                count - (before[path] ?? 0),
              ]),
            ),
          );
          before = calls;
        }
        const intervals = (Date.now() - startedAt) / (REFRESH_SECONDS * 1000);
        report.coldStart = {
          intervals: Math.round(intervals * 10) / 10,
          perWindow: windows,
        };
        for (const [path, total] of Object.entries(before)) {
          // One read per interval since the spawn, plus one at an edge.
          assert.ok(
            total <= Math.ceil(intervals) + 1,
            `${path}: ${total} calls in ${intervals.toFixed(
              1,
            )} intervals from a cold start with two replicas`,
          );
        }
        for (const [i, window] of windows.slice(1).entries()) {
          for (const [path, count] of Object.entries(window)) {
            assert.ok(
              count <= 2,
              `${path}: ${count} calls in interval ${i + 2} after a cold start`,
            );
          }
        }
      } finally {
        await run.cleanup();
      }
    });
  },
);

// Owner notifications with two backend replicas on one PostgreSQL and one Redis: one state change
// of a cluster gives its owners exactly one notification, however many replicas run and restart.
// Run: node --test production/notifications.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from './lib/simulator.mjs';
import {
  authHeaders,
  sleep,
  startReplicas,
  thanosConfig,
  waitFor,
  waitForStatusRoute,
} from './lib/suite.mjs';

const REFRESH_SECONDS = 5;
const ENTITY = 'resource:default/pio-thanos-observee';
const GUEST = 'user:default/guest';

describe(
  'owner notifications from two replicas sharing PostgreSQL and Redis',
  { timeout: 400_000 },
  () => {
    let sim;
    let env;

    /** The Thanos notifications stored for the guest, a member of the cluster's owner group. */
    const storedNotifications = async () => {
      const rows = await env.run.database.query(
        `SELECT json_agg(json_build_object('title', title, 'link', link, 'severity', severity)) ` +
          `FROM notifications.notification WHERE topic = 'thanos' AND "user" = '${GUEST}' ` +
          `AND link = '/catalog/default/resource/pio-thanos-observee/thanos'`,
      );
      return rows ? JSON.parse(rows) ?? [] : [];
    };
    const remembered = () =>
      env.run.database.query(
        `SELECT memory FROM thanos.thanos_owner_notifications WHERE entity_ref = '${ENTITY}'`,
      );

    before(async () => {
      sim = await startSimulator();
      env = await startReplicas('notify', {
        replicas: ['a', 'b'],
        thanos: {
          ...thanosConfig(sim.baseUrl, {
            refreshIntervalSeconds: REFRESH_SECONDS,
          }),
          notifications: { enabled: true, minSeverity: 'error' },
        },
      });
      await waitForStatusRoute(env.backends.a.baseUrl, env.token);
      await waitForStatusRoute(env.backends.b.baseUrl, env.token);
    });

    after(async () => {
      await env?.run.cleanup();
      await sim?.stop();
    });

    it('one scenario switch gives exactly one notification, not repeated by a restart or the other replica', async () => {
      // The first state judged is remembered without a notification.
      const baseline = await waitFor(
        remembered,
        `the remembered state of ${ENTITY}`,
        90_000,
        500,
      );
      assert.deepEqual(JSON.parse(baseline), { announced: 'ok' });
      assert.deepEqual(await storedNotifications(), []);

      const res = await fetch(`${sim.baseUrl}/-/simulator/scenarios/observee`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scenario: 'tls-failure' }),
      });
      assert.equal(res.status, 200, await res.text());

      const sent = await waitFor(
        async () => {
          const found = await storedNotifications();
          return found.length > 0 ? found : undefined;
        },
        'the notification of the TLS failure',
        90_000,
        500,
      );
      assert.deepEqual(sent, [
        {
          title: 'pio-thanos-observee: Thanos shows an error',
          link: '/catalog/default/resource/pio-thanos-observee/thanos',
          severity: 'high',
        },
      ]);

      // Both replicas keep running their refreshes, and one restarts with the state unchanged.
      env.backends.a = await env.restart('a');
      await sleep(REFRESH_SECONDS * 4 * 1000);
      assert.equal((await storedNotifications()).length, 1);

      // The notifications backend serves it to the guest, on either replica.
      for (const replica of Object.values(env.backends)) {
        const list = await fetch(
          `${replica.baseUrl}/api/notifications/notifications?topic=thanos`,
          { headers: authHeaders(env.token) },
        );
        assert.equal(list.status, 200, await list.clone().text());
        const body = await list.json();
        assert.equal(body.totalCount, 1, JSON.stringify(body));
        assert.match(
          body.notifications[0].payload.description,
          /^Sidecar: Unreachable.+\n(?:.+\n)*What to do: .+/,
        );
      }
    });
  },
);

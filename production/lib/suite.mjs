import path from 'node:path';
import {
  DEMO_LOCATIONS,
  guestToken,
  overlayConfig,
  startBackend,
} from './backend.mjs';
import { FIXTURES_DIR } from './paths.mjs';
import { freePort } from './ports.mjs';
import { createRun } from './run.mjs';
import { statusPath } from './burst.mjs';

/** `thanos.instances` pointing one instance named `observer` at a (simulated or fake) Thanos. */
export function thanosConfig(
  baseUrl,
  { refreshIntervalSeconds = 10, timeoutMs = 3000, kubernetesClusters } = {},
) {
  return {
    instances: [
      {
        name: 'observer',
        queryUrl: baseUrl,
        tlsQuerierUrlTemplate: `${baseUrl}/tls-querier/{key}`,
        timeoutMs,
        refreshIntervalSeconds,
        // The clusters entities of the instance may name with thanos.io/kubernetes-cluster.
        ...(kubernetesClusters ? { kubernetesClusters } : {}),
      },
    ],
  };
}

export const fixture = file => ({
  type: 'file',
  target: path.join(FIXTURES_DIR, file),
});

/**
 * A run with `replicas` backends sharing its database and Redis namespace. Everything started
 * is registered with the run's cleanup.
 */
export async function startReplicas(
  suite,
  {
    replicas = ['a'],
    thanos,
    catalogLocations,
    extra,
    redisPort,
    redisDb,
    redisUrl,
  },
) {
  const run = await createRun(suite, { redisPort, redisDb });
  try {
    const redis = redisUrl ? { ...run.redis, url: redisUrl } : run.redis;
    const overlay = overlayConfig({
      database: run.database,
      redis,
      thanos,
      catalogLocations: catalogLocations ?? DEMO_LOCATIONS,
      extra,
    });
    const backends = {};
    for (const name of replicas) {
      const port = await freePort();
      backends[name] = await startBackend({ name, port, overlay });
      const started = backends[name];
      run.defer(() => started.stop());
    }
    const first = backends[replicas[0]];
    const token = await guestToken(first.baseUrl);
    const restart = async name => {
      const old = backends[name];
      await old.stop();
      backends[name] = await startBackend({ name, port: old.port, overlay });
      const started = backends[name];
      run.defer(() => started.stop());
      return started;
    };
    return { run, backends, token, overlay, restart };
  } catch (error) {
    await run.cleanup().catch(() => undefined);
    throw error;
  }
}

/** Waits until the status route knows the entity (the catalog loads file locations in the background). */
export async function waitForStatusRoute(
  baseUrl,
  token,
  entity = 'pio-thanos-observee',
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}${statusPath(entity)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    if (res.status === 200) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `status route of ${entity} on ${baseUrl} never answered 200; last: ${last}`,
  );
}

/**
 * Polls `condition` (sync or async) every `intervalMs` until it is truthy and returns its value;
 * fails naming `what` after `timeoutMs`.
 */
export async function waitFor(
  condition,
  what,
  timeoutMs = 30_000,
  intervalMs = 250,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) {
      throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    }
    await sleep(intervalMs);
  }
}

export const authHeaders = token => ({ Authorization: `Bearer ${token}` });
export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

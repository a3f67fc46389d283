import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { freePort, waitForPort } from './ports.mjs';
import { trackGroup, untrackGroup } from './children.mjs';

const MAIN = path.join(
  REPO_ROOT,
  'packages',
  'thanos-simulator',
  'src',
  'main.js',
);

/**
 * Starts the Thanos simulator (a test double, packages/thanos-simulator) without Prometheus,
 * so PromQL answers 503 "metrics are unavailable" and the stores routes carry the test.
 * Returns helpers for its control API: call counts (`/-/simulator/stats`) and faults.
 */
export async function startSimulator({ port, args = [] } = {}) {
  const chosen = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [MAIN, '--port', String(chosen), '--with-prometheus', 'never', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  child.stdout.on('data', d => (log += d));
  child.stderr.on('data', d => (log += d));
  trackGroup(child.pid);
  const exited = new Promise(resolve =>
    child.once('exit', () => {
      untrackGroup(child.pid);
      resolve();
    }),
  );
  try {
    await waitForPort(chosen);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error.message}; simulator log:\n${log}`);
  }
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const control = async (pathname, init) => {
    const res = await fetch(`${baseUrl}${pathname}`, init);
    if (!res.ok)
      throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    port: chosen,
    baseUrl,
    pid: child.pid,
    log: () => log,
    /** `{ total, calls: { '/api/v1/stores': n, … } }` since the last reset. */
    stats: () => control('/-/simulator/stats'),
    resetStats: () => control('/-/simulator/stats/reset', { method: 'POST' }),
    /** `{ latencyMs?, failure?: 'none' | 'http-500' | 'reset' }` */
    setFaults: faults =>
      control('/-/simulator/faults', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

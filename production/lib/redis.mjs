import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForPort } from './ports.mjs';
import { trackGroup, untrackGroup } from './children.mjs';

const run = promisify(execFile);

/** The shared Redis of this machine and CI. DB 5 keeps test keys apart from a dev backend's. */
export const REDIS = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
  db: 5,
};

async function redisCli(port, db, args) {
  const { stdout } = await run('redis-cli', [
    '-h',
    REDIS.host,
    '-p',
    String(port),
    '-n',
    String(db),
    ...args,
  ]);
  return stdout.trim();
}

/**
 * A key namespace for one run in the shared Redis. The backend's cache writes every key as
 * `<namespace>:<pluginId>:…` (`backend.cache.valkey.client.keyPrefix`), so cleanup removes
 * exactly this run's keys and never another suite's.
 */
export function runRedisNamespace(
  runId,
  { port = REDIS.port, db = REDIS.db } = {},
) {
  const namespace = runId;
  return {
    namespace,
    url: `redis://${REDIS.host}:${port}/${db}`,
    keys: async () => {
      const out = await redisCli(port, db, [
        '--scan',
        '--pattern',
        `${namespace}:*`,
      ]);
      return out ? out.split('\n') : [];
    },
    flush: async function flush() {
      const keys = await this.keys();
      for (let i = 0; i < keys.length; i += 500) {
        await redisCli(port, db, ['del', ...keys.slice(i, i + 500)]);
      }
      return keys.length;
    },
  };
}

/**
 * A private redis-server on its own port, for tests that stop Redis (the shared one serves
 * other suites and must stay up). No persistence; its directory is removed on `stop`.
 */
export async function startPrivateRedis(port) {
  const dir = await mkdtemp(path.join(tmpdir(), 'prod-redis-'));
  let child;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore', detached: true },
    );
    const started = child;
    trackGroup(started.pid);
    started.once('exit', () => untrackGroup(started.pid));
    await waitForPort(port);
  };
  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    /** Kills the server (SIGKILL: no goodbye to clients, like a crashed node). */
    kill,
    isRunning: () =>
      Boolean(child) && child.exitCode === null && child.signalCode === null,
    /** Starts it again on the same port, empty. */
    restart: start,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

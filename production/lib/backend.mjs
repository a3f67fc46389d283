import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { backendBundleDir } from './bundle.mjs';
import { trackGroup, untrackGroup } from './children.mjs';
import { POSTGRES } from './postgres.mjs';
import { REDIS } from './redis.mjs';

/** Shared by every replica of a run: tokens one replica signs must verify on the others. */
const BACKEND_SECRET = 'production-suite-shared-backend-secret';

/**
 * The environment `app-config.production.yaml` reads, as an operator would set it.
 */
function productionEnv(port) {
  return {
    APP_BASE_URL: 'http://localhost:3000',
    BACKEND_BASE_URL: `http://127.0.0.1:${port}`,
    BACKEND_PORT: String(port),
    BACKEND_SECRET,
    POSTGRES_HOST: POSTGRES.host,
    POSTGRES_PORT: String(POSTGRES.port),
    POSTGRES_USER: POSTGRES.user,
    POSTGRES_PASSWORD: POSTGRES.password,
    REDIS_HOST: REDIS.host,
    REDIS_PORT: String(REDIS.port),
  };
}

/** Catalog files every suite loads: the demo org and the example Thanos clusters. */
export const DEMO_LOCATIONS = [
  { type: 'file', target: path.join(REPO_ROOT, 'examples', 'org.yaml') },
  {
    type: 'file',
    target: path.join(REPO_ROOT, 'examples', 'thanos-clusters.yaml'),
  },
];

/**
 * The overlay a suite merges over app-config.yaml + app-config.production.yaml: its database,
 * Redis namespace, Thanos instances and catalog. Written as JSON, which is YAML.
 */
export function overlayConfig({
  database,
  redis,
  thanos,
  catalogLocations,
  extra = {},
}) {
  const overlay = {
    backend: {
      database: database.config,
      // Only the URL (Redis DB, private port) and a key prefix per run; every other cache
      // setting comes from app-config.production.yaml (the valkey store).
      cache: {
        connection: redis.url,
        valkey: { client: { keyPrefix: `${redis.namespace}:` } },
      },
    },
    // The suites sign in as guest; production NODE_ENV needs the provider's explicit consent.
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: {
      locations: catalogLocations ?? DEMO_LOCATIONS,
      // app-config.yaml's relative folder is relative to packages/backend of the checkout; the
      // replicas run from the unpacked bundle.
      providers: {
        thanos: {
          example: {
            target: `file:${path.join(
              REPO_ROOT,
              'examples',
              'infra-repo',
              'terragrunt',
              'live',
            )}`,
          },
        },
      },
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Group',
            'User',
            'Template',
          ],
        },
      ],
    },
    ...(thanos ? { thanos } : {}),
  };
  return deepMerge(overlay, extra);
}

function deepMerge(a, b) {
  if (Array.isArray(b) || typeof b !== 'object' || b === null) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      k in out && typeof out[k] === 'object' && !Array.isArray(out[k])
        ? deepMerge(out[k], v)
        : v;
  }
  return out;
}

/**
 * Starts one backend replica as the Dockerfile does, `node packages/backend --config …` in the
 * unpacked bundle (`lib/bundle.mjs`), with `app-config.yaml` + `app-config.production.yaml` + the
 * overlay, in its own process group, and waits for readiness.
 */
export async function startBackend({
  name,
  port,
  overlay,
  readyTimeoutMs = 180_000,
}) {
  const backend = await spawnBackend({ name, port, overlay });
  try {
    await waitForReadiness(backend, readyTimeoutMs);
  } catch (error) {
    const log = await backend.log();
    await backend.stop();
    throw new Error(
      `${error.message}\n--- ${name} log (tail) ---\n${log.slice(-4000)}`,
    );
  }
  return backend;
}

/** Spawns a replica without waiting for it: `waitForReadiness` or `exited` tell how it went. */
export async function spawnBackend({ name, port, overlay }) {
  const bundleDir = await backendBundleDir();
  const dir = await mkdtemp(path.join(tmpdir(), `prod-backend-${name}-`));
  const overlayFile = path.join(dir, 'overlay.yaml');
  const logFile = path.join(dir, 'backend.log');
  await writeFile(overlayFile, JSON.stringify(overlay, null, 2));
  const logStream = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      path.join('packages', 'backend'),
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      path.join(REPO_ROOT, 'app-config.production.yaml'),
      '--config',
      overlayFile,
    ],
    {
      cwd: bundleDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...productionEnv(port),
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    },
  );
  trackGroup(child.pid);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  const exited = new Promise(resolve =>
    child.once('exit', (code, signal) => {
      untrackGroup(child.pid);
      resolve({ code, signal });
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const backend = {
    name,
    port,
    baseUrl,
    pid: child.pid,
    startedAt: Date.now(),
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    /** SIGKILL of the whole process group: a crashed pod, no graceful shutdown. */
    kill: async () => {
      if (backend.isRunning()) {
        signalGroup(child.pid, 'SIGKILL');
        await exited;
      }
    },
    /** SIGTERM, then SIGKILL after 10 s; removes the replica's temp directory. */
    stop: async () => {
      if (backend.isRunning()) {
        signalGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(
          () => signalGroup(child.pid, 'SIGKILL'),
          10_000,
        );
        await exited;
        clearTimeout(timer);
      }
      await new Promise(resolve => logStream.end(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return backend;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Polls the readiness route every 250 ms until it answers 200; fails when the process exits or
 * `timeoutMs` passes. Returns the milliseconds from spawn to ready.
 */
export async function waitForReadiness(backend, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!backend.isRunning()) {
      const { code, signal } = await backend.exited;
      // The pipes may still hold the last lines for a moment after the exit.
      await new Promise(resolve => setTimeout(resolve, 300));
      const tail = (await backend.log()).trim().split('\n').slice(-15);
      throw new Error(
        `backend ${
          backend.name
        } exited during start-up (code ${code}, signal ${signal}); its last log lines:\n${tail.join(
          '\n',
        )}`,
      );
    }
    try {
      const res = await fetch(
        `${backend.baseUrl}/.backstage/health/v1/readiness`,
        { signal: AbortSignal.timeout(2000) },
      );
      if (res.ok) return Date.now() - backend.startedAt;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(
    `backend ${backend.name} not ready on port ${backend.port} after ${timeoutMs} ms`,
  );
}

/** A guest user's Backstage token from a running replica (guest provider `refresh`). */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  }
  const body = await res.json();
  return body.backstageIdentity.token;
}

// Load benchmark: 200 concurrent connections against the status route (spread over
// the example entities) and the fleet route, with the simulated Thanos healthy, slow (2 s on
// every upstream call) and failing (HTTP 500, connection reset). Prints one table.
//
//   yarn bench:load                      60 s per scenario and route
//   yarn bench:load --short              10 s
//   yarn bench:load --duration 30 --connections 100
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startSimulator } from './lib/simulator.mjs';
import { EXAMPLE_ENTITIES, FLEET_PATH, statusPath } from './lib/burst.mjs';
import { isAlive, mb, sampleRss } from './lib/processTree.mjs';
import {
  startReplicas,
  thanosConfig,
  waitForStatusRoute,
} from './lib/suite.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/** Short refresh interval so even a 5 s run spans more than one interval. */
export const LOAD_REFRESH_SECONDS = 5;

export const SCENARIOS = [
  { name: 'healthy', faults: { latencyMs: 0, failure: 'none' } },
  { name: 'slow (2 s upstream)', faults: { latencyMs: 2000, failure: 'none' } },
  { name: 'failing (HTTP 500)', faults: { latencyMs: 0, failure: 'http-500' } },
  { name: 'failing (conn. reset)', faults: { latencyMs: 0, failure: 'reset' } },
];

const ROUTES = [
  {
    name: 'status',
    requests: EXAMPLE_ENTITIES.map(n => ({
      method: 'GET',
      path: statusPath(n),
    })),
  },
  { name: 'fleet', requests: [{ method: 'GET', path: FLEET_PATH }] },
];

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function loadRoute({
  baseUrl,
  token,
  route,
  connections,
  durationSeconds,
}) {
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: durationSeconds,
    headers: { Authorization: `Bearer ${token}` },
    requests: route.requests,
    timeout: 30,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((x, y) => x - y);
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    p99: Math.round(percentile(latencies, 99)),
    non2xx: result.non2xx,
    status5xx: Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0),
    socketErrors: result.errors + result.timeouts,
    statuses,
  };
}

/**
 * Runs every scenario × route against one backend replica (PostgreSQL + Redis, production
 * config) and the simulator. Returns the rows of the table; cleans up whatever happens.
 */
export async function runLoad({
  durationSeconds = 60,
  connections = 200,
  log = () => {},
} = {}) {
  const sim = await startSimulator();
  let env;
  try {
    env = await startReplicas('load', {
      replicas: ['a'],
      thanos: thanosConfig(sim.baseUrl, {
        refreshIntervalSeconds: LOAD_REFRESH_SECONDS,
        timeoutMs: 5000,
      }),
    });
    const backend = env.backends.a;
    await waitForStatusRoute(backend.baseUrl, env.token);
    const rows = [];
    for (const scenario of SCENARIOS) {
      await sim.setFaults(scenario.faults);
      for (const route of ROUTES) {
        log(
          `${scenario.name} / ${route.name}: ${durationSeconds} s, ${connections} connections`,
        );
        await sim.resetStats();
        const rss = sampleRss(backend.pid);
        const started = Date.now();
        const measured = await loadRoute({
          baseUrl: backend.baseUrl,
          token: env.token,
          route,
          connections,
          durationSeconds,
        });
        const elapsedSeconds = (Date.now() - started) / 1000;
        const peakRss = await rss.stop();
        const stats = await sim.stats();
        const stores = stats.calls['/api/v1/stores'] ?? 0;
        const intervals = elapsedSeconds / LOAD_REFRESH_SECONDS;
        rows.push({
          scenario: scenario.name,
          route: route.name,
          ...measured,
          peakRssMb: mb(peakRss),
          upstreamCalls: stats.total,
          storesCalls: stores,
          storesCallsPerInterval: Math.round((stores / intervals) * 100) / 100,
          maxCallsPerPathPerInterval:
            Math.round(
              (Math.max(0, ...Object.values(stats.calls)) / intervals) * 100,
            ) / 100,
          upstream: stats.calls,
        });
      }
    }
    await sim.setFaults({ latencyMs: 0, failure: 'none' });
    return { rows, backendAlive: isAlive(backend.pid) && backend.isRunning() };
  } finally {
    await env?.run.cleanup();
    await sim.stop();
  }
}

export function formatTable(rows) {
  const header = [
    'scenario',
    'route',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'non-2xx',
    'socket err',
    'peak RSS MB',
    'upstream calls',
    'stores/interval',
  ];
  const lines = rows.map(r =>
    [
      r.scenario,
      r.route,
      r.rps,
      r.p50,
      r.p95,
      r.p99,
      r.non2xx,
      r.socketErrors,
      r.peakRssMb,
      r.upstreamCalls,
      r.storesCallsPerInterval,
    ].map(String),
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const fmt = cells =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    fmt(header),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(fmt),
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      short: { type: 'boolean', default: false },
      connections: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
    },
  });
  const durationSeconds = values.duration
    ? Number(values.duration)
    : values.short
    ? 10
    : 60;
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new Error(
      `--duration must be a positive number of seconds, got ${values.duration}`,
    );
  }
  const connections = Number(values.connections);
  const { rows, backendAlive } = await runLoad({
    durationSeconds,
    connections,
    log: line => process.stderr.write(`[bench:load] ${line}\n`),
  });
  console.log(
    `\nLoad: ${connections} connections, ${durationSeconds} s per row, refresh interval ${LOAD_REFRESH_SECONDS} s, one backend replica (PostgreSQL + Redis), Thanos simulator without Prometheus\n`,
  );
  console.log(formatTable(rows));
  console.log(`\nbackend alive afterwards: ${backendAlive}`);
  if (values.json) console.log(JSON.stringify(rows, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}

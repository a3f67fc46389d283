import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

// The simulator's test helper already knows where Debian puts Prometheus; reused, not copied.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const simulator = require('../../../../../packages/thanos-simulator/src/prometheus');

/**
 * Debian's Prometheus, started on a TSDB made from an OpenMetrics history with
 * `promtool tsdb create-blocks-from openmetrics`, so PromQL runs on a real engine over minutes of
 * history that are written, not waited for.
 */

/** Where the Prometheus binary is, or null; with CI=true a missing one fails instead of skipping. */
export function prometheusBinary(): string | null {
  return simulator.locatePrometheus() as string | null;
}

export const PROMETHEUS_MISSING =
  'Prometheus is not installed: run `bash scripts/install-prometheus.sh` (Debian). The PromQL tests skip without it locally and fail with CI=true.';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export async function startPrometheusWithHistory(
  binary: string,
  openMetrics: string,
): Promise<RunningPrometheus> {
  const directory = await mkdtemp(join(tmpdir(), 'thanos-backend-promql-'));
  const input = join(directory, 'history.om');
  const data = join(directory, 'data');
  const config = join(directory, 'prometheus.yml');
  await writeFile(input, openMetrics);
  await writeFile(config, 'global:\n  scrape_interval: 1m\n');
  await promisify(execFile)(join(dirname(binary), 'promtool'), [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    input,
    data,
  ]);
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitUntilReady(url: string, child: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Prometheus exited with code ${child.exitCode}`);
    }
    const ready = await fetch(`${url}/-/ready`)
      .then(res => res.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`Prometheus at ${url} was not ready within 30 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/**
 * OpenMetrics text for series sampled every `stepSeconds` from `from` to `to` (epoch seconds);
 * `value(t)` gives the sample at t, or undefined for none.
 */
export function openMetricsSeries(
  series: Array<{
    name: string;
    labels: Record<string, string>;
    value: (t: number) => number | undefined;
  }>,
  range: { from: number; to: number; stepSeconds: number },
): string {
  const byName = new Map<string, string[]>();
  for (const { name, labels, value } of series) {
    const lines = byName.get(name) ?? [];
    const labelText = Object.entries(labels)
      .map(([key, v]) => `${key}="${v}"`)
      .join(',');
    for (let t = range.from; t <= range.to; t += range.stepSeconds) {
      const sample = value(t);
      if (sample !== undefined)
        lines.push(`${name}{${labelText}} ${sample} ${t}`);
    }
    byName.set(name, lines);
  }
  return `${[...byName.values()].flat().join('\n')}\n# EOF\n`;
}

/**
 * Fires `total` GET requests with at most `concurrency` in flight, target i taken round-robin
 * from `targets` ({ baseUrl, path, replica }); records each outcome by replica. Plain fetch, no
 * load tool: for counting outcomes, not for measuring throughput (load.mjs does that).
 */
export async function burst({
  targets,
  total,
  concurrency,
  token,
  onProgress,
}) {
  const outcomes = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const target = targets[i % targets.length];
      const started = Date.now();
      try {
        const res = await fetch(`${target.baseUrl}${target.path}`, {
          headers: token ? { Authorization: `Bearer ${token}` } : {},
          signal: AbortSignal.timeout(30_000),
        });
        const body = await res.text();
        outcomes.push({
          ...target,
          i,
          status: res.status,
          body,
          started,
          ms: Date.now() - started,
        });
      } catch (error) {
        const code = error.cause?.code ?? error.name;
        outcomes.push({
          ...target,
          i,
          status: 0,
          error: code,
          started,
          ms: Date.now() - started,
        });
      }
      onProgress?.(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/** Requests with their outcome for one replica: served (2xx), HTTP errors, socket errors. */
export function tally(outcomes, replica) {
  const mine = outcomes.filter(o => o.replica === replica);
  return {
    total: mine.length,
    ok: mine.filter(o => o.status >= 200 && o.status < 300).length,
    http: mine.filter(o => o.status >= 300),
    socket: mine.filter(o => o.status === 0),
  };
}

/** Status routes of the example catalog's Resource entities (examples/thanos-clusters.yaml). */
export const EXAMPLE_ENTITIES = [
  'pio-thanos-observer',
  'pio-thanos-observee',
  'pio-thanos-observee-paris',
  'pio-thanos-observee-frankfurt',
  'pio-thanos-observee-stockholm',
  'pio-thanos-observee-milan',
  'pio-thanos-observee-dublin',
  'pio-thanos-observee-madrid',
  'pio-thanos-observee-zurich',
  'pio-thanos-observee-london',
];

export const statusPath = name =>
  `/api/thanos/v1/entities/default/resource/${name}/status`;
export const FLEET_PATH = '/api/thanos/v1/fleet?instance=observer';

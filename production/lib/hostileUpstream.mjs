import http from 'node:http';

/**
 * Upstreams that misbehave on purpose, on real ports (node:http), for the hostile-annotation
 * suite. Each records the requests it receives, so a test can prove what the backend contacted.
 */

function listen(server) {
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

/** The request bodies of a server, consumed so the socket can be reused. */
const drain = req =>
  new Promise(resolve => {
    req.on('data', () => undefined);
    req.on('end', resolve);
  });

/**
 * A "Thanos" whose every answer is an HTTP 500 that echoes the Authorization header it got, as a
 * careless proxy's debug page would: plain, lower-cased, URL-encoded and base64-encoded.
 */
export async function startEchoingUpstream() {
  const seen = [];
  const server = http.createServer(async (req, res) => {
    await drain(req);
    const authorization = req.headers.authorization ?? '';
    seen.push({ path: req.url, authorization });
    const token = authorization.replace(/^Bearer /, '');
    const body = [
      `upstream failed for ${authorization}`,
      `token=${token.toLowerCase()}`,
      `header=${encodeURIComponent(authorization)}`,
      `b64=${Buffer.from(token).toString('base64')}`,
    ].join('\n');
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(body);
  });
  const port = await listen(server);
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    seen: () => [...seen],
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/**
 * A Kubernetes API server that records every request. The service-proxy path of a TLS querier
 * (`/api/v1/namespaces/<ns>/services/http:<svc>:<port>/proxy/api/v1/stores`) answers with a
 * valid Thanos store list of `hugeBytes` (streamed, never held in memory here); everything else
 * answers a 404 `Status`, as for objects that do not exist.
 */
export async function startRecordingKubernetesApi({ hugeBytes = 0 } = {}) {
  const seen = [];
  let largestStream = 0;
  const server = http.createServer(async (req, res) => {
    await drain(req);
    seen.push({ path: req.url, authorization: req.headers.authorization });
    if (hugeBytes > 0 && /\/services\/http:[^/]+\/proxy\//.test(req.url)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      // One store entry whose name is padded to the size asked for: valid JSON, just too big.
      res.write('{"status":"success","data":{"sidecar":[{"name":"');
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < hugeBytes) {
          sent += chunk.length;
          largestStream = Math.max(largestStream, sent);
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}]}}');
      };
      pump();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        code: 404,
      }),
    );
  });
  const port = await listen(server);
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    seen: () => [...seen],
    /** The most bytes one proxied answer got onto the wire before the backend stopped reading. */
    largestStream: () => largestStream,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort() {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * The largest delay between answers of the backend's liveness route while `during` runs: the
 * route does no work, so a late answer means the event loop was blocked. Probes one at a time,
 * `intervalMs` apart.
 */
export async function maxLivenessDelay(baseUrl, during, intervalMs = 20) {
  let running = true;
  let worst = 0;
  let probes = 0;
  const samples = [];
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await fetch(`${baseUrl}/.backstage/health/v1/liveness`, {
          signal: AbortSignal.timeout(120_000),
        });
      } catch {
        // a refused probe counts with its time
      }
      const ms = performance.now() - started;
      worst = Math.max(worst, ms);
      samples.push({ at: started, ms });
      probes++;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  })();
  try {
    await during();
  } finally {
    running = false;
    await probe;
  }
  return { worstMs: Math.round(worst), probes, samples };
}

/** The worst probe of each `intervalMs` slice of the samples, in order. */
export function worstPerInterval(samples, intervalMs) {
  if (samples.length === 0) return [];
  const first = samples[0].at;
  const worst = [];
  for (const { at, ms } of samples) {
    const slot = Math.floor((at - first) / intervalMs);
    worst[slot] = Math.max(worst[slot] ?? 0, Math.round(ms));
  }
  return worst.map(ms => ms ?? 0);
}

import http from 'node:http';

/**
 * An msw-free fake Thanos upstream (or Kubernetes API server) on a real port (node:http),
 * switched between answers a broken proxy or server gives. In `healthy` mode it forwards to the simulator so the answers
 * have real Thanos shapes. It records the Host header and path of every request it receives,
 * so a test can prove which hosts the backend contacted.
 */
export const FAULT_MODES = [
  'healthy',
  'html',
  'truncated',
  'huge',
  'stall',
  'reset',
  'kubernetes-401',
  'kubernetes-403',
  'kubernetes-500',
];

/** Reasons the Kubernetes API server gives with these codes (apimachinery metav1.StatusReason). */
const KUBERNETES_REASONS = {
  401: 'Unauthorized',
  403: 'Forbidden',
  500: 'InternalError',
};

/** A `Status` object as the API server answers a refused or failed request (k8s.io/apimachinery). */
function kubernetesStatus(code, path) {
  // `/api/v1/namespaces/<ns>/<resource>?…` or `/apis/<group>/<version>/namespaces/<ns>/<resource>?…`
  const [, namespace = 'default', resource = 'pods'] =
    /namespaces\/([^/]+)\/([^/?]+)/.exec(path) ?? [];
  const messages = {
    401: 'Unauthorized',
    403: `${resource} is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "${resource}" in the namespace "${namespace}"`,
    500: 'Internal error occurred: etcdserver: request timed out',
  };
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: messages[code],
    reason: KUBERNETES_REASONS[code],
    code,
  });
}

/** 10 MB, above the backend's 8 MiB body limit (ThanosHttpEndpoint DEFAULT_MAX_BODY_BYTES). */
export const HUGE_BODY_BYTES = 10 * 1024 * 1024;

const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

function hugeJsonBody() {
  // Valid JSON in the Thanos envelope, just too big: a proxy that appended a huge debug field.
  const head = '{"status":"success","data":{"padding":"';
  const tail = '"}}';
  return Buffer.concat([
    Buffer.from(head),
    Buffer.alloc(HUGE_BODY_BYTES - head.length - tail.length, 'a'),
    Buffer.from(tail),
  ]);
}

export async function startFakeUpstream({ port = 0, forwardTo } = {}) {
  let mode = 'healthy';
  const seen = [];
  const stalled = new Set();
  const huge = hugeJsonBody();

  const server = http.createServer(async (req, res) => {
    seen.push({ host: req.headers.host, path: req.url, method: req.method });
    switch (mode) {
      case 'html':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(HTML_ERROR_PAGE);
        return;
      case 'truncated': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(
          '{"status":"success","data":{"query":[{"name":"10.0.102.57:10901","lastCheck":"2026-11-',
        );
        // End the connection mid-document, as a crashing proxy does.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'huge':
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': huge.length,
        });
        res.end(huge);
        return;
      case 'stall':
        // Accept the request and never answer.
        stalled.add(res);
        res.on('close', () => stalled.delete(res));
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'kubernetes-401':
      case 'kubernetes-403':
      case 'kubernetes-500': {
        const code = Number(mode.slice(-3));
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(kubernetesStatus(code, req.url));
        return;
      }
      default:
        break;
    }
    if (!forwardTo) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('fake upstream: no healthy target configured\n');
      return;
    }
    try {
      const upstream = await fetch(`${forwardTo}${req.url}`, {
        method: req.method,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, {
        'Content-Type':
          upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(
        `fake upstream could not reach the simulator: ${error.message}\n`,
      );
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const chosen = server.address().port;
  return {
    port: chosen,
    baseUrl: `http://127.0.0.1:${chosen}`,
    setMode(next) {
      if (!FAULT_MODES.includes(next))
        throw new Error(`unknown fault mode ${next}`);
      mode = next;
      if (next !== 'stall') {
        for (const res of stalled) res.socket?.destroy();
      }
    },
    /** Every request received: `{ host, path, method }`. */
    seen: () => [...seen],
    clearSeen: () => seen.splice(0),
    close: () =>
      new Promise(resolve => {
        for (const res of stalled) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

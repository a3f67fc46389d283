'use strict';

const https = require('node:https');
const { clusterObjects } = require('./clusterObjects');
const { NAMESPACE } = require('./objectShapes');
const { renderTlsQuerierStores } = require('../storesView');

/**
 * A TEST DOUBLE of the Kubernetes API server for the simulated clusters, over HTTPS (client-node
 * refuses plain HTTP unless TLS verification is switched off). Each cluster is served under
 * `/clusters/<key>`, the way a gateway such as Rancher prefixes one API server per cluster, so one
 * port serves the fleet. It answers exactly the reads the Thanos backend's inside view makes
 * (plugins/thanos-backend/src/kubernetes/), with the REST paths, list kinds and `Status` errors of
 * a real API server:
 *
 *   GET /api/v1/namespaces/<ns>/pods?labelSelector=…
 *   GET /apis/apps/v1/namespaces/<ns>/deployments?labelSelector=…
 *   GET /apis/apps/v1/namespaces/<ns>/statefulsets?labelSelector=…
 *   GET /apis/networking.k8s.io/v1/namespaces/<ns>/ingresses
 *   GET /api/v1/namespaces/<ns>/secrets/<name>   (metadata only when asked for PartialObjectMetadata)
 *   GET /api/v1/namespaces/monitoring/services/http:thanos-tls-querier-<key>-query:10902/proxy/api/v1/stores
 *       (the observer cluster's service proxy to an observee's TLS querier)
 *
 * Every request needs `Authorization: Bearer <token>`; anything else answers 401 as an API server
 * does. Responses carry `X-Thanos-Simulator: test-double`.
 */

/** @param {number} code @param {string} reason @param {string} message @param {object} [details] */
function status(code, reason, message, details) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/**
 * An equality-based label selector (`a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-separated), the
 * forms `kubectl -l` and the backend use. Set-based terms (`in`, `notin`) are refused.
 *
 * @param {string | null} selector
 * @returns {(labels: Record<string, string>) => boolean}
 */
function parseLabelSelector(selector) {
  if (!selector) {
    return () => true;
  }
  const terms = selector.split(',').map(term => {
    const t = term.trim();
    let match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(t);
    if (match) {
      const [, key, op, value] = match;
      return op === '!='
        ? (/** @type {Record<string, string>} */ l) => l[key] !== value
        : (/** @type {Record<string, string>} */ l) => l[key] === value;
    }
    match = /^(!?)([\w./-]+)$/.exec(t);
    if (match) {
      const [, not, key] = match;
      return (/** @type {Record<string, string>} */ l) =>
        key in l !== (not === '!');
    }
    throw new Error(
      `unable to parse requirement: "${t}" (the Kubernetes API double supports equality-based selectors only)`,
    );
  });
  return labels => terms.every(term => term(labels));
}

const LISTS = Object.freeze({
  'api/v1/pods': { field: 'pods', kind: 'PodList', apiVersion: 'v1' },
  'apis/apps/v1/deployments': {
    field: 'deployments',
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
  },
  'apis/apps/v1/statefulsets': {
    field: 'statefulsets',
    kind: 'StatefulSetList',
    apiVersion: 'apps/v1',
  },
  'apis/networking.k8s.io/v1/ingresses': {
    field: 'ingresses',
    kind: 'IngressList',
    apiVersion: 'networking.k8s.io/v1',
  },
});

/**
 * @param {{
 *   clusters: import('../clusterConfig').SimulatedCluster[],
 *   book: import('../scenarioBook').ScenarioBook,
 *   token: string,
 *   cert: string | Buffer,
 *   key: string | Buffer,
 *   now?: () => number,
 * }} options
 * @returns {import('node:https').Server}
 */
function createKubernetesApiDouble(options) {
  const { clusters, book, token } = options;
  const now = options.now ?? Date.now;
  const byKey = new Map(clusters.map(c => [c.key, c]));

  /**
   * @param {import('node:http').IncomingMessage} req
   * @returns {{code: number, body: unknown}}
   */
  function answer(req) {
    const url = new URL(
      req.url ?? '/',
      'https://kubernetes-api-double.invalid',
    );
    if (req.headers.authorization !== `Bearer ${token}`) {
      return { code: 401, body: status(401, 'Unauthorized', 'Unauthorized') };
    }
    const prefix = /^\/clusters\/([^/]+)(\/.*)$/.exec(url.pathname);
    const cluster = prefix ? byKey.get(decodeURIComponent(prefix[1])) : null;
    if (!prefix || !cluster) {
      return {
        code: 404,
        body: status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      };
    }
    if (req.method !== 'GET') {
      return {
        code: 405,
        body: status(
          405,
          'MethodNotAllowed',
          `the Kubernetes API double only reads; ${req.method} is not supported`,
        ),
      };
    }
    const path = prefix[2];
    const objects = clusterObjects(cluster, book, now());

    const list =
      /^\/(api\/v1|apis\/apps\/v1|apis\/networking\.k8s\.io\/v1)\/namespaces\/([^/]+)\/([a-z]+)$/.exec(
        path,
      );
    const listKind = list ? LISTS[`${list[1]}/${list[3]}`] : undefined;
    if (list && listKind) {
      let matches;
      try {
        matches = parseLabelSelector(url.searchParams.get('labelSelector'));
      } catch (error) {
        return {
          code: 400,
          body: status(400, 'BadRequest', /** @type {Error} */ (error).message),
        };
      }
      const items =
        list[2] === NAMESPACE
          ? objects[listKind.field].filter(o =>
              matches(o.metadata.labels ?? {}),
            )
          : [];
      return {
        code: 200,
        body: {
          kind: listKind.kind,
          apiVersion: listKind.apiVersion,
          metadata: { resourceVersion: String(Math.floor(now() / 1000)) },
          // A list's items carry neither kind nor apiVersion.
          items: items.map(({ kind, apiVersion, ...item }) => item),
        },
      };
    }

    const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(
      path,
    );
    if (secret) {
      const name = decodeURIComponent(secret[2]);
      const found =
        secret[1] === NAMESPACE
          ? objects.secrets.find(s => s.metadata.name === name)
          : undefined;
      if (!found) {
        return {
          code: 404,
          body: status(404, 'NotFound', `secrets "${name}" not found`, {
            name,
            kind: 'secrets',
          }),
        };
      }
      const metadataOnly = /as=PartialObjectMetadata/.test(
        req.headers.accept ?? '',
      );
      return {
        code: 200,
        body: metadataOnly
          ? {
              kind: 'PartialObjectMetadata',
              apiVersion: 'meta.k8s.io/v1',
              metadata: found.metadata,
            }
          : found,
      };
    }

    const proxy =
      /^\/api\/v1\/namespaces\/monitoring\/services\/http:thanos-tls-querier-([a-z0-9-]+)-query:10902\/proxy\/api\/v1\/stores$/.exec(
        path,
      );
    if (proxy && cluster.role === 'observer') {
      const observee = byKey.get(proxy[1]);
      const service = `http:thanos-tls-querier-${proxy[1]}-query:10902`;
      if (
        !observee ||
        observee.role !== 'observee' ||
        !book.current(observee.key).scenario.tlsQuerierUp
      ) {
        return {
          code: 503,
          body: status(
            503,
            'ServiceUnavailable',
            `no endpoints available for service "${service}"`,
          ),
        };
      }
      return { code: 200, body: renderTlsQuerierStores(observee, book, now()) };
    }
    return {
      code: 404,
      body: status(
        404,
        'NotFound',
        'the server could not find the requested resource',
      ),
    };
  }

  return https.createServer(
    { cert: options.cert, key: options.key },
    (req, res) => {
      const { code, body } = answer(req);
      res.writeHead(code, {
        'Content-Type': 'application/json',
        'X-Thanos-Simulator': 'test-double',
      });
      // The stores view is already Thanos' JSON text; everything else is plain JSON.
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    },
  );
}

module.exports = { createKubernetesApiDouble, parseLabelSelector };

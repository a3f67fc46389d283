'use strict';

const http = require('node:http');
const https = require('node:https');

/**
 * Answers the PromQL part of the Thanos query API (`/api/v1/query`, `/query_range`, `/labels`,
 * `/series`, …) by forwarding each request verbatim — method, path, query string, form body — to
 * a real Prometheus that scrapes the simulated targets, so PromQL is evaluated by a real engine.
 *
 * Without a Prometheus it answers 503 in Thanos' error envelope (`pkg/api/api.go` `response`).
 * Thanos has no "unavailable" error type (its types: timeout, canceled, execution, bad_data,
 * internal); `internal` is what Thanos uses for "the server side cannot do this", and the 503
 * status tells clients the condition is about availability, not the query.
 */

const UPSTREAM_TIMEOUT_MS = 30_000;
/** Request headers worth passing on; hop-by-hop and host headers are not. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'accept',
  'accept-encoding',
  'user-agent',
];
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-encoding',
  'cache-control',
];

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 */
function respondThanosError(res, status, message) {
  const body = JSON.stringify({
    status: 'error',
    errorType: 'internal',
    error: message,
  });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

class QueryForwarder {
  /** @param {{upstream?: string | null}} [options] */
  constructor(options = {}) {
    /** @type {URL | null} */
    this.upstream = null;
    this.setUpstream(options.upstream ?? null);
  }

  /**
   * Points the forwarder at a Prometheus base URL (or at nothing). Called after start-up when the
   * simulator launched its own Prometheus.
   *
   * @param {string | null} url
   */
  setUpstream(url) {
    this.upstream = url ? new URL(url) : null;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} pathAndQuery path below the upstream base, starting with `/api/v1/`
   */
  forward(req, res, pathAndQuery) {
    const upstream = this.upstream;
    if (!upstream) {
      respondThanosError(
        res,
        503,
        'the Thanos simulator (a test double) has no Prometheus behind it: metrics are unavailable',
      );
      return;
    }
    const target = new URL(upstream.href.replace(/\/$/, '') + pathAndQuery);
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') {
        headers[name] = value;
      }
    }
    if (req.headers['content-length']) {
      headers['content-length'] = String(req.headers['content-length']);
    }
    const client = target.protocol === 'https:' ? https : http;
    const upstreamReq = client.request(
      target,
      { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS },
      upstreamRes => {
        /** @type {Record<string, string>} */
        const responseHeaders = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstreamRes.headers[name];
          if (typeof value === 'string') {
            responseHeaders[name] = value;
          }
        }
        res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('timeout', () => {
      upstreamReq.destroy(
        new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`),
      );
    });
    upstreamReq.on('error', error => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      respondThanosError(
        res,
        503,
        `the Thanos simulator (a test double) could not reach its Prometheus at ${upstream.origin}: ${error.message}`,
      );
    });
    req.pipe(upstreamReq);
  }
}

module.exports = { QueryForwarder, respondThanosError };

/**
 * Raw Thanos Query API bodies (`pkg/api/api.go` envelope, `pkg/api/query/v1.go` `queryData`;
 * docs/thanos.md, "PromQL through Thanos Query"). Values are illustrative; the shapes are those
 * Thanos emits.
 */

/** An instant vector answer; Thanos Query always emits `"analysis":{}`. */
export function vectorBody(
  samples: Array<{ metric: Record<string, string>; value: string }>,
  warnings?: string[],
): string {
  const now = Date.now() / 1000;
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: samples.map(sample => ({
        metric: sample.metric,
        value: [now, sample.value],
      })),
      analysis: {},
    },
    ...(warnings ? { warnings } : {}),
  });
}

/** Partial response with a failing store (`pkg/store/proxy_merge.go` wording). */
export const PARTIAL_RESPONSE_WARNING =
  'receive series from Addr: 10.0.102.57:10901 MinTime: 1795341600009 MaxTime: 9223372036854775807: rpc error: code = Unavailable desc = error reading from server: EOF';

/** `RespondError` with errorType bad_data → HTTP 400. */
export const BAD_DATA_ERROR =
  '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: unexpected end of input"}';

/** `RespondError` with errorType execution → HTTP 422 (issue #6223). */
export const EXECUTION_ERROR =
  '{"status":"error","errorType":"execution","error":"expanding series: proxy Series(): No StoreAPIs matched for this query"}';

/** `GET /api/v1/status/buildinfo` (`pkg/api/api.go` `BuildInfo`). */
export const BUILD_INFO = JSON.stringify({
  status: 'success',
  data: {
    version: '0.42.4',
    revision: '45c4f39487e1653e606307d3952a6259fb96acae',
    branch: 'HEAD',
    buildUser: 'root@builder',
    buildDate: '20261001-10:00:00',
    goVersion: 'go1.26.0',
  },
});

/** What an nginx ingress in front of a dead Thanos Query answers. */
export const NGINX_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

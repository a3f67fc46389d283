import type { ErrorExplanation } from './observations';

/**
 * Translation table from the raw errors Thanos Query shows for a store endpoint (`lastError` in
 * `/api/v1/stores`, and the texts of partial-response `warnings`) to a cause and a fix.
 *
 * The texts are built by layers, outermost first:
 * - Thanos v0.16–v0.22 wrap them as `fetching store info from <addr>: …`
 *   (`pkg/query/storeset.go`); from v0.23 `lastError` is the raw gRPC error
 *   (`pkg/query/endpointset.go`, `stringError`).
 * - grpc-go status: `rpc error: code = <Code> desc = <message>`.
 * - grpc-go `picker_wrapper.go`, when the Info call (sent with `WaitForReady`) runs out of time:
 *   `latest balancer error: <last pick error>`, or without one `context deadline exceeded`
 *   (grpc ≤ v1.63), `received context error while waiting for new LB policy update: …`
 *   (v1.64–v1.70), `context deadline exceeded while waiting for connections to become ready`
 *   (v1.71+).
 * - grpc-go `internal/transport`: `connection error: desc = "<desc>"` around
 *   `transport: Error while dialing: <net error>`, `transport: authentication handshake failed:
 *   <tls error>`, `error reading server preface: …`, `error reading from server: …`, and for a
 *   non-gRPC HTTP answer `unexpected HTTP status code received from server: <code> (<text>);
 *   transport: received unexpected content-type "<type>"` (`http2_client.go`).
 * - Go's `crypto/x509` (`verify.go`) and `crypto/tls` (`alert.go`; a peer's alert reads
 *   `remote error: tls: <alert>`) and `net` (`dial tcp …: connect: connection refused`,
 *   `lookup <host> on <server>: no such host`, `i/o timeout`).
 *
 * Patterns match the innermost, stable part, so every wrapping above still matches. Order
 * matters: the first match wins, and specific causes come before the generic timeout that wraps
 * most of them. Each entry is tested with a complete real string in `storeErrors.test.ts`.
 */
interface StoreErrorRule extends ErrorExplanation {
  pattern: RegExp;
}

const TLS_QUERIER =
  'the TLS querier (thanos-tls-querier-<key> on the observer)';

const RULES: StoreErrorRule[] = [
  {
    // Thanos v0.16–v0.23 overwrite the last error with this when the store is dropped
    // (`unhealthyStoreMessage` in pkg/query/storeset.go, `unhealthyEndpointMessage` in v0.23).
    id: 'store-removed',
    pattern:
      /removing (store|endpoint) because it's unhealthy or does not exist/,
    title: 'Dropped after failing health checks',
    cause:
      'The querier removed this endpoint after it failed its health checks for longer than --store.unhealthy-timeout (5m by default). This older Thanos release replaces the original error with this message.',
    hint: 'Find the first error in the querier log ("update of store node failed" with the address) or look at the endpoint from the querier next to it; Thanos v0.23 and later keep the real error in lastError.',
  },
  {
    // cmd/thanos/sidecar.go and cmd/thanos/store.go: the Info API answers `errors.New("Not ready")`
    // until the component is ready; gRPC reports it as code Unknown.
    id: 'not-ready',
    pattern: /desc = Not ready\b/,
    title: 'Endpoint answers but is not ready',
    cause:
      'The endpoint is reachable, but its Info API says "Not ready". A sidecar is not ready while it cannot reach its Prometheus or has not loaded Prometheus\' external labels; a store gateway until its first bucket sync is done.',
    hint: 'Look at the sidecar container log and thanos_sidecar_prometheus_up in the observee: check that Prometheus is running and ready, and that it has external labels (kube-prometheus-stack prometheusSpec.externalLabels, e.g. cluster=<name>). The sidecar refuses to serve a Prometheus without external labels.',
  },
  {
    // pkg/query/endpointset.go (v0.36+) `noMetadataEndpointMessage`, returned when the Info call
    // answers codes.Unimplemented (also what grpc-go makes of an HTTP 404 from a proxy).
    id: 'info-api-missing',
    pattern: /cannot obtain metadata: neither info nor store client found/,
    title: 'Endpoint does not offer the Thanos Info API',
    cause:
      'The Info call came back "unimplemented": either the component is older than Thanos v0.23 (no Info API, which Query has required since v0.37), or a proxy in front of it answered 404 for the gRPC path (an ingress with no rule for this host).',
    hint: 'Upgrade the component if it is older than v0.23. If it sits behind an ingress, check that the host the querier dials is exactly the host of the sidecar ingress.',
  },
  {
    // crypto/x509 `HostnameError.Error()`: "x509: certificate is valid for <SANs>, not <host>",
    // "x509: certificate is not valid for any names, but wanted to match <host>",
    // "x509: cannot validate certificate for <ip> because it doesn't contain any IP SANs",
    // "x509: certificate relies on legacy Common Name field, use SANs instead".
    id: 'tls-wrong-name',
    pattern:
      /x509: (certificate is valid for .+, not |certificate is not valid for any names|cannot validate certificate for .+ because it doesn't contain any IP SANs|certificate relies on legacy Common Name field)/,
    title: 'Server certificate is for another name',
    cause:
      'The certificate the server presented does not cover the name the client dialled (or the server name it was told to expect). "valid for ingress.local" is ingress-nginx\'s built-in fake certificate: the ingress has no usable TLS certificate for this host.',
    hint: `Check that the sidecar ingress lists the sidecar host under both rules and tls, that cert-manager has issued its certificate (kubectl -n monitoring get certificate), and that ${TLS_QUERIER} dials that same host (the stores entry of the observer's thanos-tls-querier map) with a matching server name (SNI).`,
  },
  {
    // crypto/x509 `CertificateInvalidError` with reason Expired:
    // "x509: certificate has expired or is not yet valid: current time <t> is after <notAfter>".
    id: 'tls-expired',
    pattern: /x509: certificate has expired or is not yet valid/,
    title: 'Server certificate expired or not yet valid',
    cause:
      'The certificate the server presented is outside its validity period (the error says which date was crossed), or a clock on one side is wrong.',
    hint: "Renew the certificate: check the cert-manager Certificate and CertificateRequest of the sidecar ingress in the observee (kubectl -n monitoring describe certificate) and the issuer's status. If the dates look right, check the clocks of the nodes involved.",
  },
  {
    // crypto/x509 `UnknownAuthorityError.Error()`: "x509: certificate signed by unknown authority",
    // wrapped by crypto/tls (Go 1.20+) as "tls: failed to verify certificate: …" and by grpc-go as
    // "transport: authentication handshake failed: …".
    id: 'tls-unknown-authority',
    pattern: /x509: certificate signed by unknown authority/,
    title: 'Certificate signed by an unknown authority',
    cause:
      "A TLS handshake on the mTLS path failed because one side did not trust the CA that signed the other side's certificate. As reported by the querier it means the querier did not trust the server certificate's issuer; in the observer/observee setup the same trust chain also has to hold the other way round.",
    hint: `Check both directions. (1) ${TLS_QUERIER} must trust the issuer of the sidecar ingress certificate: if the ingress serves a self-signed or staging certificate (or ingress-nginx's fake certificate because the TLS secret is missing), the querier's CA bundle does not contain its issuer. (2) The observee must trust the observer's CA: the secret monitoring/thanos-ca in the observee (the ingress annotation auth-tls-secret) must hold the observer's CA certificate, i.e. the thanos-ca output of the observer's eks-addons (trusted_ca_content); a CA from another environment or an old CA fails the same way.`,
  },
  {
    // A Go TLS server's alert as seen by the client (crypto/tls alert.go, prefixed "remote error: "):
    // "bad certificate", "certificate required" (TLS 1.3, no client certificate sent),
    // "unknown certificate authority" (client certificate from an untrusted CA),
    // "expired certificate". With TLS 1.3 the alert arrives after the handshake, so grpc-go
    // reports it as "error reading server preface: remote error: tls: …".
    id: 'tls-client-cert-rejected',
    pattern:
      /remote error: tls: (bad certificate|certificate required|unknown certificate authority|expired certificate|unknown certificate|unsupported certificate)/,
    title: 'Server rejected the client certificate',
    cause:
      'The server demanded a client certificate (mTLS) and refused the one it got: none was sent ("certificate required"), it was signed by a CA the server does not trust ("unknown certificate authority"), it expired ("expired certificate"), or it was otherwise unacceptable ("bad certificate").',
    hint: `Check that ${TLS_QUERIER} is configured with a client certificate and key (grpc client TLS cert/key), that the certificate is signed by the observer's CA and still valid, and that the server side trusts exactly that CA (the secret monitoring/thanos-ca in the observee, or --grpc-server-tls-client-ca on a sidecar serving TLS itself).`,
  },
  {
    // crypto/tls conn.go `RecordHeaderError`: "tls: first record does not look like a TLS handshake".
    id: 'tls-to-plaintext',
    pattern: /tls: first record does not look like a TLS handshake/,
    title: 'TLS spoken to a plain-text port',
    cause: 'The client started TLS, but the port answered in plain text.',
    hint: "Point the TLS querier at the ingress on port 443, not at the sidecar's plain gRPC port 10901, or turn client TLS off for an in-cluster plain-text endpoint.",
  },
  {
    // golang.org/x/net/http2 `ErrFrameTooLarge` ("http2: frame too large") while grpc-go reads the
    // server preface: a plain-text HTTP/2 client got a TLS or HTTP/1.1 answer.
    id: 'plaintext-to-tls',
    pattern: /http2: frame too large/,
    title: 'Plain-text gRPC spoken to a TLS or HTTP/1.1 port',
    cause:
      'The client spoke plain-text HTTP/2 and the server answered with TLS or HTTP/1.1, which the gRPC client could not read.',
    hint: 'The sidecar ingress on 443 needs TLS: enable client TLS in the TLS querier (grpc client TLS secure) for that endpoint.',
  },
  {
    // grpc-go http2_client.go for a non-gRPC answer; ingress-nginx answers a rejected or missing
    // client certificate with HTTP 400 ("The SSL certificate error" / "No required SSL certificate
    // was sent", nginx status 495/496 shown as 400) in text/html.
    id: 'ingress-client-cert-rejected',
    pattern:
      /unexpected HTTP status code received from server: 400 \(Bad Request\)/,
    title: 'Ingress rejected the client certificate (HTTP 400)',
    cause:
      'The sidecar ingress answered HTTP 400 instead of gRPC. With auth-tls-verify-client "on", nginx answers 400 ("No required SSL certificate was sent" / "The SSL certificate error") when the client certificate is missing or not signed by the CA in auth-tls-secret.',
    hint: `Check that the secret monitoring/thanos-ca in the observee holds the observer's CA certificate (key ca.crt; the ingress annotation auth-tls-secret: "monitoring/thanos-ca" names it), and that ${TLS_QUERIER} presents a client certificate signed by that CA. The ingress-nginx controller log shows "client SSL certificate verify error" with the reason.`,
  },
  {
    // grpc-go http2_client.go; HTTP 401 maps to codes.Unauthenticated (http_util.go).
    id: 'proxy-unauthenticated',
    pattern: /received from server: 401\b|\b401 \(?Unauthorized\)?/,
    title: 'Rejected by an authenticating proxy (HTTP 401)',
    cause:
      'An HTTP proxy in front of the endpoint (oauth2-proxy, an ingress with auth-url or basic auth) asked for credentials the client did not send.',
    hint: "Send the credentials the proxy expects (for the central query: the instance's bearer token, basic auth or headers in app-config), or exempt the gRPC/API path from the proxy's authentication.",
  },
  {
    // grpc-go http2_client.go; HTTP 403 maps to codes.PermissionDenied (http_util.go).
    id: 'proxy-forbidden',
    pattern: /received from server: 403\b|\b403 \(?Forbidden\)?/,
    title: 'Refused by a proxy (HTTP 403)',
    cause:
      'A proxy in front of the endpoint knows the client but refuses it: an allow-list (ingress whitelist-source-range), an authorisation rule, or credentials without access.',
    hint: "Check the ingress's whitelist-source-range / allow lists (the observer reaches observees from its NAT gateway addresses) and the proxy's authorisation rules for this client.",
  },
  {
    // grpc-go http2_client.go; ingress-nginx's default backend answers 404 for unknown hosts.
    id: 'ingress-no-route',
    pattern: /received from server: 404 \(Not Found\)/,
    title: 'Ingress has no route for this host (HTTP 404)',
    cause:
      'The load balancer answered, but no ingress rule matches the host that was dialled.',
    hint: "Compare the host in the observer's stores entry with the host of the sidecar ingress in the observee (prometheus.thanosIngress hosts); both must be the same sidecar host.",
  },
  {
    // grpc-go http2_client.go; 502 maps to codes.Unavailable.
    id: 'ingress-bad-gateway',
    pattern: /received from server: 502 \(Bad Gateway\)/,
    title: 'Ingress could not talk to the sidecar (HTTP 502)',
    cause:
      "nginx reached the backend but got no usable answer: most often it proxies HTTP/1.1 to the sidecar's gRPC port because the ingress lacks the gRPC backend protocol, or the service port is not the sidecar's gRPC port.",
    hint: 'Check the sidecar ingress annotation nginx.ingress.kubernetes.io/backend-protocol: "GRPC" and that its backend is the sidecar\'s gRPC port (10901) of the Prometheus service; the ingress-nginx log shows the upstream error.',
  },
  {
    // grpc-go http2_client.go, e.g. "unexpected HTTP status code received from server: 503
    // (Service Unavailable); transport: received unexpected content-type "text/html"".
    id: 'ingress-no-backend',
    pattern: /received from server: 503 \(Service Unavailable\)/,
    title: 'Ingress has no healthy backend (HTTP 503)',
    cause:
      'The sidecar ingress answered with an nginx error page instead of gRPC: it has no ready endpoint behind it (the Prometheus pod with its sidecar is not ready, or the ingress points at a service or port without endpoints), or it is not proxying gRPC.',
    hint: 'In the observee, check the Prometheus pod and its thanos-sidecar container are ready and that the ingress\'s service has endpoints (kubectl -n monitoring get endpoints); check the annotation nginx.ingress.kubernetes.io/backend-protocol: "GRPC".',
  },
  {
    // grpc-go http2_client.go; 504 maps to codes.Unavailable.
    id: 'ingress-gateway-timeout',
    pattern: /received from server: 504 \(Gateway Timeout\)/,
    title: 'Ingress timed out waiting for the sidecar (HTTP 504)',
    cause:
      'nginx forwarded the call but the sidecar did not answer within the proxy timeouts.',
    hint: "Check the sidecar and Prometheus are not overloaded, and raise the ingress's proxy-read-timeout / grpc timeouts if long queries are expected (the Thanos cross-cluster guide uses 160s).",
  },
  {
    // Go net: "dial tcp <ip>:<port>: connect: connection refused", inside grpc-go's
    // "transport: Error while dialing: …".
    id: 'connection-refused',
    pattern: /connect: connection refused/,
    title: 'Connection refused',
    cause:
      'The address answers but nothing listens on that port. A sidecar opens its gRPC port only after it has reached Prometheus and loaded the external labels; through an ingress, the load balancer refused the connection.',
    hint: 'Check the pod behind the address is running and listening (sidecar gRPC port 10901, querier gRPC port 10901), that the Service/port names are right, and for an ingress that the ingress controller and its load balancer are up.',
  },
  {
    // Go net `DNSError`: "lookup <host> on <server>: no such host" (Thanos ≤ v0.35 dialled with
    // grpc.DialContext). From v0.36 grpc.NewClient's DNS resolver swallows NXDOMAIN and pick_first
    // reports "name resolver error: produced zero addresses".
    id: 'dns-no-such-host',
    pattern: /no such host|name resolver error: produced zero addresses/,
    title: 'Host name does not resolve',
    cause: 'The host name the querier dials has no DNS record.',
    hint: "Check that external-dns in the observee created the record for the sidecar host (its log, and the hosted zone), and that the host in the observer's stores entry is spelled exactly like the ingress host.",
  },
  {
    // Go net: "dial tcp <ip>:<port>: i/o timeout".
    id: 'io-timeout',
    pattern: /i\/o timeout/,
    title: 'Connection timed out',
    cause:
      'Packets to the address get no answer at all: something drops them on the way.',
    hint: "Check security groups, network ACLs and NetworkPolicies between the observer and the address: the observee's load balancer must accept the observer's NAT gateway addresses on 443; in-cluster, the querier must reach port 10901.",
  },
  {
    // grpc-go http2_client.go "error reading from server: EOF" (server closed the connection),
    // or Go net "read tcp …: read: connection reset by peer".
    id: 'connection-reset',
    pattern:
      /error reading (from server|server preface): EOF|connection reset by peer/,
    title: 'Connection closed by the other side',
    cause:
      'The connection was cut by the peer or a proxy in between: a load balancer or ingress idle timeout, a pod restart, or a proxy that does not keep HTTP/2 connections.',
    hint: 'Check whether the remote pod restarted and whether a proxy on the path closes long-lived connections (ingress proxy-read-timeout, load balancer idle timeout). A one-off reset clears on the next health check.',
  },
  {
    // grpc-go picker_wrapper.go for an Info call that ran out of its 5s (--endpoint.info-timeout)
    // without a more specific error (see the list of wordings at the top of this file).
    id: 'deadline-exceeded',
    pattern: /DeadlineExceeded|context deadline exceeded/,
    title: 'No answer within the health-check timeout',
    cause:
      "The endpoint did not answer the Info call within the querier's 5s timeout, and no connection error was recorded: the connection never completed (an address that swallows packets) or the endpoint is overloaded.",
    hint: 'Check that the address is reachable from the querier (security groups, NetworkPolicies, the load balancer) and that the endpoint is not overloaded; a querier log line "update of endpoint failed" often carries more detail.',
  },
];

const THANOS_V016_PREFIX = /^fetching store info from \S+: /;

/**
 * What a raw store-endpoint error from Thanos Query means and how to fix it, or undefined when the
 * error is not one we know (show the raw text then).
 *
 * @public
 */
export function explainStoreError(raw: string): ErrorExplanation | undefined {
  const text = raw.replace(THANOS_V016_PREFIX, '');
  const rule = RULES.find(candidate => candidate.pattern.test(text));
  if (!rule) return undefined;
  const { pattern: _pattern, ...explanation } = rule;
  return explanation;
}

/** The ids of every explanation, in matching order (for tests and documentation). */
export const STORE_ERROR_IDS: readonly string[] = RULES.map(rule => rule.id);

/** Wrappers around the message that says what went wrong, outermost first (see the top). */
const WRAPPERS: RegExp[] = [
  THANOS_V016_PREFIX,
  /^receive series from Addr: \S+ MinTime: -?\d+ MaxTime: -?\d+: /,
  /^rpc error: code = \w+ desc = /,
  /^latest balancer error: /,
  /^transport: authentication handshake failed: /,
  /^transport: Error while dialing:? /,
  /^tls: failed to verify certificate: /,
  /^error reading server preface: /,
  /^error reading from server: (?!EOF$)/,
];
const CONNECTION_ERROR = /^connection error: desc = "((?:[^"\\]|\\.)*)"$/;

function unwrapOnce(text: string): string {
  const wrapper = WRAPPERS.find(candidate => candidate.test(text));
  return wrapper ? text.replace(wrapper, '') : text;
}

/**
 * The innermost part of a raw store error, the part a person recognises:
 * `x509: certificate signed by unknown authority` rather than the five layers of gRPC around it.
 */
export function innermostStoreError(raw: string): string {
  let text = raw.trim();
  for (;;) {
    const quoted = CONNECTION_ERROR.exec(text);
    if (quoted) {
      text = quoted[1].replace(/\\(.)/g, '$1');
      continue;
    }
    const unwrapped = unwrapOnce(text);
    if (unwrapped === text) return text;
    text = unwrapped;
  }
}

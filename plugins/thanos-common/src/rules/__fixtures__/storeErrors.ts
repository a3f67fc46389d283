/**
 * Store-endpoint errors exactly as Thanos Query prints them in `/api/v1/stores` `lastError` and in
 * partial-response `warnings`. Addresses, host names and times are illustrative; every other
 * character is assembled from the format strings named in `origin` (Thanos v0.42 with grpc-go
 * v1.81/v1.82 and Go 1.26 unless stated), several of them as quoted in docs/thanos.md, "Error
 * texts".
 */
export interface RealStoreError {
  /** The explanation id it must map to. */
  id: string;
  raw: string;
  origin: string;
}

const BALANCER =
  'rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = ';

export const REAL_STORE_ERRORS: RealStoreError[] = [
  {
    id: 'store-removed',
    raw: "removing store because it's unhealthy or does not exist",
    origin: 'Thanos v0.16–v0.22 pkg/query/storeset.go unhealthyStoreMessage',
  },
  {
    id: 'store-removed',
    raw: "removing endpoint because it's unhealthy or does not exist",
    origin: 'Thanos v0.23 pkg/query/endpointset.go unhealthyEndpointMessage',
  },
  {
    id: 'not-ready',
    raw: 'rpc error: code = Unknown desc = Not ready',
    origin:
      'cmd/thanos/sidecar.go errors.New("Not ready") through gRPC (docs/thanos.md, Error texts)',
  },
  {
    id: 'not-ready',
    raw: 'fetching store info from 10.0.101.23:10901: rpc error: code = Unknown desc = Not ready',
    origin:
      'Thanos v0.16–v0.22 pkg/query/storeset.go errors.Wrapf(err, "fetching store info from %s")',
  },
  {
    id: 'info-api-missing',
    raw: 'cannot obtain metadata: neither info nor store client found',
    origin: 'Thanos v0.36+ pkg/query/endpointset.go noMetadataEndpointMessage',
  },
  {
    id: 'tls-wrong-name',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate is valid for ingress.local, not thanos-sidecar.observee.example.com"`,
    origin:
      "crypto/x509 HostnameError; ingress.local is the SAN of ingress-nginx's fake certificate",
  },
  {
    id: 'tls-wrong-name',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: failed to verify certificate: x509: cannot validate certificate for 10.0.3.4 because it doesn't contain any IP SANs"`,
    origin: 'crypto/x509 HostnameError for an IP address',
  },
  {
    id: 'tls-expired',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-24T09:58:03Z is after 2026-11-20T11:59:59Z"`,
    origin: 'crypto/x509 CertificateInvalidError{Reason: Expired}',
  },
  {
    id: 'tls-unknown-authority',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"`,
    origin:
      'docs/thanos.md, Error texts (TLS trust failure); crypto/x509 UnknownAuthorityError',
  },
  {
    id: 'tls-unknown-authority',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of \\"crypto/rsa: verification error\\" while trying to verify candidate authority certificate \\"thanos-ca\\")"`,
    origin:
      'crypto/x509 UnknownAuthorityError with hint: a CA of the same name but another key (an old or foreign thanos-ca)',
  },
  {
    id: 'tls-unknown-authority',
    raw: 'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: x509: certificate signed by unknown authority"',
    origin:
      'Go < 1.20 (no "tls: failed to verify certificate" wrapper), grpc-go transport error',
  },
  {
    id: 'tls-client-cert-rejected',
    raw: `${BALANCER}"error reading server preface: remote error: tls: bad certificate"`,
    origin:
      'crypto/tls alertBadCertificate from the server; grpc-go http2_client.go readServerPreface',
  },
  {
    id: 'tls-client-cert-rejected',
    raw: `${BALANCER}"error reading server preface: remote error: tls: certificate required"`,
    origin:
      'crypto/tls alertCertificateRequired (TLS 1.3, no client certificate sent)',
  },
  {
    id: 'tls-client-cert-rejected',
    raw: `${BALANCER}"error reading server preface: remote error: tls: unknown certificate authority"`,
    origin:
      'crypto/tls alertUnknownCA (client certificate from a CA the server does not trust)',
  },
  {
    id: 'tls-to-plaintext',
    raw: `${BALANCER}"transport: authentication handshake failed: tls: first record does not look like a TLS handshake"`,
    origin: 'crypto/tls conn.go RecordHeaderError',
  },
  {
    id: 'plaintext-to-tls',
    raw: `${BALANCER}"error reading server preface: http2: frame too large"`,
    origin:
      'golang.org/x/net/http2 ErrFrameTooLarge; grpc-go readServerPreface',
  },
  {
    id: 'ingress-client-cert-rejected',
    raw: 'rpc error: code = Internal desc = unexpected HTTP status code received from server: 400 (Bad Request); transport: received unexpected content-type "text/html"',
    origin:
      'grpc-go http2_client.go operateHeaders, HTTPStatusConvTab 400 → Internal; nginx 495/496 pages are sent as 400',
  },
  {
    id: 'proxy-unauthenticated',
    raw: 'rpc error: code = Unauthenticated desc = unexpected HTTP status code received from server: 401 (Unauthorized); transport: received unexpected content-type "text/html"',
    origin: 'grpc-go http2_client.go, HTTPStatusConvTab 401 → Unauthenticated',
  },
  {
    id: 'proxy-forbidden',
    raw: 'rpc error: code = PermissionDenied desc = unexpected HTTP status code received from server: 403 (Forbidden); transport: received unexpected content-type "text/html"',
    origin: 'grpc-go http2_client.go, HTTPStatusConvTab 403 → PermissionDenied',
  },
  {
    id: 'ingress-no-route',
    raw: 'rpc error: code = Unimplemented desc = unexpected HTTP status code received from server: 404 (Not Found); transport: received unexpected content-type "text/html"',
    origin:
      'grpc-go http2_client.go, HTTPStatusConvTab 404 → Unimplemented (Thanos < v0.36 shows it as is)',
  },
  {
    id: 'ingress-bad-gateway',
    raw: 'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 502 (Bad Gateway); transport: received unexpected content-type "text/html"',
    origin: 'grpc-go http2_client.go, HTTPStatusConvTab 502 → Unavailable',
  },
  {
    id: 'ingress-no-backend',
    raw: 'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
    origin:
      "docs/thanos.md, The two hops (the TLS querier's view of a sidecar behind the ingress)",
  },
  {
    id: 'ingress-gateway-timeout',
    raw: 'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 504 (Gateway Timeout); transport: received unexpected content-type "text/html"',
    origin: 'grpc-go http2_client.go, HTTPStatusConvTab 504 → Unavailable',
  },
  {
    id: 'connection-refused',
    raw: `${BALANCER}"transport: Error while dialing: dial tcp 10.0.103.201:10901: connect: connection refused"`,
    origin:
      'docs/thanos.md, Error texts (nothing listens); grpc-go ≥ v1.55 "Error while dialing: %v"',
  },
  {
    id: 'dns-no-such-host',
    raw: 'rpc error: code = DeadlineExceeded desc = latest balancer error: name resolver error: produced zero addresses',
    origin:
      'Thanos v0.36+ (grpc.NewClient, dns resolver drops NXDOMAIN); grpc-go balancer/pickfirst/pickfirst.go',
  },
  {
    id: 'dns-no-such-host',
    raw: `${BALANCER}"transport: Error while dialing dial tcp: lookup thanos-sidecar.observee.example.com on 172.20.0.10:53: no such host"`,
    origin:
      'Thanos ≤ v0.35 (grpc.DialContext, passthrough); grpc-go < v1.55 "Error while dialing %v"; Go net DNSError',
  },
  {
    id: 'io-timeout',
    raw: `${BALANCER}"transport: Error while dialing: dial tcp 35.180.12.7:443: i/o timeout"`,
    origin:
      'Go net dial timeout inside grpc-go "transport: Error while dialing: %v"',
  },
  {
    id: 'connection-reset',
    raw: 'receive series from Addr: 10.0.102.57:10901 MinTime: 1795341600009 MaxTime: 9223372036854775807: rpc error: code = Unavailable desc = error reading from server: EOF',
    origin:
      'docs/thanos.md, Error texts (partial-response warning); pkg/store/proxy_merge.go "receive series from %s"',
  },
  {
    id: 'connection-reset',
    raw: 'rpc error: code = Unavailable desc = error reading from server: read tcp 10.0.102.57:51234->35.180.12.7:443: read: connection reset by peer',
    origin:
      'grpc-go http2_client.go reader "error reading from server: %v" with a Go net read error',
  },
  {
    id: 'deadline-exceeded',
    raw: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded while waiting for connections to become ready',
    origin: 'grpc-go v1.71+ picker_wrapper.go (Thanos v0.40 and later)',
  },
  {
    id: 'deadline-exceeded',
    raw: 'rpc error: code = DeadlineExceeded desc = received context error while waiting for new LB policy update: context deadline exceeded',
    origin:
      'grpc-go v1.64–v1.70 picker_wrapper.go (docs/thanos.md, Error texts)',
  },
  {
    id: 'deadline-exceeded',
    raw: 'fetching store info from 10.0.103.9:10901: rpc error: code = DeadlineExceeded desc = context deadline exceeded',
    origin:
      'grpc-go ≤ v1.63 picker_wrapper.go (ctx.Err()), Thanos v0.16–v0.22 wrapping',
  },
];

/** Errors that must stay unexplained, so the raw text is shown. */
export const UNKNOWN_STORE_ERRORS = [
  'rpc error: code = ResourceExhausted desc = grpc: received message larger than max (8388608 vs. 4194304)',
  'some error message',
];

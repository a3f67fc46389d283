import {
  REAL_STORE_ERRORS,
  UNKNOWN_STORE_ERRORS,
} from './__fixtures__/storeErrors';
import {
  STORE_ERROR_IDS,
  explainStoreError,
  innermostStoreError,
} from './storeErrors';

describe('explainStoreError', () => {
  it.each(REAL_STORE_ERRORS.map(e => [e.id, e.raw, e.origin]))(
    'explains %s: %s',
    (id, raw) => {
      const explanation = explainStoreError(raw);
      expect(explanation?.id).toBe(id);
      expect(explanation?.title).toBeTruthy();
      expect(explanation?.cause).toBeTruthy();
      expect(explanation?.hint).toBeTruthy();
    },
  );

  it('has a real error string for every entry of the table', () => {
    const covered = new Set(REAL_STORE_ERRORS.map(e => e.id));
    expect(STORE_ERROR_IDS.filter(id => !covered.has(id))).toEqual([]);
  });

  it.each(UNKNOWN_STORE_ERRORS)(
    'leaves an unknown error unexplained: %s',
    raw => {
      expect(explainStoreError(raw)).toBeUndefined();
    },
  );

  it('asks to check both trust directions for an unknown authority', () => {
    const hint = explainStoreError(
      REAL_STORE_ERRORS.find(e => e.id === 'tls-unknown-authority')!.raw,
    )!.hint;
    expect(hint).toContain('monitoring/thanos-ca');
    expect(hint).toMatch(
      /TLS querier.*must trust the issuer of the sidecar ingress certificate/,
    );
  });

  it('points a 503 from the ingress at the backend and the gRPC backend protocol', () => {
    const hint = explainStoreError(
      REAL_STORE_ERRORS.find(e => e.id === 'ingress-no-backend')!.raw,
    )!.hint;
    expect(hint).toContain('backend-protocol: "GRPC"');
  });

  it('does not take a client-certificate rejection for a server-certificate problem', () => {
    expect(
      explainStoreError('remote error: tls: unknown certificate authority')?.id,
    ).toBe('tls-client-cert-rejected');
  });
});

describe('innermostStoreError', () => {
  it.each([
    [
      'rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"',
      'x509: certificate signed by unknown authority',
    ],
    [
      'rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "transport: Error while dialing: dial tcp 10.0.103.201:10901: connect: connection refused"',
      'dial tcp 10.0.103.201:10901: connect: connection refused',
    ],
    [
      'rpc error: code = Unavailable desc = unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
      'unexpected HTTP status code received from server: 503 (Service Unavailable); transport: received unexpected content-type "text/html"',
    ],
    ['rpc error: code = Unknown desc = Not ready', 'Not ready'],
    [
      'fetching store info from 10.0.101.23:10901: rpc error: code = Unavailable desc = error reading from server: EOF',
      'error reading from server: EOF',
    ],
    ['some error message', 'some error message'],
  ])('reduces %s', (raw, expected) => {
    expect(innermostStoreError(raw)).toBe(expected);
  });
});

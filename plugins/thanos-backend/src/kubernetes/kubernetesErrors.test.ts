import { FetchError } from '@kubernetes/client-node';
import {
  KubernetesReadTimeoutError,
  kubernetesErrorDetail,
  toSourceError,
  type KubernetesRead,
} from './kubernetesErrors';

/**
 * Failures that never reach an HTTP status, in the shape client-node 1.4.0 throws them: node-fetch 2's
 * `FetchError` of type `system`, which copies the socket error's `code` (Node's TLS and DNS codes).
 */

const podsRead: KubernetesRead = {
  cluster: 'observee',
  verb: 'list',
  resource: 'pods',
  apiGroup: '',
  namespace: 'monitoring',
};

function systemError(code: string, message: string) {
  return new FetchError(
    `request to https://observee.k8s.example.com/api/v1/namespaces/monitoring/pods failed, reason: ${message}`,
    'system',
    Object.assign(new Error(message), { code }),
  );
}

describe('toSourceError', () => {
  it('tells to configure the cluster CA when the API server certificate is not trusted', () => {
    const error = toSourceError(
      podsRead,
      systemError(
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'unable to verify the first certificate',
      ),
    );
    expect(error.message).toBe(
      "Could not list pods in monitoring on cluster observee: TLS verification of the API server failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Set caData or caFile for this cluster to the cluster's CA certificate (kubernetes.clusterLocatorMethods).",
    );
    expect(error.status).toBeUndefined();
  });

  it('tells to check the url and network when the API server cannot be reached', () => {
    const error = toSourceError(
      podsRead,
      systemError(
        'ENOTFOUND',
        'getaddrinfo ENOTFOUND observee.k8s.example.com',
      ),
    );
    expect(error.message).toContain('could not be reached (ENOTFOUND)');
  });

  it('never repeats the request URL or raw error text', () => {
    const error = toSourceError(
      podsRead,
      systemError('ECONNRESET', 'socket hang up'),
    );
    expect(error.message).not.toContain('https://');
    expect(error.message).not.toContain('socket hang up');
  });

  it('reports a timeout with its limit', () => {
    expect(
      toSourceError(podsRead, new KubernetesReadTimeoutError(5000)).message,
    ).toContain('did not answer within 5000 ms');
  });

  it('explains that client-node refuses a plain http:// API server', () => {
    const error = toSourceError(
      podsRead,
      new Error(
        'HTTP protocol is not allowed when skipTLSVerify is not set or false',
      ),
    );
    expect(error.message).toContain('refuses a plain http:// API server');
    expect(error.message).toContain("Use the cluster's https:// URL");
  });

  it('shows a fixed text for an unknown error and keeps its words for the log, scrubbed', () => {
    const error = toSourceError(
      podsRead,
      new Error(
        'proxy https://10.0.0.1:3128/x said no to Authorization: Bearer s3cr3t-token',
      ),
    );
    expect(error.message).toBe(
      'Could not list pods in monitoring on cluster observee: unexpected error; the backend log has the details.',
    );
    expect(
      kubernetesErrorDetail(
        new Error(
          'proxy https://10.0.0.1:3128/x said no to Authorization: Bearer s3cr3t-token',
        ),
      ),
    ).toBe('proxy [url] said no to Authorization: Bearer [redacted]');
  });
});

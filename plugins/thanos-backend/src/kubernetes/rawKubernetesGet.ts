import {
  HttpMethod,
  type KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';
import { boundedHttpLibrary } from './boundedHttpLibrary';
import { KubernetesStatusError } from './kubernetesErrors';

/**
 * A GET the generated client cannot express: a metadata-only read (custom `Accept`) and the
 * service proxy (whose generated method URL-encodes the `/` of the proxied path). It goes through
 * the bounded HTTP library the generated calls use too and client-node's `KubeConfig`
 * authentication, so the cluster's CA, token and TLS settings apply exactly as for those calls;
 * the time limit is the caller's signal (`boundedRead`).
 */
export async function rawKubernetesGet(
  kubeConfig: KubeConfig,
  path: string,
  options: { accept: string; signal: AbortSignal },
): Promise<string> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  // A server URL may carry a path prefix (Rancher, some gateways): append to it, never replace it.
  const url = `${server.replace(/\/+$/, '')}${path}`;
  const request = new RequestContext(url, HttpMethod.GET);
  request.setHeaderParam('Accept', options.accept);
  request.setSignal(options.signal);
  await kubeConfig.applySecurityAuthentication(request);
  const response = await boundedHttpLibrary().send(request).toPromise();
  const text = await response.body.text();
  if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
    throw new KubernetesStatusError(response.httpStatusCode, text);
  }
  return text;
}

import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/**
 * A failed request, titled with the backend's own message (e.g. `Thanos instance "x" not found;
 * available instances: …`) rather than "Request failed with 404", since that message says what to
 * fix; the request and status stay in the expandable details.
 */
export function ThanosErrorPanel(props: { error: Error; what: string }) {
  const reason = ResponseError.is(props.error)
    ? props.error.cause.message
    : props.error.message;
  return (
    <ResponseErrorPanel
      error={props.error}
      title={`Could not read ${props.what}: ${reason}`}
    />
  );
}

import type { Entity } from '@backstage/catalog-model';
import { WarningPanel } from '@backstage/core-components';
import {
  THANOS_ANNOTATION_OBSERVEE_KEY,
  THANOS_ANNOTATION_REGISTERED,
} from '@thanos-backstage/plugin-thanos-common';

/**
 * Says when the catalog provider found the entity's observee key in neither or only one of the
 * observer's maps (annotation `thanos.io/registered: "false"`): Thanos then does not query the
 * cluster at all, whatever the status below says about its sidecar.
 */
export function RegistrationNotice(props: { entity: Entity }) {
  const annotations = props.entity.metadata.annotations ?? {};
  if (annotations[THANOS_ANNOTATION_REGISTERED] !== 'false') return null;
  const key =
    annotations[THANOS_ANNOTATION_OBSERVEE_KEY] ?? props.entity.metadata.name;
  return (
    <WarningPanel
      severity="warning"
      title="Not registered with the observer"
      message={`The infra repo's observer maps (thanos-tls-querier and thanos-storegateway) have no complete entry for the key "${key}", so the observer's Thanos does not query this cluster. Register it with the thanos:observer:register action (the onboarding template runs it), or fix a half-registered entry by hand.`}
    />
  );
}

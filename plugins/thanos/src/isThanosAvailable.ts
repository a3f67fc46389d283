import type { Entity } from '@backstage/catalog-model';
import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '@thanos-backstage/plugin-thanos-common';

/**
 * Whether an entity names the Prometheus external labels of a cluster, which is all the Thanos tab
 * and card need (DESIGN §5). For `EntitySwitch`/`EntityLayout.Route if` in legacy apps.
 *
 * @public
 */
export function isThanosAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[THANOS_ANNOTATION_EXTERNAL_LABELS]?.trim(),
  );
}

import type { Entity } from '@backstage/catalog-model';
import { hasThanosExternalLabels } from '@thanos-backstage/plugin-thanos-common';

/**
 * Whether an entity names the Prometheus external labels of a cluster, which is all the Thanos tab
 * and card need. For `EntitySwitch`/`EntityLayout.Route if` in legacy apps; the new frontend
 * system's tab and card use the same test.
 *
 * @public
 */
export function isThanosAvailable(entity: Entity): boolean {
  return hasThanosExternalLabels(entity);
}

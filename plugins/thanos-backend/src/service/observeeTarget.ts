import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  InvalidExternalLabelsError,
  LabelMatcher,
  THANOS_ANNOTATION_EXTERNAL_LABELS,
  THANOS_ANNOTATION_INSTANCE,
  THANOS_ANNOTATION_KUBERNETES_CLUSTER,
  THANOS_ANNOTATION_OBSERVEE_KEY,
  parseExternalLabels,
} from '@thanos-backstage/plugin-thanos-common';

/** What the plugin needs to know about one observee, read from its catalog entity. */
export interface ObserveeTarget {
  entityRef: string;
  instance: string;
  observeeKey: string;
  externalLabels: LabelMatcher[];
  kubernetesCluster?: string;
}

/** Routes answer this when `thanos.instances` is empty; the backend itself still starts. */
export function noInstancesConfigured(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'No Thanos instances configured: add at least one entry under thanos.instances in app-config (name and queryUrl)',
  );
}

/**
 * The instance a request or entity names, or the only configured one when none is named.
 * `origin` says where the name came from, for the error message.
 */
export function resolveInstanceName(
  requested: string | undefined,
  available: string[],
  origin: string,
): string {
  if (available.length === 0) throw noInstancesConfigured();
  if (requested === undefined || requested === '') {
    if (available.length === 1) return available[0];
    throw new InputError(
      `${origin} does not name a Thanos instance and ${
        available.length
      } are configured; name one of: ${available.join(', ')}`,
    );
  }
  if (!available.includes(requested)) {
    throw new InputError(
      `Thanos instance "${requested}" (${origin}) is not configured; available: ${available.join(
        ', ',
      )}`,
    );
  }
  return requested;
}

/**
 * Reads the Thanos annotations of an entity (docs/architecture.md, "Entity annotations"). Throws
 * `InputError` naming the annotation and the rule when they cannot be used. Annotation values only
 * ever select configured instances and fill label matchers: they never become URLs.
 */
export function observeeTargetOf(
  entity: Entity,
  instances: string[],
): ObserveeTarget {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const labels = annotations[THANOS_ANNOTATION_EXTERNAL_LABELS];
  if (labels === undefined) {
    throw new InputError(
      `Entity ${entityRef} has no ${THANOS_ANNOTATION_EXTERNAL_LABELS} annotation; add one with the label matchers of the cluster's Prometheus, e.g. cluster=my-cluster`,
    );
  }
  let externalLabels: LabelMatcher[];
  try {
    externalLabels = parseExternalLabels(labels);
  } catch (error) {
    if (error instanceof InvalidExternalLabelsError) {
      throw new InputError(`Entity ${entityRef}: ${error.message}`);
    }
    throw error;
  }
  const instance = resolveInstanceName(
    annotations[THANOS_ANNOTATION_INSTANCE],
    instances,
    `the ${THANOS_ANNOTATION_INSTANCE} annotation of ${entityRef}`,
  );
  const kubernetesCluster = annotations[THANOS_ANNOTATION_KUBERNETES_CLUSTER];
  return {
    entityRef,
    instance,
    observeeKey:
      annotations[THANOS_ANNOTATION_OBSERVEE_KEY] || entity.metadata.name,
    externalLabels,
    ...(kubernetesCluster ? { kubernetesCluster } : {}),
  };
}

/**
 * The targets of the entities that belong to one instance. An entity whose annotations cannot be
 * used is skipped (and logged at debug level): in a fleet, one bad entity must not hide the others.
 */
export function observeeTargetsOf(
  entities: Entity[],
  instances: string[],
  instance: string,
  logger: { debug(message: string): void },
): ObserveeTarget[] {
  const targets: ObserveeTarget[] = [];
  for (const entity of entities) {
    try {
      const target = observeeTargetOf(entity, instances);
      if (target.instance === instance) targets.push(target);
    } catch (error) {
      logger.debug(
        `Skipping entity in the Thanos fleet: ${(error as Error).message}`,
      );
    }
  }
  return targets;
}

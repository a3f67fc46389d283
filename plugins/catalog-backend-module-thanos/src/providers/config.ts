import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';

/** One `catalog.providers.thanos.<id>` entry (see config.d.ts and the README). */
export interface ThanosProviderConfig {
  id: string;
  target: string;
  environments?: string[];
  instance: string;
  owner: string;
  system?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const PROVIDER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

/**
 * Reads every provider under `catalog.providers.thanos`, refusing at start-up what would only fail
 * later, with the config key in the message.
 */
export function readProviderConfigs(config: Config): ThanosProviderConfig[] {
  const root = config.getOptionalConfig('catalog.providers.thanos');
  if (!root) return [];
  return root.keys().map(id => {
    const key = `catalog.providers.thanos.${id}`;
    if (!PROVIDER_ID.test(id)) {
      throw new ThanosConfigError(
        `${key}: the provider id must be letters, digits, "_" or "-"`,
      );
    }
    const c = root.getConfig(id);
    const owner = c.getString('owner');
    try {
      parseEntityRef(owner, { defaultKind: 'group' });
    } catch (e) {
      throw new ThanosConfigError(
        `${key}.owner: ${JSON.stringify(
          owner,
        )} is not an entity reference such as group:default/platform-team`,
      );
    }
    if (!c.has('schedule')) {
      throw new ThanosConfigError(
        `${key}.schedule is missing; e.g. { frequency: { minutes: 30 }, timeout: { minutes: 3 } }`,
      );
    }
    return {
      id,
      target: c.getString('target'),
      environments: c.getOptionalStringArray('environments'),
      instance: c.getString('instance'),
      owner,
      system: c.getOptionalString('system'),
      schedule: readSchedulerServiceTaskScheduleDefinitionFromConfig(
        c.getConfig('schedule'),
      ),
    };
  });
}

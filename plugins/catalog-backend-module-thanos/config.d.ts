import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Thanos cluster providers, by provider id. */
      thanos?: {
        [providerId: string]: {
          /**
           * The infra repo's Terragrunt live folder: a URL any configured integration reads
           * (e.g. https://github.com/acme/infra/tree/main/terragrunt/live), or `file:<path>` for a
           * local folder (relative paths from the backend's working directory).
           */
          target: string;
          /** Environment folders to read; default: every environment folder. */
          environments?: string[];
          /** Value of `thanos.io/instance` on the emitted entities. */
          instance: string;
          /** Owner of the emitted entities, e.g. group:default/platform-team. */
          owner: string;
          /** System of the emitted entities. */
          system?: string;
          /** How often to read the folder, and how long a read may take. */
          schedule: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
}

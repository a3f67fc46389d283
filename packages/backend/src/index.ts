import { createBackend } from '@backstage/backend-defaults';
import { databaseServiceFactory } from './database/databaseServiceFactory';
import { exitOnStartupFailure } from './startup/startupFailure';

const backend = createBackend();

// Backstage's database service, with each plugin's migrations serialised across replicas.
backend.add(databaseServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for the local demo (see app-config.production.yaml for real providers).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Thanos observer and observee clusters read from the infra repo's Terragrunt live folder.
backend.add(import('@thanos-backstage/plugin-catalog-backend-module-thanos'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Scaffolder with the GitHub and GitLab publishers and the Thanos onboarding actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@thanos-backstage/plugin-scaffolder-backend-module-thanos'),
);

// Thanos: sidecar reachability and compactor status.
backend.add(import('@thanos-backstage/plugin-thanos-backend'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// MCP server for assistants: serves the actions of backend.actions.pluginSources (the Thanos ones).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// A backend that cannot start exits with code 1, so Kubernetes or any supervisor restarts it.
exitOnStartupFailure(backend.start());

import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { thanosScaffolderActions } from './actions';

/**
 * Adds the Thanos onboarding actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleThanos = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'thanos',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(...thanosScaffolderActions());
      },
    });
  },
});

import { createObserveeAction } from './createObservee';
import { decommissionObserveeAction } from './decommissionObservee';
import { deregisterObserverAction } from './deregisterObserver';
import { registerObserverAction } from './registerObserver';

export { createObserveeAction } from './createObservee';
export { decommissionObserveeAction } from './decommissionObservee';
export { deregisterObserverAction } from './deregisterObserver';
export { registerObserverAction } from './registerObserver';

/**
 * Every action of this module, in the order they are registered.
 *
 * @public
 */
export function thanosScaffolderActions() {
  return [
    createObserveeAction(),
    registerObserverAction(),
    decommissionObserveeAction(),
    deregisterObserverAction(),
  ];
}

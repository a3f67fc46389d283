import { createObserveeAction } from './createObservee';
import { registerObserverAction } from './registerObserver';

export { createObserveeAction } from './createObservee';
export { registerObserverAction } from './registerObserver';

/** Every action of this module, in the order they are registered. */
export function thanosScaffolderActions() {
  return [createObserveeAction(), registerObserverAction()];
}

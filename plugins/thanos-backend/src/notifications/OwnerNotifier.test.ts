import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { setupServer } from 'msw/node';
import {
  FAKE_OBSERVER_INSTANCES,
  observeeEntity,
  serveFakeObserver,
} from '../__testUtils__/fakeObserver';
import { thanosPlugin } from '../plugin';

// Each test boots a whole backend: a generous guard against a hang, not a timing check.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const REFRESH_TASK = 'thanos-refresh-observer';
const REFRESH_INTERVAL_MS = 30_000;

// Only the wall clock is faked, to move it by one refresh interval between refreshes.
beforeEach(() =>
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  }),
);
afterEach(() => jest.useRealTimers());

async function startBackend(notifications: object | undefined) {
  const sent: NotificationSendOptions[] = [];
  // A mock scheduler of our own, to run the refresh task when the test says so.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & { factory: typeof mockServices.scheduler.factory };
  const observer = serveFakeObserver(server, ['paris', 'berlin']);
  const backend = await startTestBackend({
    features: [
      thanosPlugin,
      catalogServiceMock.factory({
        entities: [observeeEntity('paris'), observeeEntity('berlin')],
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (options: NotificationSendOptions) => {
            sent.push(options);
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          thanos: {
            instances: FAKE_OBSERVER_INSTANCES,
            ...(notifications ? { notifications } : {}),
          },
        },
      }),
    ],
  });
  // Each refresh happens one refresh interval after the previous one, as scheduled: only then may
  // it read the facts again (a read slot lasts most of an interval).
  const refresh = async (times = 1) => {
    for (let i = 0; i < times; i++) {
      jest.setSystemTime(Date.now() + REFRESH_INTERVAL_MS);
      await scheduler.triggerTask(REFRESH_TASK);
    }
  };
  return { backend, sent, refresh, observer };
}

describe('owner notifications', () => {
  it('tell the owners once when a cluster turns to error and holds, and once when it recovers', async () => {
    const { backend, sent, refresh, observer } = await startBackend({
      enabled: true,
    });
    await refresh(2);
    expect(sent).toEqual([]);

    observer.setCompactorHalted('paris', true);
    await refresh();
    expect(sent).toEqual([]);
    await refresh(4);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: 'resource:default/paris' },
      payload: {
        title: 'paris: Thanos shows an error',
        description: expect.stringMatching(/^Compactor: .+\nWhat to do: .+/),
        link: '/catalog/default/resource/paris/thanos',
        severity: 'high',
        topic: 'thanos',
      },
    });

    observer.setCompactorHalted('paris', false);
    await refresh(3);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'resource:default/paris' },
      payload: {
        title: 'paris: Thanos shows it healthy again',
        severity: 'low',
        topic: 'thanos',
      },
    });
    await backend.stop();
  });

  it('send nothing while every cluster stays in the same state', async () => {
    const { backend, sent, refresh, observer } = await startBackend({
      enabled: true,
    });
    observer.setCompactorHalted('berlin', true);
    await refresh(6);
    expect(sent).toEqual([]);
    await backend.stop();
  });

  it('send nothing for a state that does not hold for two refreshes', async () => {
    const { backend, sent, refresh, observer } = await startBackend({
      enabled: true,
    });
    await refresh();
    for (let i = 0; i < 3; i++) {
      observer.setCompactorHalted('paris', true);
      await refresh();
      observer.setCompactorHalted('paris', false);
      await refresh();
    }
    expect(sent).toEqual([]);
    await backend.stop();
  });

  it('are off unless enabled', async () => {
    const { backend, sent, refresh, observer } = await startBackend(undefined);
    await refresh();
    observer.setCompactorHalted('paris', true);
    await refresh(3);
    expect(sent).toEqual([]);
    await backend.stop();
  });

  it('refuse a minSeverity that is not warning or error, naming the key', async () => {
    await expect(
      startBackend({ enabled: true, minSeverity: 'info' }),
    ).rejects.toThrow(
      /thanos.notifications.minSeverity must be one of warning, error; got "info"/,
    );
  });
});

import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ClusterStatus,
  NotificationRules,
  decideOwnerNotification,
} from '@thanos-backstage/plugin-thanos-common';
import {
  NotificationMemoryStore,
  StoredMemory,
} from './NotificationMemoryStore';
import { ownerNotificationPayload } from './ownerNotificationPayload';
import { readNotificationsConfig } from './readNotificationsConfig';

export interface OwnerNotifierDeps {
  logger: LoggerService;
  database: DatabaseService;
  notifications: NotificationService;
  /** Every entity of the instance, judged from the facts the refresh just read. */
  fleet: (instanceName: string) => Promise<ClusterStatus[]>;
}

/**
 * Tells an entity's owners when its overall state changes (docs/notifications.md). Runs after
 * each scheduled refresh, which runs on one replica per interval; what was last announced lives in
 * the plugin's database, so a restart or another replica never announces it again.
 */
export class OwnerNotifier {
  private constructor(
    private readonly rules: NotificationRules,
    private readonly store: NotificationMemoryStore,
    private readonly deps: OwnerNotifierDeps,
  ) {}

  /** Undefined unless `thanos.notifications.enabled` is true. */
  static async fromConfig(
    config: Config,
    deps: OwnerNotifierDeps,
  ): Promise<OwnerNotifier | undefined> {
    const { enabled, rules } = readNotificationsConfig(config);
    if (!enabled) return undefined;
    deps.logger.info(
      `Thanos owner notifications are on: state changes of ${rules.threshold} and worse, held for ${rules.holdRefreshes} refreshes`,
    );
    const store = await NotificationMemoryStore.create(deps.database);
    return new OwnerNotifier(rules, store, deps);
  }

  /** Decides and sends the notifications of one instance's entities; never throws. */
  async afterRefresh(instanceName: string): Promise<void> {
    const { logger } = this.deps;
    try {
      const statuses = await this.deps.fleet(instanceName);
      const stored = await this.store.read(statuses.map(s => s.entityRef));
      for (const status of statuses) {
        await this.decide(status, stored.get(status.entityRef));
      }
    } catch (error) {
      logger.warn(
        `Thanos owner notifications of instance ${instanceName} skipped this refresh: ${
          (error as Error).message
        }`,
      );
    }
  }

  private async decide(
    status: ClusterStatus,
    previous: StoredMemory | undefined,
  ): Promise<void> {
    const decision = decideOwnerNotification(
      previous?.memory,
      [status.sidecar.state, status.compactor.state],
      this.rules,
    );
    if (
      !decision.memory ||
      JSON.stringify(decision.memory) === previous?.stored
    ) {
      return;
    }
    const written = await this.store.replace(
      status.entityRef,
      previous,
      decision.memory,
    );
    // Another refresh wrote first: it has made (or will make) this decision itself.
    if (!written || !decision.notice) return;
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: status.entityRef },
        payload: ownerNotificationPayload(status, decision.notice),
      });
    } catch (error) {
      // Put the previous memory back, so the next refresh makes the same decision and sends it.
      await this.store
        .replace(
          status.entityRef,
          { memory: decision.memory, stored: JSON.stringify(decision.memory) },
          previous?.memory ?? { announced: decision.notice.from },
        )
        .catch(() => undefined);
      this.deps.logger.warn(
        `Thanos notification to the owners of ${
          status.entityRef
        } failed; it is retried at the next refresh: ${
          (error as Error).message
        }`,
      );
    }
  }
}

import type { Config } from '@backstage/config';
import {
  DEFAULT_NOTIFICATION_RULES,
  NotificationRules,
  NotificationThreshold,
} from '@thanos-backstage/plugin-thanos-common';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';

/** The validated `thanos.notifications` block. */
export interface NotificationsConfig {
  enabled: boolean;
  rules: NotificationRules;
}

const THRESHOLDS: NotificationThreshold[] = ['warning', 'error'];

/**
 * Reads `thanos.notifications` at start-up. Off unless `enabled: true`; `minSeverity` is the least
 * severe state announced (`error` by default). A bad value fails the start naming the key.
 */
export function readNotificationsConfig(root: Config): NotificationsConfig {
  const config = root.getOptionalConfig('thanos.notifications');
  const enabled = config?.getOptionalBoolean('enabled') ?? false;
  const minSeverity =
    config?.getOptionalString('minSeverity') ??
    DEFAULT_NOTIFICATION_RULES.threshold;
  if (!THRESHOLDS.includes(minSeverity as NotificationThreshold)) {
    throw new ThanosConfigError(
      `thanos.notifications.minSeverity must be one of ${THRESHOLDS.join(
        ', ',
      )}; got "${minSeverity}"`,
    );
  }
  return {
    enabled,
    rules: {
      ...DEFAULT_NOTIFICATION_RULES,
      threshold: minSeverity as NotificationThreshold,
    },
  };
}

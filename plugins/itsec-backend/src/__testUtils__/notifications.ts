import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';

/** A notification service that records what it is asked to send. */
export class RecordingNotificationService implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  /** Set to make the next sends fail. */
  failing = false;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failing) throw new Error('notifications backend unavailable');
    this.sent.push(options);
  }

  clear(): void {
    this.sent.length = 0;
  }

  /** Sent notifications whose scope starts with `itsec:{entityRef}:{statementId}:{kind}`. */
  of(entityRef: string, statementId?: string, kind?: string) {
    const prefix = ['itsec', entityRef, statementId, kind]
      .filter(Boolean)
      .join(':');
    return this.sent.filter(s => s.payload.scope?.startsWith(prefix));
  }
}

/** The mock installed as the plugin's notification service. */
export function notificationServiceFactory(service: NotificationService) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => service,
  });
}

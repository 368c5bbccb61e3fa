import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';

const TABLE = 'itsec_notifications';
const BATCH = 100;

/** Identity of one notification: entity + statement + kind + due date. */
export interface NotificationKey {
  entityRef: string;
  statementId: string;
  kind: string;
  due: string;
}

export type NotificationState = 'pending' | 'sent' | 'failed' | 'skipped';

/** A notification to claim: its key and what to send. */
export interface NotificationClaim extends NotificationKey {
  /** `undefined` recipients: nobody to notify, recorded as 'skipped'. */
  send?: NotificationSendOptions;
}

/** A ledger row. */
export interface NotificationRow extends NotificationKey {
  state: NotificationState;
  attempts: number;
  recipients: string[];
  send?: NotificationSendOptions;
  createdAt: string;
  updatedAt: string;
}

function keyOf(k: NotificationKey): string {
  return `${k.entityRef}\u0000${k.statementId}\u0000${k.kind}\u0000${k.due}`;
}

function keyWhere(k: NotificationKey) {
  return {
    entity_ref: k.entityRef,
    statement_id: k.statementId,
    kind: k.kind,
    due: k.due,
  };
}

function recipientsOf(send?: NotificationSendOptions): string[] {
  if (!send) return [];
  if (send.recipients.type === 'broadcast') return ['*'];
  const refs = send.recipients.entityRef;
  return Array.isArray(refs) ? refs : [refs];
}

function fromRow(row: any): NotificationRow {
  const payload = row.payload ? JSON.parse(row.payload) : undefined;
  return {
    entityRef: row.entity_ref,
    statementId: row.statement_id,
    kind: row.kind,
    due: row.due,
    state: row.state,
    attempts: Number(row.attempts),
    recipients: row.recipients ? row.recipients.split(',') : [],
    ...(payload && payload.recipients ? { send: payload } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * What the itsec backend notified (table `itsec_notifications`). A
 * notification is claimed by inserting its row first; the primary key makes
 * the insert a no-op on every other attempt, on any backend instance, so only
 * the claimer sends it.
 */
export class NotificationLedger {
  constructor(private readonly knex: Knex) {}

  /**
   * Inserts the rows that do not exist yet, as 'pending' (or 'skipped' when
   * there is nobody to send to). Returns the claims this call inserted.
   */
  async claim(
    claims: NotificationClaim[],
    now: string,
  ): Promise<NotificationClaim[]> {
    const unique = new Map(claims.map(c => [keyOf(c), c]));
    const won: NotificationClaim[] = [];
    const all = [...unique.values()];
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const inserted: Array<{
        entity_ref: string;
        statement_id: string;
        kind: string;
        due: string;
      }> = await this.knex(TABLE)
        .insert(
          batch.map(c => ({
            ...keyWhere(c),
            state: c.send ? 'pending' : 'skipped',
            attempts: c.send ? 1 : 0,
            recipients: recipientsOf(c.send).join(','),
            payload: JSON.stringify(c.send ?? {}),
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict(['entity_ref', 'statement_id', 'kind', 'due'])
        .ignore()
        .returning(['entity_ref', 'statement_id', 'kind', 'due']);
      for (const row of inserted) {
        const claim = unique.get(
          keyOf({
            entityRef: row.entity_ref,
            statementId: row.statement_id,
            kind: row.kind,
            due: row.due,
          }),
        );
        if (claim) won.push(claim);
      }
    }
    return won;
  }

  async markSent(key: NotificationKey, now: string): Promise<void> {
    await this.knex(TABLE)
      .where(keyWhere(key))
      .update({ state: 'sent', updated_at: now });
  }

  async markFailed(key: NotificationKey, now: string): Promise<void> {
    await this.knex(TABLE)
      .where(keyWhere(key))
      .update({ state: 'failed', updated_at: now });
  }

  /**
   * Claims failed sends for another attempt, and pending ones whose sender
   * stopped before `staleBefore` (one instance wins each: the update is
   * conditional on the state it read).
   */
  async claimRetries(options: {
    maxAttempts: number;
    staleBefore: string;
    now: string;
  }): Promise<NotificationRow[]> {
    const candidates = await this.knex(TABLE)
      .where('attempts', '<', options.maxAttempts)
      .andWhere(q =>
        q
          .where('state', 'failed')
          .orWhere(p =>
            p
              .where('state', 'pending')
              .andWhere('updated_at', '<', options.staleBefore),
          ),
      )
      .limit(500);
    const won: NotificationRow[] = [];
    for (const row of candidates) {
      const updated = await this.knex(TABLE)
        .where({ ...keyWhere(fromRow(row)), state: row.state })
        .andWhere('updated_at', row.updated_at)
        .update({
          state: 'pending',
          attempts: Number(row.attempts) + 1,
          updated_at: options.now,
        });
      if (updated === 1) won.push(fromRow(row));
    }
    return won;
  }

  async list(filter: { entityRef?: string; kind?: string } = {}) {
    const q = this.knex(TABLE).orderBy([
      { column: 'entity_ref' },
      { column: 'statement_id' },
      { column: 'kind' },
      { column: 'due' },
    ]);
    if (filter.entityRef) q.where('entity_ref', filter.entityRef);
    if (filter.kind) q.where('kind', filter.kind);
    return (await q).map(fromRow);
  }

  /** Deletes rows created before `before` (ISO timestamp). */
  async prune(before: string): Promise<number> {
    return this.knex(TABLE).where('created_at', '<', before).delete();
  }
}

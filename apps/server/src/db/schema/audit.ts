import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The audit log. An entry is written unsealed (`seq`, `prev_hash` and `hash` null, `entry_hash` the hash of its
 * fields) in the transaction of the change it records; the database seals it as that transaction commits (trigger
 * `audit_log_seal`): the next place in the chain, the previous entry's hash, and its own hash over both.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Place in the chain: the order in which entries were committed. */
    seq: bigint('seq', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    /** SHA-256 of the entry's own fields; null on entries of the first chain format, whose hash covers them. */
    entryHash: text('entry_hash'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_action_idx').on(t.action),
  ],
);

/** The chain's end: the last sealed entry's place and hash (one row). Its row lock orders the seals. */
export const auditChain = pgTable(
  'audit_chain',
  {
    id: smallint('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_chain_one_row', sql`${t.id} = 1`)],
);

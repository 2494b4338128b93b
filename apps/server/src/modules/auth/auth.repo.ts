import { sql } from 'drizzle-orm';
import { loginThrottles, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** The account-wide count's address. */
export const ANY_ADDRESS = '*';

/** A reserved password check: the attempts counted so far, this one included, and the lock this one may have set. */
export interface TLoginCheck {
  attempts: number;
  lockedUntil: Date | null;
}

/**
 * Counts one more password check of an account from an address (or ANY_ADDRESS) before the password is verified, in
 * one statement, so concurrent logins each get their own number: the check that reaches `maxAttempts` sets the lock,
 * those past it are refused unchecked. An expired lock starts a new count.
 */
export async function reserveLoginCheck(
  db: TQueryable,
  userId: string,
  address: string,
  policy: { maxAttempts: number; minutes: number },
): Promise<TLoginCheck> {
  const lock = sql`now() + make_interval(mins => ${policy.minutes})`;
  const result = await db.execute<{ attempts: number; lockedUntil: Date | string | null }>(sql`
    insert into ${loginThrottles} as t (user_id, address, attempts, locked_until)
    values (${userId}, ${address}, 1, case when 1 >= ${policy.maxAttempts} then ${lock} end)
    on conflict (user_id, address) do update set
      attempts = case when t.locked_until <= now() then 1 else t.attempts + 1 end,
      locked_until = case
        when t.locked_until <= now() then case when 1 >= ${policy.maxAttempts} then ${lock} end
        when t.locked_until is not null then t.locked_until
        when t.attempts + 1 >= ${policy.maxAttempts} then ${lock}
      end,
      updated_at = now()
    returning attempts, locked_until as "lockedUntil"`);
  const row = result.rows[0];
  if (!row) throw new Error('login_throttles upsert returned no row');
  return { attempts: row.attempts, lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil) };
}

/** Forgets an account's failed logins from an address and account-wide (after a success). */
export async function clearLoginChecks(db: TQueryable, userId: string, address: string): Promise<void> {
  await db.execute(
    sql`delete from ${loginThrottles} where user_id = ${userId} and address in (${address}, ${ANY_ADDRESS})`,
  );
}

/** Lifts every lock of an account and forgets its failed logins (an unlock, a password reset). */
export async function clearAllLoginChecks(db: TQueryable, userId: string): Promise<void> {
  await db.execute(sql`delete from ${loginThrottles} where user_id = ${userId}`);
  await db.execute(sql`update ${users} set locked_until = null where id = ${userId}`);
}

/** Notes on the account when its latest lock ends, for the people pages. */
export async function noteLock(db: TQueryable, userId: string, until: Date): Promise<void> {
  await db.execute(
    sql`update ${users} set locked_until = greatest(locked_until, ${until.toISOString()}::timestamptz) where id = ${userId}`,
  );
}

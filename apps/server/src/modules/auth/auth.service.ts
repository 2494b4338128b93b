import type { TGrant, TLocale, TLoginRequest, TRole, TUser } from '@duban/domain';
import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashToken, newSecret, SESSION_PREFIX } from '../../platform/auth/actor.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { presentGrant, presentUser } from '../org/org.presenter.ts';
import * as orgRepo from '../org/org.repo.ts';
import { assertPasswordPolicy } from '../org/users.service.ts';
import { loadSettings } from '../settings/settings.repo.ts';
import * as authRepo from './auth.repo.ts';

export interface TLoginResult {
  user: TUser;
  grants: TGrant[];
  csrfToken: string;
  sessionToken: string;
  idleMinutes: number;
}

interface TClient {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Checks a username and password and opens a session. Failures are counted per account and client address, and per
 * account across addresses with a higher ceiling; each check is counted before the password is verified, so no burst
 * has more passwords checked than the policy allows, and a lock from one address leaves the owner's others open.
 */
export async function login(db: TDb, input: TLoginRequest, client: TClient): Promise<TLoginResult> {
  const settings = await loadSettings(db);
  const user = await orgRepo.findUserByUsername(db, input.username);
  if (!user?.isActive) {
    await verifyPassword(await DUMMY_HASH_PROMISE, input.password);
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor: null,
        action: 'auth.loginFailed',
        targetType: 'user',
        targetId: user?.id ?? null,
        after: { username: input.username, reason: user ? 'inactive' : 'unknownUser' },
        ip: client.ip,
      }),
    );
    throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
  }
  const actor = { id: user.id, name: user.username };
  const address = client.ip ?? 'unknown';
  const refuse = async (until: Date | null, scope: string) => {
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor,
        action: 'auth.loginFailed',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, reason: 'locked', address: scope },
        ip: client.ip,
      }),
    );
    return new AppError('ACCOUNT_LOCKED', `account locked until ${until?.toISOString() ?? 'later'}`);
  };
  // The check is counted before the password is verified: from this address, then across all addresses.
  const { lockout } = settings;
  const fromAddress = await authRepo.reserveLoginCheck(db, user.id, address, lockout);
  if (fromAddress.attempts > lockout.maxAttempts) throw await refuse(fromAddress.lockedUntil, address);
  const accountWide = await authRepo.reserveLoginCheck(db, user.id, authRepo.ANY_ADDRESS, {
    maxAttempts: lockout.accountMaxAttempts,
    minutes: lockout.minutes,
  });
  if (accountWide.attempts > lockout.accountMaxAttempts) {
    throw await refuse(accountWide.lockedUntil, authRepo.ANY_ADDRESS);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = await db.transaction(async (tx) => {
      await appendAudit(tx, {
        actor,
        action: 'auth.loginFailed',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, reason: 'wrongPassword', attempts: fromAddress.attempts },
        ip: client.ip,
      });
      // The check that reached a ceiling set its lock: this failure makes it hold.
      const checks = [
        { check: fromAddress, max: lockout.maxAttempts, scope: address },
        { check: accountWide, max: lockout.accountMaxAttempts, scope: authRepo.ANY_ADDRESS },
      ];
      let until: Date | null = null;
      for (const { check, max, scope } of checks) {
        if (check.attempts !== max || !check.lockedUntil) continue;
        await authRepo.noteLock(tx, user.id, check.lockedUntil);
        await appendAudit(tx, {
          actor,
          action: 'auth.lockout',
          targetType: 'user',
          targetId: user.id,
          after: { lockedUntil: check.lockedUntil.toISOString(), attempts: check.attempts, address: scope },
          ip: client.ip,
        });
        if (!until || check.lockedUntil > until) until = check.lockedUntil;
      }
      return until;
    });
    if (locked) throw new AppError('ACCOUNT_LOCKED', `too many failures: account locked until ${locked.toISOString()}`);
    throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
  }
  const sessionToken = newSecret(SESSION_PREFIX);
  const csrfToken = newSecret('');
  await db.transaction(async (tx) => {
    await authRepo.clearLoginChecks(tx, user.id, address);
    await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(sql`${sessions.userId} = ${user.id} and ${sessions.expiresAt} < now()`);
    await tx.insert(sessions).values({
      tokenHash: hashToken(sessionToken),
      userId: user.id,
      csrfToken,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + Math.min(settings.sessionIdleMinutes, settings.sessionMaxHours * 60) * 60_000),
    });
    await appendAudit(tx, {
      actor,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      ip: client.ip,
    });
  });
  const grants = (await orgRepo.listGrantsOf(db, user.id)).map(presentGrant);
  return { user: presentUser(user), grants, csrfToken, sessionToken, idleMinutes: settings.sessionIdleMinutes };
}

/** Ends the session of a cookie token. */
export async function logout(db: TDb, actor: TActor | null, sessionToken: string | undefined): Promise<void> {
  if (!sessionToken) return;
  await db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(sessionToken)))
      .returning({ userId: sessions.userId });
    if (ended.length === 0 || !actor) return;
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'auth.logout',
      targetType: 'user',
      targetId: actor.id,
      ip: actor.ip,
    });
  });
}

/** The current user, their grants and roles. */
export async function getMe(db: TDb, actor: TActor) {
  const user = await orgRepo.findUser(db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED', 'log in first');
  const grants = actor.grants.map((g) => presentGrant({ ...g, userId: actor.id, createdAt: new Date(g.createdAt) }));
  const roles = [...new Set(grants.map((g) => g.role))] as TRole[];
  return { user: presentUser(user), grants, roles, via: actor.via };
}

/** Changes one's own password; other sessions of the user end. */
export async function changePassword(
  db: TDb,
  actor: TActor,
  input: { currentPassword: string; newPassword: string },
  keepSessionToken: string | undefined,
): Promise<void> {
  const user = await orgRepo.findUser(db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED', 'log in first');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'the current password is wrong');
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', 'the new password must differ from the current one');
  }
  await assertPasswordPolicy(db, input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(users.id, actor.id));
    const keep = keepSessionToken ? hashToken(keepSessionToken) : '';
    await tx.delete(sessions).where(sql`${sessions.userId} = ${actor.id} and ${sessions.tokenHash} <> ${keep}`);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.changePassword',
      targetType: 'user',
      targetId: actor.id,
      ip: actor.ip,
    });
  });
}

/** Remembers the user's language. */
export async function updateLocale(db: TDb, actor: TActor, locale: TLocale): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.id));
    await tx.update(users).set({ locale, updatedAt: sql`now()` }).where(eq(users.id, actor.id));
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.updateLocale',
      targetType: 'user',
      targetId: actor.id,
      before,
      after: { locale },
      ip: actor.ip,
    });
  });
}

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

/** Checks a username and password; counts failures, locks after too many, opens a session on success. */
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
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor,
        action: 'auth.loginFailed',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, reason: 'locked' },
        ip: client.ip,
      }),
    );
    throw new AppError('ACCOUNT_LOCKED', `account locked until ${user.lockedUntil.toISOString()}`);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedAttempts: users.failedAttempts });
      const attempts = row?.failedAttempts ?? 1;
      await appendAudit(tx, {
        actor,
        action: 'auth.loginFailed',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, reason: 'wrongPassword', attempts },
        ip: client.ip,
      });
      if (attempts < settings.lockout.maxAttempts) return null;
      const until = new Date(Date.now() + settings.lockout.minutes * 60_000);
      await tx.update(users).set({ failedAttempts: 0, lockedUntil: until }).where(eq(users.id, user.id));
      await appendAudit(tx, {
        actor,
        action: 'auth.lockout',
        targetType: 'user',
        targetId: user.id,
        after: { lockedUntil: until.toISOString(), attempts },
        ip: client.ip,
      });
      return until;
    });
    if (locked) throw new AppError('ACCOUNT_LOCKED', `too many failures: account locked until ${locked.toISOString()}`);
    throw new AppError('INVALID_CREDENTIALS', 'wrong username or password');
  }
  const sessionToken = newSecret(SESSION_PREFIX);
  const csrfToken = newSecret('');
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: sql`now()` })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(sql`${sessions.userId} = ${user.id} and ${sessions.expiresAt} < now()`);
    await tx.insert(sessions).values({
      tokenHash: hashToken(sessionToken),
      userId: user.id,
      csrfToken,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + settings.sessionIdleMinutes * 60_000),
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

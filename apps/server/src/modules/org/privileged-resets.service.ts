import { randomInt } from 'node:crypto';
import { SEPARATED_ROLES, type TPrivilegedReset, type TPrivilegedResetHalf, type TSeparatedRole } from '@duban/domain';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { clearAllLoginChecks } from '../auth/auth.repo.ts';
import { notifyUsers } from '../inbox/inbox.repo.ts';
import { loadSettings } from '../settings/settings.repo.ts';
import { authorizeReadUser, confirmingRole, resetRolesOf } from './org.policy.ts';
import * as repo from './org.repo.ts';
import * as resets from './privileged-resets.repo.ts';

/** How long an opened reset waits for its second administrator. */
const RESET_HOURS = 24;
/** The roles that open a reset; any of the three confirms one opened by another role. */
const OPENER_ROLES = ['sysAdmin', 'secAdmin'] as const satisfies readonly TSeparatedRole[];
/** No 0/O, 1/l/I: a half is read out or handed over on paper. */
const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789'];

/** A random half: at least one upper case letter, lower case letter and digit, so the joined halves pass the policy. */
function newHalf(length: number): string {
  const all = ALPHABETS.join('');
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)] as string);
  while (chars.length < length) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

function presentReset(actor: TActor, row: resets.TResetRow): TPrivilegedReset {
  return {
    id: row.id,
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    userRole: (row.userRole ?? row.openedRole) as TSeparatedRole,
    openedBy: { id: row.openedBy, displayName: row.openedByName, role: row.openedRole as TSeparatedRole },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    canConfirm: confirmingRole(actor, row) !== null,
  };
}

/** Half length: the joined password meets the policy's minimum length. */
async function halfLength(db: TQueryable): Promise<number> {
  const { passwordPolicy } = await loadSettings(db);
  return Math.max(8, Math.ceil(passwordPolicy.minLength / 2));
}

/**
 * Opens a two-person reset of a privileged account (one holding sysAdmin, secAdmin or auditor): sysAdmin or
 * secAdmin, never the owner, gets the first half of the new password; the auditors and the owner are told.
 */
export async function openPrivilegedReset(db: TDb, actor: TActor, userId: string): Promise<TPrivilegedResetHalf> {
  return db.transaction(async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound('user');
    authorizeReadUser(actor, user);
    const [userRole] = await resets.separatedRolesOf(tx, userId);
    if (!userRole) {
      throw invalid('id', 'the account holds none of sysAdmin, secAdmin and auditor: sysAdmin resets its password');
    }
    if (user.id === actor.id) throw new AppError('FORBIDDEN', 'no one resets their own account this way');
    const [role] = resetRolesOf(actor, user.unitPath, OPENER_ROLES);
    if (!role) throw new AppError('FORBIDDEN', 'needs one of the roles: sysAdmin, secAdmin');
    await repo.lockUser(tx, userId);
    await resets.expireResets(tx);
    if (await resets.hasOpenReset(tx, userId)) {
      throw new AppError('CONFLICT', 'a reset of this account is already open', { field: 'id' });
    }
    const half = newHalf(await halfLength(tx));
    const id = await resets.insertReset(tx, {
      userId,
      openedBy: actor.id,
      openedRole: role,
      firstHalf: half,
      expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000),
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.privilegedReset.open',
      targetType: 'user',
      targetId: userId,
      after: { resetId: id, userRole, openedRole: role },
      ip: actor.ip,
    });
    await notifyUsers(tx, [...(await resets.auditorIds(tx)), userId], {
      kind: 'privilegedReset',
      title: `特权账号 ${user.username} 的密码重置已由 ${actor.displayName}（${role}）发起，待另一名管理员确认`,
    });
    return { resetId: id, username: user.username, position: 'first', half };
  });
}

/** The open resets the actor, as one of the three administrators, may see: of accounts in their scope. */
export async function listPrivilegedResets(db: TDb, actor: TActor): Promise<TPrivilegedReset[]> {
  const rows = await resets.listOpenResets(db);
  const visible = rows.filter((row) => resetRolesOf(actor, row.unitPath, SEPARATED_ROLES).length > 0);
  return visible.map((row) => presentReset(actor, row));
}

/**
 * Confirms an open reset: an administrator of another of the three roles than the opener, neither opener nor owner,
 * gets the second half; the account's password becomes the two halves joined, to be changed at the next login; its
 * sessions end and its locks lift; the auditors and the owner are told.
 */
export async function confirmPrivilegedReset(db: TDb, actor: TActor, resetId: string): Promise<TPrivilegedResetHalf> {
  const length = await halfLength(db);
  const second = newHalf(length);
  return db.transaction(async (tx) => {
    const row = await resets.findOpenReset(tx, resetId, true);
    if (!row || resetRolesOf(actor, row.unitPath, SEPARATED_ROLES).length === 0) throw notFound('privileged reset');
    const role = confirmingRole(actor, row);
    if (!role) {
      throw new AppError('FORBIDDEN', 'another administrator, of another of the three roles, confirms this reset');
    }
    if (!row.firstHalf) throw notFound('privileged reset');
    const passwordHash = await hashPassword(`${row.firstHalf}${second}`);
    await repo.updateUser(tx, row.userId, { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() });
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await clearAllLoginChecks(tx, row.userId);
    await resets.closeReset(tx, row.id, 'confirmed', { by: actor.id, role });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.privilegedReset.confirm',
      targetType: 'user',
      targetId: row.userId,
      after: { resetId: row.id, openedBy: row.openedBy, openedRole: row.openedRole, confirmedRole: role },
      ip: actor.ip,
    });
    await notifyUsers(tx, [...(await resets.auditorIds(tx)), row.userId], {
      kind: 'privilegedReset',
      title: `特权账号 ${row.username} 的密码已由 ${row.openedByName}（${row.openedRole}）与 ${actor.displayName}（${role}）双人重置`,
      body: '两名管理员各持新密码的一半，须当面分别交给本人；本人登录后须立即修改密码。',
    });
    return { resetId: row.id, username: row.username, position: 'second', half: second };
  });
}

/** Cancels an open reset: its opener, or an administrator who could confirm it. */
export async function cancelPrivilegedReset(db: TDb, actor: TActor, resetId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await resets.findOpenReset(tx, resetId, true);
    if (!row || resetRolesOf(actor, row.unitPath, SEPARATED_ROLES).length === 0) throw notFound('privileged reset');
    if (actor.id !== row.openedBy && !confirmingRole(actor, row)) {
      throw new AppError('FORBIDDEN', 'the opener or a possible confirmer cancels this reset');
    }
    await resets.closeReset(tx, row.id, 'cancelled', null);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.privilegedReset.cancel',
      targetType: 'user',
      targetId: row.userId,
      after: { resetId: row.id },
      ip: actor.ip,
    });
  });
}

import {
  checkPassword,
  type TCreateUserRequest,
  type TUpdateUserRequest,
  type TUser,
  type TUserQuery,
} from '@duban/domain';
import { eq } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { clearAllLoginChecks } from '../auth/auth.repo.ts';
import { loadSettings } from '../settings/settings.repo.ts';
import { authorizeManageOrg, authorizeReadUser, authorizeUnlock, userReadScope } from './org.policy.ts';
import { auditUser, presentUser } from './org.presenter.ts';
import * as repo from './org.repo.ts';
import { separatedRolesOf } from './privileged-resets.repo.ts';

/** Refuses a password that breaks the policy in force, naming the field. */
export async function assertPasswordPolicy(db: TQueryable, password: string, field: string): Promise<void> {
  const { passwordPolicy } = await loadSettings(db);
  const broken = checkPassword(password, passwordPolicy);
  if (broken === 'tooShort') {
    throw new AppError('PASSWORD_TOO_WEAK', `at least ${passwordPolicy.minLength} characters`, { field });
  }
  if (broken === 'tooSimple') {
    throw new AppError(
      'PASSWORD_TOO_WEAK',
      `use at least ${passwordPolicy.minClasses} of: lower case, upper case, digits, symbols`,
      { field },
    );
  }
}

async function loadUser(db: TQueryable, id: string) {
  const user = await repo.findUser(db, id);
  if (!user) throw notFound('user');
  return user;
}

/** A page of the users the actor may see. */
export async function listUsers(db: TDb, actor: TActor, query: TUserQuery) {
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await repo.findUnit(db, query.unitId);
    if (!unit) throw invalid('unitId', 'no such unit');
    unitPath = unit.path;
  }
  const { items, total } = await repo.listUsers(db, {
    scope: userReadScope(actor),
    selfId: actor.id,
    unitPath,
    includeSubtree: query.includeSubtree !== 'false',
    q: query.q || undefined,
    isActive: query.isActive === undefined ? undefined : query.isActive === 'true',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize };
}

/** One user the actor may see. */
export async function getUser(db: TDb, actor: TActor, id: string): Promise<TUser> {
  const user = await loadUser(db, id);
  authorizeReadUser(actor, user);
  return presentUser(user);
}

/** Creates an account; its first login must change the password. */
export async function createUser(db: TDb, actor: TActor, input: TCreateUserRequest): Promise<TUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, input.unitId);
    if (!unit) throw invalid('unitId', 'no such unit');
    authorizeManageOrg(actor, unit.path, 'unit');
    if (!unit.isActive) throw invalid('unitId', 'the unit is inactive');
    if (await repo.findUserByUsername(tx, input.username)) {
      throw new AppError('DUPLICATE', 'this username is taken', { field: 'username' });
    }
    await assertPasswordPolicy(tx, input.password, 'password');
    const id = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      unitId: unit.id,
      unitPath: unit.path,
      title: input.title ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      passwordHash,
      mustChangePassword: true,
    });
    const user = await loadUser(tx, id);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      after: auditUser(user),
      ip: actor.ip,
    });
    return presentUser(user);
  });
}

/** Edits an account: name, unit, contact, active or not. */
export async function updateUser(db: TDb, actor: TActor, id: string, input: TUpdateUserRequest): Promise<TUser> {
  return db.transaction(async (tx) => {
    const before = await loadUser(tx, id);
    authorizeReadUser(actor, before);
    authorizeManageOrg(actor, before.unitPath, 'user');
    let unitPath: string | undefined;
    if (input.unitId && input.unitId !== before.unitId) {
      const unit = await repo.findUnit(tx, input.unitId);
      if (!unit) throw invalid('unitId', 'no such unit');
      authorizeManageOrg(actor, unit.path, 'unit');
      if (!unit.isActive) throw invalid('unitId', 'the unit is inactive');
      unitPath = unit.path;
    }
    if (input.isActive === false && id === actor.id) throw invalid('isActive', 'you cannot deactivate yourself');
    await repo.updateUser(tx, id, {
      displayName: input.displayName,
      unitId: input.unitId,
      unitPath,
      title: input.title,
      phone: input.phone,
      email: input.email,
      isActive: input.isActive,
    });
    if (input.isActive === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    const after = await loadUser(tx, id);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: input.isActive === false && before.isActive ? 'user.deactivate' : 'user.update',
      targetType: 'user',
      targetId: id,
      before: auditUser(before),
      after: auditUser(after),
      ip: actor.ip,
    });
    return presentUser(after);
  });
}

/**
 * Sets a new password chosen by sysAdmin, unlocks the account, ends its sessions and forces a change at next login.
 * Not for the three administrators' accounts: those take the two-person privileged reset.
 */
export async function resetPassword(db: TDb, actor: TActor, id: string, password: string): Promise<TUser> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, id);
    authorizeReadUser(actor, user);
    authorizeManageOrg(actor, user.unitPath, 'user');
    if ((await separatedRolesOf(tx, id)).length > 0) {
      throw new AppError(
        'FORBIDDEN',
        '三员分立: the account holds sysAdmin, secAdmin or auditor; its password is reset by two administrators (privileged reset)',
      );
    }
    await assertPasswordPolicy(tx, password, 'password');
    await repo.updateUser(tx, id, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: new Date(),
    });
    await clearAllLoginChecks(tx, id);
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.resetPassword',
      targetType: 'user',
      targetId: id,
      ip: actor.ip,
    });
    return presentUser(await loadUser(tx, id));
  });
}

/** Lifts every login lock of an account and forgets its failed logins (secAdmin, audited). */
export async function unlockUser(db: TDb, actor: TActor, id: string): Promise<TUser> {
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, id);
    authorizeReadUser(actor, user);
    authorizeUnlock(actor, user);
    await clearAllLoginChecks(tx, id);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'user.unlock',
      targetType: 'user',
      targetId: id,
      before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
      ip: actor.ip,
    });
    return presentUser(await loadUser(tx, id));
  });
}

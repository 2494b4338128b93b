import { isSeparatedRole, type TCreateGrantRequest, type TGrant, type TRole } from '@duban/domain';
import { isInScope, scopeOf, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { authorizeGrant, authorizeReadGrants } from './org.policy.ts';
import { presentGrant } from './org.presenter.ts';
import * as repo from './org.repo.ts';

/** The role grants of a user. */
export async function listGrants(db: TDb, actor: TActor, userId: string): Promise<TGrant[]> {
  const user = await repo.findUser(db, userId);
  if (!user) throw notFound('user');
  authorizeReadGrants(actor, user);
  return (await repo.listGrantsOf(db, userId)).map(presentGrant);
}

/** Grants a role on a unit (and optionally its subtree) to a user: secAdmin only, within scope. */
export async function createGrant(db: TDb, actor: TActor, userId: string, input: TCreateGrantRequest): Promise<TGrant> {
  return db.transaction(async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound('user');
    authorizeGrant(actor, user);
    if (user.id === actor.id) throw new AppError('FORBIDDEN', 'no one grants roles to themself');
    if (isSeparatedRole(input.role)) {
      // 三员分立: the user's row is locked so that two grants at once cannot both pass this check.
      await repo.lockUser(tx, userId);
      const other = (await repo.listGrantsOf(tx, userId)).find(
        (g) => isSeparatedRole(g.role as TRole) && g.role !== input.role,
      );
      if (other) {
        throw invalid('role', `三员分立: the account holds ${other.role}, so it cannot also hold ${input.role}`);
      }
    }
    const unit = await repo.findUnit(tx, input.unitId);
    if (!unit) throw invalid('unitId', 'no such unit');
    if (!isInScope(scopeOf(actor, 'secAdmin'), unit.path)) throw notFound('unit');
    if (!unit.isActive) throw invalid('unitId', 'the unit is inactive');
    const id = await repo.insertGrant(tx, {
      userId,
      role: input.role,
      unitId: unit.id,
      includeSubtree: input.includeSubtree,
      grantedBy: actor.id,
    });
    if (!id) throw new AppError('DUPLICATE', 'the user already holds this role on this unit', { field: 'role' });
    const grant = (await repo.listGrantsOf(tx, userId)).find((g) => g.id === id);
    if (!grant) throw new Error('grant vanished');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'grant.create',
      targetType: 'user',
      targetId: userId,
      after: presentGrant(grant),
      ip: actor.ip,
    });
    return presentGrant(grant);
  });
}

/** Revokes one grant: secAdmin only, within scope. */
export async function deleteGrant(db: TDb, actor: TActor, userId: string, grantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound('user');
    authorizeGrant(actor, user);
    const grant = (await repo.listGrantsOf(tx, userId)).find((g) => g.id === grantId);
    if (!grant || !isInScope(scopeOf(actor, 'secAdmin'), grant.unitPath)) throw notFound('grant');
    if (user.id === actor.id) throw new AppError('FORBIDDEN', 'no one revokes their own roles');
    await repo.deleteGrant(tx, grantId);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'grant.delete',
      targetType: 'user',
      targetId: userId,
      before: presentGrant(grant),
      ip: actor.ip,
    });
  });
}

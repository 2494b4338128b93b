import {
  childPath,
  isMoveIntoOwnSubtree,
  type TCreateUnitRequest,
  type TUnit,
  type TUpdateUnitRequest,
} from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { authorizeManageOrg } from './org.policy.ts';
import { presentUnit } from './org.presenter.ts';
import * as repo from './org.repo.ts';

/** Every unit of the organisation (unit names and categories are visible to every user). */
export async function listUnits(db: TDb): Promise<TUnit[]> {
  return (await repo.listUnits(db)).map(presentUnit);
}

/** One unit. */
export async function getUnit(db: TDb, id: string): Promise<TUnit> {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw notFound('unit');
  return presentUnit(unit);
}

/** Creates a unit under a parent in the actor's scope. */
export async function createUnit(db: TDb, actor: TActor, input: TCreateUnitRequest): Promise<TUnit> {
  return db.transaction(async (tx) => {
    const parent = await repo.findUnit(tx, input.parentId);
    if (!parent) throw invalid('parentId', 'no such unit');
    authorizeManageOrg(actor, parent.path, 'unit');
    if (!parent.isActive) throw invalid('parentId', 'the parent unit is inactive');
    const id = crypto.randomUUID();
    const unit = await repo.insertUnit(tx, {
      id,
      parentId: parent.id,
      path: childPath(parent.path, id),
      name: input.name,
      category: input.category,
      sortOrder: input.sortOrder ?? 0,
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'unit.create',
      targetType: 'unit',
      targetId: id,
      after: presentUnit(unit),
      ip: actor.ip,
    });
    return presentUnit(unit);
  });
}

/** Renames, re-categorises, moves, deactivates or reactivates a unit. */
export async function updateUnit(db: TDb, actor: TActor, id: string, input: TUpdateUnitRequest): Promise<TUnit> {
  return db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, id);
    if (!unit) throw notFound('unit');
    authorizeManageOrg(actor, unit.path, 'unit');
    let path = unit.path;
    if (input.parentId !== undefined && input.parentId !== unit.parentId) {
      if (!unit.parentId) throw new AppError('INVALID_MOVE', 'the top unit cannot be moved', { field: 'parentId' });
      const parent = await repo.findUnit(tx, input.parentId);
      if (!parent) throw invalid('parentId', 'no such unit');
      authorizeManageOrg(actor, parent.path, 'unit');
      if (isMoveIntoOwnSubtree(unit.path, parent.path)) {
        throw new AppError('INVALID_MOVE', 'a unit cannot move under itself or its own sub-unit', {
          field: 'parentId',
        });
      }
      if (!parent.isActive) throw invalid('parentId', 'the new parent unit is inactive');
      path = childPath(parent.path, unit.id);
      await repo.rewriteSubtreePaths(tx, unit.path, path);
    }
    if (input.isActive === false && unit.isActive) {
      const deps = await repo.countUnitDependants(tx, id);
      if (deps.activeChildren > 0) {
        throw new AppError('CONFLICT', 'deactivate its active sub-units first', { field: 'isActive' });
      }
    }
    if (input.isActive === true && !unit.isActive && unit.parentId) {
      const parent = await repo.findUnit(tx, unit.parentId);
      if (parent && !parent.isActive) throw invalid('isActive', 'reactivate the parent unit first');
    }
    const updated = await repo.updateUnit(tx, id, {
      name: input.name,
      category: input.category,
      sortOrder: input.sortOrder,
      isActive: input.isActive,
      parentId: input.parentId,
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: input.parentId && input.parentId !== unit.parentId ? 'unit.move' : 'unit.update',
      targetType: 'unit',
      targetId: id,
      before: presentUnit(unit),
      after: presentUnit(updated),
      ip: actor.ip,
    });
    return presentUnit(updated);
  });
}

/** Deletes a unit that never had sub-units, people or grants; a unit with history can only be deactivated. */
export async function deleteUnit(db: TDb, actor: TActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, id);
    if (!unit) throw notFound('unit');
    authorizeManageOrg(actor, unit.path, 'unit');
    const deps = await repo.countUnitDependants(tx, id);
    if (!unit.parentId || deps.children + deps.users + deps.grants > 0) {
      throw new AppError('CONFLICT', 'this unit has history: deactivate it instead', { field: 'id' });
    }
    await repo.deleteUnit(tx, id);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'unit.delete',
      targetType: 'unit',
      targetId: id,
      before: presentUnit(unit),
      ip: actor.ip,
    });
  });
}

import type { TTaskInput } from '@duban/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { roleGrants, units, users } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { canManageInUnit } from './tasks.policy.ts';

type TRefs = Pick<TTaskInput, 'leadUnitId' | 'coUnitIds' | 'ownerId' | 'leadLeaderId' | 'startDate' | 'dueDate'> & {
  milestones?: { dueDate: string }[];
};

/**
 * Checks the people, units and dates a task refers to, naming the field at fault:
 * units must exist, be active and (for the lead unit) lie in the actor's scope; the owner must belong to the lead
 * unit or a co-unit; the lead leader must hold the leader role; the due date may not precede the start.
 */
export async function checkTaskRefs(
  db: TQueryable,
  actor: TActor,
  refs: TRefs,
  opts: { requireManage: boolean; prefix?: string },
): Promise<{ leadUnitPath: string }> {
  const f = (name: string) => `${opts.prefix ?? ''}${name}`;
  const unitIds = [...new Set([refs.leadUnitId, ...refs.coUnitIds])];
  const found = await db
    .select({ id: units.id, path: units.path, isActive: units.isActive })
    .from(units)
    .where(inArray(units.id, unitIds));
  const byId = new Map(found.map((u) => [u.id, u]));
  const lead = byId.get(refs.leadUnitId);
  if (!lead?.isActive) throw invalid(f('leadUnitId'), 'no such active unit');
  if (opts.requireManage && !canManageInUnit(actor, lead.path)) {
    throw invalid(f('leadUnitId'), 'this unit is outside your scope');
  }
  refs.coUnitIds.forEach((id, i) => {
    if (!byId.get(id)?.isActive) throw invalid(f(`coUnitIds.${i}`), 'no such active unit');
    if (id === refs.leadUnitId) throw invalid(f(`coUnitIds.${i}`), 'the lead unit is not also a co-unit');
  });
  if (refs.ownerId) {
    const [owner] = await db
      .select({ unitPath: users.unitPath, isActive: users.isActive })
      .from(users)
      .where(eq(users.id, refs.ownerId));
    const unitPaths = unitIds.map((id) => byId.get(id)?.path ?? '\u0000');
    if (!owner?.isActive) throw invalid(f('ownerId'), 'no such active person');
    if (!unitPaths.some((p) => owner.unitPath.startsWith(p))) {
      throw invalid(f('ownerId'), 'the owner must work in the lead unit or a co-unit');
    }
  }
  if (refs.leadLeaderId) {
    const [leader] = await db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, refs.leadLeaderId), eq(roleGrants.role, 'leader')))
      .limit(1);
    if (!leader) throw invalid(f('leadLeaderId'), 'the lead leader must hold the leader role');
  }
  if (refs.dueDate < refs.startDate) throw invalid(f('dueDate'), 'the due date precedes the start date');
  refs.milestones?.forEach((m, i) => {
    if (m.dueDate > refs.dueDate)
      throw invalid(f(`milestones.${i}.dueDate`), 'a milestone falls after the task is due');
  });
  return { leadUnitPath: lead.path };
}

import type { TTaskInput } from '@duban/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { roleGrants, units, users } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { canManageInUnit } from './tasks.policy.ts';

export type TTaskRefs = Pick<
  TTaskInput,
  'leadUnitId' | 'coUnitIds' | 'ownerId' | 'leadLeaderId' | 'startDate' | 'dueDate'
> & {
  milestones?: { dueDate: string }[];
};

/** What checking a task's references needs to know, loaded beforehand (for one task or for a whole import). */
export interface TTaskRefFacts {
  units: ReadonlyMap<string, { path: string; isActive: boolean }>;
  people: ReadonlyMap<string, { unitPath: string; isActive: boolean }>;
  /** People holding the leader role somewhere. */
  leaderIds: ReadonlySet<string>;
}

export type TTaskRefRule =
  | 'noSuchUnit'
  | 'outOfScope'
  | 'leadIsCoUnit'
  | 'noSuchPerson'
  | 'ownerOutsideUnits'
  | 'notLeader'
  | 'dueBeforeStart'
  | 'milestoneAfterDue';

/** A rule a task's references break: the field at fault, which rule, and an English message. */
export interface TTaskRefProblem {
  field: string;
  rule: TTaskRefRule;
  message: string;
}

/**
 * Lists every rule the task's references break, in the order checkTaskRefs reports them:
 * units must exist, be active and (for the lead unit) lie in the actor's scope; the owner must belong to the lead
 * unit or a co-unit; the lead leader must hold the leader role; the due date may not precede the start, nor may a
 * milestone fall after it.
 */
export function findTaskRefProblems(
  facts: TTaskRefFacts,
  actor: TActor,
  refs: TTaskRefs,
  opts: { requireManage: boolean },
): TTaskRefProblem[] {
  const problems: TTaskRefProblem[] = [];
  const add = (field: string, rule: TTaskRefRule, message: string) => problems.push({ field, rule, message });
  const lead = facts.units.get(refs.leadUnitId);
  if (!lead?.isActive) add('leadUnitId', 'noSuchUnit', 'no such active unit');
  else if (opts.requireManage && !canManageInUnit(actor, lead.path)) {
    add('leadUnitId', 'outOfScope', 'this unit is outside your scope');
  }
  refs.coUnitIds.forEach((id, i) => {
    if (!facts.units.get(id)?.isActive) add(`coUnitIds.${i}`, 'noSuchUnit', 'no such active unit');
    else if (id === refs.leadUnitId) add(`coUnitIds.${i}`, 'leadIsCoUnit', 'the lead unit is not also a co-unit');
  });
  if (refs.ownerId) {
    const owner = facts.people.get(refs.ownerId);
    const unitPaths = [refs.leadUnitId, ...refs.coUnitIds].map((id) => facts.units.get(id)?.path ?? '\u0000');
    if (!owner?.isActive) add('ownerId', 'noSuchPerson', 'no such active person');
    else if (!unitPaths.some((p) => owner.unitPath.startsWith(p))) {
      add('ownerId', 'ownerOutsideUnits', 'the owner must work in the lead unit or a co-unit');
    }
  }
  if (refs.leadLeaderId && !facts.leaderIds.has(refs.leadLeaderId)) {
    add('leadLeaderId', 'notLeader', 'the lead leader must hold the leader role');
  }
  if (refs.dueDate < refs.startDate) add('dueDate', 'dueBeforeStart', 'the due date precedes the start date');
  refs.milestones?.forEach((m, i) => {
    if (m.dueDate > refs.dueDate) {
      add(`milestones.${i}.dueDate`, 'milestoneAfterDue', 'a milestone falls after the task is due');
    }
  });
  return problems;
}

/** Loads the units, owner and lead leader one task refers to. */
async function loadTaskRefFacts(db: TQueryable, refs: TTaskRefs): Promise<TTaskRefFacts> {
  const unitIds = [...new Set([refs.leadUnitId, ...refs.coUnitIds])];
  const found = await db
    .select({ id: units.id, path: units.path, isActive: units.isActive })
    .from(units)
    .where(inArray(units.id, unitIds));
  const people = refs.ownerId
    ? await db
        .select({ id: users.id, unitPath: users.unitPath, isActive: users.isActive })
        .from(users)
        .where(eq(users.id, refs.ownerId))
    : [];
  const leaders = refs.leadLeaderId
    ? await db
        .select({ userId: roleGrants.userId })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, refs.leadLeaderId), eq(roleGrants.role, 'leader')))
        .limit(1)
    : [];
  return {
    units: new Map(found.map((u) => [u.id, u])),
    people: new Map(people.map((p) => [p.id, p])),
    leaderIds: new Set(leaders.map((l) => l.userId)),
  };
}

/**
 * Checks the people, units and dates a task refers to (the rules of findTaskRefProblems), throwing on the first
 * broken one and naming the field at fault.
 */
export async function checkTaskRefs(
  db: TQueryable,
  actor: TActor,
  refs: TTaskRefs,
  opts: { requireManage: boolean; prefix?: string },
): Promise<{ leadUnitPath: string }> {
  const facts = await loadTaskRefFacts(db, refs);
  const [first] = findTaskRefProblems(facts, actor, refs, opts);
  if (first) throw invalid(`${opts.prefix ?? ''}${first.field}`, first.message);
  return { leadUnitPath: facts.units.get(refs.leadUnitId)?.path ?? '' };
}

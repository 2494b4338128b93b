import type { TTarget } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { targetAllocations, targets, units } from '../../db/schema/index.ts';
import {
  hasRole,
  isEmptyScope,
  isInScope,
  isTopPath,
  scopeCondition,
  scopeOf,
  type TActor,
  type TScope,
} from '../../platform/access/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { reportingUnits } from './targets.repo.ts';

/**
 * Who may do what with a yearly target. Leaders and supervisors manage the targets of the units they oversee (the
 * county's, usually). Units report their own allocations' actuals (and a unit's own target's figure); the reporting
 * unit (the statistics department) reports every unit's and the county's own figure; supervisors report for the
 * units they oversee. Whoever may report for a unit of the target, or oversees it, sees the target whole.
 */

/** What the policy needs to know of a target. */
export interface TTargetAccessFacts {
  unitPath: string;
  reportingUnitPath: string | null;
  /** Some allocation of the target is to a unit in the actor's reach (as overseer or as the unit). */
  hasAllocationInReach: boolean;
}

/** Leaders and supervisors oversee the units of their grants. */
export const overseeScope = (actor: TActor): TScope => scopeOf(actor, 'leader', 'supervisor');
/** Unit heads and liaisons act for their units. */
export const unitScope = (actor: TActor): TScope => scopeOf(actor, 'unitHead', 'liaison');
/** The units through which a target comes into the actor's sight by its allocations. */
export const reachScope = (actor: TActor): TScope => scopeOf(actor, 'leader', 'supervisor', 'unitHead', 'liaison');

/** True when the actor manages targets of this unit (creates, edits, allocates). */
export const canManageTargetsIn = (actor: TActor, unitPath: string): boolean =>
  isInScope(overseeScope(actor), unitPath);

/** True when the actor may create targets at all (a leader or a supervisor). */
export const canCreateTargets = (actor: TActor): boolean => hasRole(actor, 'leader', 'supervisor');

/**
 * True when the actor sees the target: its unit is overseen by them or is their own, or it is allocated to a unit
 * they oversee or act for, or their unit reports it.
 */
export function canSeeTarget(actor: TActor, facts: TTargetAccessFacts): boolean {
  const reach = reachScope(actor);
  if (isInScope(reach, facts.unitPath)) return true;
  if (facts.reportingUnitPath && isInScope(reach, facts.reportingUnitPath)) return true;
  return facts.hasAllocationInReach;
}

/**
 * The SQL condition for the targets the actor sees (the outer query reads targets joined with their unit as "units"
 * and their reporting unit as "reporting_unit").
 */
export function visibleTargetsCondition(actor: TActor): SQL {
  const oversee = overseeScope(actor);
  // Every unit lies under the one top unit: whoever oversees it sees every target, no check needed.
  if (oversee.subtrees.some(isTopPath)) return sql`true`;
  const reach = reachScope(actor);
  if (isEmptyScope(reach)) return sql`false`;
  const parts: SQL[] = [
    scopeCondition(reach, units.path),
    scopeCondition(reach, reportingUnits.path),
    sql`exists (select 1 from ${targetAllocations} where ${targetAllocations.targetId} = ${targets.id}
      and ${scopeCondition(reach, targetAllocations.unitPath)})`,
  ];
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** True when the actor's unit is the target's reporting unit (reports every unit's and the county's figures). */
const reportsTarget = (actor: TActor, facts: Pick<TTargetAccessFacts, 'reportingUnitPath'>) =>
  facts.reportingUnitPath !== null && isInScope(unitScope(actor), facts.reportingUnitPath);

/**
 * True when the actor may report the target's own figure (the county's, for a county target): the reporting unit,
 * the target unit's own head or liaison, or a supervisor over it.
 */
export const canReportCounty = (actor: TActor, facts: Pick<TTargetAccessFacts, 'unitPath' | 'reportingUnitPath'>) =>
  reportsTarget(actor, facts) ||
  isInScope(unitScope(actor), facts.unitPath) ||
  isInScope(scopeOf(actor, 'supervisor'), facts.unitPath);

/** True when the actor may report an allocated unit's actuals. */
export const canReportUnit = (
  actor: TActor,
  facts: Pick<TTargetAccessFacts, 'reportingUnitPath'>,
  allocationUnitPath: string,
) =>
  reportsTarget(actor, facts) ||
  isInScope(unitScope(actor), allocationUnitPath) ||
  isInScope(scopeOf(actor, 'supervisor'), allocationUnitPath);

/** What the actor may do with a target they see. */
export function targetCan(actor: TActor, facts: TTargetAccessFacts): TTarget['can'] {
  const manages = canManageTargetsIn(actor, facts.unitPath);
  return { edit: manages, allocate: manages, reportCounty: canReportCounty(actor, facts) };
}

/** Refuses (404) a target the actor may not see. */
export function requireVisibleTarget(visible: boolean): void {
  if (!visible) throw notFound('target');
}

/** Refuses (403) a change to a target the actor sees but does not manage. */
export function requireManage(actor: TActor, facts: TTargetAccessFacts, what: string): void {
  if (!canManageTargetsIn(actor, facts.unitPath)) {
    throw new AppError('FORBIDDEN', `only the leaders and supervisors over the target's unit may ${what}`);
  }
}

/** The scope through whose units a target's allocations bring it into sight, or null when the actor has none. */
export function allocationReach(actor: TActor): TScope | null {
  const scope = reachScope(actor);
  return isEmptyScope(scope) ? null : scope;
}

import type { TCellResult } from './task-excel.cells.ts';
import type { TImportPerson, TImportUnit } from './task-import.repo.ts';
import type { TTaskRefFacts } from './task-refs.ts';

/** Units and people loaded once for a whole import, indexed the ways a workbook names them. */
export interface TImportLookup {
  unitsByName: ReadonlyMap<string, TImportUnit[]>;
  /** By 上级单位/单位: how a name shared by several units is told apart. */
  unitsByQualifiedName: ReadonlyMap<string, TImportUnit[]>;
  unitNames: ReadonlyMap<string, string>;
  peopleByUsername: ReadonlyMap<string, TImportPerson>;
  peopleByName: ReadonlyMap<string, TImportPerson[]>;
  /** The same units and people as checkTaskRefs' rules read them. */
  facts: TTaskRefFacts;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const qualifiedName = (unit: TImportUnit, byId: ReadonlyMap<string, TImportUnit>) =>
  `${(unit.parentId && byId.get(unit.parentId)?.name) || ''}/${unit.name}`;

/** Indexes the prefetched units and people for resolving names. */
export function buildImportLookup(units: TImportUnit[], people: TImportPerson[]): TImportLookup {
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const unitsByName = new Map<string, TImportUnit[]>();
  const unitsByQualifiedName = new Map<string, TImportUnit[]>();
  for (const u of units) {
    push(unitsByName, u.name, u);
    push(unitsByQualifiedName, qualifiedName(u, unitsById), u);
  }
  const peopleByName = new Map<string, TImportPerson[]>();
  for (const p of people) push(peopleByName, p.displayName, p);
  return {
    unitsByName,
    unitsByQualifiedName,
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    peopleByUsername: new Map(people.map((p) => [p.username.toLowerCase(), p])),
    peopleByName,
    facts: {
      units: unitsById,
      people: new Map(people.map((p) => [p.id, p])),
      leaderIds: new Set(people.filter((p) => p.isLeader).map((p) => p.id)),
    },
  };
}

/** Picks the one active candidate, or the one the preference singles out among several. */
function pickOne<T extends { isActive: boolean }>(candidates: T[], prefer: (c: T) => boolean): T | T[] {
  const active = candidates.filter((c) => c.isActive);
  if (active.length === 1 && active[0]) return active[0];
  const preferred = active.filter(prefer);
  if (preferred.length === 1 && preferred[0]) return preferred[0];
  return active;
}

/**
 * Resolves a unit named in a cell: by its name, or as 上级单位/单位 when several share the name; `prefer` singles
 * out one of several active namesakes (for the lead unit: the one in the importer's scope).
 */
export function resolveUnit(
  lookup: TImportLookup,
  text: string,
  prefer: (u: TImportUnit) => boolean = () => false,
): TCellResult<TImportUnit> {
  const qualified = text.replaceAll('／', '/').replace(/\s*\/\s*/, '/');
  const candidates = lookup.unitsByName.get(text) ?? lookup.unitsByQualifiedName.get(qualified) ?? [];
  if (candidates.length === 0) return { ok: false, message: `找不到单位「${text}」` };
  const picked = pickOne(candidates, prefer);
  if (!Array.isArray(picked)) return { ok: true, value: picked };
  if (picked.length === 0) return { ok: false, message: `单位「${text}」已停用` };
  return { ok: false, message: `有 ${picked.length} 个单位名为「${text}」，请写成「上级单位/${text}」` };
}

/**
 * Resolves a person named in a cell by username (any case) or by name; `prefer` singles out one of several
 * active namesakes (for the owner: the one working in the task's units; for the lead leader: the one who leads).
 */
export function resolvePerson(
  lookup: TImportLookup,
  text: string,
  prefer: (p: TImportPerson) => boolean = () => false,
): TCellResult<TImportPerson> {
  const byUsername = lookup.peopleByUsername.get(text.toLowerCase());
  const candidates = byUsername ? [byUsername] : (lookup.peopleByName.get(text) ?? []);
  if (candidates.length === 0) return { ok: false, message: `找不到人员「${text}」（请填写姓名或用户名）` };
  const picked = pickOne(candidates, prefer);
  if (!Array.isArray(picked)) return { ok: true, value: picked };
  if (picked.length === 0) return { ok: false, message: `人员「${text}」已停用` };
  return { ok: false, message: `有 ${picked.length} 人名为「${text}」，请改填用户名` };
}

/**
 * The names the template offers for units: a unit's own name, or 上级单位/单位 when active units share it;
 * in tree order (each unit after its parent, siblings by their sort order).
 */
export function listUnitChoices(units: TImportUnit[]): { unit: TImportUnit; name: string }[] {
  const active = units.filter((u) => u.isActive);
  const byId = new Map(units.map((u) => [u.id, u]));
  const nameCount = new Map<string, number>();
  for (const u of active) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  const children = new Map<string | null, TImportUnit[]>();
  for (const u of active) push(children, u.parentId && byId.get(u.parentId)?.isActive ? u.parentId : null, u);
  const ordered: TImportUnit[] = [];
  const visit = (parentId: string | null) => {
    for (const u of children.get(parentId) ?? []) {
      ordered.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return ordered.map((unit) => ({
    unit,
    name: (nameCount.get(unit.name) ?? 0) > 1 ? qualifiedName(unit, byId) : unit.name,
  }));
}

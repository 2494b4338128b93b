import { childPath, type TRole, type TUnitCategory } from '@duban/domain';
import {
  createPlaceNames,
  DEPARTMENT_OFFICES,
  DEPARTMENTS,
  PARK_NAMES,
  PARK_OFFICES,
  personName,
  phoneNumber,
  TOWNSHIP_OFFICES,
} from './names.ts';
import { apportion, type TRandom } from './random.ts';

/** What kind of unit it is in the generated tree (finer than the stored category). */
export type TUnitKind = 'root' | 'township' | 'department' | 'park' | 'office' | 'village';

export interface TPlannedUnit {
  id: string;
  parentId: string | null;
  path: string;
  /** 1 for the root, 2 for townships, departments and parks, 3 below them. */
  depth: number;
  code: string;
  name: string;
  kind: TUnitKind;
  category: TUnitCategory;
  sortOrder: number;
}

export interface TPlannedGrant {
  role: TRole;
  unitId: string;
  includeSubtree: boolean;
}

export interface TPlannedPerson {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  title: string;
  phone: string;
  grants: TPlannedGrant[];
}

export interface TOrgPlan {
  units: TPlannedUnit[];
  people: TPlannedPerson[];
}

export interface TOrgShape {
  units: number;
  people: number;
  /** 'county' names things 县…, 'city' names them 市…. */
  level: 'county' | 'city';
}

/** How many people a unit of each kind gets, relative to the others. */
const PEOPLE_WEIGHT: Record<TUnitKind, number> = {
  root: 40,
  township: 60,
  department: 40,
  park: 30,
  office: 8,
  village: 5,
};

/** How many sub-units a first-level unit of each kind gets, relative to the others. */
const CHILD_WEIGHT: Partial<Record<TUnitKind, number>> = { township: 6, department: 2, park: 3 };

/** Splits the unit budget: the root, townships, departments, parks, and sub-units (depth 3) for the rest. */
function splitUnits(total: number): { townships: number; departments: number; parks: number; below: number } {
  if (total < 10) throw new Error('generate at least 10 units');
  const parks = Math.max(2, Math.round(total / 100));
  const townships = Math.max(2, Math.round(total * 0.07));
  const departments = Math.min(DEPARTMENTS.length, Math.max(2, Math.round(total * 0.15)));
  return { townships, departments, parks, below: total - 1 - townships - departments - parks };
}

/** Plans the unit tree: depth 3, in tree order. */
function planUnits(shape: TOrgShape, random: TRandom): TPlannedUnit[] {
  const level = shape.level === 'county' ? '县' : '市';
  const split = splitUnits(shape.units);
  const units: TPlannedUnit[] = [];
  const add = (parent: TPlannedUnit | null, u: Pick<TPlannedUnit, 'code' | 'name' | 'kind' | 'category'>) => {
    const id = crypto.randomUUID();
    const unit: TPlannedUnit = {
      ...u,
      id,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? '/', id),
      depth: (parent?.depth ?? 0) + 1,
      sortOrder: units.length,
    };
    units.push(unit);
    return unit;
  };
  const root = add(null, { code: 'top', name: `样本${level}`, kind: 'root', category: 'county' });
  const placeName = createPlaceNames(random);
  const firstLevel: TPlannedUnit[] = [];
  for (let i = 1; i <= split.townships; i++) {
    const isTown = i === 1 || random.chance(0.7);
    const place = i === 1 ? '城关' : placeName();
    const suffix = shape.level === 'city' && random.chance(0.2) ? '街道' : isTown ? '镇' : '乡';
    const code = `zh${String(i).padStart(3, '0')}`;
    firstLevel.push(add(root, { code, name: `${place}${suffix}`, kind: 'township', category: 'township' }));
  }
  for (let i = 1; i <= split.departments; i++) {
    const name = (DEPARTMENTS[i - 1] ?? `{}部门${i}`).replaceAll('{}', level);
    const code = `bm${String(i).padStart(3, '0')}`;
    firstLevel.push(add(root, { code, name, kind: 'department', category: 'department' }));
  }
  for (let i = 1; i <= split.parks; i++) {
    const base = PARK_NAMES[(i - 1) % PARK_NAMES.length] ?? '产业园';
    const round = Math.floor((i - 1) / PARK_NAMES.length);
    const name = `样本${level}${round > 0 ? placeName() : ''}${base}`;
    firstLevel.push(add(root, { code: `yq${String(i).padStart(3, '0')}`, name, kind: 'park', category: 'park' }));
  }
  const childCounts = apportion(
    split.below,
    firstLevel.map((u) => (CHILD_WEIGHT[u.kind] ?? 1) * (0.6 + 0.8 * random.next())),
  );
  for (const [index, parent] of firstLevel.entries()) {
    const villageName = createPlaceNames(random);
    const offices =
      parent.kind === 'township'
        ? TOWNSHIP_OFFICES.slice(0, TOWNSHIP_OFFICE_COUNT)
        : parent.kind === 'park'
          ? PARK_OFFICES
          : DEPARTMENT_OFFICES;
    for (let k = 0; k < (childCounts[index] ?? 0); k++) {
      const code = `${parent.code}k${String(k + 1).padStart(2, '0')}`;
      const office = offices[k];
      if (office) {
        add(parent, { code, name: `${parent.name}${office}`, kind: 'office', category: 'other' });
      } else if (parent.kind === 'township') {
        const name = `${villageName()}${random.chance(0.8) ? '村' : '社区'}`;
        add(parent, { code, name, kind: 'village', category: 'other' });
      } else {
        add(parent, {
          code,
          name: `${parent.name}第${k + 1 - offices.length}服务站`,
          kind: 'office',
          category: 'other',
        });
      }
    }
  }
  return units;
}

/** The top leaders' titles; `{}` is the level's character. */
const TOP_LEADERS = ['{}委书记', '{}长', '常务副{}长', '{}委副书记', '副{}长', '副{}长', '副{}长', '副{}长', '副{}长'];
/** How many of a township's sub-units are offices; the rest are villages and communities. */
const TOWNSHIP_OFFICE_COUNT = 3;

/** The title and grants of the n-th person (0-based) of a unit. */
function roleAt(unit: TPlannedUnit, n: number, level: string): { title: string; grants: TPlannedGrant[] } {
  const at = (role: TRole, includeSubtree = true): TPlannedGrant => ({ role, unitId: unit.id, includeSubtree });
  if (unit.kind === 'root') {
    const leader = TOP_LEADERS[n];
    if (leader) return { title: leader.replaceAll('{}', level), grants: [at('leader')] };
    if (n < TOP_LEADERS.length + 3) return { title: '评委', grants: [at('judge')] };
    return { title: '干部', grants: [at('cadre', false)] };
  }
  const head = { township: '党委书记', department: '局长', park: '主任', office: '主任', village: '村党支部书记' };
  const deputy = { township: '镇长', department: '副局长', park: '副主任', office: '副主任', village: '村委会主任' };
  if (n === 0) return { title: head[unit.kind], grants: [at('unitHead')] };
  if (n === 1) return { title: '联络员', grants: [at('liaison')] };
  if (n === 2) return { title: deputy[unit.kind], grants: [at('cadre', false)] };
  return { title: unit.kind === 'village' ? '村干部' : '干部', grants: [at('cadre', false)] };
}

/** Plans people over the units: heads, liaisons, cadres, county leaders and judges, supervisors, the admin trio. */
function planPeople(shape: TOrgShape, units: TPlannedUnit[], random: TRandom): TPlannedPerson[] {
  const level = shape.level === 'county' ? '县' : '市';
  const root = units[0];
  const supervisionOffice = units.find((u) => u.code === 'bm001');
  if (!root || !supervisionOffice) throw new Error('the unit plan has no root or no supervision office');
  // Units of a kind differ in size: each weight varies by ±40 %.
  const sizes = apportion(
    shape.people,
    units.map((u) => PEOPLE_WEIGHT[u.kind] * (0.6 + 0.8 * random.next())),
    1,
  );
  const people: TPlannedPerson[] = [];
  for (const [index, unit] of units.entries()) {
    for (let n = 0; n < (sizes[index] ?? 0); n++) {
      const { title, grants } = roleAt(unit, n, level);
      people.push({
        id: crypto.randomUUID(),
        username: `${unit.code}-${String(n + 1).padStart(2, '0')}`,
        displayName: personName(random),
        unitId: unit.id,
        title,
        phone: phoneNumber(random),
        grants,
      });
    }
  }
  const atRoot = (role: TRole): TPlannedGrant => ({ role, unitId: root.id, includeSubtree: true });
  // The supervision office supervises the whole county: its head and every other member.
  for (const p of people) {
    if (p.unitId !== supervisionOffice.id) continue;
    if (p.grants.some((g) => g.role === 'unitHead') || random.chance(0.5)) p.grants.push(atRoot('supervisor'));
  }
  // Deputy leaders are each in charge of a few departments (分管): a leader grant on each.
  const departments = units.filter((u) => u.kind === 'department');
  for (const p of people) {
    if (p.unitId !== root.id || !p.title.includes('副')) continue;
    for (let k = 0; k < 5; k++) {
      const unit = random.pick(departments);
      if (!p.grants.some((g) => g.unitId === unit.id))
        p.grants.push({ role: 'leader', unitId: unit.id, includeSubtree: true });
    }
  }
  // The three separated administrators (等保 三员) take the places of three root cadres.
  const cadres = people.filter((p) => p.unitId === root.id && p.title === '干部');
  const admins = [
    ['admin', '系统管理员', 'sysAdmin'],
    ['secadmin', '安全管理员', 'secAdmin'],
    ['auditor', '安全审计员', 'auditor'],
  ] as const;
  for (const [i, [username, title, role]] of admins.entries()) {
    const p = cadres[i];
    if (!p) break;
    Object.assign(p, { username, title, grants: [atRoot(role)] });
  }
  return people;
}

/** Plans a whole organisation in memory: nothing touches the database here. */
export function planOrg(shape: TOrgShape, random: TRandom): TOrgPlan {
  const units = planUnits(shape, random);
  return { units, people: planPeople(shape, units, random) };
}

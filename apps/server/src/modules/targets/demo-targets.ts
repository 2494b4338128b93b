import {
  localDay,
  MONTHS_IN_YEAR,
  monthsGone,
  type TTargetAccumulation,
  type TTargetDirection,
  type TTargetKind,
} from '@duban/domain';
import { eq, inArray } from 'drizzle-orm';
import { roleGrants, targetActuals, targetAllocations, targets, units, users } from '../../db/schema/index.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TTx } from '../../platform/db/client.ts';
import { DEMO_COUNTY, makeRandom } from '../org/demo-county.ts';
import { relightTargets } from './targets.pace.ts';

interface TDemoTarget {
  name: string;
  measure: string;
  kind: TTargetKind;
  direction: TTargetDirection;
  accumulation: TTargetAccumulation;
  total: number;
  /** Cumulative planned figures by month end, when the plan is not month / 12. */
  monthlyPlan?: number[];
  /** The unit that reports every unit's figures, or none: each unit reports its own. */
  reportingUnit: string | null;
  /** The reporting unit also reports the county's own figure, this much above the units' sum (county-level work). */
  countyUplift?: number;
  note: string;
  allocations: [string, number][];
  /** Lower-is-better events: [unit, month, count]; every other month of every unit is reported as 0. */
  events?: [string, number, number][];
}

const STATISTICS = '县统计局';
const PARK = '示范县经济开发区';
const FARM_PARK = '示范县现代农业产业园';

/** The county's published plan for the year (政府工作报告 and the year's target responsibility letter). */
const DEMO_TARGETS: TDemoTarget[] = [
  {
    name: '新增市场主体',
    measure: '户',
    kind: 'count',
    direction: 'higher',
    accumulation: 'cumulative',
    total: 10_000,
    reportingUnit: STATISTICS,
    note: '按市场监管部门登记口径，1–N 月累计',
    allocations: [
      ['城关镇', 1500],
      ['东关镇', 900],
      ['西河镇', 700],
      ['南山镇', 650],
      ['北坪镇', 600],
      ['青石镇', 550],
      ['龙潭镇', 500],
      ['白云镇', 450],
      ['红岩乡', 400],
      ['桃花乡', 350],
      ['松林乡', 350],
      ['石门乡', 300],
      ['黄土岭乡', 250],
      ['清水乡', 250],
      ['金鸡乡', 250],
      [PARK, 1500],
      [FARM_PARK, 500],
    ],
  },
  {
    name: '进规纳限企业',
    measure: '家',
    kind: 'count',
    direction: 'higher',
    accumulation: 'cumulative',
    total: 120,
    reportingUnit: STATISTICS,
    note: '规上工业、限上商贸、规上服务业新入库企业；尚有 5 家待分解',
    allocations: [
      [PARK, 30],
      ['县科技和工业信息化局', 20],
      ['县商务局', 12],
      ['城关镇', 10],
      [FARM_PARK, 8],
      ['东关镇', 8],
      ['西河镇', 6],
      ['南山镇', 5],
      ['北坪镇', 5],
      ['青石镇', 4],
      ['龙潭镇', 4],
      ['白云镇', 3],
    ],
  },
  {
    name: '完成固定资产投资',
    measure: '亿元',
    kind: 'amount',
    direction: 'higher',
    accumulation: 'cumulative',
    total: 220,
    reportingUnit: STATISTICS,
    countyUplift: 0.04,
    note: '全县口径由县统计局报送，含县级统筹项目',
    allocations: [
      [PARK, 60],
      ['县发展和改革局', 30],
      ['县住房和城乡建设局', 25],
      ['县交通运输局', 22],
      ['城关镇', 15],
      [FARM_PARK, 12],
      ['县水利局', 10],
      ['东关镇', 10],
      ['西河镇', 8],
      ['南山镇', 7],
      ['北坪镇', 6],
      ['青石镇', 5],
      ['龙潭镇', 5],
      ['白云镇', 5],
    ],
  },
  {
    name: '招商引资签约项目',
    measure: '个',
    kind: 'count',
    direction: 'higher',
    accumulation: 'monthly',
    total: 60,
    reportingUnit: null,
    note: '亿元以上项目，各单位按月报送当月签约数',
    allocations: [
      ['县投资促进中心', 16],
      [PARK, 14],
      [FARM_PARK, 6],
      ['县商务局', 6],
      ['城关镇', 4],
      ['东关镇', 3],
      ['西河镇', 3],
      ['南山镇', 2],
      ['北坪镇', 2],
      ['青石镇', 2],
      ['龙潭镇', 2],
    ],
  },
  {
    name: '社会消费品零售总额',
    measure: '亿元',
    kind: 'amount',
    direction: 'higher',
    accumulation: 'cumulative',
    total: 86,
    monthlyPlan: [7.6, 14, 21, 28, 35.4, 42.6, 50, 57.4, 64.8, 72.4, 79, 86],
    reportingUnit: STATISTICS,
    note: '按月度计划进度考核（春节、国庆消费旺季前高后稳）',
    allocations: [
      ['县商务局', 20],
      ['城关镇', 18],
      ['东关镇', 9],
      ['西河镇', 6],
      ['南山镇', 5],
      ['北坪镇', 5],
      ['青石镇', 4],
      ['龙潭镇', 4],
      ['白云镇', 3],
      ['红岩乡', 2],
      ['桃花乡', 2],
      ['松林乡', 2],
      ['石门乡', 2],
      ['黄土岭乡', 1.5],
      ['清水乡', 1.5],
      ['金鸡乡', 1],
    ],
  },
  {
    name: '新增城镇就业',
    measure: '人',
    kind: 'count',
    direction: 'higher',
    accumulation: 'cumulative',
    total: 3200,
    reportingUnit: '县人力资源和社会保障局',
    note: '1–N 月累计',
    allocations: [
      ['城关镇', 500],
      ['东关镇', 300],
      ['西河镇', 200],
      ['南山镇', 180],
      ['北坪镇', 180],
      ['青石镇', 160],
      ['龙潭镇', 150],
      ['白云镇', 150],
      ['红岩乡', 120],
      ['桃花乡', 110],
      ['松林乡', 100],
      ['石门乡', 100],
      ['黄土岭乡', 90],
      ['清水乡', 90],
      ['金鸡乡', 80],
      [PARK, 600],
      [FARM_PARK, 90],
    ],
  },
  {
    name: '生产安全事故起数',
    measure: '起',
    kind: 'count',
    direction: 'lower',
    accumulation: 'monthly',
    total: 12,
    reportingUnit: '县应急管理局',
    note: '上限指标，各单位按月报送当月事故起数（无事故报 0）',
    allocations: [
      [PARK, 2],
      ['城关镇', 1],
      ['东关镇', 1],
      ['西河镇', 1],
      ['南山镇', 1],
      ['北坪镇', 1],
      ['青石镇', 1],
      ['龙潭镇', 1],
      ['白云镇', 1],
      ['红岩乡', 1],
      ['桃花乡', 1],
    ],
    events: [
      [PARK, 3, 1],
      ['南山镇', 5, 1],
      ['青石镇', 8, 1],
    ],
  },
];

/** How a unit keeps up with its share: most ahead, some a little behind (yellow), a few far behind (red). */
function drawPaceFactor(random: () => number): number {
  const band = random();
  if (band < 0.07) return 0.6 + random() * 0.18;
  if (band < 0.27) return 0.9 + random() * 0.07;
  return 1.0 + random() * 0.18;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A unit's cumulative figures for months 1..months, ending at `factor` times its planned share and climbing
 * unevenly month by month, rounded to whole numbers for counts.
 */
function cumulativePath(
  spec: TDemoTarget,
  amount: number,
  months: number,
  factor: number,
  random: () => number,
): number[] {
  const planShare = (m: number) =>
    spec.monthlyPlan ? (spec.monthlyPlan[m - 1] ?? 0) / spec.total : m / MONTHS_IN_YEAR;
  const end = amount * planShare(months) * factor;
  const steps = Array.from({ length: months }, () => 0.6 + random() * 0.8);
  const sum = steps.reduce((s, x) => s + x, 0);
  let climbed = 0;
  return steps.map((step) => {
    climbed += step;
    const value = (end * climbed) / sum;
    return spec.kind === 'count' ? Math.round(value) : round2(value);
  });
}

const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** When a month's figure came in: the 6th of the next month in the morning, and never after the seeding instant. */
function reportedAtOf(year: number, month: number, order: number, now: Date): Date {
  const next = month === MONTHS_IN_YEAR ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return earliest(new Date(new Date(`${next}-06T09:30:00+08:00`).getTime() + order * 60_000), now);
}

/** The reporters of each unit: its liaison, else its head. */
async function loadReporters(tx: TTx): Promise<{ liaisons: Map<string, string>; heads: Map<string, string> }> {
  const rows = await tx
    .select({ unitId: roleGrants.unitId, userId: roleGrants.userId, role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(inArray(roleGrants.role, ['unitHead', 'liaison']))
    .orderBy(users.username);
  const liaisons = new Map<string, string>();
  const heads = new Map<string, string>();
  for (const r of rows) {
    const into = r.role === 'liaison' ? liaisons : heads;
    if (!into.has(r.unitId)) into.set(r.unitId, r.userId);
  }
  return { liaisons, heads };
}

/**
 * Seeds the demo county's yearly targets for the seeding year (in Asia/Shanghai): the plan's targets allocated to
 * townships, parks and departments (one allocation left short of its total), and every unit's monthly actuals up to
 * the month before the seeding day — reported by the reporting unit's liaison, or else each unit's — leaving most
 * units on pace, some a little behind and a few far behind; then lights every target.
 */
export async function seedDemoTargets(
  tx: TTx,
  now = clockNow(),
): Promise<{ targets: number; allocations: number; actuals: number }> {
  const day = localDay(now);
  const year = Number(day.slice(0, 4));
  const months = monthsGone(year, day);
  const random = makeRandom(year * 7 + 6);

  const unitRows = await tx.select({ id: units.id, name: units.name, path: units.path }).from(units);
  const unitOf = (name: string) => {
    const unit = unitRows.find((u) => u.name === name);
    if (!unit) throw new Error(`demo unit ${name} is missing`);
    return unit;
  };
  const county = unitOf(DEMO_COUNTY);
  const [creator] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'supervisor'));
  if (!creator) throw new Error('the demo supervisor is missing');
  const { liaisons, heads } = await loadReporters(tx);
  const reporterOf = (unitId: string) => liaisons.get(unitId) ?? heads.get(unitId) ?? creator.id;

  const targetRows: (typeof targets.$inferInsert)[] = [];
  const allocationRows: (typeof targetAllocations.$inferInsert)[] = [];
  const actualRows: (typeof targetActuals.$inferInsert)[] = [];
  for (const spec of DEMO_TARGETS) {
    const targetId = crypto.randomUUID();
    const reporting = spec.reportingUnit ? unitOf(spec.reportingUnit) : null;
    targetRows.push({
      id: targetId,
      year,
      name: spec.name,
      measure: spec.measure,
      kind: spec.kind,
      direction: spec.direction,
      accumulation: spec.accumulation,
      total: spec.total,
      monthlyPlan: spec.monthlyPlan ?? null,
      unitId: county.id,
      reportingUnitId: reporting?.id ?? null,
      note: spec.note,
      createdBy: creator.id,
      createdAt: earliest(new Date(`${year}-01-06T10:00:00+08:00`), now),
    });
    const countyByMonth = new Array<number>(months).fill(0);
    spec.allocations.forEach(([name, amount], order) => {
      const unit = unitOf(name);
      allocationRows.push({ targetId, unitId: unit.id, unitPath: unit.path, amount });
      const reporter = reporting ? reporterOf(reporting.id) : reporterOf(unit.id);
      const events = spec.events;
      const monthly = events
        ? Array.from({ length: months }, (_, i) =>
            events.reduce((n, [u, m, count]) => (u === name && m === i + 1 ? n + count : n), 0),
          )
        : null;
      const cumulative = monthly ? null : cumulativePath(spec, amount, months, drawPaceFactor(random), random);
      for (let m = 1; m <= months; m++) {
        const toDate = cumulative?.[m - 1] ?? 0;
        const value =
          monthly?.[m - 1] ?? (spec.accumulation === 'cumulative' ? toDate : toDate - (cumulative?.[m - 2] ?? 0));
        countyByMonth[m - 1] = (countyByMonth[m - 1] ?? 0) + toDate;
        actualRows.push({
          targetId,
          unitId: unit.id,
          month: m,
          value: spec.kind === 'count' ? value : round2(value),
          reportedBy: reporter,
          reportedAt: reportedAtOf(year, m, order, now),
        });
      }
    });
    if (reporting && spec.countyUplift !== undefined) {
      countyByMonth.forEach((sum, i) => {
        actualRows.push({
          targetId,
          unitId: county.id,
          month: i + 1,
          value: round2(sum * (1 + (spec.countyUplift ?? 0))),
          note: '全县口径',
          reportedBy: heads.get(reporting.id) ?? reporterOf(reporting.id),
          reportedAt: reportedAtOf(year, i + 1, spec.allocations.length, now),
        });
      });
    }
  }
  await tx.insert(targets).values(targetRows);
  await tx.insert(targetAllocations).values(allocationRows);
  if (actualRows.length) await tx.insert(targetActuals).values(actualRows);
  const targetIds = targetRows.flatMap((t) => (t.id ? [t.id] : []));
  await relightTargets(tx, targetIds, 'seed', now);
  const summary = { targets: targetRows.length, allocations: allocationRows.length, actuals: actualRows.length };
  await appendAudit(tx, {
    actor: { id: '00000000-0000-0000-0000-000000000000', name: 'system' },
    action: 'system.seedDemoTargets',
    targetType: 'organisation',
    targetId: null,
    after: { year, monthsReported: months, ...summary, today: day },
    ip: null,
  });
  return summary;
}

import {
  addDays,
  computeLight,
  DEFAULT_LIGHT_RULES,
  lastFullWeek,
  localDay,
  previousWeek,
  type TCharter,
  type TFrontLine,
  type TMilestoneInput,
  type TTaskInput,
  type TTaskSource,
  WorkingCalendar,
  weekDays,
} from '@duban/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { bids, milestones, openCalls, taskLists, tasks, units, users } from '../../db/schema/index.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TTx } from '../../platform/db/client.ts';
import { recomputeProgress } from './progress.ts';
import { insertEvent } from './tasks.repo.ts';
import { insertTask } from './tasks.service.ts';

interface TDemoTask {
  title: string;
  lead: string;
  co?: string[];
  source: TTaskSource;
  tags: string[];
  frontLine: TFrontLine;
  goal: string;
  indicator?: [string, number, string];
  pledge?: string;
  /** Sub-tasks for co-units: [unit, title, weeks ago it was closed, if it is]. */
  parts?: [string, string, number?][];
  /** How far behind the calendar the work is: 0 on pace, 1 one milestone behind. */
  behind?: number;
  /** Leave it assigned and unacknowledged. */
  unacknowledged?: boolean;
}

/**
 * The day a demo task was closed: the Wednesday of the week `weeksAgo` full weeks back, or its due date when that
 * is earlier and already past — never before the year began, never today or later.
 */
export function demoClosedOn(today: string, weeksAgo: number, dueDate: string): string {
  let week = lastFullWeek(new Date(`${today}T12:00:00+08:00`));
  for (let i = 1; i < weeksAgo; i++) week = previousWeek(week);
  const wednesday = addDays(weekDays(week).first, 2);
  const day = dueDate < wednesday ? dueDate : wednesday;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  return day < yearStart ? (today > yearStart ? yearStart : addDays(today, -1)) : day;
}

const MAJOR: TDemoTask[] = [
  {
    title: '实施城区老旧小区改造提升工程',
    lead: '县住房和城乡建设局',
    co: ['城关镇', '东关镇'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'grassroots',
    goal: '完成 32 个老旧小区改造，惠及居民 6800 户',
    indicator: ['改造小区', 32, '个'],
    parts: [
      ['城关镇', '城关镇片区 20 个小区改造'],
      ['东关镇', '东关镇片区 12 个小区改造'],
    ],
  },
  {
    title: '建设县第二人民医院',
    lead: '县卫生健康局',
    co: ['县发展和改革局', '县财政局'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'projects',
    goal: '主体工程封顶，年内完成投资 3.2 亿元',
    indicator: ['完成投资', 3.2, '亿元'],
    parts: [
      ['县发展和改革局', '项目立项与专项债申报', 1],
      ['县财政局', '建设资金保障'],
    ],
    behind: 1,
  },
  {
    title: '新建高标准农田 5 万亩',
    lead: '县农业农村局',
    co: ['县水利局', '南山镇', '北坪镇'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'revitalisation',
    goal: '新建高标准农田 5 万亩，配套灌溉设施',
    indicator: ['高标准农田', 5, '万亩'],
    parts: [
      ['县水利局', '配套灌排工程'],
      ['南山镇', '南山片区 2.6 万亩建设'],
      ['北坪镇', '北坪片区 2.4 万亩建设'],
    ],
  },
  {
    title: '新建扩建城区中小学 3 所',
    lead: '县教育局',
    co: ['县自然资源局', '县住房和城乡建设局'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'development',
    goal: '新增学位 4500 个，秋季学期投入使用',
    indicator: ['新增学位', 4500, '个'],
    parts: [
      ['县自然资源局', '学校建设用地报批', 2],
      ['县住房和城乡建设局', '施工质量安全监管'],
    ],
  },
  {
    title: '实施县城污水管网改造工程',
    lead: '县生态环境分局',
    co: ['县城市管理局', '城关镇'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'development',
    goal: '改造雨污管网 46 公里，城区污水集中收集率达 90%',
    indicator: ['改造管网', 46, '公里'],
    parts: [
      ['县城市管理局', '主干管网改造 30 公里'],
      ['城关镇', '背街小巷支管网改造'],
    ],
    behind: 2,
  },
  {
    title: '打造经济开发区新材料产业园',
    lead: '示范县经济开发区',
    co: ['县投资促进中心', '县商务局'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'investment',
    goal: '引进新材料企业 8 家，签约投资 60 亿元',
    indicator: ['签约投资', 60, '亿元'],
    parts: [
      ['县投资促进中心', '产业链精准招商'],
      ['县商务局', '外资外贸企业服务'],
    ],
  },
  {
    title: '完善农村客运和物流配送网络',
    lead: '县交通运输局',
    co: ['县商务局', '县供销合作社'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'grassroots',
    goal: '建制村客运通达率保持 100%，村级物流点覆盖率达 95%',
    indicator: ['村级物流点', 160, '个'],
    parts: [
      ['县供销合作社', '村级物流服务点建设'],
      ['县商务局', '快递进村整合'],
    ],
  },
  {
    title: '深化"一网通办"政务服务改革',
    lead: '县行政审批服务局',
    co: ['县数据资源局'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'development',
    goal: '政务服务事项网上可办率达 98%，"跑一次"事项 300 项',
    indicator: ['网上可办率', 98, '%'],
    parts: [['县数据资源局', '政务数据共享平台升级']],
    unacknowledged: true,
  },
  {
    title: '建设乡村振兴示范村 20 个',
    lead: '县乡村振兴局',
    co: ['青石镇', '龙潭镇', '桃花乡'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'revitalisation',
    goal: '建成示范村 20 个，村集体经济收入均超 20 万元',
    indicator: ['示范村', 20, '个'],
    parts: [
      ['青石镇', '青石镇 7 个示范村建设'],
      ['龙潭镇', '龙潭镇 7 个示范村建设'],
      ['桃花乡', '桃花乡 6 个示范村建设'],
    ],
  },
  {
    title: '推进龙潭景区提质创 4A',
    lead: '县文化和旅游局',
    co: ['龙潭镇'],
    source: 'majorTasks',
    tags: ['十件大事'],
    frontLine: 'development',
    goal: '完成景区提质改造，通过国家 4A 级景区评定',
    indicator: ['游客接待量', 80, '万人次'],
    parts: [['龙潭镇', '景区周边环境整治']],
  },
];

const RALLY: [string, string, number][] = [
  ['年产 10 万吨新型建材项目', '示范县经济开发区', 12],
  ['锂电池正极材料生产线项目', '示范县经济开发区', 18.5],
  ['现代农业产业园冷链物流中心', '示范县现代农业产业园', 3.6],
  ['食用菌精深加工项目', '示范县现代农业产业园', 2.8],
  ['城关商贸综合体项目', '城关镇', 6.5],
  ['东关片区棚户区改造项目', '东关镇', 4.2],
  ['西河光伏发电项目', '西河镇', 5.4],
  ['南山茶旅融合项目', '南山镇', 1.9],
  ['县城智慧停车项目', '县城市管理局', 1.2],
  ['龙潭水库除险加固工程', '县水利局', 2.3],
];

const LIVELIHOOD: [string, string, string, [string, number, string]][] = [
  ['新增城区公共停车泊位 2000 个', '县城市管理局', '缓解城区停车难', ['新增泊位', 2000, '个']],
  ['改造提升农村公路 120 公里', '县交通运输局', '提升农村公路通行条件', ['改造公路', 120, '公里']],
  ['建设社区老年助餐点 30 个', '县民政局', '解决老年人就餐难', ['助餐点', 30, '个']],
  ['新增普惠托育位 300 个', '县卫生健康局', '缓解婴幼儿照护难', ['托育位', 300, '个']],
  ['实施农村饮水安全巩固提升工程', '县水利局', '保障 3.5 万农村人口饮水安全', ['受益人口', 3.5, '万人']],
  ['城乡居民免费健康体检', '县卫生健康局', '为 65 岁以上老人免费体检', ['体检人数', 2.6, '万人']],
];

/**
 * Seeds the demo county's task lists for the year the demo is seeded: 十件大事 (decomposed to co-units),
 * 十大拉练比拼项目, 民生实事, and one open call taking bids. Dates are relative to today, so states, progress
 * and later the lights mean something whenever the demo is run.
 */
export async function seedDemoTasks(tx: TTx, now = new Date()): Promise<{ lists: number; tasks: number }> {
  const today = localDay(now);
  const year = Number(today.slice(0, 4));
  const unitRows = await tx.select({ id: units.id, name: units.name }).from(units);
  const unitId = new Map(unitRows.map((u) => [u.name, u.id]));
  const people = await tx
    .select({ id: users.id, username: users.username, unitId: users.unitId, title: users.title })
    .from(users)
    .orderBy(users.username);
  const byName = (username: string) => people.find((p) => p.username === username)?.id ?? '';
  const supervisor = byName('supervisor');
  const leaders = ['leader', 'leader10', 'leader11', 'leader12', 'leader13'].map(byName).filter(Boolean);
  const ownerIn = (unit: string) => {
    const id = unitId.get(unit);
    if (unit === '城关镇') return byName('cadre');
    if (unit === '县发展和改革局') return byName('cadre2');
    return (
      people.find((p) => p.unitId === id && p.title === '干部')?.id ?? people.find((p) => p.unitId === id)?.id ?? null
    );
  };
  const headOf = (unit: string) => {
    const id = unitId.get(unit);
    return people.find((p) => p.unitId === id && p.username.endsWith('-01'))?.id ?? byName('head');
  };
  const start = `${year}-01-15`;
  const listedAt = new Date(`${year}-01-10T09:00:00+08:00`);
  const assignedAt = listedAt < now ? listedAt : now;
  const calendar = new WorkingCalendar();
  let count = 0;

  const makeList = async (name: string, description: string) => {
    const [row] = await tx
      .insert(taskLists)
      .values({ name, year, description, createdBy: supervisor, createdAt: new Date(`${year}-01-10T09:00:00+08:00`) })
      .returning({ id: taskLists.id });
    return row?.id ?? '';
  };

  /** Milestones spread evenly between start and due; those already past are done unless the task is behind. */
  const roadmap = (due: string, titles: string[]): TMilestoneInput[] => {
    const span = (Date.parse(due) - Date.parse(start)) / 86_400_000;
    return titles.map((title, i) => ({
      title,
      dueDate: addDays(start, Math.round((span * (i + 1)) / titles.length)),
      weight: i === titles.length - 1 ? 2 : 1,
    }));
  };

  const createTask = async (
    listId: string,
    spec: Omit<TTaskInput, 'charter' | 'milestones' | 'coUnitIds' | 'tags'> & {
      coUnitIds?: string[];
      tags: string[];
      charter: TCharter;
      milestones: TMilestoneInput[];
      parentId?: string;
      behind?: number;
      unacknowledged?: boolean;
      /** Weeks ago it was closed (1: last week); absent while it is open. */
      closedWeeksAgo?: number;
    },
  ) => {
    const closedOn = spec.closedWeeksAgo === undefined ? null : demoClosedOn(today, spec.closedWeeksAgo, spec.dueDate);
    const closed = closedOn !== null;
    const id = await insertTask(tx, {
      ...spec,
      coUnitIds: spec.coUnitIds ?? [],
      listId,
      parentId: spec.parentId ?? null,
      state: 'assigned',
      createdBy: supervisor,
    });
    count++;
    // The task still waiting for its 签收 was handed out a week ago; the others as the list was made.
    await insertEvent(tx, {
      taskId: id,
      action: 'assign',
      fromState: 'draft',
      toState: 'assigned',
      actorId: supervisor,
      at: spec.unacknowledged ? new Date(`${addDays(today, -7)}T10:00:00+08:00`) : assignedAt,
    });
    if (spec.unacknowledged) return id;
    const head = headOf(unitRows.find((u) => u.id === spec.leadUnitId)?.name ?? '');
    await insertEvent(tx, {
      taskId: id,
      action: 'acknowledge',
      fromState: 'assigned',
      toState: 'acknowledged',
      actorId: head,
      ...(closedOn ? { at: new Date(`${addDays(closedOn, -14)}T09:00:00+08:00`) } : {}),
    });
    const past = spec.milestones.filter((m) => m.dueDate < today).length;
    const done = closed ? spec.milestones.length : Math.max(0, past - (spec.behind ?? 0));
    let state = 'acknowledged';
    if (done > 0) {
      const seqs = Array.from({ length: done }, (_, i) => i + 1);
      await tx
        .update(milestones)
        .set({ state: 'done', doneAt: sql`now()` })
        .where(sql`${milestones.taskId} = ${id} and ${milestones.seq} in ${seqs}`);
      await insertEvent(tx, {
        taskId: id,
        action: 'start',
        fromState: 'acknowledged',
        toState: 'inProgress',
        actorId: head,
        ...(closedOn ? { at: new Date(`${addDays(closedOn, -7)}T09:00:00+08:00`) } : {}),
      });
      state = 'inProgress';
    }
    if (closedOn) {
      await insertEvent(tx, {
        taskId: id,
        action: 'requestClose',
        fromState: 'inProgress',
        toState: 'closeRequested',
        actorId: spec.ownerId ?? head,
        reason: '已全部完成',
        at: new Date(`${addDays(closedOn, -1)}T16:00:00+08:00`),
      });
      await insertEvent(tx, {
        taskId: id,
        action: 'close',
        fromState: 'closeRequested',
        toState: 'closed',
        actorId: supervisor,
        at: new Date(`${closedOn}T10:00:00+08:00`),
      });
      state = 'closed';
    }
    await tx
      .update(tasks)
      .set({ state, closeSummary: closed ? '已全部完成，经现场核验' : null })
      .where(eq(tasks.id, id));
    await recomputeProgress(tx, id);
    if (closed) await tx.update(tasks).set({ progress: 100 }).where(eq(tasks.id, id));
    else if (state === 'inProgress' && !spec.behind) {
      // Work on pace has reported progress between its milestones: a few points under the expected pace.
      const pace = computeLight(calendar, DEFAULT_LIGHT_RULES, {
        state: 'inProgress',
        cadence: spec.cadence,
        startDate: spec.startDate,
        dueDate: spec.dueDate,
        progress: 0,
        assignedOn: null,
        lastReportOn: null,
        milestones: [],
        today,
      }).facts.expectedPace;
      const progress = Math.min(99, Math.max(0, (pace ?? 0) - (count % 9)));
      await tx
        .update(tasks)
        .set({ progress: sql`greatest(${tasks.progress}, ${progress})` })
        .where(eq(tasks.id, id));
    }
    return id;
  };

  const unit = (name: string) => unitId.get(name) ?? '';
  const majorList = await makeList(
    `${year} 年十件大事`,
    `县委、县政府确定的 ${year} 年十件大事，实行清单化管理、项目化推进。`,
  );
  for (const [i, t] of MAJOR.entries()) {
    const due = `${year}-12-20`;
    const parentId = await createTask(majorList, {
      title: t.title,
      source: t.source,
      tags: t.tags,
      frontLine: t.frontLine,
      priority: 'high',
      leadLeaderId: leaders[i % leaders.length],
      leadUnitId: unit(t.lead),
      coUnitIds: (t.co ?? []).map(unit),
      ownerId: ownerIn(t.lead),
      cadence: 'weekly',
      startDate: start,
      dueDate: due,
      charter: {
        goal: t.goal,
        indicators: t.indicator ? [{ name: t.indicator[0], target: t.indicator[1], unit: t.indicator[2] }] : [],
        deliverables: ['阶段性工作总结', '验收报告'],
        pledge: t.pledge ?? `确保 ${year} 年底前全面完成目标任务`,
      },
      milestones: roadmap(due, ['完成方案制定', '完成前期手续', '主体工作过半', '全面完成并验收']),
      behind: t.behind,
      unacknowledged: t.unacknowledged,
    });
    for (const [partUnit, partTitle, closedWeeksAgo] of t.unacknowledged ? [] : (t.parts ?? [])) {
      const partDue = `${year}-11-30`;
      await createTask(majorList, {
        parentId,
        title: partTitle,
        source: t.source,
        tags: t.tags,
        frontLine: t.frontLine,
        priority: 'high',
        leadLeaderId: leaders[i % leaders.length],
        leadUnitId: unit(partUnit),
        ownerId: ownerIn(partUnit),
        cadence: 'weekly',
        startDate: start,
        dueDate: partDue,
        charter: { goal: partTitle, indicators: [], deliverables: [] },
        milestones: roadmap(partDue, ['启动实施', '完成过半', '完成']),
        behind: t.behind,
        closedWeeksAgo,
      });
    }
    await recomputeProgress(tx, parentId);
  }

  const rallyList = await makeList(`${year} 年十大拉练比拼项目`, '县委、县政府组织现场拉练比拼的十个重点项目。');
  for (const [i, [title, lead, investment]] of RALLY.entries()) {
    const due = `${year}-12-${String(10 + i).padStart(2, '0')}`;
    await createTask(rallyList, {
      title,
      source: 'committeeDecision',
      tags: ['十大拉练比拼项目'],
      frontLine: 'projects',
      priority: 'high',
      leadLeaderId: leaders[(i + 2) % leaders.length],
      leadUnitId: unit(lead),
      ownerId: ownerIn(lead),
      cadence: 'weekly',
      startDate: start,
      dueDate: due,
      charter: {
        goal: `项目总投资 ${investment} 亿元，年内完成年度投资计划`,
        indicators: [{ name: '计划总投资', target: investment, unit: '亿元' }],
        deliverables: ['项目形象进度照片', '投资完成台账'],
        pledge: '比进度、比质量、比效益，确保项目早建成、早投产',
      },
      milestones: roadmap(due, ['开工建设', '主体施工', '设备安装', '竣工投产']),
      behind: i % 4 === 3 ? 1 : 0,
    });
  }

  const livelihoodList = await makeList(`${year} 年民生实事`, '政府工作报告确定的民生实事项目。');
  for (const [i, [title, lead, goal, indicator]] of LIVELIHOOD.entries()) {
    const due = `${year}-${i === 5 ? '06-30' : '12-31'}`;
    await createTask(livelihoodList, {
      title,
      source: 'livelihood',
      tags: ['民生实事'],
      frontLine: 'grassroots',
      priority: 'normal',
      leadLeaderId: leaders[(i + 1) % leaders.length],
      leadUnitId: unit(lead),
      ownerId: ownerIn(lead),
      cadence: i === 0 ? 'daily' : 'weekly',
      startDate: start,
      dueDate: due,
      charter: {
        goal,
        indicators: [{ name: indicator[0], target: indicator[1], unit: indicator[2] }],
        deliverables: [],
      },
      milestones: roadmap(due, ['完成选址和方案', '完成建设', '投入使用']),
      // The health checks finished by their June deadline (or, earlier in the year, three weeks ago).
      closedWeeksAgo: i === 5 ? 3 : undefined,
    });
  }

  // One hard task published as an open call (揭榜挂帅), with two bids in.
  const callTask = await insertTask(tx, {
    listId: livelihoodList,
    title: '破解城区学校周边上下学交通拥堵难题',
    source: 'livelihood',
    tags: ['民生实事'],
    frontLine: 'grassroots',
    priority: 'urgent',
    leadLeaderId: leaders[0] ?? null,
    leadUnitId: unit('县公安局'),
    coUnitIds: [unit('县教育局'), unit('城关镇')],
    ownerId: null,
    cadence: 'weekly',
    startDate: today,
    dueDate: `${year + (today > `${year}-10-01` ? 1 : 0)}-${today > `${year}-10-01` ? '06-30' : '12-31'}`,
    charter: {
      goal: '城区 6 所中小学周边高峰时段通行时间缩短 30%',
      indicators: [{ name: '通行时间缩短', target: 30, unit: '%' }],
      deliverables: [],
    },
    milestones: [],
    state: 'draft',
    createdBy: supervisor,
  });
  count++;
  const [call] = await tx
    .insert(openCalls)
    .values({
      taskId: callTask,
      requirements: '提出可落地的综合治理方案：错峰上下学、临时停车、护学岗、家长接送区等，须有实施路径和完成时限。',
      eligibleUnitIds: [],
      bidDeadline: new Date(Date.parse(`${addDays(today, 10)}T18:00:00+08:00`)),
      publishedBy: byName('leader'),
    })
    .returning({ id: openCalls.id });
  await insertEvent(tx, { taskId: callTask, action: 'publishCall', actorId: byName('leader') });
  const bidders = await tx
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(inArray(users.username, ['head', 'bm09-01']));
  const plans = [
    [
      '在城关镇 3 所学校试点"护学岗 + 家长接送区"，错峰 15 分钟放学，一个月内见效后全城推广。',
      '立下军令状：60 天内试点学校周边高峰通行时间缩短 30%。',
    ],
    [
      '交警、学校、社区三方联动，设置临时停车泊位 400 个，开通定制校车线路 5 条。',
      '三个月内完成全部 6 所学校治理，未达标主动接受问责。',
    ],
  ];
  for (const [i, b] of bidders.entries()) {
    await tx.insert(bids).values({
      callId: call?.id ?? '',
      unitId: b.unitId,
      bidderId: b.id,
      plan: plans[i]?.[0] ?? '',
      pledge: plans[i]?.[1] ?? '',
    });
  }
  await appendAudit(tx, {
    actor: { id: '00000000-0000-0000-0000-000000000000', name: 'system' },
    action: 'system.seedDemoTasks',
    targetType: 'organisation',
    targetId: null,
    after: { year, lists: 3, tasks: count, openCalls: 1 },
  });
  return { lists: 3, tasks: count };
}

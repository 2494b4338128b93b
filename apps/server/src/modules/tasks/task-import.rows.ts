import {
  CADENCE_LABELS,
  FRONT_LINE_LABELS,
  PRIORITY_LABELS,
  parseLabel,
  TASK_SOURCE_LABELS,
  type TTaskInput,
  ZTaskInput,
} from '@duban/domain';
import type { CellValue } from 'exceljs';
import type { z } from 'zod';
import type { TActor } from '../../platform/access/access.ts';
import {
  parseDateCell,
  parseIndicatorsCell,
  parseMilestonesCell,
  readCellText,
  splitCellList,
  type TCellResult,
} from './task-excel.cells.ts';
import { IMPORT_COLUMNS, type TImportKey } from './task-excel.columns.ts';
import { resolvePerson, resolveUnit, type TImportLookup } from './task-import.lookup.ts';
import type { TImportedTask } from './task-import.repo.ts';
import { findTaskRefProblems, type TTaskRefProblem } from './task-refs.ts';
import { canManageInUnit } from './tasks.policy.ts';

/** One problem in one cell: the column by its Chinese header, and what is wrong, in Chinese. */
export interface TCellError {
  key: TImportKey;
  column: string;
  message: string;
}

export type TRowCells = Partial<Record<TImportKey, CellValue>>;
export type TRowResult = { ok: true; task: Omit<TImportedTask, 'id'> } | { ok: false; errors: TCellError[] };

const HEADERS = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.header]));

/** Where each field of ZTaskInput sits in the workbook. */
const FIELD_KEYS: Record<string, TImportKey> = {
  title: 'title',
  source: 'source',
  tags: 'tags',
  frontLine: 'frontLine',
  priority: 'priority',
  leadLeaderId: 'leadLeader',
  leadUnitId: 'leadUnit',
  coUnitIds: 'coUnits',
  ownerId: 'owner',
  cadence: 'cadence',
  startDate: 'startDate',
  dueDate: 'dueDate',
  milestones: 'milestones',
  'charter.goal': 'goal',
  'charter.indicators': 'indicators',
  'charter.deliverables': 'deliverables',
  'charter.pledge': 'pledge',
};

const PART_NAMES: Record<string, string> = {
  title: '名称',
  name: '名称',
  dueDate: '日期',
  weight: '权重',
  target: '数值',
  unit: '单位',
  deliverable: '成果',
};

/** A schema issue in Chinese, with the item it concerns (第 2 项的名称 …). */
function describeIssue(issue: z.core.$ZodIssue, rest: PropertyKey[]): string {
  const [index, part] = rest;
  const where =
    typeof index === 'number'
      ? `第 ${index + 1} 项${typeof part === 'string' ? `的${PART_NAMES[part] ?? part}` : ''}`
      : '';
  const what = (() => {
    switch (issue.code) {
      case 'too_big':
        return issue.origin === 'string'
          ? `超过 ${issue.maximum} 字`
          : issue.origin === 'array'
            ? `最多 ${issue.maximum} 项`
            : `不能大于 ${issue.maximum}`;
      case 'too_small':
        return issue.origin === 'string'
          ? '不能为空'
          : issue.origin === 'array'
            ? `至少 ${issue.minimum} 项`
            : `不能小于 ${issue.minimum}`;
      case 'invalid_format':
        return issue.format === 'regex' ? '含有不可见的控制字符' : '格式不正确';
      default:
        return '取值无效';
    }
  })();
  return where + what;
}

/** Reads an enumerated cell by its Chinese label or its code; blank is undefined. */
function readChoice<T extends string>(labels: Record<T, string>, text: string): TCellResult<T | undefined> {
  if (!text) return { ok: true, value: undefined };
  const code = parseLabel(labels, text);
  if (code) return { ok: true, value: code };
  return { ok: false, message: `无法识别「${text}」，可选：${Object.values<string>(labels).join('、')}` };
}

/**
 * Reads and checks one task row of an import against the rules every task obeys (ZTaskInput and checkTaskRefs'
 * rules, with the lead unit in the importer's scope), naming every cell at fault, in Chinese.
 */
export function readTaskRow(lookup: TImportLookup, actor: TActor, cells: TRowCells): TRowResult {
  const errors: TCellError[] = [];
  const fail = (key: TImportKey, message: string) => errors.push({ key, column: HEADERS.get(key) ?? key, message });
  const hasError = (key: TImportKey) => errors.some((e) => e.key === key);
  const text = (key: TImportKey) => readCellText(cells[key] ?? null);
  /** The value of a cell result, or undefined after recording its message. */
  const take = <T>(key: TImportKey, result: TCellResult<T>): T | undefined => {
    if (result.ok) return result.value;
    fail(key, result.message);
    return undefined;
  };
  const required = (key: TImportKey) => {
    const value = text(key);
    if (!value) fail(key, '必填');
    return value;
  };

  const title = required('title');
  const source = take('source', readChoice(TASK_SOURCE_LABELS, text('source')));
  const frontLine = take('frontLine', readChoice(FRONT_LINE_LABELS, text('frontLine')));
  const priority = take('priority', readChoice(PRIORITY_LABELS, text('priority')));
  const cadence = take('cadence', readChoice(CADENCE_LABELS, text('cadence')));

  const leadName = required('leadUnit');
  const lead = leadName
    ? take(
        'leadUnit',
        resolveUnit(lookup, leadName, (u) => canManageInUnit(actor, u.path)),
      )
    : undefined;
  const coUnits = splitCellList(text('coUnits')).flatMap((name) => take('coUnits', resolveUnit(lookup, name)) ?? []);
  const unitPaths = [lead, ...coUnits].flatMap((u) => (u ? [u.path] : []));
  const leaderName = text('leadLeader');
  const leader = leaderName
    ? take(
        'leadLeader',
        resolvePerson(lookup, leaderName, (p) => p.isLeader),
      )
    : undefined;
  const ownerName = text('owner');
  const owner = ownerName
    ? take(
        'owner',
        resolvePerson(lookup, ownerName, (p) => unitPaths.some((path) => p.unitPath.startsWith(path))),
      )
    : undefined;

  const startDate = required('startDate') ? take('startDate', parseDateCell(cells.startDate ?? null)) : undefined;
  const dueDate = required('dueDate') ? take('dueDate', parseDateCell(cells.dueDate ?? null)) : undefined;
  const indicators = take('indicators', parseIndicatorsCell(text('indicators'))) ?? [];
  const milestones = take('milestones', parseMilestonesCell(text('milestones'))) ?? [];

  const candidate = {
    title,
    source,
    tags: splitCellList(text('tags')),
    frontLine: frontLine ?? null,
    priority,
    leadLeaderId: leader?.id ?? null,
    leadUnitId: lead?.id ?? '',
    coUnitIds: coUnits.map((u) => u.id),
    ownerId: owner?.id ?? null,
    cadence,
    startDate: startDate ?? '',
    dueDate: dueDate ?? '',
    charter: {
      goal: text('goal') || undefined,
      indicators,
      deliverables: splitCellList(text('deliverables')),
      pledge: text('pledge') || undefined,
    },
    milestones,
  };
  const parsed = ZTaskInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const depth = issue.path[0] === 'charter' ? 2 : 1;
      const key = FIELD_KEYS[issue.path.slice(0, depth).join('.')] ?? 'title';
      if (!hasError(key)) fail(key, describeIssue(issue, issue.path.slice(depth)));
    }
  }
  if (lead && startDate && dueDate) {
    const refs = { ...candidate, leadUnitId: lead.id };
    for (const problem of findTaskRefProblems(lookup.facts, actor, refs, { requireManage: true })) {
      const key = FIELD_KEYS[problem.field.split('.')[0] ?? ''] ?? 'title';
      // An owner checked against co-units that could not be read would be blamed for the co-units' fault.
      const isMoot = problem.rule === 'ownerOutsideUnits' && hasError('coUnits');
      if (!hasError(key) && !isMoot) fail(key, describeRefProblem(problem, candidate, lookup));
    }
  }
  if (errors.length || !parsed.success || !lead) return { ok: false, errors };
  const input: TTaskInput = parsed.data;
  return {
    ok: true,
    task: {
      input,
      units: [lead, ...coUnits].map((u) => ({ unitId: u.id, unitPath: u.path, isLead: u.id === lead.id })),
    },
  };
}

/** A broken reference rule in Chinese, naming the unit, person or milestone at fault. */
function describeRefProblem(
  problem: TTaskRefProblem,
  task: { coUnitIds: string[]; milestones: { title: string }[] },
  lookup: TImportLookup,
): string {
  const index = Number(problem.field.split('.')[1] ?? 0);
  switch (problem.rule) {
    case 'noSuchUnit':
      return '单位不存在或已停用';
    case 'outOfScope':
      return '该单位不在您的管辖范围内';
    case 'leadIsCoUnit':
      return `「${lookup.unitNames.get(task.coUnitIds[index] ?? '') ?? ''}」已是牵头单位，不能同时作为配合单位`;
    case 'noSuchPerson':
      return '人员不存在或已停用';
    case 'ownerOutsideUnits':
      return '责任人须在牵头单位或配合单位工作';
    case 'notLeader':
      return '牵头领导须具有领导角色';
    case 'dueBeforeStart':
      return '截止日期早于开始日期';
    case 'milestoneAfterDue':
      return `节点「${task.milestones[index]?.title ?? ''}」晚于截止日期`;
  }
}

import { randomUUID } from 'node:crypto';
import type { TTaskImportFailure, TTaskImportResult, TTaskImportRowErrors } from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { excerpt, readCellText } from './task-excel.cells.ts';
import { buildImportLookup } from './task-import.lookup.ts';
import { findPeopleByNames, insertImportedTasks, listUnitsForImport, type TImportedTask } from './task-import.repo.ts';
import { readTaskRow } from './task-import.rows.ts';
import { readTaskSheet, writeErrorWorkbook } from './task-import.sheet.ts';
import { getTaskList } from './task-lists.service.ts';
import { canCreateLists } from './tasks.policy.ts';
import { summariesOf } from './tasks.service.ts';

/** How many imported tasks the answer shows. */
const SHOWN = 50;

export type TImportOutcome = { ok: true; result: TTaskImportResult } | { ok: false; failure: TTaskImportFailure };

/**
 * Imports a workbook of tasks into a list as drafts (supervisors and leaders who see the list): every row is read
 * and checked against the rules every task obeys; if any row is wrong nothing is written and the outcome lists
 * each bad row and carries the workbook marked up; else all tasks are written in one transaction, audited once.
 */
export async function importTaskList(db: TDb, actor: TActor, listId: string, file: Buffer): Promise<TImportOutcome> {
  if (!canCreateLists(actor)) throw new AppError('FORBIDDEN', 'only supervisors and leaders import tasks');
  await getTaskList(db, actor, listId);
  const taskSheet = await readTaskSheet(file);

  const names = new Set<string>();
  for (const { cells } of taskSheet.rows) {
    for (const value of [cells.leadLeader, cells.owner]) {
      const name = readCellText(value ?? null);
      if (name) names.add(name);
    }
  }
  const [units, people] = await Promise.all([listUnitsForImport(db), findPeopleByNames(db, [...names])]);
  const lookup = buildImportLookup(units, people);

  const tasks: TImportedTask[] = [];
  const bad: TTaskImportRowErrors[] = [];
  for (const row of taskSheet.rows) {
    const read = readTaskRow(lookup, actor, row.cells);
    if (read.ok) tasks.push({ id: randomUUID(), ...read.task });
    else
      bad.push({
        row: row.number,
        errors: read.errors.map(({ column, message }) => ({ column, message: excerpt(message) })),
      });
  }
  if (bad.length) {
    return {
      ok: false,
      failure: {
        error: {
          code: 'VALIDATION_FAILED',
          message: `${bad.length} 行有错误，未导入任何任务；请按“错误说明”列修改后重新导入`,
          field: 'file',
        },
        rows: bad,
        errorWorkbook: await writeErrorWorkbook(taskSheet, bad),
      },
    };
  }

  const taskIds = tasks.map((t) => t.id);
  await db.transaction(async (tx) => {
    await insertImportedTasks(tx, tasks, { listId, createdBy: actor.id });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'taskList.import',
      targetType: 'taskList',
      targetId: listId,
      after: { count: tasks.length, taskIds },
      ip: actor.ip,
    });
  });
  const shown = taskIds.slice(0, SHOWN);
  const order = new Map(shown.map((id, i) => [id, i]));
  const items = (await summariesOf(db, shown)).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { ok: true, result: { imported: tasks.length, items } };
}

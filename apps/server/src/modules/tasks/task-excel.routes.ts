import {
  TASK_EXPORT_MAX_ROWS,
  TASK_IMPORT_MAX_BYTES,
  TASK_IMPORT_MAX_ROWS,
  XLSX_MIME,
  ZIdParams,
  ZTaskExportQuery,
  ZTaskImportFailure,
  ZTaskImportResult,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { acceptWorkbookBodies, sendWorkbook, workbookBody, workbookResponse } from './task-excel.http.ts';
import { buildTaskTemplate, exportTasks } from './task-excel.service.ts';
import { importTaskList } from './task-import.service.ts';

/** Template download, workbook import into a list, and export of the tasks you see. */
export const taskExcelRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  acceptWorkbookBodies(app);

  app.get(
    '/task-lists/template.xlsx',
    {
      schema: {
        tags: ['task-lists'],
        summary: 'The task import template (.xlsx): supervisors and leaders',
        description:
          'A workbook with one sheet 任务清单 (Chinese headers, * marks required columns, frozen header row), a sheet ' +
          '填写说明 of instructions, and drop-downs (list validations pointing at a hidden sheet 选项) for 任务来源, 标签, ' +
          '六个一线, 优先级, 牵头单位 (active units in your scope), 配合单位, 牵头领导 and 汇报频次. Others get 403.',
        response: { 200: workbookResponse('The template workbook') },
      },
    },
    async (req, reply) => {
      const file = await buildTaskTemplate(db, actorOf(req));
      return sendWorkbook(reply, file, 'task-import-template.xlsx', '任务清单导入模板.xlsx');
    },
  );

  app.post(
    '/task-lists/:id/import',
    {
      schema: {
        tags: ['task-lists'],
        summary: 'Import tasks from a workbook into a list, as drafts; all or nothing (supervisors, leaders)',
        description:
          `The body is the .xlsx itself (Content-Type ${XLSX_MIME}, at most ${TASK_IMPORT_MAX_BYTES / 1048576} MB and ` +
          `${TASK_IMPORT_MAX_ROWS} rows), laid out as GET /task-lists/template.xlsx; columns are found by header. ` +
          'Enumerations are read by Chinese label or code, dates as Excel dates or yyyy-mm-dd text, units and people ' +
          'by name (or username; 上级单位/单位 for units sharing a name). Every row is checked against the rules of ' +
          'POST /task-lists/{id}/tasks. A body that is not a workbook answers 400, another content type 415, a header ' +
          'row lacking a required column or holding an unknown one 422 naming it. If any row is wrong nothing is ' +
          'written and 422 lists each bad row {row, errors: [{column, message}]} (Chinese) with errorWorkbook: the ' +
          'upload as base64 with a last column 错误说明 and the bad rows shaded; it can be corrected and sent again. ' +
          'Else every task is written as a draft in one transaction (audited once as taskList.import) and 201 ' +
          'answers the count and the first 50 tasks. A list you cannot see answers 404; other roles 403.',
        params: ZIdParams,
        consumes: [XLSX_MIME],
        // Bytes, not JSON: the service reads them; this only describes the body in the OpenAPI document.
        body: z.unknown().meta({ type: 'string', format: 'binary' }),
        response: {
          201: ZTaskImportResult,
          422: ZTaskImportFailure.partial({ rows: true, errorWorkbook: true }),
        },
      },
    },
    async (req, reply) => {
      const file = workbookBody(req.body);
      const outcome = await importTaskList(db, actorOf(req), req.params.id, file);
      if (!outcome.ok) return reply.code(422).send(outcome.failure);
      return reply.code(201).send(outcome.result);
    },
  );

  app.get(
    '/tasks/export.xlsx',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The tasks you see, filtered as GET /tasks filters them, as a workbook (.xlsx)',
        description:
          'Same filters and visibility as GET /tasks, without paging; nearest due date first, at most ' +
          `${TASK_EXPORT_MAX_ROWS} rows (x-export-truncated: true when more matched). One row per task: list, ` +
          'title, source, tags, front line, priority, lead leader, lead unit, co-units, owner, cadence, state (in ' +
          'Chinese), progress %, start and due dates; frozen header row with filters. The file name is given in ' +
          "Content-Disposition as ASCII and as filename*=UTF-8''….",
        querystring: ZTaskExportQuery,
        response: { 200: workbookResponse('The tasks as a workbook') },
      },
    },
    async (req, reply) => {
      const exported = await exportTasks(db, actorOf(req), req.query);
      reply.header('x-export-truncated', String(exported.isTruncated));
      return sendWorkbook(reply, exported.file, exported.asciiFilename, exported.filename);
    },
  );
};

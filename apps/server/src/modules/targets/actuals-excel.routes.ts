import {
  TASK_IMPORT_MAX_BYTES,
  XLSX_MIME,
  ZActualImportResult,
  ZActualTemplateQuery,
  ZTaskImportFailure,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { acceptWorkbookBodies, sendWorkbook, workbookBody, workbookResponse } from '../tasks/task-excel.http.ts';
import { ACTUALS_IMPORT_MAX_ROWS, buildActualsTemplate, importActuals } from './actuals-excel.service.ts';

/** The actuals' workbook: the template and the all-or-nothing import. */
export const actualsExcelRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  acceptWorkbookBodies(app);

  app.get(
    '/targets/actuals/template.xlsx',
    {
      schema: {
        tags: ['targets'],
        summary: "The actuals workbook of a year (.xlsx): the caller's targets and units to report",
        description:
          'For unit heads, liaisons and supervisors (others 403). Sheet 实绩 has one row per target and unit the caller ' +
          "may report in the year (default: this year in Asia/Shanghai): their units' allocations; for the head or " +
          "liaison of a target's reporting unit every allocation and the county's own row; for supervisors the units " +
          'they oversee and the county row. Columns 目标, 单位, 月份 (pre-set to the month just ended), 数值 (blank), ' +
          '计量单位, 备注, then shaded reference columns 填报口径, 年度目标, 已报至, 至今实绩 and the hidden ids 目标编号, ' +
          '单位编号. 目标, 单位 and 月份 are drop-downs (the lists on a hidden sheet 选项); sheet 说明 states the rules. ' +
          "The file name is given in Content-Disposition as ASCII and as filename*=UTF-8''….",
        querystring: ZActualTemplateQuery,
        response: {
          200: workbookResponse('The template workbook'),
        },
      },
    },
    async (req, reply) => {
      const template = await buildActualsTemplate(db, actorOf(req), req.query.year);
      return sendWorkbook(reply, template.file, template.asciiFilename, template.filename);
    },
  );

  app.post(
    '/targets/actuals/import',
    {
      schema: {
        tags: ['targets'],
        summary: 'Import a workbook of actuals; all or nothing (unit heads, liaisons, supervisors)',
        description:
          `The body is the .xlsx itself (Content-Type ${XLSX_MIME}, at most ${TASK_IMPORT_MAX_BYTES / 1048576} MB and ` +
          `${ACTUALS_IMPORT_MAX_ROWS} rows with a value), laid out as GET /targets/actuals/template.xlsx; columns are ` +
          'found by header and rows with an empty 数值 are skipped. ?year= (default this year) is the year whose ' +
          'targets the rows name; a target and unit are matched by the hidden ids when they agree with the names, ' +
          'else by name (上级单位/单位 for units sharing a name, 全县 for the county row). Each row is checked as POST ' +
          '/targets/{id}/actuals checks one: month 1–12 and not after this month, the value by the kind, the caller ' +
          'may report that unit; the same target, unit and month twice is refused. A body that is not a workbook ' +
          'answers 400, another content type 415, a header row lacking 目标, 单位, 月份 or 数值 or holding an unknown ' +
          'column 422 naming it. If any row is wrong nothing is written and 422 lists each bad row {row, errors: ' +
          '[{column, message}]} (Chinese) with errorWorkbook: the upload as base64 with a last column 错误说明 and ' +
          'the bad rows shaded. Else every row is written in one transaction — a month reported before is corrected ' +
          'in place, each change audited with its before and after — the targets are relit, and 200 answers the ' +
          'counts. People who never report (leaders, cadres …) get 403.',
        querystring: ZActualTemplateQuery,
        consumes: [XLSX_MIME],
        // Bytes, not JSON: the service reads them; this only describes the body in the OpenAPI document.
        body: z.unknown().meta({ type: 'string', format: 'binary' }),
        response: {
          200: ZActualImportResult,
          422: ZTaskImportFailure.partial({ rows: true, errorWorkbook: true }),
        },
      },
    },
    async (req, reply) => {
      const file = workbookBody(req.body);
      const outcome = await importActuals(db, actorOf(req), file, req.query.year);
      if (!outcome.ok) return reply.code(422).send(outcome.failure);
      return reply.code(200).send(outcome.result);
    },
  );
};

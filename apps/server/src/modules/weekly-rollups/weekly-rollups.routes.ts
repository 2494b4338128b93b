import {
  XLSX_MIME,
  ZIdParams,
  ZRollupConfirm,
  ZRollupGenerate,
  ZRollupGenerated,
  ZWeeklyReport,
  ZWeeklyRollup,
  ZWeeklyRollupSummary,
  zId,
  zWeek,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { formatAttachmentDisposition } from '../tasks/task-excel.columns.ts';
import { writeWeeklyReportWorkbook } from './weekly-report.excel.ts';
import { confirmRollup, generateRollups, getRollup, listRollups, weeklyReport } from './weekly-rollups.service.ts';

const WHO_READS =
  'Leaders and supervisors, and units’ heads and liaisons, each for the units in their scope (else 404).';

/** Weekly roll-ups (周结) and the weekly report. */
export const weeklyRollupsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['weekly-rollups'];

  app.get(
    '/weekly-rollups',
    {
      schema: {
        tags,
        summary: 'The week’s roll-ups by unit (figures, highlights, blockers), in unit order',
        description: `${WHO_READS} With unitId, that unit’s subtree. The week defaults to the last full ISO week (the one before this).`,
        querystring: z.object({ week: zWeek.optional(), unitId: zId.optional() }),
        response: { 200: z.object({ week: z.string(), items: z.array(ZWeeklyRollupSummary) }) },
      },
    },
    (req) => listRollups(db, actorOf(req), req.query),
  );
  app.get(
    '/weekly-rollups/:id',
    {
      schema: {
        tags,
        summary: 'One unit’s roll-up with each task’s week',
        description:
          `${WHO_READS} Per task: progress at the start and end of the week, what was done, the next ` +
          'step, blockers, milestones met and missed — all from check-ins and milestones, none typed.',
        params: ZIdParams,
        response: { 200: ZWeeklyRollup },
      },
    },
    (req) => getRollup(db, actorOf(req), req.params.id),
  );
  app.post(
    '/weekly-rollups/generate',
    {
      schema: {
        tags,
        summary: 'Generate a week’s roll-ups now (they are also generated every Friday at 17:00 Asia/Shanghai)',
        description:
          'Supervisors for their scope, unit heads for their units (others 403; a unitId out of scope 404). ' +
          'Idempotent: drafts are rewritten from the facts, confirmed roll-ups are kept (`kept`). A week in the ' +
          'future is 422.',
        body: ZRollupGenerate,
        response: { 200: ZRollupGenerated },
      },
    },
    (req) => generateRollups(db, actorOf(req), req.body),
  );
  app.post(
    '/weekly-rollups/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a roll-up, with an optional annotation: the unit’s head',
        description: 'It then enters the weekly report. Others who read it get 403; a confirmed one is 409.',
        params: ZIdParams,
        body: ZRollupConfirm,
        response: { 200: ZWeeklyRollup },
      },
    },
    (req) => confirmRollup(db, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/weekly-reports/:file',
    {
      schema: {
        tags,
        summary: 'The weekly report: `/weekly-reports/2023-W05` as JSON, `/weekly-reports/2023-W05.xlsx` as a workbook',
        description:
          `${WHO_READS} The week’s confirmed roll-ups with their tasks and totals, and the units still pending. ` +
          'The workbook has a sheet of units and one of tasks, Chinese headers.',
        params: z.object({ file: z.string().max(20) }),
        querystring: z.object({ unitId: zId.optional() }),
        response: {
          200: ZWeeklyReport.or(z.string().meta({ format: 'binary' })).meta({
            description: 'JSON, or with .xlsx the workbook',
          }),
        },
      },
    },
    async (req, reply) => {
      const [, week, ext] = /^(.+?)(\.xlsx)?$/.exec(req.params.file) ?? [];
      if (!week || !zWeek.safeParse(week).success) throw invalid('week', 'expected YYYY-Www, e.g. 2023-W05');
      const report = await weeklyReport(db, actorOf(req), week, req.query);
      if (!ext) return report;
      const scope = report.unitName ?? '全县';
      const file = await writeWeeklyReportWorkbook(report);
      // A Buffer is sent as it is: the JSON schema above does not apply to it.
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          formatAttachmentDisposition(`weekly-report-${week}.xlsx`, `周报-${scope}-${week}.xlsx`),
        )
        .send(file as unknown as string);
    },
  );
};

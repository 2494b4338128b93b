import {
  bulletinIssue,
  XLSX_MIME,
  ZBulletin,
  ZBulletinQuery,
  ZBulletinSummary,
  ZGenerateBulletin,
  ZIdParams,
  ZUpdateBulletin,
  zPage,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { formatAttachmentDisposition } from '../tasks/task-excel.columns.ts';
import { writeBulletinWorkbook } from './bulletins.excel.ts';
import {
  approveBulletin,
  generateBulletin,
  getBulletin,
  listBulletins,
  publishBulletin,
  updateBulletin,
} from './bulletins.service.ts';

const WHO_READS =
  'Supervisors and leaders read bulletins in every state; everyone else logged in reads published ones only (a ' +
  'draft or an approved one is 404 to them).';

/** The supervision bulletin (督查通报): generated weekly from lights and escalations, approved, published. */
export const bulletinsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['bulletins'];

  app.get(
    '/bulletins',
    {
      schema: {
        tags,
        summary: 'Bulletins, newest week first',
        description: `${WHO_READS} \`canGenerate\`: the caller may generate one (a supervisor of the whole county).`,
        querystring: ZBulletinQuery,
        response: { 200: zPage(ZBulletinSummary).extend({ canGenerate: z.boolean() }) },
      },
    },
    (req) => listBulletins(db, actorOf(req), req.query),
  );
  app.get(
    '/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'One bulletin with its figures',
        description:
          `${WHO_READS} The content is computed from the facts when the bulletin is generated, never typed: ` +
          'the lights as they stood at the end of the week (or at generation in a week still running), the red ' +
          'tasks longest red and the units with most reds, the urge and supervision notices raised in the week ' +
          'with their answers (on time, late, none), the admonitions flagged and settled in the week.',
        params: ZIdParams,
        response: { 200: ZBulletin },
      },
    },
    (req) => getBulletin(db, actorOf(req), req.params.id),
  );
  app.get(
    '/bulletins/:id.xlsx',
    {
      schema: {
        tags,
        summary: 'One bulletin as a workbook',
        description:
          `${WHO_READS} Sheets 概况, 红灯最久任务, 红灯较多单位, 催办督办答复, 未答复事项, 约谈 — the sections of the ` +
          'printed bulletin, Chinese headers.',
        params: ZIdParams,
        response: { 200: z.string().meta({ format: 'binary', description: 'the workbook' }) },
      },
    },
    async (req, reply) => {
      const bulletin = await getBulletin(db, actorOf(req), req.params.id);
      const { year, number } = bulletinIssue(bulletin.week);
      const file = await writeBulletinWorkbook(bulletin);
      // A Buffer is sent as it is: the JSON schema above does not apply to it.
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          formatAttachmentDisposition(`bulletin-${bulletin.week}.xlsx`, `督查通报-${year}年第${number}期.xlsx`),
        )
        .send(file as unknown as string);
    },
  );
  app.post(
    '/bulletins',
    {
      schema: {
        tags,
        summary: 'Generate the week’s bulletin as a draft, or regenerate its draft (also done every Friday at 18:00)',
        description:
          'Supervisors of the whole county (others 403). The week defaults to the last full week (the one before ' +
          'this). The figures are computed anew from the facts; the title ' +
          'and foreword of an existing draft are kept. 201 with a new bulletin, 200 with a regenerated draft. A ' +
          'week in the future is 422; an approved or published bulletin is 409.',
        body: ZGenerateBulletin,
        response: { 200: ZBulletin, 201: ZBulletin },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { id, created } = await generateBulletin(db, actor, req.body.week);
      return reply.code(created ? 201 : 200).send(await getBulletin(db, actor, id));
    },
  );
  app.patch(
    '/bulletins/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft’s title or foreword (按语)',
        description:
          'Supervisors of the whole county (others who read it 403, the rest 404); drafts only (else 409). ' +
          '`foreword: null` removes the foreword. The figures cannot be typed: regenerate the draft instead.',
        params: ZIdParams,
        body: ZUpdateBulletin,
        response: { 200: ZBulletin },
      },
    },
    (req) => updateBulletin(db, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/bulletins/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft (审核): a leader of the whole county',
        description: 'Others who read it 403, the rest 404. Only a draft is approved (else 409); it changes no more.',
        params: ZIdParams,
        response: { 200: ZBulletin },
      },
    },
    (req) => approveBulletin(db, actorOf(req), req.params.id),
  );
  app.post(
    '/bulletins/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish an approved bulletin',
        description:
          'Supervisors of the whole county (others who read it 403, the rest 404); approved only (else 409). ' +
          'Everyone logged in may then read it; every active unit head and leader gets it in the inbox, and the ' +
          'county-wide channels carrying `bulletin` get its summary.',
        params: ZIdParams,
        response: { 200: ZBulletin },
      },
    },
    (req) => publishBulletin(db, actorOf(req), req.params.id),
  );
};

import {
  ZActualList,
  ZActualQuery,
  ZAllocation,
  ZCreateTarget,
  ZIdParams,
  ZReportActual,
  ZReportedActual,
  ZSetAllocations,
  ZTarget,
  ZTargetLightHistory,
  ZTargetLightQuery,
  ZTargetList,
  ZTargetQuery,
  ZUpdateTarget,
  zStaleVersionBody,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { ifMatchOf, withEtag, zIfMatchHeaders } from '../../platform/versions.ts';
import { reportActual } from './target-actuals.service.ts';
import { getTarget, getTargetLightHistory, listActuals, listTargetAllocations, listTargets } from './targets.read.ts';
import { createTarget, setAllocations, updateTarget } from './targets.service.ts';

const WHO_READS =
  'Leaders and supervisors see the targets of the units they oversee; unit heads and liaisons (and overseers of a ' +
  'unit only) see those allocated to their units or reported by their unit, with every allocation. Others see none ' +
  '(404).';
const WHO_MANAGES = 'Leaders and supervisors over the target’s unit; others who see the target 403, the rest 404.';
const PACE =
  'Pace (时间过半、任务过半): the share done against the share of the year gone — whole months gone, or the latest ' +
  'month reported if later; by the monthly plan when there is one. Green on pace, yellow up to 10 points behind, ' +
  'red further. The county’s figure is the target unit’s own actual when reported, else the allocated units’ ' +
  'figures added up.';

const ETAG_NOTE =
  'Answers the target’s ETag (`"<version>"`); send it back as If-Match and a target edited or re-allocated ' +
  'meanwhile answers 412 (reported actuals do not change it).';
const STALE_TARGET = zStaleVersionBody(ZTarget).describe(
  'STALE_VERSION: the target changed since the version If-Match names; `current` is the target as it stands, ' +
    '`lastChange` who changed it and when. Nothing was written.',
);

/** Yearly targets (年度目标), their allocations (目标分解) and monthly actuals (实绩). */
export const targetsRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const tags = ['targets'];

  app.get(
    '/targets',
    {
      schema: {
        tags,
        summary: 'The targets of a year (default: this year in Asia/Shanghai), by name, with their kept pace',
        description: `${WHO_READS} ${PACE} \`canCreate\`: the caller may set targets (a leader or supervisor).`,
        querystring: ZTargetQuery,
        response: { 200: ZTargetList },
      },
    },
    (req) => listTargets(db, actorOf(req), req.query),
  );
  app.post(
    '/targets',
    {
      schema: {
        tags,
        summary: 'Set a yearly target',
        description:
          'Leaders and supervisors (others 403), for a unit they oversee (`unitId`, default the top one: the ' +
          'county). `monthlyPlan`: 12 cumulative figures by month end, not negative, never decreasing, December ' +
          'equal to the total — else 422 naming `monthlyPlan.N`. Figures suit the kind (a count is whole and not ' +
          'negative; two decimals at most) — else 422 naming the field. `reportingUnitId` (the statistics ' +
          'department, who then reports every unit’s and the county’s figures) must be an active unit. A second ' +
          'target of the same name in the unit’s year is 409 DUPLICATE naming `name`.',
        body: ZCreateTarget,
        response: { 201: ZTarget },
      },
    },
    async (req, reply) => reply.code(201).send(withEtag(reply, await createTarget(db, actorOf(req), req.body))),
  );
  app.get(
    '/targets/:id',
    {
      schema: {
        tags,
        summary: 'One target: its allocations, what they leave unassigned, the county’s figure by month',
        description:
          `${WHO_READS} \`difference\` = total − allocated. \`months\`: the county’s figure for each month 1–12 ` +
          '(cumulative targets: the figure to date at the month’s end; monthly ones: the month’s own), null where ' +
          'none. `can`: edit and allocate (its managers), reportCounty (the reporting unit’s head or liaison, ' +
          `supervisors over the target’s unit). ${ETAG_NOTE}`,
        params: ZIdParams,
        response: { 200: ZTarget },
      },
    },
    async (req, reply) => withEtag(reply, await getTarget(db, actorOf(req), req.params.id)),
  );
  app.patch(
    '/targets/:id',
    {
      schema: {
        tags,
        summary: 'Change a target',
        description:
          `${WHO_MANAGES} The same rules as setting one; a new kind must suit every allocation and every actual on ` +
          'record (else 422 naming `kind`). Changing the figures, direction, accumulation or plan recomputes the ' +
          `kept pace of the target and its allocations at once. ${ETAG_NOTE}`,
        params: ZIdParams,
        headers: zIfMatchHeaders,
        body: ZUpdateTarget,
        response: { 200: ZTarget, 412: STALE_TARGET },
      },
    },
    async (req, reply) =>
      withEtag(reply, await updateTarget(db, actorOf(req), req.params.id, req.body, { ifMatch: ifMatchOf(req) })),
  );
  app.get(
    '/targets/:id/allocations',
    {
      schema: {
        tags,
        summary: 'A target’s allocations, in the units’ order, with their kept pace',
        description: `${WHO_READS} \`canReport\`: the caller may report that unit’s actuals.`,
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZAllocation) }) },
      },
    },
    async (req) => ({ items: await listTargetAllocations(db, actorOf(req), req.params.id) }),
  );
  app.put(
    '/targets/:id/allocations',
    {
      schema: {
        tags,
        summary: 'Replace a target’s allocations (目标分解), all or nothing',
        description:
          `${WHO_MANAGES} Each allocation goes to an active unit under the target’s unit within the caller’s ` +
          'scope, not the target’s own unit, once — else 422 naming `allocations.N.unitId` (a unit already ' +
          'allocated keeps its share even if made inactive since); amounts suit the kind (422 naming ' +
          '`allocations.N.amount`). Units left out lose their allocation and its light history; their actuals ' +
          `stay on record. The sum may differ from the total (see \`difference\`). A new set moves the target’s ` +
          `version. ${ETAG_NOTE}`,
        params: ZIdParams,
        headers: zIfMatchHeaders,
        body: ZSetAllocations,
        response: { 200: ZTarget, 412: STALE_TARGET },
      },
    },
    async (req, reply) =>
      withEtag(reply, await setAllocations(db, actorOf(req), req.params.id, req.body, { ifMatch: ifMatchOf(req) })),
  );
  app.get(
    '/targets/:id/actuals',
    {
      schema: {
        tags,
        summary: 'A target’s actuals (实绩) by month then unit, or one unit’s',
        description:
          `${WHO_READS} \`isCounty\` marks the county’s own figure (the target’s unit). Actuals of units whose ` +
          'allocation was removed stay listed.',
        params: ZIdParams,
        querystring: ZActualQuery,
        response: { 200: ZActualList },
      },
    },
    async (req) => ({ items: await listActuals(db, actorOf(req), req.params.id, req.query.unitId) }),
  );
  app.post(
    '/targets/:id/actuals',
    {
      schema: {
        tags,
        summary: 'Report a unit’s figure for a month, or the county’s own (unitId = the target’s unit)',
        description:
          `${WHO_READS} Who reports: a unit’s head or liaison for their units’ allocations; the head or liaison ` +
          'of the target’s reporting unit for every unit and for the county; supervisors for the units they ' +
          'oversee (others who see the target 403 naming `unitId`). A unit without an allocation is 422 ' +
          '`unitId`; `month` 1–12 of the target’s year and not after the current month (Asia/Shanghai), else 422; ' +
          '`value` must suit the kind (a count is whole and not negative), else 422. Cumulative targets take the ' +
          'figure to date (1–N月累计), monthly ones the month’s own. Reporting a month again corrects it (200; a ' +
          'new month 201); the audit keeps the value before. The kept pace moves in the same transaction.',
        params: ZIdParams,
        body: ZReportActual,
        response: { 200: ZReportedActual, 201: ZReportedActual },
      },
    },
    async (req, reply) => {
      const { created, reported } = await reportActual(db, actorOf(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(reported);
    },
  );
  app.get(
    '/targets/:id/light-history',
    {
      schema: {
        tags,
        summary: 'Why a pace light is what it is: its changes, newest first',
        description:
          `${WHO_READS} The county’s light without \`unitId\` (or with the target’s own unit), else that unit’s ` +
          'allocation’s (404 when it has none). Each entry keeps the figures (actual, total, paceMonth, ' +
          'doneShare, expectedShare, behind) and the threshold in force (yellowPoints), and what moved it: ' +
          'create, update, allocate, report, import, sweep.',
        params: ZIdParams,
        querystring: ZTargetLightQuery,
        response: { 200: ZTargetLightHistory },
      },
    },
    (req) => getTargetLightHistory(db, actorOf(req), req.params.id, req.query.unitId),
  );
};

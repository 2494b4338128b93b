import {
  ZAssignRequest,
  ZCreateTaskListRequest,
  ZIdParams,
  ZInstructionParams,
  ZInstructionReplyRequest,
  ZMilestone,
  ZMilestoneInput,
  ZMilestoneUpdate,
  ZNote,
  ZNoteRequest,
  ZReasonRequest,
  ZRequestCloseRequest,
  ZTask,
  ZTaskInput,
  ZTaskList,
  ZTaskQuery,
  ZTaskSummary,
  ZTaskUpdate,
  zPage,
  zStaleVersionBody,
} from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { ifMatchOf, withEtag, zIfMatchHeaders } from '../../platform/versions.ts';
import { readInstruction, replyToInstruction } from './task-instructions.service.ts';
import { transitionTask } from './task-lifecycle.service.ts';
import { assignTaskList, createTaskList, getTaskList, listTaskLists } from './task-lists.service.ts';
import {
  addMilestone,
  addNote,
  createSubtask,
  listMilestones,
  listNotes,
  updateMilestone,
} from './task-work.service.ts';
import { createTask, getTask, listSubtasks, listTasks, updateTask } from './tasks.service.ts';

const STATE_CONFLICT = 'A transition the task’s state does not allow answers 409 CONFLICT naming the current state.';
const STALE_TASK = zStaleVersionBody(ZTask).describe(
  'STALE_VERSION: the task changed since the version If-Match names; `current` is the task as it stands, ' +
    '`lastChange` who changed it and when. Nothing was written.',
);
const STALE_MILESTONE = zStaleVersionBody(ZMilestone).describe(
  'STALE_VERSION: the milestone changed since the version If-Match names; `current` is the milestone as it ' +
    'stands, `lastChange` who changed it and when. Nothing was written.',
);
const ETAG_NOTE = 'Answers the task’s ETag (`"<version>"`).';

export const tasksRoutes: FastifyPluginAsyncZod<{ db: TDb }> = async (app, { db }) => {
  const listTags = ['task-lists'];
  const tags = ['tasks'];

  app.get(
    '/task-lists',
    {
      schema: {
        tags: listTags,
        summary: 'Task lists (清单): all for leaders and supervisors, else those holding a task you see',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(ZTaskList) }) },
      },
    },
    async (req) => ({ items: await listTaskLists(db, actorOf(req), req.query.year) }),
  );
  app.post(
    '/task-lists',
    {
      schema: {
        tags: listTags,
        summary: 'Create a task list (supervisors, leaders)',
        body: ZCreateTaskListRequest,
        response: { 201: ZTaskList },
      },
    },
    async (req, reply) => reply.code(201).send(await createTaskList(db, actorOf(req), req.body)),
  );
  app.get(
    '/task-lists/:id',
    { schema: { tags: listTags, summary: 'One task list', params: ZIdParams, response: { 200: ZTaskList } } },
    (req) => getTaskList(db, actorOf(req), req.params.id),
  );
  app.post(
    '/task-lists/:id/tasks',
    {
      schema: {
        tags: listTags,
        summary: 'Add a draft task with its charter and roadmap to a list (supervisors, leaders, lead unit in scope)',
        params: ZIdParams,
        body: ZTaskInput,
        response: { 201: ZTask },
      },
    },
    async (req, reply) =>
      reply.code(201).send(withEtag(reply, await createTask(db, actorOf(req), req.params.id, req.body))),
  );
  app.post(
    '/task-lists/:id/assign',
    {
      schema: {
        tags: listTags,
        summary: 'Assign (交办) the list’s draft tasks, or the ones named, in one action; all or nothing',
        description: `Each task goes from draft to assigned; the lead units' heads and liaisons and the owners are notified. ${STATE_CONFLICT}`,
        params: ZIdParams,
        body: ZAssignRequest,
        response: { 200: z.object({ items: z.array(ZTaskSummary) }) },
      },
    },
    (req) => assignTaskList(db, actorOf(req), req.params.id, req.body.taskIds),
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary:
          'A page of the tasks you see, filtered (top-level tasks unless includeSubtasks, listId, q or mine is given)',
        description:
          'Leaders and supervisors see tasks touching units in their scope; unit heads and liaisons the tasks their ' +
          'units lead or support; cadres the tasks they own or were given as sub-tasks, and their unit’s tasks. ' +
          'A search by text (q) and mine=true (我的任务: the tasks you own, and for a unit head or liaison the tasks ' +
          'their units lead) find sub-tasks as well as top tasks, unless includeSubtasks=false. ' +
          '`unitId` takes the tasks a unit leads or supports; `ledBy` those led in its subtree, `leadUnitId` those it ' +
          'leads itself, `ledByCategory` (with `ledBy`) those under its child units of a category. Every count of tasks ' +
          '(cockpit, wall, light board) counts each task and sub-task once under its lead unit: with ' +
          '`includeSubtasks=true` and these filters the list’s total equals the count.',
        querystring: ZTaskQuery,
        response: { 200: zPage(ZTaskSummary) },
      },
    },
    (req) => listTasks(db, actorOf(req), req.query),
  );
  app.get(
    '/tasks/:id',
    {
      schema: {
        tags,
        summary: 'A task with charter, roadmap, sub-tasks, activity, and what you may do with it',
        description: `${ETAG_NOTE} Each milestone carries its own \`version\`, its ETag for If-Match.`,
        params: ZIdParams,
        response: { 200: ZTask },
      },
    },
    async (req, reply) => withEtag(reply, await getTask(db, actorOf(req), req.params.id)),
  );
  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a task (supervisors, leaders); the lead unit’s head or liaison may set the owner',
        description:
          'Only the fields sent change. The charter too changes field by field: a charter field left out stays as ' +
          'it is, an explicit null clears it (goal or pledge to none, indicators or deliverables to an empty ' +
          `list). Send the ETag you loaded as If-Match: a task changed meanwhile answers 412. ${ETAG_NOTE}`,
        params: ZIdParams,
        headers: zIfMatchHeaders,
        body: ZTaskUpdate,
        response: { 200: ZTask, 412: STALE_TASK },
      },
    },
    async (req, reply) => withEtag(reply, await updateTask(db, actorOf(req), req.params.id, req.body, ifMatchOf(req))),
  );

  const transition = (
    path: string,
    action: 'acknowledge' | 'requestClose' | 'close' | 'reopen' | 'cancel',
    summary: string,
    body?: typeof ZReasonRequest | typeof ZRequestCloseRequest,
  ) =>
    app.post(
      `/tasks/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          description: `${STATE_CONFLICT} With If-Match, a task changed meanwhile answers 412. ${ETAG_NOTE}`,
          params: ZIdParams,
          headers: zIfMatchHeaders,
          ...(body ? { body } : {}),
          response: { 200: ZTask, 412: STALE_TASK },
        },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await transitionTask(db, actorOf(req), req.params.id, action, (req.body ?? {}) as object, ifMatchOf(req)),
        ),
    );
  transition('acknowledge', 'acknowledge', 'Acknowledge (签收) an assigned task: the lead unit’s head or liaison');
  transition(
    'request-close',
    'requestClose',
    'Request closure (申请办结) with a summary and evidence (ids of the task’s attachments): the owner or the lead unit',
    ZRequestCloseRequest,
  );
  transition('close', 'close', 'Verify and close (办结) a task whose closure was requested: supervisors');
  transition('reopen', 'reopen', 'Return a closure request to in progress, with a reason: supervisors', ZReasonRequest);
  transition('cancel', 'cancel', 'Cancel an open task, with a reason: leaders only', ZReasonRequest);

  app.get(
    '/tasks/:id/milestones',
    {
      schema: {
        tags,
        summary: 'The task’s roadmap (路线图) and timetable',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZMilestone) }) },
      },
    },
    async (req) => ({ items: await listMilestones(db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/tasks/:id/milestones',
    {
      schema: {
        tags,
        summary: 'Add a milestone at the end of the roadmap',
        params: ZIdParams,
        body: ZMilestoneInput,
        response: { 201: ZMilestone },
      },
    },
    async (req, reply) =>
      reply.code(201).send(withEtag(reply, await addMilestone(db, actorOf(req), req.params.id, req.body))),
  );
  app.patch(
    '/tasks/:id/milestones/:milestoneId',
    {
      schema: {
        tags,
        summary: 'Mark a milestone done or pending, or change it; the task’s progress follows',
        description:
          'Send the milestone’s ETag (`"<version>"` of its `version`) as If-Match: a milestone changed meanwhile ' +
          'answers 412. Answers the milestone’s ETag.',
        params: z.object({ id: z.uuid(), milestoneId: z.uuid() }),
        headers: zIfMatchHeaders,
        body: ZMilestoneUpdate,
        response: { 200: ZMilestone, 412: STALE_MILESTONE },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await updateMilestone(db, actorOf(req), req.params.id, req.params.milestoneId, req.body, ifMatchOf(req)),
      ),
  );
  app.get(
    '/tasks/:id/subtasks',
    {
      schema: {
        tags,
        summary: 'The task’s sub-tasks',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZTaskSummary) }) },
      },
    },
    async (req) => ({ items: await listSubtasks(db, actorOf(req), req.params.id) }),
  );
  app.post(
    '/tasks/:id/subtasks',
    {
      schema: {
        tags,
        summary: 'Decompose (分解): a sub-task for a co-unit or the lead unit’s own staff',
        params: ZIdParams,
        body: ZTaskInput,
        response: { 201: ZTask },
      },
    },
    async (req, reply) => reply.code(201).send(await createSubtask(db, actorOf(req), req.params.id, req.body)),
  );

  for (const [path, kind, who] of [
    ['instructions', 'instruction', 'leaders; everyone on the task is notified'],
    ['comments', 'comment', 'anyone who sees the task'],
  ] as const) {
    app.get(
      `/tasks/:id/${path}`,
      {
        schema: {
          tags,
          summary: kind === 'instruction' ? 'Leaders’ instructions (批示), newest first' : 'Comments, newest first',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZNote) }) },
        },
      },
      async (req) => ({ items: await listNotes(db, actorOf(req), req.params.id, kind) }),
    );
    app.post(
      `/tasks/:id/${path}`,
      {
        schema: {
          tags,
          summary: `Add ${kind === 'instruction' ? 'an instruction' : 'a comment'}: ${who}`,
          params: ZIdParams,
          body: ZNoteRequest,
          response: { 201: ZNote },
        },
      },
      async (req, reply) => reply.code(201).send(await addNote(db, actorOf(req), req.params.id, kind, req.body.body)),
    );
  }

  const ANSWERERS =
    'Those who carry the task out answer its instructions: its owner, a sub-task’s owner, the lead unit’s head or ' +
    'liaison (else 403). An instruction that is not on the task, or a task out of scope, answers 404.';
  app.post(
    '/tasks/:id/instructions/:noteId/read',
    {
      schema: {
        tags,
        summary: 'Mark a leader’s instruction read (已阅)',
        description: `${ANSWERERS} Once per person: reading it again keeps the first time and writes nothing. Audited.`,
        params: ZInstructionParams,
        response: { 200: ZNote },
      },
    },
    async (req) => readInstruction(db, actorOf(req), req.params.id, req.params.noteId),
  );
  app.post(
    '/tasks/:id/instructions/:noteId/reply',
    {
      schema: {
        tags,
        summary: 'Answer a leader’s instruction with what was done (落实情况, up to 500 characters)',
        description:
          `${ANSWERERS} The answer also marks the instruction read; a later answer replaces the earlier one. The ` +
          'leader who wrote the instruction is told in their inbox (kind instructionReply) and sees the answer under ' +
          'it (`responses`). Audited.',
        params: ZInstructionParams,
        body: ZInstructionReplyRequest,
        response: { 200: ZNote },
      },
    },
    async (req) => replyToInstruction(db, actorOf(req), req.params.id, req.params.noteId, req.body.body),
  );
};

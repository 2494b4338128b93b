import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, PHOTO_MAX_BYTES, ZAttachment, ZIdParams } from '@duban/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.ts';
import type { TDb } from '../../platform/db/client.ts';
import { createFileStore } from '../../platform/files/store.ts';
import { listAttachments, openAttachment, uploadAttachment } from './attachments.service.ts';

/** Fastify refuses bodies beyond this on its own; up to it the service answers with its own, named 413. */
const UPLOAD_BODY_LIMIT = ATTACHMENT_MAX_BYTES + 64 * 1024;
const TYPES = Object.keys(ATTACHMENT_TYPES);
const MEGABYTES = ATTACHMENT_MAX_BYTES / 1024 / 1024;

export const attachmentsRoutes: FastifyPluginAsyncZod<{ db: TDb; dataDir: string }> = async (app, { db, dataDir }) => {
  const tags = ['attachments'];
  const store = createFileStore(dataDir);

  // Raw uploads: the accepted types, and anything else as bytes too, so that the service (not the parser) refuses
  // a wrong type with its own 415 UNSUPPORTED_TYPE. Only this plugin's routes see these parsers.
  const keepBytes = (_req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => done(null, body);
  app.addContentTypeParser(TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, keepBytes);
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, keepBytes);

  app.post(
    '/tasks/:id/attachments',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Attach evidence to an open task: the file is the raw body, its type the Content-Type',
        description:
          `Anyone who sees the task and may comment on it. Accepted: ${TYPES.join(', ')}, up to ${MEGABYTES} MB ` +
          '(413 PAYLOAD_TOO_LARGE beyond). The declared type must be accepted and the content must start as such ' +
          'files do, else 415 UNSUPPORTED_TYPE; an empty body is 400 naming file. The file name (query) loses any ' +
          'directory and control characters, is cut to 200 characters and gets the extension of its type. The ' +
          'same content is stored once (by SHA-256). A closed or cancelled task answers 409. With photo=true ' +
          `(a check-in's photo, resized on the phone) only images up to ${PHOTO_MAX_BYTES / 1024 / 1024} MB are ` +
          'accepted: anything else is 415, larger is 413.',
        params: ZIdParams,
        querystring: z.object({
          filename: z.string().max(1000),
          photo: z.enum(['true', 'false']).optional(),
        }),
        consumes: TYPES,
        // Bytes, not JSON: the service checks them; this only describes the body in the OpenAPI document.
        body: z.unknown().meta({ type: 'string', format: 'binary' }),
        response: { 201: ZAttachment },
      },
    },
    async (req, reply) => {
      const mime = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const upload = { filename: req.query.filename, mime, bytes: req.body };
      const photo = req.query.photo === 'true';
      return reply.code(201).send(await uploadAttachment(db, store, actorOf(req), req.params.id, upload, { photo }));
    },
  );
  app.get(
    '/tasks/:id/attachments',
    {
      schema: {
        tags,
        summary: 'The task’s evidence files, newest first',
        description: 'Anyone who sees the task. Each item carries the url to download it from.',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZAttachment) }) },
      },
    },
    async (req) => ({ items: await listAttachments(db, actorOf(req), req.params.id) }),
  );
  app.get(
    '/attachments/:id/content',
    {
      schema: {
        tags,
        summary: 'Download an attachment: to anyone who sees its task (else 404)',
        description:
          'Sent with its stored type (never HTML), X-Content-Type-Options: nosniff, a Content-Security-Policy ' +
          "of default-src 'none'; sandbox, and Cache-Control: no-store. Images are shown inline, everything else " +
          "is a download; Content-Disposition names the file in ASCII and exactly (filename*=UTF-8'').",
        params: ZIdParams,
      },
    },
    async (req, reply) => {
      const content = await openAttachment(db, store, actorOf(req), req.params.id);
      return reply.headers(content.headers).send(content.stream);
    },
  );
};

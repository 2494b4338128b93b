import { TASK_IMPORT_MAX_BYTES, XLSX_MIME } from '@duban/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { formatAttachmentDisposition } from './task-excel.columns.ts';

/** A workbook response, as OpenAPI describes a file. */
export const workbookResponse = (description: string) => ({
  description,
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
});

/** Sends a workbook as an attachment (Fastify sends a Buffer as it is; the route's schema only documents it). */
export const sendWorkbook = (reply: FastifyReply, file: Buffer, asciiName: string, name: string) =>
  reply.type(XLSX_MIME).header('content-disposition', formatAttachmentDisposition(asciiName, name)).send(file);

/** Lets the plugin's routes take an .xlsx as the body (the parser is scoped to the plugin that calls this). */
export function acceptWorkbookBodies(app: FastifyInstance): void {
  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: TASK_IMPORT_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
}

/** The uploaded workbook of an import route; refuses (400) an empty or missing body. */
export function workbookBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'send the .xlsx workbook as the request body', {
      field: 'file',
      status: 400,
    });
  }
  return body;
}

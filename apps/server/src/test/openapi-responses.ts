import { ZErrorBody } from '@duban/domain';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import type { TJsonSchema } from './openapi-arbitraries.ts';
import type { TOperation } from './openapi-operations.ts';

/**
 * The client errors any operation may answer without declaring them (the routes declare their successes, and
 * errors only where the body differs from the error envelope): bad input, no or an expired session, no permission
 * or CSRF token, out of sight, a conflict, a precondition, too large, an unsupported type, a rule refused, a
 * locked account (login) and rate limiting.
 */
export const GENERIC_ERRORS = new Set([400, 401, 403, 404, 409, 412, 413, 415, 422, 423, 429]);

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addFormat('binary', true);
const compiled = new Map<TJsonSchema, ValidateFunction>();

/** OpenAPI 3.0's nullable and boolean exclusiveMinimum as JSON Schema says them. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'default' ? value : toJsonSchema(value);
  if (out.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (out.exclusiveMaximum === true) {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.type === undefined && Object.keys(out).length) return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function validatorOf(schema: TJsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema) as object);
    compiled.set(schema, validate);
  }
  return validate;
}

function mentionsBinary(schema: TJsonSchema | undefined): boolean {
  return JSON.stringify(schema ?? {}).includes('"format":"binary"');
}

/** What is wrong with an answer to the operation, or null when nothing is. */
export function checkResponse(op: TOperation, res: LightMyRequestResponse): string | null {
  const status = res.statusCode;
  if (status >= 500) return `status ${status}`;
  const declared = op.responses[String(status)];
  if (!declared && !(GENERIC_ERRORS.has(status) && status >= 400)) {
    return `status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`;
  }
  const type = String(res.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim();
  if (status >= 400) {
    if (declared?.content && type && declared.content[type]?.schema) {
      return schemaProblem(declared.content[type]?.schema ?? {}, res);
    }
    let body: unknown;
    try {
      body = res.json();
    } catch {
      return `error body is not JSON (${type})`;
    }
    const parsed = ZErrorBody.safeParse(body);
    return parsed.success ? null : `error body is not the error envelope: ${parsed.error.issues[0]?.message}`;
  }
  const content = declared?.content;
  if (!content || !Object.keys(content).length) return null;
  const own = type ? content[type] : undefined;
  if (!own) {
    const anyBinary = Object.values(content).some((entry) => mentionsBinary(entry.schema));
    return anyBinary && type ? null : `content type "${type}" is not declared (${Object.keys(content).join(', ')})`;
  }
  if (type !== 'application/json') return null;
  return own.schema ? schemaProblem(own.schema, res) : null;
}

function schemaProblem(schema: TJsonSchema, res: LightMyRequestResponse): string | null {
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return 'body is not JSON';
  }
  const validate = validatorOf(schema);
  if (validate(body)) return null;
  const first = validate.errors?.[0];
  return `body does not match the declared schema: ${first?.instancePath || '(root)'} ${first?.message} ${JSON.stringify(first?.params)}`;
}

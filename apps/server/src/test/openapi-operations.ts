import fc from 'fast-check';
import { DEMO_PASSWORD } from '../modules/org/demo-county.ts';
import { invalidValue, recordOf, type TJsonSchema, uploadBytes, validValue } from './openapi-arbitraries.ts';

export type { TJsonSchema };

type TMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface TOpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: TJsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: TJsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: TJsonSchema }> }>;
}

/** One operation of the OpenAPI document, with its inputs as object schemas. */
export interface TOperation {
  key: string;
  method: TMethod;
  path: string;
  params: TJsonSchema;
  query: TJsonSchema;
  body: { contentTypes: string[]; schema: TJsonSchema; required: boolean } | null;
  responses: Record<string, { content?: Record<string, { schema?: TJsonSchema }> }>;
  urlOf: (req: TRequest) => string;
}

export type TBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; bytes: Buffer | string };

/** A generated request: its path parameters, query and body; `valid` tells how it was meant. */
export interface TRequest {
  valid: boolean;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: TBody;
}

/** Ids (and usernames, workbooks) from the database, for requests that reach past the 404. */
export interface TPools {
  ids: Record<string, string[]>;
  workbooks: Buffer[];
}

const JSON_TYPE = 'application/json';

function objectOf(parameters: TOpenApiOperation['parameters'], where: string): TJsonSchema {
  const own = (parameters ?? []).filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name),
  };
}

/** A path or query value as text: a lone surrogate goes as the bytes a careless client would send. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** The operations of an OpenAPI document, in its order. */
export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): TOperation[] {
  const operations: TOperation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(byMethod)) {
      const spec = raw as TOpenApiOperation;
      const content = spec.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      const upper = method.toUpperCase() as TMethod;
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        params: objectOf(spec.parameters, 'path'),
        query: objectOf(spec.parameters, 'query'),
        body: contentTypes.length
          ? {
              contentTypes,
              schema: content[contentTypes[0] ?? '']?.schema ?? {},
              required: spec.requestBody?.required ?? false,
            }
          : null,
        responses: spec.responses ?? {},
        urlOf: (req) => {
          const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => encode(textOf(req.params[name])));
          const pairs: string[] = [];
          for (const [key, value] of Object.entries(req.query)) {
            if (value === undefined) continue;
            for (const one of Array.isArray(value) ? value : [value])
              pairs.push(`${encode(key)}=${encode(textOf(one))}`);
          }
          return pairs.length ? `${filled}?${pairs.join('&')}` : filled;
        },
      });
    }
  }
  return operations;
}

/** The pool a path parameter draws from: the collection named just before it (`/tasks/{id}` → tasks). */
function poolOfParam(path: string, name: string): string {
  const before = path.split(`{${name}}`)[0]?.split('/').filter(Boolean) ?? [];
  const segment = before[before.length - 1] ?? '';
  return segment === 'grants' ? 'grants' : segment;
}

/** The pool a body or query field naming an id draws from. */
const FIELD_POOLS: [RegExp, string][] = [
  [/(unit|parent)/i, 'units'],
  [/(owner|user|leader|assignee|member|person|reporter|judge)/i, 'people'],
  [/task/i, 'tasks'],
  [/list/i, 'task-lists'],
  [/target/i, 'targets'],
  [/milestone/i, 'milestones'],
  [/channel/i, 'notification-channels'],
  [/bid/i, 'bids'],
  [/rollup/i, 'weekly-rollups'],
  [/escalation/i, 'escalations'],
  [/bulletin/i, 'bulletins'],
];

function idsFrom(pool: string[] | undefined): fc.Arbitrary<string> {
  const random = fc.uuid({ version: 4 });
  if (!pool?.length) return random;
  return fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 5 }, { arbitrary: random, weight: 1 });
}

/** Values for fields whose meaning the schema cannot tell: credentials for the login and password change. */
function fieldOverrides(pools: TPools): Record<string, fc.Arbitrary<unknown>> {
  const someText = fc.string({ minLength: 1, maxLength: 40 });
  const username = pools.ids.usernames?.length ? fc.constantFrom(...pools.ids.usernames) : someText;
  return {
    username: fc.oneof(username, someText),
    password: fc.oneof(fc.constant(DEMO_PASSWORD), someText),
    currentPassword: fc.oneof(fc.constant(DEMO_PASSWORD), someText),
  };
}

/** Weekly report names: `2026-W05` or `2026-W05.xlsx`, now and then a week or year that does not exist. */
const WEEK_FILES = fc
  .tuple(
    fc.oneof({ arbitrary: fc.integer({ min: 2019, max: 2031 }), weight: 5 }, fc.constantFrom(0, 1, 1969, 9999)),
    fc.oneof({ arbitrary: fc.integer({ min: 1, max: 53 }), weight: 5 }, fc.constantFrom(0, 54, 99)),
    fc.constantFrom('', '', '.xlsx', '.XLSX', '.csv'),
  )
  .map(([year, week, ext]) => `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}${ext}`);

const RAW_JSON_BODIES: fc.Arbitrary<TBody> = fc.constantFrom<TBody>(
  { kind: 'raw', contentType: JSON_TYPE, bytes: '{' },
  { kind: 'raw', contentType: JSON_TYPE, bytes: '' },
  { kind: 'raw', contentType: JSON_TYPE, bytes: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) },
  { kind: 'raw', contentType: JSON_TYPE, bytes: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { kind: 'raw', contentType: JSON_TYPE, bytes: '"\\ud800"' },
  { kind: 'raw', contentType: 'text/plain', bytes: '{}' },
  { kind: 'raw', contentType: 'application/x-www-form-urlencoded', bytes: 'a=1' },
  { kind: 'raw', contentType: 'multipart/form-data; boundary=x', bytes: '--x--' },
);

/** Generated requests for an operation: mostly valid ones, and ones broken in one place. */
export function requestArbitrary(op: TOperation, pools: TPools): fc.Arbitrary<TRequest> {
  const overrides = fieldOverrides(pools);
  const anyIds = Object.entries(pools.ids).flatMap(([name, values]) => (name === 'usernames' ? [] : values));
  const ids = (field: string) => {
    const hit = FIELD_POOLS.find(([pattern]) => pattern.test(field));
    return idsFrom(hit ? pools.ids[hit[1]] : anyIds);
  };
  const fieldValue = (name: string, schema: TJsonSchema) => overrides[name] ?? validValue(schema, name, ids);
  const validObjectOf = (schema: TJsonSchema, paramPath?: string): fc.Arbitrary<Record<string, unknown>> => {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, inner] of Object.entries(schema.properties ?? {})) {
      if (paramPath && name === 'file') model[name] = WEEK_FILES;
      else if (paramPath && inner.format === 'uuid') model[name] = idsFrom(pools.ids[poolOfParam(paramPath, name)]);
      else model[name] = fieldValue(name, inner);
    }
    return recordOf(model, schema.required ?? []);
  };
  const validParams = validObjectOf(op.params, op.path);
  const validQuery = validObjectOf(op.query);
  const body = op.body;
  const isJson = body?.contentTypes.includes(JSON_TYPE) ?? false;
  const validBody: fc.Arbitrary<TBody> = !body
    ? fc.constant({ kind: 'none' })
    : isJson
      ? (body.schema.type === 'object' ? validObjectOf(body.schema) : validValue(body.schema, 'body', ids)).map(
          (value): TBody => ({ kind: 'json', value }),
        )
      : fc
          .tuple(fc.constantFrom(...body.contentTypes), uploadBytes(pools.workbooks))
          .map(([contentType, bytes]): TBody => ({ kind: 'raw', contentType, bytes }));
  const valid = fc.record({ valid: fc.constant(true), params: validParams, query: validQuery, body: validBody });

  const broken: fc.Arbitrary<TRequest>[] = [];
  const hasParams = Object.keys(op.params.properties ?? {}).length > 0;
  const hasQuery = Object.keys(op.query.properties ?? {}).length > 0;
  if (hasParams) {
    broken.push(
      fc
        .tuple(invalidValue(op.params, 'params', ids), validQuery, validBody)
        .map(([params, query, b]) => ({ valid: false, params: asObject(params), query, body: b })),
    );
  }
  broken.push(
    fc
      .tuple(validParams, hasQuery ? invalidValue(op.query, 'query', ids) : extraQuery, validBody)
      .map(([params, query, b]) => ({ valid: false, params, query: asObject(query), body: b })),
  );
  const canHaveBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (body && isJson) {
    const badJson = invalidValue(body.schema, 'body', ids).map((value): TBody => ({ kind: 'json', value }));
    broken.push(
      fc
        .tuple(validParams, validQuery, fc.oneof(badJson, badJson, RAW_JSON_BODIES))
        .map(([params, query, b]) => ({ valid: false, params, query, body: b })),
    );
  } else if (body) {
    const badUpload = fc
      .tuple(
        fc.constantFrom('text/html', 'application/json', 'application/x-msdownload', 'image/svg+xml', 'text/plain'),
        uploadBytes(pools.workbooks),
      )
      .map(([contentType, bytes]): TBody => ({ kind: 'raw', contentType, bytes }));
    broken.push(
      fc
        .tuple(validParams, validQuery, fc.oneof(badUpload, fc.constant<TBody>({ kind: 'none' })))
        .map(([params, query, b]) => ({ valid: false, params, query, body: b })),
    );
  } else if (canHaveBody) {
    const unexpected = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value): TBody => ({ kind: 'json', value })),
      RAW_JSON_BODIES,
    );
    broken.push(
      fc
        .tuple(validParams, validQuery, unexpected)
        .map(([params, query, b]) => ({ valid: false, params, query, body: b })),
    );
  }
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: fc.oneof(...broken), weight: 2 });
}

const extraQuery = fc.oneof(
  fc.constant({ page: ['1', '2'] }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

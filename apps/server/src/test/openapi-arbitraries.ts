import fc from 'fast-check';

/** The part of JSON Schema (OpenAPI 3.0 dialect) that the zod schemas of the routes produce. */
export interface TJsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: TJsonSchema;
  properties?: Record<string, TJsonSchema>;
  required?: string[];
  additionalProperties?: boolean | TJsonSchema;
  anyOf?: TJsonSchema[];
  default?: unknown;
}

/** Where ids come from: real ones picked by the field's name (tasks for taskId…), else random uuids. */
export type TIdArbitrary = (field: string) => fc.Arbitrary<string>;

/** The plain-text pattern of the domain's strings: no control characters but tab and newlines. */
const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

/** Dates the schemas' pattern accepts but a calendar may not: the edges of what PostgreSQL and Date hold. */
export const EDGE_DATES = ['0001-01-01', '1970-01-01', '2000-02-29', '2099-12-31', '9999-12-31'];
/** Dates that are not dates, or not ones the platform can hold. */
export const BAD_DATES = [
  '0000-01-01',
  '9999-99-99',
  '2024-02-30',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-1-1',
  '20240101',
  '+10000-01-01',
  '-0001-01-01',
  '2024-01-01T00:00:00Z',
  'today',
  '',
];
const BAD_DATE_TIMES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T25:00:00Z',
  '2024-01-01',
  '+275760-09-13T00:00:00.000Z',
  'yesterday',
];
const BAD_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '123',
  '',
  '%',
  '..',
  '0',
  '-1',
  '00000000000000000000000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
];
/** Strings PostgreSQL cannot store or the schemas refuse: NUL, lone surrogates, control characters. */
const HOSTILE_TEXT = ['\u0000', '\ud800', '\udc00', 'a\ud800b', '\u0007', '\u001b[31m', '\uffff', '\u202e'];

const CHINESE = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Dates around today (check-ins look back a few days at most), across the years, and at the edges. */
const validDate = fc.oneof(
  { arbitrary: fc.integer({ min: -10, max: 10 }).map((d) => dayOf(Date.now() + d * DAY_MS)), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 365 * 13 }).map((d) => dayOf(Date.UTC(2019, 0, 1) + d * DAY_MS)), weight: 4 },
  { arbitrary: fc.constantFrom(...EDGE_DATES), weight: 1 },
);
const validDateTime = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2032, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const validEmail = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), fc.constantFrom('example.com', 'gov.cn', 'mail.example.org'))
  .map(([local, domain]) => `${local}@${domain}`);

/** The numeric bounds of a schema, as inclusive integers or numbers. */
function boundsOf(schema: TJsonSchema): { min: number; max: number; minExcluded: boolean } {
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : (schema.minimum ?? -1e9);
  const minExcluded = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number';
  return { min, max: schema.maximum ?? 1e9, minExcluded };
}

function validInteger(schema: TJsonSchema): fc.Arbitrary<number> {
  const { min, max, minExcluded } = boundsOf(schema);
  const low = Math.max(minExcluded ? min + 1 : min, -2_000_000_000);
  const high = Math.min(max, 2_000_000_000);
  const edges = [minExcluded ? min + 1 : min, max].filter((n) => Number.isSafeInteger(n));
  return fc.oneof(
    { arbitrary: fc.integer({ min: low, max: high }), weight: 6 },
    { arbitrary: fc.integer({ min: low, max: Math.min(high, low + 10) }), weight: 3 },
    { arbitrary: fc.constantFrom(...edges), weight: 1 },
  );
}

function validNumber(schema: TJsonSchema): fc.Arbitrary<number> {
  const { min, max, minExcluded } = boundsOf(schema);
  return fc.double({ min: Math.max(min, -1e12), max: Math.min(max, 1e12), minExcluded, noNaN: true });
}

function validString(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return ids(field);
  if (schema.format === 'date') return validDate;
  if (schema.format === 'date-time') return validDateTime;
  if (schema.format === 'email') return validEmail;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (schema.pattern && schema.pattern !== TEXT_PATTERN) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  const pattern = new RegExp(schema.pattern ?? '');
  const short = Math.max(min, Math.min(max, 24));
  return fc
    .oneof(
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: short }), weight: 4 },
      { arbitrary: fc.string({ unit: CHINESE, minLength: min, maxLength: short }), weight: 4 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: short }), weight: 2 },
      { arbitrary: fc.constantFrom('中'.repeat(max), 'x'.repeat(max), ' '.repeat(Math.max(min, 1))), weight: 1 },
    )
    .filter((s) => fits(s) && pattern.test(s));
}

/** Pairs of dates a valid request gives in order (a start on or before its due date). */
const DATE_PAIRS = [
  ['startDate', 'dueDate'],
  ['dueFrom', 'dueTo'],
  ['from', 'to'],
];

/**
 * Objects of the model: every required key, each optional one now and then (so that a request with several
 * optional fields still has a fair chance to be accepted as a whole), dates of a pair in order.
 */
export function recordOf(
  model: Record<string, fc.Arbitrary<unknown>>,
  required: string[],
): fc.Arbitrary<Record<string, unknown>> {
  const sparse: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(model)) {
    sparse[key] = required.includes(key)
      ? value
      : fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: value, weight: 1 });
  }
  return fc.record(sparse).map((obj) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) if (value !== undefined) out[key] = value;
    for (const [first, second] of DATE_PAIRS) {
      const [a, b] = [out[first as string], out[second as string]];
      if (typeof a === 'string' && typeof b === 'string' && a > b) {
        out[first as string] = b;
        out[second as string] = a;
      }
    }
    return out;
  });
}

function validObject(schema: TJsonSchema, ids: TIdArbitrary): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, inner] of Object.entries(schema.properties ?? {})) model[key] = validValue(inner, key, ids);
  return recordOf(
    model,
    (schema.required ?? []).filter((key) => key in model),
  );
}

/** Values the schema accepts (the zod schema behind it may still refuse some, e.g. by a refinement). */
export function validValue(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  const base = validBase(schema, field, ids);
  return schema.nullable ? fc.oneof({ arbitrary: base, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }) : base;
}

function validBase(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((inner) => validValue(inner, field, ids)));
  switch (schema.type) {
    case 'string':
      return validString(schema, field, ids);
    case 'integer':
      return validInteger(schema);
    case 'number':
      return validNumber(schema);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(validValue(schema.items ?? {}, field, ids), { minLength, maxLength });
    }
    case 'object':
      return validObject(schema, ids);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const WRONG_TYPES: unknown[] = [null, 0, -1, 1.5, '', 'x', [], {}, true, [null], { a: 1 }];

function invalidString(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...WRONG_TYPES.filter((v) => typeof v !== 'string')),
    fc.constantFrom(...HOSTILE_TEXT),
    fc.tuple(validString(schema, field, ids), fc.constantFrom(...HOSTILE_TEXT)).map(([s, bad]) => s + bad),
    fc.constant('x'.repeat(100_001)),
  ];
  if (schema.format === 'uuid')
    options.push(
      fc.constantFrom(...BAD_UUIDS),
      fc.uuid().map((u) => u.toUpperCase()),
    );
  if (schema.format === 'date') options.push(fc.constantFrom(...BAD_DATES, ...EDGE_DATES));
  if (schema.format === 'date-time') options.push(fc.constantFrom(...BAD_DATE_TIMES));
  if (schema.format === 'email') options.push(fc.constantFrom('not-an-email', '@', 'a@b', 'a@b.c'));
  if (schema.enum) options.push(fc.string({ maxLength: 12 }).filter((s) => !schema.enum?.includes(s)));
  if (schema.maxLength !== undefined) {
    options.push(fc.constantFrom('x'.repeat(schema.maxLength + 1), '中'.repeat(schema.maxLength + 1)));
  }
  if ((schema.minLength ?? 0) > 0) options.push(fc.constantFrom('', ' '.repeat(schema.minLength ?? 1)));
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    options.push(fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !pattern.test(s)));
  }
  return fc.oneof(...options);
}

function invalidNumber(schema: TJsonSchema): fc.Arbitrary<unknown> {
  const { min, max } = boundsOf(schema);
  const outside = [min - 1, max + 1, min, -1, 0, 2 ** 53, -(2 ** 53), 1e300, -1e300, 2 ** 31, 2 ** 63];
  if (schema.type === 'integer') outside.push(1.5, min + 0.5);
  return fc.oneof(
    fc.constantFrom(...outside.filter((n) => Number.isFinite(n))),
    fc.constantFrom('12', 'NaN', 'Infinity', '1e400', '', null, [], true),
  );
}

function invalidArray(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  const item = schema.items ?? {};
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...WRONG_TYPES.filter((v) => !Array.isArray(v))),
    fc
      .tuple(fc.array(validValue(item, field, ids), { maxLength: 3 }), invalidValue(item, field, ids))
      .map(([good, bad]) => [...good, bad]),
  ];
  if (schema.maxItems !== undefined) {
    const tooMany = schema.maxItems + 1;
    options.push(fc.array(validValue(item, field, ids), { minLength: tooMany, maxLength: tooMany }));
  }
  if ((schema.minItems ?? 0) > 0) options.push(fc.constant([]));
  return fc.oneof(...options);
}

function invalidObject(schema: TJsonSchema, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  const valid = validObject(schema, ids);
  const keys = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...WRONG_TYPES.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))),
    valid.map((obj) => ({ ...obj, __proto__x: 1, extraField: 'x', constructor: 'x' })),
  ];
  if (required.length) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([obj, key]) => {
        const { [key]: _dropped, ...rest } = obj;
        return rest;
      }),
    );
  }
  if (keys.length) {
    const broken = fc
      .constantFrom(...keys)
      .chain((key) =>
        fc
          .tuple(valid, invalidValue(schema.properties?.[key] ?? {}, key, ids))
          .map(([obj, bad]) => ({ ...obj, [key]: bad })),
      );
    options.push(broken, broken);
  }
  return fc.oneof(...options);
}

/** Values that break the schema in one place: a wrong type, a missing field, out of range, malformed, hostile. */
export function invalidValue(schema: TJsonSchema, field: string, ids: TIdArbitrary): fc.Arbitrary<unknown> {
  if (schema.enum && schema.type !== 'string') return fc.constantFrom('not-in-enum', 42, null);
  switch (schema.type) {
    case 'string':
      return invalidString(schema, field, ids);
    case 'integer':
    case 'number':
      return invalidNumber(schema);
    case 'boolean':
      return fc.constantFrom('true', 0, 1, 'yes', null);
    case 'array':
      return invalidArray(schema, field, ids);
    case 'object':
      return invalidObject(schema, ids);
    default:
      return fc.constantFrom(...WRONG_TYPES);
  }
}

/** Bytes as uploads arrive: random, or starting as a file of some type does. */
export function uploadBytes(samples: Buffer[] = []): fc.Arbitrary<Buffer> {
  const magic = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('%PDF-1.7\n'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from('GIF89a'),
    Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP'),
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(0),
  ];
  const random = fc
    .tuple(fc.constantFrom(...magic), fc.uint8Array({ maxLength: 2048 }))
    .map(([head, tail]) => Buffer.concat([head, Buffer.from(tail)]));
  if (!samples.length) return random;
  const sample = fc.constantFrom(...samples);
  return fc.oneof(
    random,
    sample,
    fc.tuple(sample, fc.nat()).map(([bytes, cut]) => bytes.subarray(0, cut % Math.max(bytes.length, 1))),
  );
}

import type { FormRule } from 'antd';

interface TSchemaLike {
  safeParse(value: unknown): { success: boolean };
}

/** A form rule that checks the value with the API's own Zod schema, so the client and the server agree. */
export function zodRule(schema: TSchemaLike, message: string, opts: { isOptional?: boolean } = {}): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (opts.isOptional && (value === undefined || value === null || value === '')) return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

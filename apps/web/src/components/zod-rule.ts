import type { FormRule } from 'antd';

interface TSchemaLike {
  safeParse(value: unknown): { success: boolean };
}

/**
 * A form rule that checks the value with the API's own Zod schema, so the client and the server agree.
 * An empty value passes: whether the field is required is the `required` rule's business, said once.
 */
export function zodRule(schema: TSchemaLike, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

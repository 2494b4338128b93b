import type { FormInstance } from 'antd';
import { ApiError } from './api-client.ts';
import { currentLocale, i18n, messagesOf } from './i18n/index.ts';

export interface TExplainedError {
  /** The message to show, in the UI language. */
  text: string;
  /** The request field the error is about, when the API named one (first segment of a dotted path). */
  field: string | undefined;
}

/** Turns any error into a message in the UI language, using the API's error code and field. */
export function explainError(error: unknown): TExplainedError {
  const messages = messagesOf(currentLocale());
  if (!(error instanceof ApiError)) return { text: messages.errors.INTERNAL, field: undefined };
  const field = error.field?.split('.')[0];
  const overrides: Partial<Record<string, Partial<Record<string, string>>>> = messages.fieldErrors;
  const text = (field && overrides[error.code]?.[field]) || messages.errors[error.code];
  return { text, field };
}

/** The label of a request field in the UI language, for messages that cannot sit on a form field. */
export function fieldLabel(field: string): string {
  const labels: Partial<Record<string, string>> = messagesOf(currentLocale()).fields;
  return labels[field] ?? field;
}

/** True when the form has a field of that (top-level) name. */
export function hasFormField(form: FormInstance, name: string): boolean {
  let found = false;
  // The filter sees every registered field's meta: the one place the form lists its fields.
  form.getFieldsValue({
    filter: (meta) => {
      if (meta?.name[0] === name) found = true;
      return false;
    },
  });
  return found;
}

/** The form field an error's full dotted path names (milestones.0.dueDate → ['milestones', 0, 'dueDate']), if any. */
export function formFieldPath(form: FormInstance, error: unknown): (string | number)[] | undefined {
  if (!(error instanceof ApiError) || !error.field?.includes('.')) return undefined;
  const path = error.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  let found = false;
  form.getFieldsValue({
    filter: (meta) => {
      if (meta && meta.name.length === path.length && meta.name.every((p, i) => p === path[i])) found = true;
      return false;
    },
  });
  return found ? path : undefined;
}

/** The text for an error outside any form: the message, with the field named when there is one. */
export function errorText(error: unknown): string {
  const { text, field } = explainError(error);
  return field ? i18n.t('errors.withField', { message: text, field: fieldLabel(field) }) : text;
}

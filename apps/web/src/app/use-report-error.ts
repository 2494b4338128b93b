import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorText, explainError, hasFormField } from './errors.ts';

/** Shows an API error: on the form field it names when the form has one, else as a message. */
export function useReportError(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      const { text, field } = explainError(error);
      if (form && field && hasFormField(form, field)) {
        form.setFields([{ name: field, errors: [text] }]);
        return;
      }
      void message.error(errorText(error));
    },
    [message],
  );
}

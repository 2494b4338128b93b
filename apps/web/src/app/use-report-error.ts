import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorText, explainError, formFieldPath, hasFormField } from './errors.ts';

/** Shows an API error: on the form field it names when the form has one (nested fields too), else as a message. */
export function useReportError(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      const { text, field } = explainError(error);
      // A field inside a list (a milestone's date) first, then the top-level field the path starts with.
      const path = form ? formFieldPath(form, error) : undefined;
      if (form && path) {
        form.setFields([{ name: path, errors: [text] }]);
        return;
      }
      if (form && field && hasFormField(form, field)) {
        form.setFields([{ name: field, errors: [text] }]);
        return;
      }
      void message.error(errorText(error));
    },
    [message],
  );
}

import type { TTaskList } from '@duban/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportWorkbookModal } from '../../components/import-workbook-modal.tsx';
import { downloadTemplate, importTasks, TASK_LISTS_KEY, TASKS_KEY } from './api.ts';

/** Imports tasks into a list from the Excel template: all rows or none; bad rows are listed and marked. */
export function ImportTasksModal({ list, onClose }: { list: TTaskList; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ImportWorkbookModal
      texts="taskImport"
      title={t('taskImport.title', { list: list.name })}
      onClose={onClose}
      downloadTemplate={downloadTemplate}
      templateName={t('taskImport.templateName')}
      importFile={(file) => importTasks(list.id, file)}
      onImported={() =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
          queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
        ])
      }
      describeResult={(result) => ({
        title: t('taskImport.success', { count: result.imported }),
        hint: t('taskImport.successHint'),
      })}
    />
  );
}

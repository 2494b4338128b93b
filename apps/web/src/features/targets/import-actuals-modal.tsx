import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ImportWorkbookModal } from '../../components/import-workbook-modal.tsx';
import { downloadActualsTemplate, importActuals, refreshTargets } from './api.ts';

/**
 * Imports a month's actuals from the year's workbook (the statistics department's way): all rows or none; a refused
 * workbook comes back with its bad rows marked.
 */
export function ImportActualsModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <ImportWorkbookModal
      texts="targets.import"
      title={t('targets.import.title', { year })}
      onClose={onClose}
      downloadTemplate={() => downloadActualsTemplate(year)}
      templateName={t('targets.import.templateName', { year })}
      importFile={importActuals}
      onImported={() => refreshTargets(queryClient)}
      describeResult={(result) => ({
        title: t('targets.import.success', { count: result.imported }),
        hint: t('targets.import.successHint', { unchanged: result.unchanged, targets: result.targets }),
      })}
    />
  );
}

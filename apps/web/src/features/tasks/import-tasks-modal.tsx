import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { type TTaskImportFailure, type TTaskImportResult, type TTaskList, XLSX_MIME } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { errorText } from '../../app/errors.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { blobFromBase64, saveFile } from '../../components/save-file.ts';
import { downloadTemplate, importTasks, TASK_LISTS_KEY, TASKS_KEY } from './api.ts';

type TImportRejection = Pick<TTaskImportFailure, 'rows'> & Partial<Pick<TTaskImportFailure, 'errorWorkbook'>>;

type TOutcome =
  | { kind: 'imported'; result: TTaskImportResult }
  | { kind: 'rejected'; file: string; rejection: TImportRejection; message: string };

interface TRowError {
  key: string;
  row: number;
  column: string;
  message: string;
}

/** The rejection a 422 answer carries, when it has per-row errors. */
function rejectionOf(error: unknown): TImportRejection | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const body = error.body as Partial<TImportRejection> | undefined;
  return Array.isArray(body?.rows) ? { rows: body.rows, errorWorkbook: body.errorWorkbook } : null;
}

/** Imports tasks into a list from the Excel template: all rows or none; bad rows are listed and marked. */
export function ImportTasksModal({ list, onClose }: { list: TTaskList; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const template = useMutation({
    mutationFn: downloadTemplate,
    onSuccess: ({ blob, filename }) => saveFile(blob, filename ?? t('taskImport.templateName')),
    onError: (error) => report(error),
  });
  const upload = useMutation({
    mutationFn: (file: File) => importTasks(list.id, file),
    onSuccess: async (result) => {
      setOutcome({ kind: 'imported', result });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
      ]);
    },
    onError: (error, file) => {
      const rejection = rejectionOf(error);
      if (rejection) setOutcome({ kind: 'rejected', file: file.name, rejection, message: errorText(error) });
      else report(error);
    },
  });

  const rowErrors: TRowError[] =
    outcome?.kind === 'rejected'
      ? outcome.rejection.rows.flatMap((r) =>
          r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, column: e.column, message: e.message })),
        )
      : [];

  const picker = (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple={false}
      showUploadList={false}
      disabled={upload.isPending}
      beforeUpload={(file) => {
        if (!file.name.toLowerCase().endsWith('.xlsx') && file.type !== XLSX_MIME) {
          void message.error(t('taskImport.wrongType'));
          return Upload.LIST_IGNORE;
        }
        setOutcome(null);
        upload.mutate(file);
        return false;
      }}
      data-testid="import-file"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{upload.isPending ? t('taskImport.importing') : t('taskImport.drop')}</p>
      <p className="ant-upload-hint">{t('taskImport.dropHint')}</p>
    </Upload.Dragger>
  );

  return (
    <Modal
      open
      width={760}
      title={t('taskImport.title', { list: list.name })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      mask={{ closable: false }}
    >
      {outcome?.kind === 'imported' ? (
        <Result
          status="success"
          title={t('taskImport.success', { count: outcome.result.imported })}
          subTitle={t('taskImport.successHint')}
          data-testid="import-result"
        />
      ) : (
        <Flex vertical gap={16}>
          <Flex vertical gap={8}>
            <Typography.Text>1. {t('taskImport.step1')}</Typography.Text>
            <div>
              <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
                {t('taskImport.template')}
              </Button>
            </div>
          </Flex>
          <Flex vertical gap={8}>
            <Typography.Text>2. {t('taskImport.step2')}</Typography.Text>
            {picker}
          </Flex>
          {outcome?.kind === 'rejected' ? (
            <Flex vertical gap={12} data-testid="import-errors">
              <Alert
                type="error"
                showIcon
                title={t('taskImport.failed', { count: outcome.rejection.rows.length })}
                description={t('taskImport.failedHint')}
                action={
                  outcome.rejection.errorWorkbook ? (
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() => {
                        const workbook = outcome.rejection.errorWorkbook ?? '';
                        saveFile(
                          blobFromBase64(workbook, XLSX_MIME),
                          t('taskImport.errorWorkbookName', { file: outcome.file }),
                        );
                      }}
                    >
                      {t('taskImport.errorWorkbook')}
                    </Button>
                  ) : null
                }
              />
              <Table<TRowError>
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ y: 240 }}
                dataSource={rowErrors}
                columns={[
                  { title: t('taskImport.row'), dataIndex: 'row', width: 72 },
                  { title: t('taskImport.column'), dataIndex: 'column', width: 140 },
                  { title: t('taskImport.problem'), dataIndex: 'message' },
                ]}
              />
            </Flex>
          ) : null}
        </Flex>
      )}
    </Modal>
  );
}

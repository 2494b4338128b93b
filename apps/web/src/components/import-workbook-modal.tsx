import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { type TTaskImportFailure, XLSX_MIME } from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type TDownload } from '../app/api-client.ts';
import { useReportError } from '../app/use-report-error.ts';
import { blobFromBase64, saveFile } from './save-file.ts';

/**
 * The i18n groups holding the texts of a workbook import (step1, step2, template, drop, dropHint, wrongType,
 * importing, failed, failedHint, row, column, problem, errorWorkbook, errorWorkbookName): each import words them its
 * own way.
 */
export type TImportTexts = 'taskImport' | 'targets.import';

/** A refused import: the bad rows, and the uploaded workbook with each bad row marked. */
type TImportRejection = Pick<TTaskImportFailure, 'rows'> & Partial<Pick<TTaskImportFailure, 'errorWorkbook'>>;

/** The rejection a 422 answer carries, when it has per-row errors. */
function rejectionOf(error: unknown): TImportRejection | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const body = error.body as Partial<TImportRejection> | undefined;
  return Array.isArray(body?.rows) ? { rows: body.rows, errorWorkbook: body.errorWorkbook } : null;
}

interface TRowError {
  key: string;
  row: number;
  column: string;
  message: string;
}

type TOutcome<TResult> =
  | { kind: 'imported'; result: TResult }
  | { kind: 'rejected'; file: string; rejection: TImportRejection };

/**
 * The dialog of a workbook import: download the template, upload the filled-in workbook; all rows or none, so a
 * refused upload lists its bad rows and gives them back marked in the workbook, and an accepted one says what it did.
 */
export function ImportWorkbookModal<TResult>({
  texts,
  title,
  onClose,
  downloadTemplate,
  templateName,
  importFile,
  onImported,
  describeResult,
}: {
  texts: TImportTexts;
  title: string;
  onClose: () => void;
  downloadTemplate: () => Promise<TDownload>;
  /** The template's file name when the answer names none. */
  templateName: string;
  importFile: (file: File) => Promise<TResult>;
  /** After an accepted import: what to read again. */
  onImported: (result: TResult) => Promise<unknown>;
  /** An accepted import's headline and hint. */
  describeResult: (result: TResult) => { title: string; hint: string };
}) {
  const { t } = useTranslation();
  const report = useReportError();
  const [outcome, setOutcome] = useState<TOutcome<TResult> | null>(null);
  const template = useMutation({
    mutationFn: downloadTemplate,
    onSuccess: ({ blob, filename }) => saveFile(blob, filename ?? templateName),
    onError: (error) => report(error),
  });
  const upload = useMutation({
    mutationFn: importFile,
    onSuccess: async (result) => {
      setOutcome({ kind: 'imported', result });
      await onImported(result);
    },
    onError: (error, file) => {
      const rejection = rejectionOf(error);
      if (rejection) setOutcome({ kind: 'rejected', file: file.name, rejection });
      else report(error);
    },
  });
  const success = outcome?.kind === 'imported' ? describeResult(outcome.result) : null;

  return (
    <Modal
      open
      width={760}
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      mask={{ closable: false }}
    >
      {success ? (
        <Result status="success" title={success.title} subTitle={success.hint} data-testid="import-result" />
      ) : (
        <ImportSteps
          texts={texts}
          isTemplatePending={template.isPending}
          onTemplate={() => template.mutate()}
          isImporting={upload.isPending}
          onFile={(file) => {
            setOutcome(null);
            upload.mutate(file);
          }}
          rejected={outcome?.kind === 'rejected' ? outcome : null}
        />
      )}
    </Modal>
  );
}

/**
 * The steps of a workbook import: 1. download the template, 2. upload the filled-in workbook (an .xlsx only); and,
 * when the last upload was refused, its bad rows with the marked workbook to download.
 */
function ImportSteps({
  texts,
  isTemplatePending,
  onTemplate,
  isImporting,
  onFile,
  rejected,
}: {
  texts: TImportTexts;
  isTemplatePending: boolean;
  onTemplate: () => void;
  isImporting: boolean;
  onFile: (file: File) => void;
  /** The refused upload, by its file name. */
  rejected: { file: string; rejection: TImportRejection } | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={8}>
        <Typography.Text>1. {t(`${texts}.step1`)}</Typography.Text>
        <div>
          <Button icon={<DownloadOutlined />} loading={isTemplatePending} onClick={onTemplate}>
            {t(`${texts}.template`)}
          </Button>
        </div>
      </Flex>
      <Flex vertical gap={8}>
        <Typography.Text>2. {t(`${texts}.step2`)}</Typography.Text>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={isImporting}
          beforeUpload={(file) => {
            if (!file.name.toLowerCase().endsWith('.xlsx') && file.type !== XLSX_MIME) {
              void message.error(t(`${texts}.wrongType`));
              return Upload.LIST_IGNORE;
            }
            onFile(file);
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{isImporting ? t(`${texts}.importing`) : t(`${texts}.drop`)}</p>
          <p className="ant-upload-hint">{t(`${texts}.dropHint`)}</p>
        </Upload.Dragger>
      </Flex>
      {rejected ? <ImportRejection texts={texts} {...rejected} /> : null}
    </Flex>
  );
}

/** A refused import: how many rows are wrong, the marked workbook to download, and each bad cell. */
function ImportRejection({
  texts,
  file,
  rejection,
}: {
  texts: TImportTexts;
  file: string;
  rejection: TImportRejection;
}) {
  const { t } = useTranslation();
  const rowErrors: TRowError[] = rejection.rows.flatMap((r) =>
    r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, column: e.column, message: e.message })),
  );
  return (
    <Flex vertical gap={12} data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={t(`${texts}.failed`, { count: rejection.rows.length })}
        description={t(`${texts}.failedHint`)}
        action={
          rejection.errorWorkbook ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => {
                const workbook = rejection.errorWorkbook ?? '';
                saveFile(blobFromBase64(workbook, XLSX_MIME), t(`${texts}.errorWorkbookName`, { file }));
              }}
            >
              {t(`${texts}.errorWorkbook`)}
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
          { title: t(`${texts}.row`), dataIndex: 'row', width: 72 },
          { title: t(`${texts}.column`), dataIndex: 'column', width: 140 },
          { title: t(`${texts}.problem`), dataIndex: 'message' },
        ]}
      />
    </Flex>
  );
}

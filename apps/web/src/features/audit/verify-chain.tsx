import { PushpinOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { TAuditVerify } from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { anchorAudit, verifyAudit } from './api.ts';

const timeOf = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

/** The "verify the chain" button. */
export function VerifyChainButton({ onVerified }: { onVerified: (result: TAuditVerify & { at: string }) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const verify = useMutation({
    mutationFn: verifyAudit,
    onSuccess: (result) => onVerified({ ...result, at: new Date().toISOString() }),
    onError: (error) => report(error),
  });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      {t('audit.verify')}
    </Button>
  );
}

/** The "anchor now" button: writes the chain's head outside the database, and says where it went. */
export function AnchorChainButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const anchor = useMutation({
    mutationFn: anchorAudit,
    onSuccess: (a) =>
      message.success(
        t('audit.anchored', {
          seq: a.seq,
          time: timeOf(a.at),
          channels: a.channels > 0 ? t('audit.anchoredChannels', { count: a.channels }) : '',
        }),
      ),
    onError: (error) => report(error),
  });
  return (
    <Button icon={<PushpinOutlined />} loading={anchor.isPending} onClick={() => anchor.mutate()}>
      {t('audit.anchor')}
    </Button>
  );
}

/** What the chain shows against its anchor, in a sentence. */
function anchorSentence(t: TFunction, result: TAuditVerify) {
  const a = result.anchor;
  if (!a) return t('audit.anchorNone');
  const values = { seq: a.seq, time: timeOf(a.at), head: result.headSeq };
  if (a.finding === 'shorter') return t('audit.anchorShorter', values);
  if (a.finding === 'diverged') return t('audit.anchorDiverged', values);
  return t('audit.anchorHolds', values);
}

/** What the last verification found: intact, the first broken entry, or a chain its anchor no longer matches. */
export function VerifyChainResult({ result, onClose }: { result: TAuditVerify & { at: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const anchorFailed = result.anchor !== null && result.anchor.finding !== 'holds';
  const title =
    result.firstBrokenId !== undefined
      ? t('audit.verifyBroken', { checked: result.checked, id: result.firstBrokenId })
      : anchorFailed
        ? anchorSentence(t, result)
        : t('audit.verifyOk', { checked: result.checked });
  return (
    <Alert
      data-testid="verify-result"
      type={result.ok ? 'success' : 'error'}
      showIcon
      title={title}
      description={
        <>
          {anchorFailed && result.firstBrokenId === undefined ? null : <div>{anchorSentence(t, result)}</div>}
          <div>{t('audit.verifiedAt', { time: timeOf(result.at) })}</div>
        </>
      }
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
    />
  );
}

import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { TAuditVerify } from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { verifyAudit } from './api.ts';

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

/** What the last verification found: intact, or the first broken entry. */
export function VerifyChainResult({ result, onClose }: { result: TAuditVerify & { at: string }; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="verify-result"
      type={result.ok ? 'success' : 'error'}
      showIcon
      title={
        result.ok
          ? t('audit.verifyOk', { checked: result.checked })
          : t('audit.verifyBroken', { checked: result.checked, id: result.firstBrokenId ?? '?' })
      }
      description={t('audit.verifiedAt', { time: dayjs(result.at).format('YYYY-MM-DD HH:mm:ss') })}
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
    />
  );
}

import type { TPrivilegedResetHalf } from '@duban/domain';
import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** One half of a new administrator password, shown once to the administrator who took that step. */
export function PrivilegedResetHalfModal({ half, onClose }: { half: TPrivilegedResetHalf; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('privilegedResets.halfTitle', {
        position: t(`privilegedResets.positions.${half.position}`),
        username: half.username,
      })}
      okText={t('privilegedResets.halfDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      closable={false}
      maskClosable={false}
      onOk={onClose}
    >
      <Typography.Paragraph
        copyable={false}
        data-testid="privileged-reset-half"
        data-position={half.position}
        style={{
          margin: '8px 0 16px',
          padding: '12px 16px',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 24,
          letterSpacing: 3,
          textAlign: 'center',
          background: '#fafafa',
          border: '1px dashed #d9d9d9',
          borderRadius: 8,
          wordBreak: 'break-all',
        }}
      >
        {half.half}
      </Typography.Paragraph>
      <Alert
        type="warning"
        showIcon
        title={t(half.position === 'first' ? 'privilegedResets.halfHintFirst' : 'privilegedResets.halfHintSecond')}
      />
    </Modal>
  );
}

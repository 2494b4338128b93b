import { type TCreateTokenRequest, TOKEN_ACCESS, zText } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { zodRule } from '../../components/zod-rule.ts';
import { createToken, type TCreatedToken, TOKENS_KEY } from './api.ts';

interface TTokenValues {
  name: string;
  access: TCreateTokenRequest['access'];
  expiresInDays?: number | null;
}

/** Creates a personal API token, then shows its secret this one time. */
export function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TTokenValues>();
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const create = useMutation({
    mutationFn: (v: TTokenValues) =>
      createToken({ name: v.name, access: v.access, expiresInDays: v.expiresInDays ?? undefined }),
    onSuccess: async (token) => {
      setCreated(token);
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => report(error, form),
  });
  if (created) {
    return (
      <Modal
        open
        title={t('tokens.createdTitle')}
        onCancel={onClose}
        onOk={onClose}
        okText={t('common.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('tokens.secretOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          code
          copyable={{ text: created.token, onCopy: () => void message.success(t('tokens.copied')) }}
          style={{ wordBreak: 'break-all', fontSize: 13 }}
          data-testid="token-secret"
        >
          {created.token}
        </Typography.Paragraph>
      </Modal>
    );
  }
  return (
    <Modal
      open
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        name="token"
        layout="vertical"
        initialValues={{ access: 'read' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[
            { required: true, whitespace: true, message: t('tokens.nameRequired') },
            zodRule(zText(60), t('tokens.nameRequired')),
          ]}
        >
          <Input maxLength={60} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="access" label={t('tokens.access')}>
          <Radio.Group options={TOKEN_ACCESS.map((a) => ({ value: a, label: t(`tokens.${a}`) }))} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
          <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} placeholder={t('tokens.never')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

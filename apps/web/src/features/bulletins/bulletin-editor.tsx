import type { TBulletin } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { BULLETINS_KEY, updateBulletin } from './api.ts';

interface TEditorValues {
  title: string;
  foreword?: string;
}

/** The office edits a draft's typed parts: the title and the foreword (按语); the figures are not editable. */
export function BulletinEditor({ bulletin, onClose }: { bulletin: TBulletin; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TEditorValues>();
  const saving = useMutation({
    mutationFn: (values: TEditorValues) =>
      updateBulletin(bulletin.id, { title: values.title.trim(), foreword: values.foreword?.trim() || null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: BULLETINS_KEY });
      void message.success(t('bulletins.done.saved'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      width={720}
      title={t('bulletins.editor.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form<TEditorValues>
        form={form}
        name="bulletinEditor"
        layout="vertical"
        initialValues={{ title: bulletin.title, foreword: bulletin.foreword ?? '' }}
        onFinish={(values) => saving.mutate(values)}
      >
        <Form.Item
          name="title"
          label={t('bulletins.editor.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('bulletins.editor.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="foreword" label={t('bulletins.editor.foreword')} extra={t('bulletins.editor.forewordHint')}>
          <Input.TextArea rows={6} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import type { TOpenCall } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { OPEN_CALLS_KEY, placeBid } from './api.ts';

interface TBidValues {
  plan: string;
  pledge: string;
}

/** Bids (揭榜) on an open call: a plan and a pledge; bids are never withdrawn. */
export function BidModal({ call, onClose }: { call: TOpenCall; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TBidValues>();
  const bid = useMutation({
    mutationFn: (v: TBidValues) => placeBid(call.id, { plan: v.plan.trim(), pledge: v.pledge.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: OPEN_CALLS_KEY });
      void message.success(t('openCalls.bidSent'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      width={640}
      title={t('openCalls.bidTitle', { title: call.taskTitle })}
      okText={t('openCalls.bid')}
      cancelText={t('common.cancel')}
      confirmLoading={bid.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form form={form} name="bid" layout="vertical" onFinish={(v) => bid.mutate(v)}>
        <Form.Item
          name="plan"
          label={t('openCalls.plan')}
          rules={[{ required: true, whitespace: true, message: t('openCalls.planRequired') }]}
        >
          <Input.TextArea rows={6} maxLength={2000} showCount placeholder={t('openCalls.planPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="pledge"
          label={t('openCalls.pledge')}
          rules={[{ required: true, whitespace: true, message: t('openCalls.pledgeRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('openCalls.pledgePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

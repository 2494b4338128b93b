import { CheckOutlined } from '@ant-design/icons';
import type { TWeeklyRollup } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { NEEDS_KEY } from '../inbox/needs.ts';
import { confirmRollup, WEEKLY_REPORTS_KEY, WEEKLY_ROLLUPS_KEY } from './api.ts';

/** The longest annotation the API takes. */
const ANNOTATION_MAX = 1000;

/** The unit head confirms the roll-up, with an optional annotation: the only text anyone types into it. */
export function ConfirmRollupCard({ rollup }: { rollup: TWeeklyRollup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ annotation?: string }>();
  const confirming = useMutation({
    mutationFn: (annotation: string | null) => confirmRollup(rollup.id, annotation),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...WEEKLY_ROLLUPS_KEY, 'one', rollup.id], updated);
      void message.success(t('weeklyRollups.confirm.done'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...WEEKLY_ROLLUPS_KEY, 'list'] }),
        queryClient.invalidateQueries({ queryKey: WEEKLY_REPORTS_KEY }),
        // 待我处理 lists the roll-ups still to confirm.
        queryClient.invalidateQueries({ queryKey: NEEDS_KEY }),
      ]);
    },
    onError: (error) => {
      report(error, form);
      // Confirmed meanwhile (another tab, another device): show it as it is now.
      void queryClient.invalidateQueries({ queryKey: [...WEEKLY_ROLLUPS_KEY, 'one', rollup.id] });
    },
  });
  return (
    <Card size="small" title={t('weeklyRollups.confirm.title')} data-testid="rollup-confirm">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('weeklyRollups.confirm.hint')}
      </Typography.Paragraph>
      <Form
        form={form}
        name="rollupConfirm"
        layout="vertical"
        onFinish={({ annotation }) => confirming.mutate(annotation?.trim() || null)}
      >
        <Form.Item
          name="annotation"
          label={t('weeklyRollups.confirm.annotation')}
          rules={[{ max: ANNOTATION_MAX, message: t('weeklyRollups.confirm.tooLong', { max: ANNOTATION_MAX }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={ANNOTATION_MAX}
            showCount
            placeholder={t('weeklyRollups.confirm.placeholder')}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<CheckOutlined />}
          loading={confirming.isPending}
          block
          data-testid="rollup-confirm-submit"
        >
          {t('weeklyRollups.confirm.submit')}
        </Button>
      </Form>
    </Card>
  );
}

import { type TLightRules, type TSettings, ZLightRules } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { SETTINGS_KEY, saveLightRules } from './api.ts';

type TRule = keyof TLightRules;
type TUnit = 'points' | 'periods' | 'workingDays' | 'percent' | 'days';

/** The thresholds in three groups, each with the unit its number counts. */
const GROUPS: { key: 'red' | 'yellow' | 'ladder'; color: string; rules: [TRule, TUnit][] }[] = [
  {
    key: 'red',
    color: '#cf1322',
    rules: [
      ['redBehindPace', 'points'],
      ['redMissedReports', 'periods'],
    ],
  },
  {
    key: 'yellow',
    color: '#d48806',
    rules: [
      ['yellowBehindPace', 'points'],
      ['yellowMissedReports', 'periods'],
      ['dueSoonWorkingDays', 'workingDays'],
      ['dueSoonProgressBelow', 'percent'],
      ['acknowledgeWorkingDays', 'workingDays'],
    ],
  },
  {
    key: 'ladder',
    color: '#1677ff',
    rules: [
      ['urgeAnswerWorkingDays', 'workingDays'],
      ['supervisionNoticeRedDays', 'days'],
      ['admonishRedDays', 'days'],
    ],
  },
];

const CONFLICT_FIELDS = ['yellowBehindPace', 'yellowMissedReports', 'supervisionNoticeRedDays'] as const;
type TConflictField = (typeof CONFLICT_FIELDS)[number];
const isConflictField = (field: string): field is TConflictField =>
  (CONFLICT_FIELDS as readonly string[]).includes(field);

/** The light thresholds and the escalation ladder's days, each with its meaning in words. */
export function LightRulesCard({ settings }: { settings: TSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ lightRules: TLightRules }>();

  const save = useMutation({
    mutationFn: (rules: TLightRules) => saveLightRules(rules),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      void message.success(t('calendar.rules.saved'));
    },
    onError: (error) => {
      // The server names the threshold that contradicts another: say why on that field.
      const field = error instanceof ApiError ? error.field?.replace(/^lightRules\./, '') : undefined;
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && field && isConflictField(field)) {
        form.setFields([{ name: ['lightRules', field], errors: [t(`calendar.rules.conflicts.${field}`)] }]);
        return;
      }
      report(error, form);
    },
  });

  return (
    <Card size="small" title={t('calendar.rules.title')} data-testid="light-rules-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('calendar.rules.hint')}
      </Typography.Paragraph>
      <Form
        form={form}
        name="lightRules"
        layout="vertical"
        requiredMark={false}
        initialValues={{ lightRules: settings.lightRules }}
        onFinish={(values) => save.mutate(values.lightRules)}
      >
        {GROUPS.map((group) => (
          <div key={group.key} data-testid={`light-rules-${group.key}`}>
            <Typography.Title level={5} style={{ fontSize: 14, margin: '4px 0 8px' }}>
              <span className="duban-light-dot" style={{ background: group.color }} />
              {t(`calendar.rules.groups.${group.key}`)}
            </Typography.Title>
            <Row gutter={16}>
              {group.rules.map(([rule, unit]) => {
                const schema = ZLightRules.shape[rule];
                return (
                  <Col key={rule} xs={24} sm={12}>
                    <Form.Item
                      name={['lightRules', rule]}
                      label={t(`calendar.rules.fields.${rule}.label`)}
                      extra={t(`calendar.rules.fields.${rule}.meaning`)}
                      rules={[{ required: true, message: t('calendar.rules.required') }]}
                      style={{ marginBottom: 16 }}
                    >
                      <InputNumber
                        min={schema.minValue ?? 1}
                        max={schema.maxValue ?? 365}
                        precision={0}
                        suffix={t(`calendar.rules.units.${unit}`)}
                        style={{ width: 180 }}
                        data-testid={`light-rule-${rule}`}
                      />
                    </Form.Item>
                  </Col>
                );
              })}
            </Row>
          </div>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="light-rules-save">
          {t('calendar.rules.save')}
        </Button>
      </Form>
    </Card>
  );
}

import { monthsGone, paceDay, type TActual, type TTarget } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { refreshTargets, reportActual, TARGETS_KEY } from './api.ts';
import { decimalsOf, formatMeasured, monthName, reportableMonths } from './target-format.ts';

interface TReportValues {
  unitId?: string;
  month?: number;
  value?: number | null;
  note?: string;
}

/** The units the caller may report for: the county figure first (when allowed), then their allocations. */
export function reportableUnits(target: TTarget, countyLabel: string): { value: string; label: string }[] {
  const units = target.allocations.filter((a) => a.canReport).map((a) => ({ value: a.unit.id, label: a.unit.name }));
  return target.can.reportCounty ? [{ value: target.unit.id, label: countyLabel }, ...units] : units;
}

/** The month offered first: the last whole month gone (the statistics come in after a month ends), or the first. */
function defaultMonth(year: number, months: number[]): number | undefined {
  const gone = monthsGone(year, paceDay());
  return months.includes(gone) ? gone : months.at(-1);
}

/**
 * Reports one unit's figure for one month (实绩): a liaison for their unit, the statistics department for every unit
 * and the county. Reporting a month again corrects it.
 */
export function ReportActualCard({ target, actuals }: { target: TTarget; actuals: TActual[] | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TReportValues>();
  const countyLabel = t('targets.countyFigure', { unit: target.unit.name });
  const units = reportableUnits(target, countyLabel);
  const months = reportableMonths(target.year);
  const unitId = Form.useWatch('unitId', form);
  const month = Form.useWatch('month', form);
  const [lastSaved, setLastSaved] = useState<{ unit: string; month: number; value: number } | null>(null);
  const onRecord = actuals?.find((a) => a.unit.id === unitId && a.month === month);

  // A month already reported is a correction: its figure is filled in to be changed (and cleared for a new month).
  useEffect(() => {
    form.setFieldValue('value', onRecord ? onRecord.value : null);
  }, [onRecord, form]);

  const save = useMutation({
    mutationFn: (v: TReportValues) =>
      reportActual(target.id, {
        unitId: v.unitId ?? '',
        month: v.month ?? 0,
        value: Number(v.value),
        note: v.note?.trim() || null,
      }),
    onSuccess: async ({ actual, target: relit }) => {
      setLastSaved({
        unit: actual.isCounty ? countyLabel : actual.unit.name,
        month: actual.month,
        value: actual.value,
      });
      form.setFieldsValue({ note: undefined });
      await Promise.all([
        refreshTargets(queryClient, relit),
        queryClient.invalidateQueries({ queryKey: [...TARGETS_KEY, 'actuals', target.id] }),
      ]);
      void message.success(t('targets.report.saved'));
    },
    onError: (error) => report(error, form),
  });

  const hint =
    target.accumulation === 'cumulative'
      ? t('targets.report.cumulativeHint', { month: month ?? '' })
      : t('targets.report.monthlyHint', { month: month ?? '' });
  return (
    <Card size="small" title={t('targets.report.title')} data-testid="report-actual">
      {months.length === 0 ? (
        <Typography.Text type="secondary">{t('targets.report.notYet', { year: target.year })}</Typography.Text>
      ) : (
        <Form
          form={form}
          name="actual"
          layout="vertical"
          initialValues={{
            unitId: units.length === 1 ? units[0]?.value : undefined,
            month: defaultMonth(target.year, months),
          }}
          onFinish={(v) => save.mutate(v)}
          onValuesChange={() => setLastSaved(null)}
        >
          <Form.Item
            name="unitId"
            label={t('targets.report.unit')}
            rules={[{ required: true, message: t('targets.form.required') }]}
          >
            <Select
              options={units}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('targets.report.unitPlaceholder')}
              data-testid="report-unit"
            />
          </Form.Item>
          <Form.Item
            name="month"
            label={t('targets.report.month')}
            rules={[{ required: true, message: t('targets.form.required') }]}
          >
            <Select options={months.map((m) => ({ value: m, label: monthName(m) }))} data-testid="report-month" />
          </Form.Item>
          <Form.Item
            name="value"
            label={t('targets.report.value', { measure: target.measure })}
            extra={hint}
            rules={[{ required: true, message: t('targets.form.required') }]}
          >
            <InputNumber
              min={target.kind === 'rate' ? undefined : 0}
              precision={decimalsOf(target.kind)}
              style={{ width: '100%' }}
              inputMode="decimal"
              data-testid="report-value"
            />
          </Form.Item>
          <Form.Item name="note" label={t('targets.report.note')}>
            <Input maxLength={200} placeholder={t('common.optional')} />
          </Form.Item>
          {onRecord && !lastSaved ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('targets.report.correcting', {
                value: formatMeasured(onRecord.value, target.measure),
                by: onRecord.reportedBy.name,
              })}
              data-testid="report-correcting"
            />
          ) : null}
          {lastSaved ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('targets.report.done', {
                unit: lastSaved.unit,
                month: monthName(lastSaved.month),
                value: formatMeasured(lastSaved.value, target.measure),
              })}
              data-testid="report-done"
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="report-submit">
            {onRecord ? t('targets.report.correct') : t('targets.report.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

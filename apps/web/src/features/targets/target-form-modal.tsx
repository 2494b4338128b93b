import {
  MONTHS_IN_YEAR,
  TARGET_ACCUMULATIONS,
  TARGET_DIRECTIONS,
  TARGET_KINDS,
  type TCreateTarget,
  type TTarget,
  type TTargetAccumulation,
  type TTargetDirection,
  type TTargetKind,
  type TUpdateTarget,
} from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { createTarget, refreshTargets, updateTarget } from './api.ts';
import { targetShownFields } from './target-conflict.ts';
import { decimalsOf, MONTHS, monthName } from './target-format.ts';

interface TTargetValues {
  year: number;
  name: string;
  measure: string;
  kind: TTargetKind;
  direction: TTargetDirection;
  accumulation: TTargetAccumulation;
  total: number;
  reportingUnitId?: string | null;
  note?: string;
  hasPlan: boolean;
  monthlyPlan?: (number | null)[];
}

const initialOf = (target: TTarget | undefined, year: number): Partial<TTargetValues> =>
  target
    ? {
        year: target.year,
        name: target.name,
        measure: target.measure,
        kind: target.kind,
        direction: target.direction,
        accumulation: target.accumulation,
        total: target.total,
        reportingUnitId: target.reportingUnit?.id ?? null,
        note: target.note ?? undefined,
        hasPlan: target.monthlyPlan !== null,
        monthlyPlan: target.monthlyPlan ?? Array(MONTHS_IN_YEAR).fill(null),
      }
    : {
        year,
        kind: 'count',
        direction: 'higher',
        accumulation: 'cumulative',
        hasPlan: false,
        monthlyPlan: Array(MONTHS_IN_YEAR).fill(null),
      };

/** The form's values as the API takes them (the plan only when switched on). */
function bodyOf(v: TTargetValues): TCreateTarget {
  const note = v.note?.trim();
  return {
    year: v.year,
    name: v.name.trim(),
    measure: v.measure.trim(),
    kind: v.kind,
    direction: v.direction,
    accumulation: v.accumulation,
    total: v.total,
    monthlyPlan: v.hasPlan ? (v.monthlyPlan ?? []).map((x) => x ?? 0) : null,
    reportingUnitId: v.reportingUnitId ?? null,
    note: note ? note : null,
  };
}

/** Only what the edit changed: the audit then records the change and nothing else. */
function changesOf(target: TTarget, body: TCreateTarget): TUpdateTarget {
  const before: TUpdateTarget = {
    name: target.name,
    measure: target.measure,
    kind: target.kind,
    direction: target.direction,
    accumulation: target.accumulation,
    total: target.total,
    monthlyPlan: target.monthlyPlan,
    reportingUnitId: target.reportingUnit?.id ?? null,
    note: target.note,
  };
  const after: TUpdateTarget = {
    name: body.name,
    measure: body.measure,
    kind: body.kind,
    direction: body.direction,
    accumulation: body.accumulation,
    total: body.total,
    monthlyPlan: body.monthlyPlan ?? null,
    reportingUnitId: body.reportingUnitId ?? null,
    note: body.note ?? null,
  };
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof TUpdateTarget)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as TUpdateTarget;
}

/** The twelve cumulative planned figures, month by month, with a way to spread the total evenly. */
function MonthlyPlanFields({ kind }: { kind: TTargetKind }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TTargetValues>();
  const precision = decimalsOf(kind);
  const spread = () => {
    const total = Number(form.getFieldValue('total'));
    if (!(total > 0)) {
      void form.validateFields(['total']);
      return;
    }
    const factor = 10 ** precision;
    form.setFieldValue(
      'monthlyPlan',
      MONTHS.map((m) => (m === MONTHS_IN_YEAR ? total : Math.round(((total * m) / MONTHS_IN_YEAR) * factor) / factor)),
    );
    void form.validateFields(MONTHS.map((_, i) => ['monthlyPlan', i]));
  };
  return (
    <Flex vertical gap={8} data-testid="target-plan">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('targets.form.planHint')}
        </Typography.Text>
        <Button size="small" onClick={spread}>
          {t('targets.form.planSpread')}
        </Button>
      </Flex>
      <Row gutter={[8, 0]}>
        {MONTHS.map((month, i) => (
          <Col key={month} xs={12} sm={8} md={6}>
            <Form.Item
              name={['monthlyPlan', i]}
              label={monthName(month)}
              dependencies={i > 0 ? [['monthlyPlan', i - 1], 'total'] : ['total']}
              rules={[
                { required: true, message: t('targets.form.required') },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | null) => {
                    if (value === null || value === undefined) return;
                    const previous = i > 0 ? (getFieldValue(['monthlyPlan', i - 1]) as number | null) : null;
                    if (previous !== null && previous !== undefined && value < previous) {
                      throw new Error(t('targets.form.planDecreasing'));
                    }
                    const total = getFieldValue('total') as number | null;
                    if (month === MONTHS_IN_YEAR && total !== null && total !== undefined && value !== total) {
                      throw new Error(t('targets.form.planYearEnd'));
                    }
                  },
                }),
              ]}
              style={{ marginBottom: 8 }}
            >
              <InputNumber min={0} precision={precision} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

/** Creates a target for a year, or edits one (leaders and supervisors over the target's unit). */
export function TargetFormModal({
  target: loadedTarget,
  year,
  onClose,
  onSaved,
}: {
  target?: TTarget;
  year: number;
  onClose: () => void;
  onSaved?: (target: TTarget) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TTargetValues>();
  // The target as loaded when the edit began, or as reloaded after a conflict: the version the save is made on.
  const [target, setTarget] = useState(loadedTarget);
  const stale = useStaleVersion<TTarget, TUpdateTarget>();
  const kind = Form.useWatch('kind', form) ?? target?.kind ?? 'count';
  const hasPlan = Form.useWatch('hasPlan', form) ?? false;
  const required = { required: true, message: t('targets.form.required') };

  const save = useMutation({
    mutationFn: (v: TTargetValues | { changes: TUpdateTarget; on: TTarget }) => {
      if ('changes' in v) return updateTarget(v.on.id, v.changes, v.on.version);
      const body = bodyOf(v);
      if (!target) return createTarget(body);
      const changes = changesOf(target, body);
      // Nothing changed: nothing to send, and nothing for the audit log.
      return Object.keys(changes).length === 0
        ? Promise.resolve(target)
        : updateTarget(target.id, changes, target.version);
    },
    onSuccess: async (saved) => {
      await refreshTargets(queryClient, saved);
      void message.success(t(target ? 'targets.form.updated' : 'targets.form.created', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    },
    onError: (error, v) => {
      const on = 'changes' in v ? v.on : target;
      const mine = 'changes' in v ? v.changes : on ? changesOf(on, bodyOf(v)) : {};
      if (on && stale.catchStale(error, on, mine)) return;
      report(error, form);
    },
  });
  const conflict = stale.conflict;

  return (
    <Modal
      open
      width={720}
      title={target ? t('targets.form.editTitle', { name: target.name }) : t('targets.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="target"
        layout="vertical"
        initialValues={initialOf(target, year)}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('targets.form.name')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={100} placeholder={t('targets.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t('targets.form.year')} rules={[required]}>
              <InputNumber min={2000} max={2100} precision={0} disabled={Boolean(target)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="total" label={t('targets.form.total')} rules={[required]}>
              <InputNumber
                min={0}
                precision={decimalsOf(kind)}
                style={{ width: '100%' }}
                placeholder={t('targets.form.totalPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="measure" label={t('targets.form.measure')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={10} placeholder={t('targets.form.measurePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('targets.form.kind')} rules={[required]}>
              <Select options={TARGET_KINDS.map((k) => ({ value: k, label: t(`targets.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="direction" label={t('targets.form.direction')} rules={[required]}>
              <Select options={TARGET_DIRECTIONS.map((d) => ({ value: d, label: t(`targets.directions.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="accumulation" label={t('targets.form.accumulation')} rules={[required]}>
              <Select
                options={TARGET_ACCUMULATIONS.map((a) => ({ value: a, label: t(`targets.accumulations.${a}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="reportingUnitId"
              label={t('targets.form.reportingUnit')}
              extra={t('targets.form.reportingUnitHint')}
            >
              <UnitTreeSelect isActiveOnly allowClear placeholder={t('targets.form.reportingUnitNone')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('targets.form.note')}>
              <Input.TextArea rows={2} maxLength={500} placeholder={t('common.optional')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="hasPlan" valuePropName="checked" label={t('targets.form.plan')} style={{ marginBottom: 8 }}>
          <Switch data-testid="target-plan-switch" />
        </Form.Item>
        {hasPlan ? <MonthlyPlanFields kind={kind} /> : null}
      </Form>
      {conflict ? (
        <StaleVersionModal
          changes={changedFields(targetShownFields(t), conflict.loaded, conflict.current)}
          lastChange={conflict.lastChange}
          isReapplying={save.isPending}
          onReload={() => {
            setTarget(conflict.current);
            form.setFieldsValue(initialOf(conflict.current, year));
            void refreshTargets(queryClient, conflict.current);
            stale.clear();
            void message.info(t('conflict.reloaded'));
          }}
          onReapply={() => {
            setTarget(conflict.current);
            stale.clear();
            save.mutate({ changes: conflict.mine, on: conflict.current });
          }}
        />
      ) : null}
    </Modal>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type TSetAllocations, type TTarget, type TUnit, UNIT_CATEGORIES } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Dropdown, Flex, Form, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { useUnits } from '../units/api.ts';
import { refreshTargets, setAllocations } from './api.ts';
import { targetShownFields } from './target-conflict.ts';
import { decimalsOf, formatMeasured } from './target-format.ts';
import { AllocationDifference } from './target-parts.tsx';

interface TAllocationRow {
  unitId?: string;
  amount?: number | null;
}

interface TAllocationValues {
  allocations: TAllocationRow[];
}

/** The units a target may be allocated to: active units under the target's unit (not the unit itself). */
function useAllocatableUnits(target: TTarget): TUnit[] {
  const units = useUnits();
  return useMemo(() => {
    const all = units.data ?? [];
    const children = new Map<string, TUnit[]>();
    for (const unit of all) {
      if (!unit.parentId) continue;
      children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
    }
    const found: TUnit[] = [];
    const walk = (id: string) => {
      for (const child of children.get(id) ?? []) {
        if (child.isActive) found.push(child);
        walk(child.id);
      }
    };
    walk(target.unit.id);
    return found;
  }, [units.data, target.unit.id]);
}

/** Sets the target's allocations all at once (目标分解): units and amounts, with the difference to the total. */
export function AllocationEditorModal({ target, onClose }: { target: TTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TAllocationValues>();
  const units = useAllocatableUnits(target);
  const rows = Form.useWatch('allocations', form) ?? [];
  const chosen = new Set(rows.map((r) => r?.unitId).filter((id): id is string => Boolean(id)));
  const allocated = Math.round(rows.reduce((sum, r) => sum + (Number(r?.amount) || 0), 0) * 100) / 100;

  // Units allocated before but no longer offered (deactivated since) stay choosable for this target.
  const known = new Map(units.map((u) => [u.id, { name: u.name, category: u.category as string }]));
  for (const a of target.allocations) {
    if (!known.has(a.unit.id)) known.set(a.unit.id, { name: a.unit.name, category: a.unit.category });
  }
  const optionsFor = (own: string | undefined) =>
    UNIT_CATEGORIES.map((category) => ({
      label: t(`unitCategories.${category}`),
      title: t(`unitCategories.${category}`),
      options: [...known.entries()]
        .filter(([id, u]) => u.category === category && (id === own || !chosen.has(id)))
        .map(([id, u]) => ({ value: id, label: u.name })),
    })).filter((group) => group.options.length > 0);

  const categoriesLeft = UNIT_CATEGORIES.map((category) => ({
    category,
    units: units.filter((u) => u.category === category && !chosen.has(u.id)),
  })).filter((c) => c.units.length > 0);

  const addCategory = (category: string) => {
    const adding = units.filter((u) => u.category === category && !chosen.has(u.id));
    const kept = rows.filter((r) => r?.unitId || r?.amount);
    form.setFieldValue('allocations', [...kept, ...adding.map((u) => ({ unitId: u.id, amount: null }))]);
  };

  const stale = useStaleVersion<TTarget, TSetAllocations>();
  const save = useMutation({
    mutationFn: (v: { body: TSetAllocations; on: TTarget }) => setAllocations(v.on.id, v.body, v.on.version),
    onSuccess: async (saved) => {
      await refreshTargets(queryClient, saved);
      void message.success(t('targets.allocate.saved', { count: saved.allocationCount }));
      onClose();
    },
    onError: (error, v) => {
      if (!stale.catchStale(error, v.on, v.body)) report(error, form);
    },
  });
  const conflict = stale.conflict;
  const submit = (v: TAllocationValues) =>
    save.mutate({
      body: {
        allocations: (v.allocations ?? []).map((r) => ({ unitId: r.unitId ?? '', amount: Number(r.amount) })),
      },
      on: target,
    });

  const required = { required: true, message: t('targets.form.required') };
  return (
    <Modal
      open
      width={720}
      title={t('targets.allocate.title', { name: target.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('targets.allocate.hint')}</Typography.Text>
        <Flex
          justify="space-between"
          align="center"
          gap={8}
          wrap
          style={{ padding: '8px 12px', background: '#f7f9fc', border: '1px solid #e5e9f0', borderRadius: 6 }}
          data-testid="allocation-sum"
        >
          <Typography.Text>
            {t('targets.allocate.sum', {
              allocated: formatMeasured(allocated, target.measure),
              total: formatMeasured(target.total, target.measure),
            })}
          </Typography.Text>
          <AllocationDifference difference={target.total - allocated} measure={target.measure} />
        </Flex>
        <Form
          form={form}
          name="allocation"
          layout="vertical"
          initialValues={{
            allocations: target.allocations.map((a) => ({ unitId: a.unit.id, amount: a.amount })),
          }}
          onFinish={submit}
        >
          <Form.List name="allocations">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.length > 0 ? (
                  <Row gutter={8} wrap={false}>
                    <Col flex="auto">
                      <Row gutter={8}>
                        <Col span={14}>
                          <Typography.Text type="secondary">{t('targets.allocate.unit')}</Typography.Text>
                        </Col>
                        <Col span={10}>
                          <Typography.Text type="secondary">
                            {t('targets.allocate.amount', { measure: target.measure })}
                          </Typography.Text>
                        </Col>
                      </Row>
                    </Col>
                    <Col flex="32px" />
                  </Row>
                ) : null}
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} wrap={false} align="top" data-testid="allocation-row">
                    <Col flex="auto">
                      <Row gutter={8}>
                        <Col span={14}>
                          <Form.Item name={[field.name, 'unitId']} rules={[required]} style={{ marginBottom: 8 }}>
                            <Select
                              showSearch={{ optionFilterProp: 'label' }}
                              options={optionsFor(rows[field.name]?.unitId)}
                              placeholder={t('targets.allocate.unitPlaceholder')}
                              aria-label={t('targets.allocate.unit')}
                              data-testid="allocation-unit"
                            />
                          </Form.Item>
                        </Col>
                        <Col span={10}>
                          <Form.Item
                            name={[field.name, 'amount']}
                            rules={[
                              required,
                              {
                                validator: async (_rule, value: number | null) => {
                                  if (value !== null && value !== undefined && value <= 0) {
                                    throw new Error(t('targets.allocate.positive'));
                                  }
                                },
                              },
                            ]}
                            style={{ marginBottom: 8 }}
                          >
                            <InputNumber
                              min={0}
                              precision={decimalsOf(target.kind)}
                              style={{ width: '100%' }}
                              aria-label={t('targets.allocate.amount', { measure: target.measure })}
                              data-testid="allocation-amount"
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Col>
                    <Col flex="32px">
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={t('targets.allocate.remove')}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Flex gap={8} wrap>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ amount: null })}
                    data-testid="allocation-add"
                  >
                    {t('targets.allocate.add')}
                  </Button>
                  {categoriesLeft.length > 0 ? (
                    <Dropdown
                      menu={{
                        items: categoriesLeft.map((c) => ({
                          key: c.category,
                          label: t('targets.allocate.addCategory', {
                            category: t(`unitCategories.${c.category}`),
                            count: c.units.length,
                          }),
                        })),
                        onClick: ({ key }) => addCategory(key),
                      }}
                    >
                      <Button>{t('targets.allocate.addMany')}</Button>
                    </Dropdown>
                  ) : null}
                </Flex>
                {fields.length === 0 ? (
                  <Typography.Text type="secondary">{t('targets.allocate.empty')}</Typography.Text>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form>
      </Flex>
      {conflict ? (
        <StaleVersionModal
          changes={changedFields(targetShownFields(t), conflict.loaded, conflict.current)}
          lastChange={conflict.lastChange}
          isReapplying={save.isPending}
          onReload={() => {
            void refreshTargets(queryClient, conflict.current);
            stale.clear();
            onClose();
            void message.info(t('conflict.reloaded'));
          }}
          onReapply={() => {
            stale.clear();
            save.mutate({ body: conflict.mine, on: conflict.current });
          }}
        />
      ) : null}
    </Modal>
  );
}

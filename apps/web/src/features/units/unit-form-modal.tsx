import { type TUnit, type TUnitCategory, UNIT_CATEGORIES, zText } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { zodRule } from '../../components/zod-rule.ts';
import { createUnit, UNITS_KEY, updateUnit } from './api.ts';

interface TUnitValues {
  name: string;
  category: TUnitCategory;
  sortOrder?: number | null;
}

type TUnitFormModalProps = { onClose: () => void; onSaved: (unit: TUnit) => void } & (
  | { mode: 'create'; parent: TUnit }
  | { mode: 'edit'; unit: TUnit }
);

/** Creates a sub-unit under a parent, or renames / re-categorises a unit. */
export function UnitFormModal(props: TUnitFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TUnitValues>();
  const save = useMutation({
    mutationFn: (values: TUnitValues) => {
      const sortOrder = values.sortOrder ?? undefined;
      return props.mode === 'create'
        ? createUnit({ name: values.name, category: values.category, parentId: props.parent.id, sortOrder })
        : updateUnit(props.unit.id, { name: values.name, category: values.category, sortOrder });
    },
    onSuccess: async (unit) => {
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      void message.success(props.mode === 'create' ? t('units.created') : t('units.updated'));
      props.onSaved(unit);
    },
    onError: (error) => report(error, form),
  });
  const initialValues: Partial<TUnitValues> =
    props.mode === 'edit'
      ? { name: props.unit.name, category: props.unit.category, sortOrder: props.unit.sortOrder }
      : { category: props.parent.category === 'county' ? 'department' : props.parent.category };
  return (
    <Modal
      open
      title={
        props.mode === 'create' ? t('units.createChildTitle', { parent: props.parent.name }) : t('units.editTitle')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        name="unit"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        requiredMark="optional"
      >
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            zodRule(zText(100), t('units.nameRequired')),
          ]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('units.category')}
          rules={[{ required: true, message: t('units.categoryRequired') }]}
        >
          <Select options={UNIT_CATEGORIES.map((c) => ({ value: c, label: t(`unitCategories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('units.sortOrder')}>
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            style={{ width: '100%' }}
            placeholder={t('common.optional')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import type { TUnit } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { UNITS_KEY, updateUnit } from './api.ts';
import { UnitTreeSelect } from './unit-tree-select.tsx';

interface TMoveValues {
  parentId: string;
}

/** Moves a unit, with its whole subtree, under another parent; the server refuses a move under itself. */
export function MoveUnitModal({ unit, onClose, onMoved }: { unit: TUnit; onClose: () => void; onMoved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TMoveValues>();
  // Only the unit itself is greyed out; a move under one of its own sub-units is for the server to refuse.
  const disabledIds = useMemo(() => new Set([unit.id]), [unit.id]);
  const move = useMutation({
    mutationFn: (values: TMoveValues) => updateUnit(unit.id, { parentId: values.parentId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      void message.success(t('units.moved'));
      onMoved();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      title={t('units.moveTitle', { name: unit.name })}
      okText={t('units.move')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="info" showIcon title={t('units.moveHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        name="moveUnit"
        layout="vertical"
        initialValues={{ parentId: unit.parentId ?? undefined }}
        onFinish={(values) => move.mutate(values)}
      >
        <Form.Item
          name="parentId"
          label={t('units.parent')}
          rules={[{ required: true, message: t('units.parentRequired') }]}
        >
          <UnitTreeSelect isActiveOnly disabledIds={disabledIds} data-testid="move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

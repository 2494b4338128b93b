import { ROLES, type TCreateGrantRequest, type TRole, type TUser } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { createGrant, grantsKey } from './api.ts';

interface TGrantValues {
  role: TRole;
  unitId: string;
  includeSubtree: boolean;
}

/** Grants a role on a unit, optionally with its subtree (secAdmin). */
export function GrantFormModal({ user, onClose }: { user: TUser; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TGrantValues>();
  const grant = useMutation({
    mutationFn: (values: TCreateGrantRequest) => createGrant(user.id, values),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: grantsKey(user.id) });
      void message.success(t('grants.granted'));
      onClose();
    },
    onError: (error) => report(error, form),
  });
  return (
    <Modal
      open
      title={t('grants.addTitle', { name: user.displayName })}
      okText={t('grants.add')}
      cancelText={t('common.cancel')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        name="grant"
        layout="vertical"
        initialValues={{ unitId: user.unitId, includeSubtree: true }}
        onFinish={(values) => grant.mutate(values)}
      >
        <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('grants.roleRequired') }]}>
          <Select
            data-testid="grant-role"
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            placeholder={t('grants.roleRequired')}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('grants.unit')}
          rules={[{ required: true, message: t('grants.unitRequired') }]}
        >
          <UnitTreeSelect isActiveOnly data-testid="grant-unit" />
        </Form.Item>
        <Form.Item name="includeSubtree" label={t('grants.includeSubtree')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

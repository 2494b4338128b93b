import { type TUser, ZCreateUserRequest, zText, zUsername } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, Modal, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { PasswordInput } from '../../components/password-input.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { createUser, USERS_KEY, updateUser } from './api.ts';

interface TUserValues {
  username: string;
  displayName: string;
  unitId: string;
  title?: string;
  phone?: string;
  email?: string;
  password: string;
}

type TUserFormModalProps = { onClose: () => void; onSaved: (user: TUser) => void } & (
  | { mode: 'create'; defaultUnitId?: string }
  | { mode: 'edit'; user: TUser }
);

/** An empty optional field is sent as null (cleared), not as an empty string. */
const orNull = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Creates an account with an initial password, or edits one (sysAdmin). */
export function UserFormModal(props: TUserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TUserValues>();
  const isCreate = props.mode === 'create';
  const save = useMutation({
    mutationFn: (v: TUserValues) => {
      const common = {
        displayName: v.displayName,
        unitId: v.unitId,
        title: orNull(v.title),
        phone: orNull(v.phone),
        email: orNull(v.email),
      };
      return props.mode === 'create'
        ? createUser({ ...common, username: v.username, password: v.password })
        : updateUser(props.user.id, common);
    },
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(isCreate ? t('users.created', { name: user.displayName }) : t('users.updated'));
      props.onSaved(user);
    },
    onError: (error) => report(error, form),
  });
  const initialValues: Partial<TUserValues> =
    props.mode === 'edit'
      ? {
          displayName: props.user.displayName,
          unitId: props.user.unitId,
          title: props.user.title ?? undefined,
          phone: props.user.phone ?? undefined,
          email: props.user.email ?? undefined,
        }
      : { unitId: props.defaultUnitId };
  const optional = t('common.optional');
  return (
    <Modal
      open
      width={640}
      title={isCreate ? t('users.createTitle') : t('users.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Form form={form} name="user" layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          {isCreate ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="username"
                label={t('users.username')}
                extra={t('users.usernameRule')}
                rules={[
                  { required: true, message: t('users.usernameRequired') },
                  zodRule(zUsername, t('users.usernameInvalid')),
                ]}
              >
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[
                { required: true, whitespace: true, message: t('users.displayNameRequired') },
                zodRule(zText(50), t('users.displayNameRequired')),
              ]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={isCreate ? 24 : 12}>
            <Form.Item
              name="unitId"
              label={t('users.unit')}
              rules={[{ required: true, message: t('users.unitRequired') }]}
            >
              <UnitTreeSelect isActiveOnly data-testid="user-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('users.jobTitle')}>
              <Input maxLength={50} placeholder={optional} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              rules={[zodRule(ZCreateUserRequest.shape.phone, t('users.phoneRule'))]}
            >
              <Input maxLength={20} placeholder={optional} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={isCreate ? 12 : 24}>
            <Form.Item
              name="email"
              label={t('users.email')}
              rules={[zodRule(ZCreateUserRequest.shape.email, t('users.emailRule'))]}
            >
              <Input maxLength={200} placeholder={optional} />
            </Form.Item>
          </Col>
          {isCreate ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label={t('users.initialPassword')}
                rules={[
                  { required: true, message: t('password.newRequired') },
                  { min: 8, message: t('password.tooShort') },
                ]}
              >
                <PasswordInput canGenerate />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        {isCreate ? <Alert type="info" showIcon title={t('users.initialPasswordHint')} /> : null}
      </Form>
    </Modal>
  );
}

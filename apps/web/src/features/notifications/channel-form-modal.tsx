import {
  CHANNEL_KINDS,
  NOTIFICATION_EVENTS,
  SIGNED_KINDS,
  type TChannel,
  type TChannelKind,
  type TNotificationEvent,
  zText,
} from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Radio, Select, Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { zodRule } from '../../components/zod-rule.ts';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { CHANNELS_KEY, createChannel, updateChannel } from './api.ts';
import { useManageableUnits } from './manageable-units.ts';
import { ChannelKindTag } from './notification-tags.tsx';

interface TChannelValues {
  name: string;
  kind: TChannelKind;
  scope: 'county' | 'unit';
  unitId?: string;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  addresses?: string[];
  events: TNotificationEvent[];
  enabled: boolean;
}

const isSigned = (kind: TChannelKind | undefined) => (SIGNED_KINDS as readonly string[]).includes(kind ?? '');

type TChannelFormModalProps = { onClose: () => void } & ({ mode: 'create' } | { mode: 'edit'; channel: TChannel });

/** Adds a channel, or changes one: the fields follow the kind; a secret is written, never shown. */
export function ChannelFormModal(props: TChannelFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const manageable = useManageableUnits();
  const [form] = Form.useForm<TChannelValues>();
  const kind = Form.useWatch('kind', form);
  const scope = Form.useWatch('scope', form);
  const clearSecret = Form.useWatch('clearSecret', form);
  const editing = props.mode === 'edit' ? props.channel : null;

  const save = useMutation({
    mutationFn: (v: TChannelValues) => {
      const isEmail = v.kind === 'email';
      const common = {
        name: v.name,
        unitId: v.scope === 'county' ? null : (v.unitId ?? null),
        events: v.events,
        enabled: v.enabled,
        ...(isEmail ? { addresses: v.addresses ?? [] } : { url: v.url?.trim() ?? null }),
      };
      const secret = v.secret?.trim();
      if (!editing)
        return createChannel({ ...common, kind: v.kind, ...(secret && isSigned(v.kind) ? { secret } : {}) });
      return updateChannel(editing.id, {
        ...common,
        ...(v.clearSecret ? { secret: null } : secret ? { secret } : {}),
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
      void message.success(editing ? t('notifications.updated') : t('notifications.created'));
      props.onClose();
    },
    onError: (error) => report(error, form),
  });

  const initialValues: Partial<TChannelValues> = editing
    ? {
        name: editing.name,
        kind: editing.kind,
        scope: editing.unitId ? 'unit' : 'county',
        ...(editing.unitId ? { unitId: editing.unitId } : {}),
        url: editing.url ?? '',
        addresses: editing.addresses,
        events: editing.events,
        enabled: editing.enabled,
      }
    : {
        kind: 'dingtalk',
        scope: manageable.isCountyManager ? 'county' : 'unit',
        events: ['remind', 'urge', 'supervisionNotice', 'admonish'],
        enabled: true,
      };

  return (
    <Modal
      open
      title={editing ? t('notifications.editTitle', { name: editing.name }) : t('notifications.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={600}
    >
      {manageable.isLoading ? (
        <Skeleton active />
      ) : (
        <Form
          form={form}
          name="channel"
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => save.mutate(values)}
          requiredMark="optional"
        >
          <Form.Item
            name="name"
            label={t('notifications.fields.name')}
            rules={[
              { required: true, whitespace: true, message: t('notifications.nameRequired') },
              zodRule(zText(100), t('notifications.nameRequired')),
            ]}
          >
            <Input maxLength={100} placeholder={t('notifications.namePlaceholder')} autoFocus />
          </Form.Item>
          <Form.Item name="kind" label={t('notifications.fields.kind')} required>
            <Radio.Group disabled={Boolean(editing)} data-testid="channel-kind">
              {CHANNEL_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  {t(`notifications.kinds.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('notifications.fields.unit')} required style={{ marginBottom: 0 }}>
            <Form.Item name="scope" style={{ marginBottom: 8 }}>
              <Radio.Group>
                <Radio value="county" disabled={!manageable.isCountyManager}>
                  {t('notifications.county')}
                </Radio>
                <Radio value="unit">{t('notifications.oneUnit')}</Radio>
              </Radio.Group>
            </Form.Item>
            {scope === 'unit' ? (
              <Form.Item
                name="unitId"
                rules={[{ required: true, message: t('notifications.unitRequired') }]}
                extra={t('notifications.unitHint')}
              >
                <UnitTreeSelect
                  isActiveOnly
                  disabledIds={manageable.outside}
                  placeholder={t('notifications.unitPlaceholder')}
                  data-testid="channel-unit"
                />
              </Form.Item>
            ) : null}
          </Form.Item>
          {kind === 'email' ? (
            <Form.Item
              name="addresses"
              label={t('notifications.fields.addresses')}
              rules={[{ required: true, message: t('notifications.addressesRequired') }]}
              extra={t('notifications.addressesHint')}
            >
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', ';', '；', ' ']}
                placeholder="duchashi@example.gov.cn"
                data-testid="channel-addresses"
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="url"
              label={t('notifications.fields.url')}
              rules={[{ required: true, whitespace: true, message: t('notifications.urlRequired') }]}
              extra={t(`notifications.urlHints.${kind ?? 'dingtalk'}`)}
            >
              <Input
                maxLength={2000}
                placeholder={t(`notifications.urlPlaceholders.${kind ?? 'dingtalk'}`)}
                data-testid="channel-url"
              />
            </Form.Item>
          )}
          {isSigned(kind) ? (
            <>
              <Form.Item
                name="secret"
                label={t('notifications.fields.secret')}
                extra={t(`notifications.secretHints.${kind === 'feishu' ? 'feishu' : 'dingtalk'}`)}
              >
                <Input.Password
                  maxLength={200}
                  autoComplete="new-password"
                  disabled={Boolean(clearSecret)}
                  placeholder={
                    editing?.hasSecret ? t('notifications.secretKeep') : t('notifications.secretPlaceholder')
                  }
                  data-testid="channel-secret"
                />
              </Form.Item>
              {editing?.hasSecret ? (
                <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -12 }}>
                  <Checkbox>{t('notifications.secretClear')}</Checkbox>
                </Form.Item>
              ) : null}
            </>
          ) : null}
          <Form.Item
            name="events"
            label={t('notifications.fields.events')}
            rules={[{ required: true, type: 'array', min: 1, message: t('notifications.eventsRequired') }]}
          >
            <Checkbox.Group
              options={NOTIFICATION_EVENTS.map((e) => ({ value: e, label: t(`notifications.events.${e}`) }))}
            />
          </Form.Item>
          <Form.Item name="enabled" label={t('notifications.fields.enabled')} valuePropName="checked" required>
            <Switch />
          </Form.Item>
          {editing ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <ChannelKindTag kind={editing.kind} /> {t('notifications.kindFixed')}
            </Typography.Text>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}

import { DingtalkOutlined, MailOutlined, RobotOutlined, WechatWorkOutlined } from '@ant-design/icons';
import type { TChannelKind, TDeliveryEvent, TDeliveryState } from '@duban/domain';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const KIND_ICONS: Record<TChannelKind, ReactNode> = {
  dingtalk: <DingtalkOutlined />,
  wecom: <WechatWorkOutlined />,
  // Feishu has no icon in the set: a robot stands for it.
  feishu: <RobotOutlined />,
  email: <MailOutlined />,
};

const KIND_COLORS: Record<TChannelKind, string> = {
  dingtalk: 'blue',
  wecom: 'green',
  feishu: 'cyan',
  email: 'default',
};

const STATE_COLORS: Record<TDeliveryState, string> = { queued: 'processing', sent: 'success', failed: 'error' };

/** A channel's platform, with its icon. */
export function ChannelKindTag({ kind }: { kind: TChannelKind }) {
  const { t } = useTranslation();
  return (
    <Tag icon={KIND_ICONS[kind]} color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`notifications.kinds.${kind}`)}
    </Tag>
  );
}

/** A delivery's state. */
export function DeliveryStateTag({ state }: { state: TDeliveryState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {t(`notifications.states.${state}`)}
    </Tag>
  );
}

/** The events a channel carries, or a delivery's one. */
export function EventTags({ events }: { events: readonly TDeliveryEvent[] }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {events.map((e) => (
        <Tag key={e} variant="filled" style={{ marginInlineEnd: 0 }}>
          {t(`notifications.events.${e}`)}
        </Tag>
      ))}
    </span>
  );
}

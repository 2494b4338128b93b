import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Dropdown, Empty, Flex, Grid, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInbox } from './api.ts';
import { InboxItemRow } from './inbox-item-row.tsx';
import { useInboxActions } from './use-inbox-actions.ts';

/**
 * The header's bell: the unread count, and the newest unread messages in a dropdown — on a phone, where a dropdown
 * would not fit beside the header's other buttons, the inbox page itself.
 */
export function InboxBell() {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const inbox = useInbox({ unread: 'true', page: 1, pageSize: 6 });
  const { markOne, markAll, isMarkingAll } = useInboxActions();
  const unread = inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];
  const bell = (
    <Button
      type="text"
      aria-label={t('inbox.bell')}
      data-testid="inbox-bell"
      data-unread={unread}
      style={{ height: 40, paddingInline: 10 }}
      icon={
        <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  if (screens.sm === false) return <Link to="/inbox">{bell}</Link>;
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      open={isOpen}
      onOpenChange={setOpen}
      popupRender={() => (
        <div className="duban-inbox-popup" data-testid="inbox-popup">
          <Flex justify="space-between" align="center" style={{ padding: '10px 16px' }}>
            <Typography.Text strong>
              {t('inbox.title')}
              {unread > 0 ? (
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                  {t('inbox.unreadCount', { count: unread })}
                </Typography.Text>
              ) : null}
            </Typography.Text>
            {unread > 0 ? (
              <Button type="link" size="small" loading={isMarkingAll} onClick={markAll} style={{ paddingInline: 0 }}>
                {t('inbox.markAllRead')}
              </Button>
            ) : null}
          </Flex>
          <Divider style={{ margin: 0 }} />
          <div style={{ maxHeight: 380, overflowY: 'auto' }}>
            {items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.emptyUnread')} />
            ) : (
              items.map((item) => (
                <InboxItemRow
                  key={item.id}
                  item={item}
                  onOpen={(opened) => {
                    markOne(opened);
                    setOpen(false);
                  }}
                />
              ))
            )}
          </div>
          <Divider style={{ margin: 0 }} />
          <div style={{ textAlign: 'center', padding: 8 }}>
            <Link to="/inbox" onClick={() => setOpen(false)}>
              {t('inbox.viewAll')}
            </Link>
          </div>
        </div>
      )}
    >
      {bell}
    </Dropdown>
  );
}

import type { TInboxItem } from '@duban/domain';
import { Badge, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { inboxKindLabel } from './api.ts';

const OPEN_CALL_KINDS: ReadonlySet<string> = new Set(['callPublished', 'awarded', 'notAwarded']);
/** An instruction, or an answer to it: the task's page opens on its instructions. */
const INSTRUCTION_KINDS: ReadonlySet<string> = new Set(['instruction', 'instructionReply']);

interface TInboxItemRowProps {
  item: TInboxItem;
  onOpen: (item: TInboxItem) => void;
  onMarkRead?: (item: TInboxItem) => void;
}

/** One message: its kind, what it is about (a link that also marks it read), the text and time. */
export function InboxItemRow({ item, onOpen, onMarkRead }: TInboxItemRowProps) {
  const { t } = useTranslation();
  const isUnread = item.readAt === null;
  // Messages about an open call lead to the call (a bidder may not see its task), a published bulletin to the
  // bulletins, an administrator password reset to the resets, an instruction to the task's instructions; the others to
  // their task.
  const target =
    item.kind === 'bulletin'
      ? '/bulletins'
      : item.kind === 'privilegedReset'
        ? '/privileged-resets'
        : OPEN_CALL_KINDS.has(item.kind)
          ? `/open-calls?task=${item.taskId}`
          : INSTRUCTION_KINDS.has(item.kind)
            ? `/tasks/${item.taskId}#instructions`
            : `/tasks/${item.taskId}`;
  const title =
    item.taskId || item.kind === 'bulletin' || item.kind === 'privilegedReset' ? (
      <Link to={target} onClick={() => onOpen(item)}>
        {item.title}
      </Link>
    ) : (
      item.title
    );
  return (
    <Flex gap={10} align="flex-start" className="duban-inbox-item" data-testid="inbox-item">
      <Badge status={isUnread ? 'processing' : 'default'} style={{ marginTop: 6 }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {inboxKindLabel(item.kind)} · {formatDateTime(item.createdAt)}
          </Typography.Text>
          {isUnread && onMarkRead ? (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onMarkRead(item)}>
              {t('inbox.markRead')}
            </Button>
          ) : null}
        </Flex>
        <Typography.Text strong={isUnread} style={{ display: 'block', wordBreak: 'break-word' }}>
          {title}
        </Typography.Text>
        {item.body ? (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2 }}
            style={{ margin: 0, fontSize: 13, wordBreak: 'break-word' }}
          >
            {item.body}
          </Typography.Paragraph>
        ) : null}
      </div>
    </Flex>
  );
}

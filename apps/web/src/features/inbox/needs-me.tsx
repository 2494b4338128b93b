import type { TEscalation } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type TPage } from '../../app/api-client.ts';
import { TASKS_KEY } from '../tasks/api.ts';
import { AnswerModal, EscalationItem } from '../tasks/task-escalations.tsx';

/** What needs the caller: the urge and supervision notices addressed to them and not yet answered, oldest first. */
export function NeedsMe() {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState<TEscalation | null>(null);
  const open = useQuery({
    queryKey: [...TASKS_KEY, 'escalations', 'mine'],
    queryFn: () => api.get<TPage<TEscalation>>('/escalations', { mine: 'true', state: 'open', pageSize: 50 }),
  });
  const items = (open.data?.items ?? []).filter((e) => e.can.answer);
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('inbox.needsMe', { count: items.length })} data-testid="inbox-needs-me">
      <List
        dataSource={items}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Link to={`/tasks/${e.taskId}`}>
                <Typography.Text strong>{e.taskTitle}</Typography.Text>
              </Link>
              <EscalationItem escalation={e} onAnswer={() => setAnswering(e)} />
            </Flex>
          </List.Item>
        )}
      />
      {answering ? <AnswerModal escalation={answering} onClose={() => setAnswering(null)} /> : null}
    </Card>
  );
}

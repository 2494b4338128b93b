import { PlusOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import type { TTaskList } from '@duban/domain';
import { Button, Card, Flex, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AssignListModal } from './assign-list-modal.tsx';
import { ImportTasksModal } from './import-tasks-modal.tsx';
import { TaskListFormModal } from './task-list-form-modal.tsx';
import { taskListLabel } from './task-list-label.ts';

interface TTaskListBarProps {
  lists: TTaskList[];
  isLoading: boolean;
  listId: string | undefined;
  current: TTaskList | undefined;
  canManage: boolean;
  onPick: (listId: string | undefined) => void;
}

/** The list selector above the tasks; for supervisors and leaders also new list, import and assign. */
export function TaskListBar({ lists, isLoading, listId, current, canManage, onPick }: TTaskListBarProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'newList' | 'import' | 'assign' | null>(null);
  const needsList = (button: React.ReactElement) =>
    current ? button : <Tooltip title={t('tasks.pickListFirst')}>{button}</Tooltip>;
  return (
    <Card size="small" data-testid="task-list-bar">
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={8} align="center" wrap style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Typography.Text strong>{t('tasks.list')}</Typography.Text>
          <Select
            value={listId ?? ''}
            onChange={(next: string) => onPick(next || undefined)}
            loading={isLoading}
            options={[
              { value: '', label: t('tasks.allLists') },
              ...lists.map((l) => ({ value: l.id, label: taskListLabel(l) })),
            ]}
            style={{ width: 320, maxWidth: '100%' }}
            aria-label={t('tasks.list')}
            data-testid="task-list-select"
          />
          {current ? (
            <Typography.Text type="secondary" data-testid="task-list-counts">
              {t('tasks.listCounts', { tasks: current.taskCount, drafts: current.draftCount })}
            </Typography.Text>
          ) : null}
        </Flex>
        {canManage ? (
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDialog('newList')}>
              {t('tasks.newList')}
            </Button>
            {needsList(
              <Button icon={<UploadOutlined />} disabled={!current} onClick={() => setDialog('import')}>
                {t('tasks.import')}
              </Button>,
            )}
            {needsList(
              <Button
                type="primary"
                ghost
                icon={<SendOutlined />}
                disabled={!current || current.draftCount === 0}
                onClick={() => setDialog('assign')}
              >
                {current?.draftCount ? t('tasks.assignCount', { count: current.draftCount }) : t('tasks.assign')}
              </Button>,
            )}
          </Flex>
        ) : null}
      </Flex>
      {dialog === 'newList' ? (
        <TaskListFormModal
          onClose={() => setDialog(null)}
          onSaved={(list) => {
            setDialog(null);
            onPick(list.id);
          }}
        />
      ) : null}
      {dialog === 'import' && current ? <ImportTasksModal list={current} onClose={() => setDialog(null)} /> : null}
      {dialog === 'assign' && current ? <AssignListModal list={current} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

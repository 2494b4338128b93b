import type { TTaskList, TTaskSummary } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Modal, Radio, Result, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReportError } from '../../app/use-report-error.ts';
import { assignTaskList, TASK_LISTS_KEY, TASKS_KEY, useTaskPage } from './api.ts';
import { TaskStateTag } from './task-tags.tsx';

/** Assigns (交办) a list: all its draft tasks or the ones chosen, after a confirmation; shows what was assigned. */
export function AssignListModal({ list, onClose }: { list: TTaskList; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<'all' | 'selected'>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [assigned, setAssigned] = useState<TTaskSummary[] | null>(null);
  const drafts = useTaskPage({ listId: list.id, state: 'draft', page: 1, pageSize: 200 });
  const items = drafts.data?.items ?? [];
  const total = drafts.data?.total ?? list.draftCount;
  const assign = useMutation({
    mutationFn: () => assignTaskList(list.id, scope === 'all' ? undefined : selected),
    onSuccess: async (result) => {
      setAssigned(result.items);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
      ]);
    },
    onError: (error) => report(error),
  });
  const canConfirm = total > 0 && (scope === 'all' || selected.length > 0);

  if (assigned) {
    return (
      <Modal
        open
        width={720}
        title={t('taskAssign.title', { list: list.name })}
        onCancel={onClose}
        footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      >
        <Result
          status="success"
          title={t('taskAssign.done', { count: assigned.length })}
          subTitle={t('taskAssign.doneHint')}
          style={{ paddingBlock: 16 }}
          data-testid="assign-result"
        />
        <Table<TTaskSummary>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ y: 240, x: 'max-content' }}
          dataSource={assigned}
          columns={[
            {
              title: t('tasks.taskTitle'),
              dataIndex: 'title',
              render: (_v, task) => (
                <Link to={`/tasks/${task.id}`} onClick={onClose}>
                  {task.title}
                </Link>
              ),
            },
            { title: t('tasks.leadUnit'), dataIndex: 'leadUnitName' },
            { title: t('tasks.state'), dataIndex: 'state', render: (_v, task) => <TaskStateTag state={task.state} /> },
          ]}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={720}
      title={t('taskAssign.title', { list: list.name })}
      okText={t('taskAssign.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !canConfirm }}
      confirmLoading={assign.isPending}
      onOk={() => assign.mutate()}
      onCancel={onClose}
    >
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('taskAssign.intro')} />
        {drafts.isSuccess && total === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('taskAssign.noDrafts')} />
        ) : (
          <>
            <Radio.Group
              value={scope}
              onChange={(e) => setScope(e.target.value as 'all' | 'selected')}
              options={[
                { value: 'all', label: t('taskAssign.all', { count: total }) },
                { value: 'selected', label: t('taskAssign.selected') },
              ]}
            />
            {scope === 'selected' ? (
              <>
                <Typography.Text type={selected.length ? 'secondary' : 'danger'}>
                  {selected.length
                    ? t('taskAssign.selectedCount', { count: selected.length })
                    : t('taskAssign.pickSome')}
                </Typography.Text>
                <Table<TTaskSummary>
                  size="small"
                  rowKey="id"
                  loading={drafts.isFetching}
                  pagination={false}
                  scroll={{ y: 300, x: 'max-content' }}
                  dataSource={items}
                  rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
                  columns={[
                    { title: t('tasks.taskTitle'), dataIndex: 'title' },
                    { title: t('tasks.leadUnit'), dataIndex: 'leadUnitName' },
                    { title: t('tasks.dueDate'), dataIndex: 'dueDate' },
                  ]}
                  data-testid="assign-drafts"
                />
              </>
            ) : null}
          </>
        )}
      </Flex>
    </Modal>
  );
}

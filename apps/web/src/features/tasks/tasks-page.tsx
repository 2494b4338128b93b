import { DownloadOutlined } from '@ant-design/icons';
import type { TTaskSummary } from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, Segmented, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { LightBadge } from '../../components/light-badge.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { saveFile } from '../../components/save-file.ts';
import { exportTasks, useTaskLists, useTaskPage } from './api.ts';
import { TaskCountFilters } from './task-count-filters.tsx';
import { TaskFilterBar } from './task-filter-bar.tsx';
import { DEFAULT_PAGE_SIZE, filtersOf, readTaskQuery } from './task-filters.ts';
import { TaskFormModal } from './task-form-modal.tsx';
import { TaskListBar } from './task-list-bar.tsx';
import { isOverdue, PriorityTag, TaskProgress, TaskStateTag } from './task-tags.tsx';

const PAGE_SIZES = [10, 20, 50, 100];

/** /tasks — the tasks the caller sees, filtered and paged by the server; the filters live in the address. */
export function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  // A cadre who neither runs a unit nor oversees others opens on their own work.
  const isMineByDefault = !hasRole('leader', 'supervisor', 'unitHead', 'liaison');
  const query = useMemo(() => readTaskQuery(params, isMineByDefault), [params, isMineByDefault]);
  const tasks = useTaskPage(query);
  const lists = useTaskLists();
  const [isCreating, setCreating] = useState(false);
  const canManage = hasRole('supervisor', 'leader');
  const currentList = lists.data?.find((l) => l.id === query.listId);

  /** Changes some filters; any filter change goes back to the first page. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const exporting = useMutation({
    mutationFn: () => exportTasks(filtersOf(query)),
    onSuccess: ({ blob, filename }) => {
      saveFile(blob, filename ?? `${currentList?.name ?? t('tasks.title')}.xlsx`);
      void message.success(t('tasks.exported'));
    },
    onError: (error) => report(error),
  });

  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;

  /** On a phone, one column: each task as a small card (title, list, state, progress, due date). */
  const phoneColumns: TableColumnsType<TTaskSummary> = [
    {
      title: t('tasks.taskTitle'),
      key: 'task',
      render: (_v, task) => (
        <Flex vertical gap={4} data-testid="task-card">
          <Link to={`/tasks/${task.id}`} style={{ wordBreak: 'break-word', fontWeight: 500 }}>
            {task.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {task.leadUnitName}
            {query.listId ? '' : ` · ${task.listName}`}
          </Typography.Text>
          <Flex gap={8} align="center" wrap>
            <LightBadge light={task.light} compact />
            <TaskStateTag state={task.state} />
            <TaskProgress percent={task.progress} width={90} />
            <Typography.Text type={isOverdue(task) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('tasks.dueDate')} {task.dueDate}
            </Typography.Text>
          </Flex>
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<TTaskSummary> = [
    {
      title: t('tasks.light'),
      dataIndex: 'light',
      width: 56,
      align: 'center',
      render: (_v, task) => <LightBadge light={task.light} compact />,
    },
    {
      title: t('tasks.taskTitle'),
      dataIndex: 'title',
      render: (_v, task) => (
        <div style={{ minWidth: 160, maxWidth: 420 }}>
          <Link to={`/tasks/${task.id}`} style={{ wordBreak: 'break-word' }}>
            {task.title}
          </Link>
          {query.listId ? null : (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {task.listName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('tasks.state'),
      dataIndex: 'state',
      render: (_v, task) => <TaskStateTag state={task.state} />,
    },
    {
      title: t('tasks.priority'),
      dataIndex: 'priority',
      responsive: ['md'],
      render: (_v, task) => <PriorityTag priority={task.priority} />,
    },
    { title: t('tasks.leadUnit'), dataIndex: 'leadUnitName', responsive: ['md'] },
    {
      title: t('tasks.owner'),
      dataIndex: 'ownerName',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('tasks.dueDate'),
      dataIndex: 'dueDate',
      responsive: ['sm'],
      render: (_v, task) =>
        isOverdue(task) ? (
          <Typography.Text type="danger" title={t('tasks.overdue')}>
            {task.dueDate}
          </Typography.Text>
        ) : (
          task.dueDate
        ),
    },
    {
      title: t('tasks.progress'),
      dataIndex: 'progress',
      render: (_v, task) => <TaskProgress percent={task.progress} width={96} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        subtitle={t('tasks.subtitle')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting.isPending}
              onClick={() => exporting.mutate()}
              data-testid="tasks-export"
            >
              {t('tasks.export')}
            </Button>
            {canManage ? (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="tasks-new">
                {t('tasks.newTask')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={12}>
        <TaskListBar
          lists={lists.data ?? []}
          isLoading={lists.isPending}
          current={currentList}
          listId={query.listId}
          canManage={canManage}
          onPick={(listId) => update({ listId })}
        />
        <Card size="small">
          <Flex vertical gap={8}>
            <Segmented
              value={query.mine === 'true' ? 'mine' : 'all'}
              onChange={(value) =>
                update({
                  mine:
                    value === 'mine' ? (isMineByDefault ? undefined : 'true') : isMineByDefault ? 'false' : undefined,
                })
              }
              options={[
                { value: 'mine', label: t('tasks.mine') },
                { value: 'all', label: t('tasks.allTasks') },
              ]}
              block={isPhone}
              style={isPhone ? undefined : { alignSelf: 'flex-start' }}
              data-testid="tasks-mine"
            />
            <TaskFilterBar query={query} onChange={(changes) => update(changes)} />
            <TaskCountFilters query={query} onChange={(changes) => update(changes)} />
          </Flex>
        </Card>
        {tasks.isError && !tasks.data ? (
          <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <Card size="small">
            <Table<TTaskSummary>
              rowKey="id"
              size="middle"
              columns={isPhone ? phoneColumns : columns}
              showHeader={!isPhone}
              dataSource={tasks.data?.items ?? []}
              loading={tasks.isFetching}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              locale={{ emptyText: t('tasks.empty') }}
              data-testid="tasks-table"
              pagination={{
                current: query.page,
                pageSize: query.pageSize,
                total: tasks.data?.total ?? 0,
                showSizeChanger: !isPhone,
                pageSizeOptions: PAGE_SIZES,
                simple: isPhone,
                showTotal: (total) => t('tasks.count', { total }),
                onChange: (page, pageSize) =>
                  update(
                    {
                      page: page > 1 ? String(page) : undefined,
                      size: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
                    },
                    true,
                  ),
              }}
            />
          </Card>
        )}
      </Flex>
      {isCreating ? (
        <TaskFormModal
          mode="create"
          listId={query.listId}
          onClose={() => setCreating(false)}
          onSaved={(task) => {
            setCreating(false);
            if (task.listId !== query.listId) update({ listId: task.listId });
          }}
        />
      ) : null}
    </>
  );
}

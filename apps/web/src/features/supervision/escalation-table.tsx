import type { TEscalation } from '@duban/domain';
import { Button, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TPage } from '../../app/api-client.ts';
import { formatDateTime } from '../../components/format.ts';
import { LightBadge } from '../../components/light-badge.tsx';
import {
  AnswerLine,
  DueDate,
  EscalationDetail,
  hasDetail,
  lightOf,
  StateText,
  StepTag,
  todayInCounty,
} from './escalation-parts.tsx';

/** What can be done with a row, decided by the page (the caller's roles and the row's `can`). */
export interface TRowActions {
  canUrgeAgain: boolean;
  onUrgeAgain: (e: TEscalation) => void;
  onRecordOutcome: (e: TEscalation) => void;
  onAnswer: (e: TEscalation) => void;
}

interface TEscalationTableProps {
  data: TPage<TEscalation> | undefined;
  isLoading: boolean;
  actions: TRowActions;
  emptyText: string;
  onPage: (page: number, pageSize: number) => void;
}

/** The desk's escalations: age, step, task, lead unit, light, recipients, who raised it, deadline, answer, outcome. */
export function EscalationTable({ data, isLoading, actions, emptyText, onPage }: TEscalationTableProps) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;
  const today = todayInCounty();

  const raisedBy = (e: TEscalation) => (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap' }}>{e.raisedBy?.name ?? t('escalations.origins.auto')}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {formatDateTime(e.raisedAt)}
      </Typography.Text>
    </Flex>
  );

  const rowActions = (e: TEscalation) => (
    <Flex vertical={!isPhone} gap={4} align={isPhone ? 'center' : 'flex-start'} wrap>
      {e.can.answer ? (
        <Button size="small" type="primary" onClick={() => actions.onAnswer(e)} data-testid="escalation-answer">
          {t('escalations.answer')}
        </Button>
      ) : null}
      {actions.canUrgeAgain ? (
        <Button size="small" onClick={() => actions.onUrgeAgain(e)} data-testid="escalation-urge-again">
          {t('supervisionDesk.urgeAgain')}
        </Button>
      ) : null}
      {e.can.recordOutcome ? (
        <Button size="small" onClick={() => actions.onRecordOutcome(e)} data-testid="escalation-record-outcome">
          {t('escalations.recordOutcome')}
        </Button>
      ) : null}
    </Flex>
  );

  const taskLink = (e: TEscalation) => (
    <Link to={`/tasks/${e.taskId}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
      {e.taskTitle}
    </Link>
  );

  const columns: TableColumnsType<TEscalation> = [
    {
      title: t('supervisionDesk.columns.age'),
      key: 'age',
      align: 'right',
      render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{t('escalations.ageDays', { days: e.ageDays })}</span>,
    },
    {
      title: t('supervisionDesk.columns.step'),
      key: 'step',
      render: (_v, e) => (
        <Flex vertical gap={2} align="flex-start">
          <StepTag step={e.step} />
          <StateText escalation={e} />
        </Flex>
      ),
    },
    {
      title: t('supervisionDesk.columns.task'),
      key: 'task',
      render: (_v, e) => <div style={{ minWidth: 160, maxWidth: 240 }}>{taskLink(e)}</div>,
    },
    {
      title: t('supervisionDesk.columns.leadUnit'),
      key: 'leadUnit',
      render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.leadUnitName}</span>,
    },
    {
      title: t('supervisionDesk.columns.light'),
      key: 'light',
      render: (_v, e) => <LightBadge light={lightOf(e.light)} />,
    },
    {
      title: t('supervisionDesk.columns.recipients'),
      key: 'recipients',
      render: (_v, e) => (
        <span style={{ display: 'inline-block', maxWidth: 120 }}>
          {e.recipients.map((r) => r.name).join('、') || '—'}
        </span>
      ),
    },
    { title: t('supervisionDesk.columns.raisedBy'), key: 'raisedBy', render: (_v, e) => raisedBy(e) },
    {
      title: t('supervisionDesk.columns.answerDueOn'),
      key: 'answerDueOn',
      render: (_v, e) => <DueDate escalation={e} today={today} />,
    },
    {
      title: t('supervisionDesk.columns.answer'),
      key: 'answer',
      render: (_v, e) =>
        e.outcome ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: e.outcome }} style={{ margin: 0, maxWidth: 180 }}>
            {t('supervisionDesk.outcomeShort', { outcome: e.outcome })}
          </Typography.Paragraph>
        ) : (
          <AnswerLine escalation={e} />
        ),
    },
    { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_v, e) => rowActions(e) },
  ];

  const phoneColumns: TableColumnsType<TEscalation> = [
    {
      key: 'card',
      render: (_v, e) => (
        <Flex vertical gap={4} data-testid="escalation-card">
          <Flex justify="space-between" align="center" gap={8}>
            <Flex gap={6} align="center">
              <StepTag step={e.step} />
              <StateText escalation={e} />
            </Flex>
            <LightBadge light={lightOf(e.light)} compact />
          </Flex>
          {taskLink(e)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.leadUnitName} · {t('escalations.ageDays', { days: e.ageDays })} ·{' '}
            {e.answerDueOn ? t('escalations.answerBy', { date: e.answerDueOn }) : ''}
          </Typography.Text>
          {rowActions(e)}
        </Flex>
      ),
    },
  ];

  return (
    <Table<TEscalation>
      rowKey="id"
      size="middle"
      columns={isPhone ? phoneColumns : columns}
      showHeader={!isPhone}
      dataSource={data?.items ?? []}
      loading={isLoading}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      expandable={{
        expandedRowRender: (e) => <EscalationDetail escalation={e} />,
        rowExpandable: hasDetail,
      }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: false,
        // The total shows on one page too: the cockpit's figures open this list, and it says it holds as many.
        hideOnSinglePage: (data?.total ?? 0) === 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
      locale={{ emptyText }}
      data-testid="escalations-table"
    />
  );
}

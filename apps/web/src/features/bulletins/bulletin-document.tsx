import {
  BULLETIN_RED_UNITS,
  BULLETIN_TOP_DELAYS,
  isBulletinEmpty,
  issuingOffice,
  type TBulletin,
  type TBulletinAdmonition,
  type TBulletinDelay,
  type TBulletinNotice,
  type TBulletinNoticeCounts,
  type TBulletinRedUnit,
} from '@duban/domain';
import { Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { LightBadge } from '../../components/light-badge.tsx';
import { useDocDate, useIssueLabel } from './bulletin-parts.tsx';
import './bulletin.css';

interface TDocumentProps {
  bulletin: TBulletin;
  /** Task titles link to the tasks (for those who see every task: leaders and supervisors). */
  canOpenTasks: boolean;
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="duban-bulletin-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Paragraph({ children }: { children: ReactNode }) {
  return <p className="duban-bulletin-paragraph">{children}</p>;
}

/** A small bordered table, as a printed document has them. */
function DocTable<T extends object>(props: {
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  data: T[];
  testId: string;
}) {
  return (
    <Table<T>
      className="duban-bulletin-table"
      rowKey={props.rowKey}
      size="small"
      bordered
      pagination={false}
      columns={props.columns}
      dataSource={props.data}
      scroll={{ x: 'max-content' }}
      data-testid={props.testId}
    />
  );
}

function TaskTitle({ id, title, canOpen }: { id: string; title: string; canOpen: boolean }) {
  return canOpen ? <Link to={`/tasks/${id}`}>{title}</Link> : <span>{title}</span>;
}

const nowrap = (text: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

function Overview({ bulletin }: { bulletin: TBulletin }) {
  const { t } = useTranslation();
  const { totals, asOf } = bulletin.content;
  const figure = (label: ReactNode, value: number, key: string) => (
    <div className="duban-bulletin-figure" key={key} data-testid={`bulletin-figure-${key}`}>
      {label}
      <strong>{value}</strong>
    </div>
  );
  const label = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Section title={t('bulletins.doc.sections.overview')} testId="bulletin-overview">
      <Paragraph>
        {t('bulletins.doc.overview', {
          at: formatDateTime(asOf),
          live: totals.live,
          green: totals.green,
          yellow: totals.yellow,
          red: totals.red,
          closed: totals.closedInWeek,
        })}
      </Paragraph>
      <div className="duban-bulletin-figures">
        {figure(label(t('bulletins.doc.figures.live')), totals.live, 'live')}
        {figure(<LightBadge light="green" />, totals.green, 'green')}
        {figure(<LightBadge light="yellow" />, totals.yellow, 'yellow')}
        {figure(<LightBadge light="red" />, totals.red, 'red')}
        {figure(label(t('bulletins.doc.figures.closedInWeek')), totals.closedInWeek, 'closedInWeek')}
      </div>
    </Section>
  );
}

function Delays({ delays, canOpenTasks }: { delays: TBulletinDelay[]; canOpenTasks: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TBulletinDelay> = [
    { title: t('bulletins.doc.delayColumns.rank'), key: 'rank', align: 'center', render: (_v, _d, i) => i + 1 },
    {
      title: t('bulletins.doc.delayColumns.task'),
      key: 'task',
      render: (_v, d) => <TaskTitle id={d.taskId} title={d.title} canOpen={canOpenTasks} />,
    },
    { title: t('bulletins.doc.delayColumns.unit'), key: 'unit', render: (_v, d) => d.leadUnitName },
    { title: t('bulletins.doc.delayColumns.owner'), key: 'owner', render: (_v, d) => d.ownerName ?? '—' },
    {
      title: t('bulletins.doc.delayColumns.daysRed'),
      key: 'daysRed',
      align: 'right',
      render: (_v, d) =>
        nowrap(<Typography.Text type="danger">{t('bulletins.doc.days', { count: d.daysRed })}</Typography.Text>),
    },
    { title: t('bulletins.doc.delayColumns.dueDate'), key: 'due', render: (_v, d) => nowrap(d.dueDate) },
    {
      title: t('bulletins.doc.delayColumns.progress'),
      key: 'progress',
      align: 'right',
      render: (_v, d) => `${d.progress}%`,
    },
    {
      title: t('bulletins.doc.delayColumns.why'),
      key: 'why',
      render: (_v, d) => d.rules.map((r) => t(`bulletins.rules.${r}`)).join('、'),
    },
  ];
  return (
    <Section title={t('bulletins.doc.sections.delays')} testId="bulletin-delays">
      {delays.length === 0 ? (
        <Paragraph>{t('bulletins.doc.noDelays')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('bulletins.doc.delaysIntro', { count: BULLETIN_TOP_DELAYS })}</Paragraph>
          <DocTable rowKey="taskId" columns={columns} data={delays} testId="bulletin-delays-table" />
        </>
      )}
    </Section>
  );
}

function RedUnits({ units }: { units: TBulletinRedUnit[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TBulletinRedUnit> = [
    { title: t('bulletins.doc.unitColumns.rank'), key: 'rank', align: 'center', render: (_v, _u, i) => i + 1 },
    { title: t('bulletins.doc.unitColumns.unit'), key: 'unit', render: (_v, u) => u.unitName },
    {
      title: t('bulletins.doc.unitColumns.red'),
      key: 'red',
      align: 'right',
      render: (_v, u) => <Typography.Text type="danger">{u.red}</Typography.Text>,
    },
    { title: t('bulletins.doc.unitColumns.yellow'), key: 'yellow', align: 'right', render: (_v, u) => u.yellow },
    { title: t('bulletins.doc.unitColumns.total'), key: 'total', align: 'right', render: (_v, u) => u.total },
  ];
  return (
    <Section title={t('bulletins.doc.sections.units')} testId="bulletin-units">
      {units.length === 0 ? (
        <Paragraph>{t('bulletins.doc.noUnits')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('bulletins.doc.unitsIntro', { count: BULLETIN_RED_UNITS })}</Paragraph>
          <DocTable rowKey="unitId" columns={columns} data={units} testId="bulletin-units-table" />
        </>
      )}
    </Section>
  );
}

type TNoticeRow = TBulletinNoticeCounts & { key: string; label: string };

function Notices({ bulletin, canOpenTasks }: { bulletin: TBulletin; canOpenTasks: boolean }) {
  const { t } = useTranslation();
  const { notices } = bulletin.content;
  const rows: TNoticeRow[] = [
    { key: 'urge', label: t('escalations.steps.urge'), ...notices.urge },
    { key: 'supervisionNotice', label: t('escalations.steps.supervisionNotice'), ...notices.supervisionNotice },
    { key: 'total', label: t('bulletins.doc.total'), ...notices.total },
  ];
  const counts: TableColumnsType<TNoticeRow> = [
    { title: t('bulletins.doc.noticeColumns.step'), key: 'step', render: (_v, r) => r.label },
    { title: t('bulletins.doc.noticeColumns.raised'), dataIndex: 'raised', align: 'right' },
    { title: t('bulletins.doc.noticeColumns.onTime'), dataIndex: 'answeredOnTime', align: 'right' },
    { title: t('bulletins.doc.noticeColumns.late'), dataIndex: 'answeredLate', align: 'right' },
    {
      title: t('bulletins.doc.noticeColumns.unanswered'),
      key: 'unanswered',
      align: 'right',
      render: (_v, r) => (
        <Typography.Text type={r.unanswered > 0 ? 'danger' : undefined}>{r.unanswered}</Typography.Text>
      ),
    },
  ];
  const open: TableColumnsType<TBulletinNotice> = [
    {
      title: t('bulletins.doc.unansweredColumns.task'),
      key: 'task',
      render: (_v, n) => <TaskTitle id={n.taskId} title={n.taskTitle} canOpen={canOpenTasks} />,
    },
    { title: t('bulletins.doc.unansweredColumns.unit'), key: 'unit', render: (_v, n) => n.unitName },
    {
      title: t('bulletins.doc.unansweredColumns.step'),
      key: 'step',
      render: (_v, n) => t(`escalations.steps.${n.step}`),
    },
    {
      title: t('bulletins.doc.unansweredColumns.raisedAt'),
      key: 'raisedAt',
      render: (_v, n) => nowrap(formatDateTime(n.raisedAt)),
    },
    {
      title: t('bulletins.doc.unansweredColumns.due'),
      key: 'due',
      render: (_v, n) =>
        nowrap(
          <>
            {n.answerDueOn ?? '—'}
            {n.isOverdue ? (
              <Tag color="red" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                {t('bulletins.doc.overdue')}
              </Tag>
            ) : null}
          </>,
        ),
    },
  ];
  const more = notices.total.unanswered - notices.unanswered.length;
  return (
    <Section title={t('bulletins.doc.sections.notices')} testId="bulletin-notices">
      <Paragraph>
        {t('bulletins.doc.noticesIntro', {
          raised: notices.total.raised,
          onTime: notices.total.answeredOnTime,
          late: notices.total.answeredLate,
          unanswered: notices.total.unanswered,
        })}
      </Paragraph>
      <DocTable rowKey="key" columns={counts} data={rows} testId="bulletin-notice-counts" />
      {notices.unanswered.length > 0 ? (
        <>
          <div className="duban-bulletin-subtitle">{t('bulletins.doc.unansweredTitle')}</div>
          <DocTable rowKey="escalationId" columns={open} data={notices.unanswered} testId="bulletin-unanswered" />
          {more > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('bulletins.doc.moreUnanswered', { count: more })}
            </Typography.Text>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

function Admonitions({ bulletin, canOpenTasks }: { bulletin: TBulletin; canOpenTasks: boolean }) {
  const { t } = useTranslation();
  const { admonitions } = bulletin.content;
  const columns = (time: 'raisedAt' | 'outcomeAt'): TableColumnsType<TBulletinAdmonition> => [
    {
      title: t('bulletins.doc.unansweredColumns.task'),
      key: 'task',
      render: (_v, a) => <TaskTitle id={a.taskId} title={a.taskTitle} canOpen={canOpenTasks} />,
    },
    { title: t('bulletins.doc.unansweredColumns.unit'), key: 'unit', render: (_v, a) => a.unitName },
    {
      title: t('escalations.outcome'),
      key: 'outcome',
      render: (_v, a) =>
        a.outcome ?? <Typography.Text type="secondary">{t('bulletins.doc.outcomePending')}</Typography.Text>,
    },
    {
      title: t(`bulletins.doc.admonitionColumns.${time}`),
      key: 'time',
      render: (_v, a) => nowrap(formatDateTime(a[time])),
    },
  ];
  if (admonitions.flagged === 0 && admonitions.outcomes === 0) {
    return (
      <Section title={t('bulletins.doc.sections.admonitions')} testId="bulletin-admonitions">
        <Paragraph>{t('bulletins.doc.noAdmonitions')}</Paragraph>
      </Section>
    );
  }
  return (
    <Section title={t('bulletins.doc.sections.admonitions')} testId="bulletin-admonitions">
      <Paragraph>
        {t('bulletins.doc.admonitionsIntro', { flagged: admonitions.flagged, outcomes: admonitions.outcomes })}
      </Paragraph>
      {admonitions.flaggedItems.length > 0 ? (
        <>
          <div className="duban-bulletin-subtitle">{t('bulletins.doc.flaggedTitle')}</div>
          <DocTable
            rowKey="escalationId"
            columns={columns('raisedAt')}
            data={admonitions.flaggedItems}
            testId="bulletin-flagged"
          />
        </>
      ) : null}
      {admonitions.outcomeItems.length > 0 ? (
        <>
          <div className="duban-bulletin-subtitle">{t('bulletins.doc.outcomesTitle')}</div>
          <DocTable
            rowKey="escalationId"
            columns={columns('outcomeAt')}
            data={admonitions.outcomeItems}
            testId="bulletin-outcomes"
          />
        </>
      ) : null}
    </Section>
  );
}

/** The bulletin as the county reads and prints it: red masthead, issue, the office's words, then the figures. */
export function BulletinDocument({ bulletin, canOpenTasks }: TDocumentProps) {
  const { t } = useTranslation();
  const issueOf = useIssueLabel();
  const docDate = useDocDate();
  const { content } = bulletin;
  const issuer = t('bulletins.doc.issuer', { office: issuingOffice(content.countyName), county: content.countyName });
  const paragraphs = bulletin.foreword?.split(/\n+/).filter((p) => p.trim()) ?? [];
  return (
    <article className="duban-bulletin-paper" data-testid="bulletin-document">
      {bulletin.state === 'published' ? null : (
        <div className="duban-bulletin-stamp" data-testid="bulletin-stamp">
          {t(`bulletins.doc.stamps.${bulletin.state}`)}
        </div>
      )}
      <div className="duban-bulletin-masthead">{t('bulletins.doc.masthead')}</div>
      <div className="duban-bulletin-issue" data-testid="bulletin-issue">
        {issueOf(bulletin.week)}
      </div>
      <div className="duban-bulletin-issuer">
        <span data-testid="bulletin-issuer">{issuer}</span>
        <span data-testid="bulletin-date">{docDate(bulletin.publishedAt ?? bulletin.generatedAt)}</span>
      </div>
      <div className="duban-bulletin-rule" />
      <h2 className="duban-bulletin-title" data-testid="bulletin-title">
        {bulletin.title}
      </h2>
      <div data-testid="bulletin-foreword">
        {paragraphs.length > 0 ? (
          paragraphs.map((p, i) => (
            // The foreword's paragraphs have no identity but their place.
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order
            <Paragraph key={i}>{p}</Paragraph>
          ))
        ) : bulletin.can.edit ? (
          <p className="duban-bulletin-placeholder duban-no-print">{t('bulletins.doc.noForeword')}</p>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 13 }}>
        {t('bulletins.doc.period', { from: content.from, to: content.to, at: formatDateTime(content.asOf) })}
      </Typography.Paragraph>
      {isBulletinEmpty(content) ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('bulletins.doc.noData', { from: content.from, to: content.to })}
          data-testid="bulletin-no-data"
        />
      ) : (
        <>
          <Overview bulletin={bulletin} />
          <Delays delays={content.topDelays} canOpenTasks={canOpenTasks} />
          <RedUnits units={content.redUnits} />
          <Notices bulletin={bulletin} canOpenTasks={canOpenTasks} />
          <Admonitions bulletin={bulletin} canOpenTasks={canOpenTasks} />
        </>
      )}
      <footer className="duban-bulletin-footer">
        <div>{t('bulletins.doc.distribution')}</div>
        <div>{t('bulletins.doc.footer')}</div>
      </footer>
    </article>
  );
}

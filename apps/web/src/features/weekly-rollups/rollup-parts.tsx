import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import type { TRollupLine, TRollupState, TRollupSummary, TWeeklyRollupSummary } from '@duban/domain';
import { Flex, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';

/** A grid of figures that fills the width: as many columns as fit, at least 96 px each (three on a phone). */
export const FIGURES_STYLE: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(96px, 1fr))',
  gap: 8,
};

/** One figure: its label over its number. */
export const FIGURE_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  padding: '6px 12px',
  background: '#f7f9fc',
  border: '1px solid #e5e9f0',
  borderRadius: 6,
};

/** A list of short lines, indented a little. */
export const LINES_STYLE: CSSProperties = { margin: 0, paddingInlineStart: 18 };

/** The unit head's annotation, set off from the figures. */
export const ANNOTATION_STYLE: CSSProperties = {
  padding: '8px 12px',
  background: '#f0f6ff',
  borderLeft: '3px solid #1f5fa8',
  borderRadius: 4,
};

/** A roll-up's state: awaiting the unit head, or confirmed. */
export function RollupStateTag({ state }: { state: TRollupState }) {
  const { t } = useTranslation();
  return state === 'confirmed' ? (
    <Tag color="success" icon={<CheckCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="rollup-state">
      {t('weeklyRollups.states.confirmed')}
    </Tag>
  ) : (
    <Tag color="warning" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="rollup-state">
      {t('weeklyRollups.states.draft')}
    </Tag>
  );
}

/** A task's progress over the week: start → end, and the change. */
export function ProgressChange({ start, end }: { start: number; end: number }) {
  const delta = end - start;
  return (
    <Flex gap={6} align="center" wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
      <span>
        {start}% → {end}%
      </span>
      <Tag
        color={delta > 0 ? 'green' : delta < 0 ? 'red' : 'default'}
        variant="outlined"
        style={{ marginInlineEnd: 0 }}
      >
        {delta > 0 ? `+${delta}` : delta}
      </Tag>
    </Flex>
  );
}

type TFigureKey = Exclude<keyof TRollupSummary, 'highlights' | 'blockerLines'>;

const FIGURES: { key: TFigureKey; tone?: 'warning' | 'danger' | 'success' }[] = [
  { key: 'tasks' },
  { key: 'updated', tone: 'success' },
  { key: 'notUpdated', tone: 'warning' },
  { key: 'closed' },
  { key: 'milestonesMet', tone: 'success' },
  { key: 'milestonesMissed', tone: 'danger' },
  { key: 'blockers', tone: 'warning' },
];

/** The unit's week in figures: a grid of numbers (on a page), or one wrapping line (in the report). */
export function RollupFigures({ summary, isCompact = false }: { summary: TRollupSummary; isCompact?: boolean }) {
  const { t } = useTranslation();
  if (isCompact) {
    return (
      <Flex gap="4px 16px" wrap data-testid="rollup-figures">
        {FIGURES.map(({ key, tone }) => (
          <span key={key} style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">{t(`weeklyRollups.figures.${key}`)} </Typography.Text>
            <Typography.Text strong type={summary[key] > 0 ? tone : undefined}>
              {summary[key]}
            </Typography.Text>
          </span>
        ))}
      </Flex>
    );
  }
  return (
    <div className="duban-figures" style={FIGURES_STYLE} data-testid="rollup-figures">
      {FIGURES.map(({ key, tone }) => (
        <div key={key} className="duban-figure" style={FIGURE_STYLE}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`weeklyRollups.figures.${key}`)}
          </Typography.Text>
          <Typography.Text
            strong
            type={summary[key] > 0 ? tone : undefined}
            style={{ fontSize: 22, lineHeight: 1.3 }}
            data-testid={`figure-${key}`}
          >
            {summary[key]}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** Highlights or blockers: each line names its task (a link) and what happened. */
export function RollupLines({ lines, emptyText, testId }: { lines: TRollupLine[]; emptyText: string; testId: string }) {
  if (lines.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <ul className="duban-lines" style={LINES_STYLE} data-testid={testId}>
      {lines.map((line) => (
        // A task's blockers are distinct, and it has one highlight: task and text name a line.
        <li key={`${line.taskId}-${line.text}`}>
          <Link to={`/tasks/${line.taskId}`}>{line.title}</Link>
          <Typography.Text>：{line.text}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** Who confirmed the roll-up and when, with the annotation; or that it awaits the unit head. */
export function ConfirmationNote({ rollup }: { rollup: TWeeklyRollupSummary }) {
  const { t } = useTranslation();
  if (rollup.state !== 'confirmed') {
    return <Typography.Text type="secondary">{t('weeklyRollups.confirm.awaiting')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={6} data-testid="rollup-confirmation">
      <Typography.Text>
        {t('weeklyRollups.confirm.confirmedBy', {
          name: rollup.confirmedByName ?? '—',
          at: formatDateTime(rollup.confirmedAt),
        })}
      </Typography.Text>
      {rollup.annotation ? (
        <div className="duban-annotation" style={ANNOTATION_STYLE} data-testid="rollup-annotation">
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('weeklyRollups.confirm.annotation')}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {rollup.annotation}
          </Typography.Text>
        </div>
      ) : null}
    </Flex>
  );
}

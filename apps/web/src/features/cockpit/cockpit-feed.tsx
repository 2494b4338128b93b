import type { TCockpit } from '@duban/domain';
import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { reportPath } from '../weekly-rollups/week-param.ts';
import { useWeekLabel } from '../weekly-rollups/week-picker.tsx';
import { rollupPath, taskPath } from './cockpit-links.ts';

/** The most items a list of the page shows; the week's report and the tasks hold the rest. */
const FEED_ITEMS = 6;

/** The highlights of the latest week's roll-ups: each leads to its task, and its unit to that roll-up. */
export function CockpitHighlights({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const weekLabel = useWeekLabel();
  const { week } = data.rollups;
  const items = data.rollups.items.slice(0, FEED_ITEMS);
  return (
    <Card
      size="small"
      title={week ? t('cockpit.rollups.titleOf', { week: weekLabel(week).name }) : t('cockpit.rollups.title')}
      extra={
        week ? (
          <Link to={reportPath(week, data.unit.isTop ? undefined : data.unit.id)}>{t('cockpit.rollups.report')}</Link>
        ) : null
      }
      data-testid="cockpit-highlights"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.rollups.empty')} />
      ) : (
        <ul className="cockpit-feed">
          {items.map((item) => (
            <li key={`${item.rollupId}-${item.taskId}`} data-testid="cockpit-highlight">
              <div className="cockpit-feed-head">
                <Link to={rollupPath(item.rollupId)} className="cockpit-feed-unit">
                  {item.unitName}
                </Link>
                <Link to={taskPath(item.taskId)} className="cockpit-feed-title" title={item.title}>
                  {item.title}
                </Link>
              </div>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: item.text }} style={{ margin: 0 }}>
                {item.text}
              </Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The latest leaders' instructions (批示), each leading to the task it was given on. */
export function CockpitInstructions({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const instructions = data.instructions.slice(0, FEED_ITEMS);
  return (
    <Card size="small" title={t('cockpit.instructions.title')} data-testid="cockpit-instructions">
      {instructions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.instructions.empty')} />
      ) : (
        <ul className="cockpit-feed">
          {instructions.map((item) => (
            <li key={item.id} data-testid="cockpit-instruction">
              <div className="cockpit-feed-head">
                <Link to={taskPath(item.taskId)} className="cockpit-feed-title" title={item.taskTitle}>
                  {item.taskTitle}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {t('cockpit.instructions.by', { name: item.authorName, at: formatDateTime(item.at) })}
                </Typography.Text>
              </div>
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.text }} style={{ margin: 0 }}>
                {item.text}
              </Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

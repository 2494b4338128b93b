import { ESCALATION_STEPS, type TCockpit } from '@duban/domain';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFigure } from '../../components/format.ts';
import { LIGHT_COLORS } from '../../components/light-badge.tsx';
import { categoryName } from './cockpit-lights.tsx';
import { escalationsPath, ownTasksPath, unitBoardPath, unitTasksPath } from './cockpit-links.ts';

/** A link when the user may open the page it leads to; the plain content otherwise. */
function MaybeLink({ to, children, testId }: { to: string | null; children: ReactNode; testId: string }) {
  return to ? (
    <Link to={to} className="cockpit-tile" data-testid={testId}>
      {children}
    </Link>
  ) : (
    <div className="cockpit-tile" data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * The escalation ladder's open steps: how many wait on someone, how many are overdue, and per rung; each leads to
 * the supervision desk with that view (for those who may open it).
 */
export function CockpitEscalations({ data, canOpenDesk }: { data: TCockpit; canOpenDesk: boolean }) {
  const { t } = useTranslation();
  const { escalations } = data;
  const to = (path: string) => (canOpenDesk ? path : null);
  return (
    <Card
      size="small"
      title={t('cockpit.escalations.title')}
      extra={canOpenDesk ? <Link to={escalationsPath(data.unit)}>{t('cockpit.escalations.desk')}</Link> : null}
      data-testid="cockpit-escalations"
    >
      <Flex vertical gap={8}>
        <div className="cockpit-tiles cockpit-tiles-2">
          <MaybeLink to={to(escalationsPath(data.unit))} testId="cockpit-escalations-open">
            <Typography.Text type="secondary">{t('cockpit.escalations.open')}</Typography.Text>
            <span className="cockpit-big" data-count={escalations.open}>
              {formatFigure(escalations.open)}
            </span>
          </MaybeLink>
          <MaybeLink to={to(escalationsPath(data.unit, { isOverdue: true }))} testId="cockpit-escalations-overdue">
            <Typography.Text type="secondary">{t('cockpit.escalations.overdue')}</Typography.Text>
            <span
              className="cockpit-big"
              style={{ color: escalations.overdue > 0 ? LIGHT_COLORS.red : undefined }}
              data-count={escalations.overdue}
            >
              {formatFigure(escalations.overdue)}
            </span>
          </MaybeLink>
        </div>
        <div className="cockpit-tiles">
          {ESCALATION_STEPS.map((step) => (
            <MaybeLink key={step} to={to(escalationsPath(data.unit, { step }))} testId={`cockpit-escalations-${step}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`escalations.steps.${step}`)}
              </Typography.Text>
              <span className="cockpit-mid" data-count={escalations.byStep[step]}>
                {formatFigure(escalations.byStep[step])}
              </span>
            </MaybeLink>
          ))}
        </div>
      </Flex>
    </Card>
  );
}

/** A red or yellow count of a row, leading to those tasks. */
function RedCount({ light, count, to }: { light: 'red' | 'yellow'; count: number; to: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={to}
      style={{ color: LIGHT_COLORS[light], whiteSpace: 'nowrap' }}
      data-light-count={light}
      data-count={count}
    >
      {t(`cockpit.mostRed.${light}`)} <b>{formatFigure(count)}</b>
    </Link>
  );
}

/**
 * The unit's own red and yellow tasks first (its own work, when it has any), then the child units with most red
 * lights, each leading to the unit on the light board; every count leads to its tasks.
 */
export function CockpitMostRed({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const hasOwn = data.own.red + data.own.yellow > 0;
  return (
    <Card size="small" title={t('cockpit.mostRed.title')} data-testid="cockpit-most-red">
      {data.mostRed.length === 0 && !hasOwn ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.mostRed.empty')} />
      ) : (
        <ol className="cockpit-rank">
          {hasOwn ? (
            <li data-testid="cockpit-own" data-unit-id={data.unit.id}>
              <span className="cockpit-rank-no">·</span>
              <Link
                to={ownTasksPath(data.unit.id, data.own.red > 0 ? 'red' : 'yellow')}
                className="cockpit-rank-name"
                title={data.unit.name}
              >
                {t('cockpit.mostRed.own')}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {data.unit.name}
              </Typography.Text>
              <RedCount light="red" count={data.own.red} to={ownTasksPath(data.unit.id, 'red')} />
              <RedCount light="yellow" count={data.own.yellow} to={ownTasksPath(data.unit.id, 'yellow')} />
            </li>
          ) : null}
          {data.mostRed.map((unit, i) => (
            <li key={unit.unitId} data-testid="cockpit-red-unit" data-unit-id={unit.unitId}>
              <span className="cockpit-rank-no">{i + 1}</span>
              <Link to={unitBoardPath(unit.unitId)} className="cockpit-rank-name" title={unit.unitName}>
                {unit.unitName}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {categoryName(t, unit.category)}
              </Typography.Text>
              <RedCount light="red" count={unit.red} to={unitTasksPath(unit.unitId, 'red')} />
              <RedCount light="yellow" count={unit.yellow} to={unitTasksPath(unit.unitId, 'yellow')} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

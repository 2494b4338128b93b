import { ESCALATION_STEPS, type TCockpit } from '@duban/domain';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LIGHT_COLORS } from '../../components/light-badge.tsx';
import { categoryName } from './cockpit-lights.tsx';
import { escalationsPath, unitBoardPath } from './cockpit-links.ts';

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
              {escalations.open}
            </span>
          </MaybeLink>
          <MaybeLink to={to(escalationsPath(data.unit, { isOverdue: true }))} testId="cockpit-escalations-overdue">
            <Typography.Text type="secondary">{t('cockpit.escalations.overdue')}</Typography.Text>
            <span
              className="cockpit-big"
              style={{ color: escalations.overdue > 0 ? LIGHT_COLORS.red : undefined }}
              data-count={escalations.overdue}
            >
              {escalations.overdue}
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
                {escalations.byStep[step]}
              </span>
            </MaybeLink>
          ))}
        </div>
      </Flex>
    </Card>
  );
}

/** The units with most red lights, each leading to the unit on the light board. */
export function CockpitMostRed({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('cockpit.mostRed.title')} data-testid="cockpit-most-red">
      {data.mostRed.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.mostRed.empty')} />
      ) : (
        <ol className="cockpit-rank">
          {data.mostRed.map((unit, i) => (
            <li key={unit.unitId} data-testid="cockpit-red-unit" data-unit-id={unit.unitId}>
              <span className="cockpit-rank-no">{i + 1}</span>
              <Link to={unitBoardPath(unit.unitId)} className="cockpit-rank-name" title={unit.unitName}>
                {unit.unitName}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {categoryName(t, unit.category)}
              </Typography.Text>
              <span style={{ color: LIGHT_COLORS.red, whiteSpace: 'nowrap' }} data-light-count="red">
                {t('cockpit.mostRed.red')} <b>{unit.red}</b>
              </span>
              <span style={{ color: LIGHT_COLORS.yellow, whiteSpace: 'nowrap' }} data-light-count="yellow">
                {t('cockpit.mostRed.yellow')} <b>{unit.yellow}</b>
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

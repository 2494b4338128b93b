import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { mayOpen } from '../../app/navigation.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { OverseenUnitSelect, useOverseenUnits } from '../units/overseen-units.tsx';
import { useCockpit } from './api.ts';
import { CockpitHighlights, CockpitInstructions } from './cockpit-feed.tsx';
import { CockpitYearSelect } from './cockpit-filters.tsx';
import { CategoryLights, TagLights, TaskLightTiles } from './cockpit-lights.tsx';
import { cockpitPath, useCockpitView } from './cockpit-params.ts';
import { CockpitEscalations, CockpitMostRed } from './cockpit-supervision.tsx';
import { CockpitTargets } from './cockpit-targets.tsx';
import './cockpit.css';

/**
 * /cockpit — the leaders' cockpit (数据驾驶舱): targets against pace, lights by unit category and by tag, open
 * escalations, the units with most red, the week's highlights and the latest instructions, for the caller's scope or
 * a unit in it; every figure leads to its records. A unit head sees it for the unit.
 */
export function CockpitPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, hasRole } = useSession();
  const { view, setView } = useCockpitView();
  const cockpit = useCockpit(view);
  const overseen = useOverseenUnits();
  const data = cockpit.data;
  const roles = me?.roles ?? [];

  return (
    <div className="cockpit-page">
      <PageHeader
        title={t('cockpit.title')}
        subtitle={
          data
            ? `${data.unit.name} · ${t('cockpit.asOf', { day: data.day, at: formatDateTime(data.generatedAt) })}`
            : t('cockpit.subtitle')
        }
        extra={
          <>
            {overseen.ids.size > 1 ? (
              <OverseenUnitSelect
                overseen={overseen}
                value={view.unitId}
                onChange={(unitId) => setView({ ...view, unitId })}
                placeholder={t('cockpit.ownScope')}
                label={t('cockpit.unit')}
                data-testid="cockpit-unit"
              />
            ) : null}
            {data ? <CockpitYearSelect value={data.year} onChange={(year) => setView({ ...view, year })} /> : null}
            <Button
              type="primary"
              icon={<FundProjectionScreenOutlined />}
              onClick={() => navigate(cockpitPath(view, true))}
              data-testid="cockpit-open-wall"
            >
              {t('cockpit.openWall')}
            </Button>
          </>
        }
      />
      {cockpit.isError && (!data || cockpit.isPlaceholderData) ? (
        <LoadError error={cockpit.error} onRetry={() => void cockpit.refetch()} />
      ) : !data ? (
        <Card size="small">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Row
          gutter={[12, 12]}
          data-testid="cockpit"
          data-unit-id={data.unit.id}
          aria-busy={cockpit.isPlaceholderData}
          style={{ opacity: cockpit.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}
        >
          <Col span={24}>
            <CockpitTargets data={data} canManage={hasRole('leader', 'supervisor')} />
          </Col>
          <Col xs={24} lg={12}>
            <TaskLightTiles data={data} />
          </Col>
          <Col xs={24} lg={12}>
            <CockpitEscalations data={data} canOpenDesk={mayOpen(roles, 'supervision')} />
          </Col>
          <Col xs={24} lg={12}>
            <CategoryLights data={data} />
          </Col>
          <Col xs={24} lg={12}>
            <TagLights data={data} />
          </Col>
          <Col xs={24} lg={8}>
            <CockpitMostRed data={data} />
          </Col>
          <Col xs={24} lg={8}>
            <CockpitHighlights data={data} />
          </Col>
          <Col xs={24} lg={8}>
            <CockpitInstructions data={data} />
          </Col>
        </Row>
      )}
    </div>
  );
}

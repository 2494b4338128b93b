import { PACE_LIGHTS, type TCockpit, type TCockpitTarget } from '@duban/domain';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatFigure } from '../../components/format.ts';
import { LIGHT_COLORS, LightBadge } from '../../components/light-badge.tsx';
import { targetPath, targetsPath } from './cockpit-links.ts';
import { PaceGauge } from './pace-gauge.tsx';

/** The share done (or, for a cap, used) in the middle of the gauge. */
export function GaugeCentre({ target, fontSize }: { target: TCockpitTarget; fontSize: number }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" style={{ lineHeight: 1.15 }}>
      <span style={{ fontSize, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{target.doneShare}%</span>
      <span style={{ fontSize: Math.round(fontSize * 0.45), opacity: 0.7 }}>
        {t(target.direction === 'lower' ? 'cockpit.targets.used' : 'cockpit.targets.done')}
      </span>
    </Flex>
  );
}

/** Counts of targets (or allocations) per pace light, each in its colour; `compact` names the lights by one character. */
export function PaceLightCounts({ counts, compact = false }: { counts: TCockpit['targetLights']; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex gap={compact ? 8 : 10} wrap>
      {PACE_LIGHTS.map((light) => (
        <span key={light} data-pace-count={light} style={{ whiteSpace: 'nowrap' }}>
          <span style={{ color: LIGHT_COLORS[light], fontWeight: 600 }}>●</span>{' '}
          {compact
            ? `${t(`lights.short.${light}`)} ${counts[light]}`
            : t('cockpit.targets.lightCount', { light: t(`lights.${light}`), count: counts[light] })}
        </span>
      ))}
    </Flex>
  );
}

/** One target: its gauge, the actual against the yearly figure, the share due by now and its light. */
function TargetTile({ target, showAllocations }: { target: TCockpitTarget; showAllocations: boolean }) {
  const { t } = useTranslation();
  const allocations = target.allocationLights.green + target.allocationLights.yellow + target.allocationLights.red;
  return (
    <Link
      to={targetPath(target.targetId)}
      className="cockpit-target"
      data-testid="cockpit-target"
      data-target-id={target.targetId}
      data-light={target.light}
    >
      <Typography.Text strong ellipsis={{ tooltip: target.name }} style={{ display: 'block' }}>
        {target.name}
      </Typography.Text>
      <Flex align="center" gap={14}>
        <PaceGauge
          doneShare={target.doneShare}
          expectedShare={target.expectedShare}
          light={target.light}
          size={112}
          markerLabel={t('cockpit.targets.expected', { share: target.expectedShare })}
        >
          <GaugeCentre target={target} fontSize={22} />
        </PaceGauge>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('cockpit.targets.actual')}</Typography.Text>
          <span className="cockpit-figure">
            <span
              data-testid="cockpit-target-actual"
              title={target.actual === null ? t('cockpit.targets.notReported') : undefined}
            >
              {target.actual === null ? '—' : formatFigure(target.actual)}
            </span>{' '}
            <small>{target.measure}</small>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cockpit.targets.total')} {formatFigure(target.total)} {target.measure}
          </Typography.Text>
        </Flex>
      </Flex>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {target.paceMonth > 0
            ? `${t('cockpit.targets.expected', { share: target.expectedShare })} · ${t('cockpit.targets.paceMonth', { month: target.paceMonth })}`
            : t('cockpit.targets.paceNotStarted')}
        </Typography.Text>
        <LightBadge light={target.light} />
      </Flex>
      {showAllocations && allocations > 0 ? (
        <Flex gap={8} wrap style={{ fontSize: 12 }} data-testid="cockpit-target-allocations">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cockpit.targets.allocations')}
          </Typography.Text>
          <PaceLightCounts counts={target.allocationLights} compact />
        </Flex>
      ) : null}
    </Link>
  );
}

/** The year's targets against pace: a tile per target, each leading to the target's page. */
export function CockpitTargets({ data, canManage }: { data: TCockpit; canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      title={t('cockpit.targets.title')}
      extra={<Link to={targetsPath(data.year)}>{t('cockpit.targets.all')}</Link>}
      data-testid="cockpit-targets"
    >
      {data.targets.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(data.unit.isTop ? 'cockpit.targets.empty' : 'cockpit.targets.emptyUnit', { year: data.year })}
        >
          {canManage ? (
            <Button type="primary" onClick={() => navigate(targetsPath(data.year))}>
              {t('cockpit.targets.emptyAction')}
            </Button>
          ) : null}
        </Empty>
      ) : (
        <Flex vertical gap={10}>
          <Flex justify="space-between" gap={12} wrap>
            <Typography.Text type="secondary">{t('cockpit.targets.hint')}</Typography.Text>
            <Flex gap={12} wrap data-testid="cockpit-target-lights">
              <Typography.Text>{t('cockpit.targets.summary', { count: data.targets.length })}</Typography.Text>
              <PaceLightCounts counts={data.targetLights} />
            </Flex>
          </Flex>
          <div className="cockpit-target-grid">
            {data.targets.map((target) => (
              <TargetTile key={target.targetId} target={target} showAllocations={data.unit.isTop} />
            ))}
          </div>
        </Flex>
      )}
    </Card>
  );
}

import type { TPaceFigures, TTargetDirection, TTargetSummary } from '@duban/domain';
import { Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIGHT_COLORS } from '../../components/light-badge.tsx';
import { LightCount } from '../lights/light-counts.tsx';
import { formatMeasured, formatShare } from './target-format.ts';

/** The colour of the share done against the share due: what "half the time, half the work" looks like. */
export function PaceBar({
  pace,
  direction,
  width = '100%',
}: {
  pace: TPaceFigures;
  direction: TTargetDirection;
  width?: number | string;
}) {
  const { t } = useTranslation();
  const done = Math.min(100, Math.max(0, pace.doneShare));
  const expected = Math.min(100, Math.max(0, pace.expectedShare));
  const title = t(direction === 'higher' ? 'targets.pace.barTitle' : 'targets.pace.barTitleLower', {
    done: formatShare(pace.doneShare),
    expected: formatShare(pace.expectedShare),
  });
  return (
    <Tooltip title={title}>
      <Flex
        vertical
        gap={2}
        style={{ width, maxWidth: '100%', minWidth: 0 }}
        data-testid="pace-bar"
        data-done={pace.doneShare}
        data-expected={pace.expectedShare}
        aria-label={title}
      >
        <div style={{ position: 'relative', height: 14, display: 'flex', alignItems: 'center' }}>
          <div style={{ width: '100%', height: 8, borderRadius: 4, background: '#f0f0f0', overflow: 'hidden' }}>
            <div style={{ width: `${done}%`, height: '100%', background: LIGHT_COLORS[pace.light] }} />
          </div>
          <div
            data-testid="pace-marker"
            style={{
              position: 'absolute',
              left: `calc(${expected}% - 1px)`,
              top: 0,
              width: 2,
              height: 14,
              background: '#1f2937',
              borderRadius: 1,
            }}
          />
        </div>
        <Flex justify="space-between" gap={8} style={{ fontSize: 12, lineHeight: '16px' }}>
          <Typography.Text strong style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }} data-testid="pace-done">
            {formatShare(pace.doneShare)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t(direction === 'higher' ? 'targets.pace.expectedShort' : 'targets.pace.allowedShort', {
              share: formatShare(pace.expectedShare),
            })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Tooltip>
  );
}

/** What the allocations leave unassigned (or exceed the total by), plainly coloured. */
export function AllocationDifference({ difference, measure }: { difference: number; measure: string }) {
  const { t } = useTranslation();
  const rounded = Math.round(difference * 100) / 100;
  const [text, color] =
    rounded === 0
      ? [t('targets.difference.none'), LIGHT_COLORS.green]
      : rounded > 0
        ? [t('targets.difference.left', { figure: formatMeasured(rounded, measure) }), '#d46b08']
        : [t('targets.difference.over', { figure: formatMeasured(-rounded, measure) }), LIGHT_COLORS.red];
  return (
    <span
      style={{ color, fontSize: 12, whiteSpace: 'nowrap' }}
      data-testid="target-difference"
      data-difference={rounded}
    >
      {text}
    </span>
  );
}

/** How many allocations are red, yellow and green. */
export function AllocationLights({ target }: { target: Pick<TTargetSummary, 'allocationLights' | 'allocationCount'> }) {
  const { t } = useTranslation();
  if (target.allocationCount === 0) {
    return <Typography.Text type="secondary">{t('targets.noAllocations')}</Typography.Text>;
  }
  const { red, yellow, green } = target.allocationLights;
  return (
    <Flex gap={6} align="center" data-testid="allocation-lights">
      <LightCount light="red" count={red} />
      <Typography.Text type="secondary">/</Typography.Text>
      <LightCount light="yellow" count={yellow} />
      <Typography.Text type="secondary">/</Typography.Text>
      <LightCount light="green" count={green} />
    </Flex>
  );
}

import { LIGHTS, type TLight, type TLightCounts } from '@duban/domain';
import { Flex, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFigure } from '../../components/format.ts';
import { LIGHT_COLORS, LightBadge } from '../../components/light-badge.tsx';

/** The order colours are listed and stacked in: the worst first. */
export const BOARD_LIGHTS: readonly TLight[] = ['red', 'yellow', 'green', 'done'];

const sumOf = (counts: TLightCounts): number => LIGHTS.reduce((sum, light) => sum + counts[light], 0);

/** A count in its light's colour, linking to those tasks when there are any; a grey zero otherwise. */
export function LightCount({ light, count, to }: { light: TLight; count: number; to?: string }) {
  const { t } = useTranslation();
  if (count === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  const style: CSSProperties = { color: LIGHT_COLORS[light], fontWeight: 600, fontVariantNumeric: 'tabular-nums' };
  const label = t('lightBoard.countOf', { light: t(`lights.${light}`), count });
  return to ? (
    <Link to={to} style={style} aria-label={label} data-light-count={light} data-count={count}>
      {formatFigure(count)}
    </Link>
  ) : (
    <span style={style} title={label} data-light-count={light}>
      {formatFigure(count)}
    </span>
  );
}

/** How every count of tasks counts, said where the counts are. */
export function CountRule() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }} data-testid="count-rule">
      {t('lightBoard.countRule')}
    </Typography.Text>
  );
}

/** The share of each colour as one stacked bar (red, yellow, green, done), named on hover. */
export function LightShareBar({ counts, width = 140 }: { counts: TLightCounts; width?: number | string }) {
  const { t } = useTranslation();
  const total = sumOf(counts);
  const title = BOARD_LIGHTS.map((light) => `${t(`lights.${light}`)} ${counts[light]}`).join(' · ');
  return (
    <Tooltip title={title}>
      <div
        data-testid="light-share"
        style={{
          display: 'flex',
          width,
          maxWidth: '100%',
          height: 8,
          borderRadius: 4,
          overflow: 'hidden',
          background: '#f0f0f0',
        }}
      >
        {total > 0
          ? BOARD_LIGHTS.filter((light) => counts[light] > 0).map((light) => (
              <div
                key={light}
                style={{ width: `${(counts[light] / total) * 100}%`, background: LIGHT_COLORS[light] }}
              />
            ))
          : null}
      </div>
    </Tooltip>
  );
}

const TILE_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: 2,
  padding: '8px 14px',
  background: '#f7f9fc',
  border: '1px solid #e5e9f0',
  borderRadius: 6,
  minWidth: 0,
};

/** One colour's share of all tasks: a thin filled track and its percentage. */
function ShareOfAll({ light, count, total }: { light: TLight; count: number; total: number }) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <Flex align="center" gap={6}>
      <div style={{ flex: 1, height: 4, borderRadius: 2, background: '#e8e8e8', overflow: 'hidden' }}>
        <div style={{ width: `${percent}%`, height: '100%', background: LIGHT_COLORS[light] }} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
        {t('lightBoard.share', { percent })}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The board's summary: the overall light, then the number of tasks of each colour in big figures, each leading to
 * those tasks when `tasksOf` names them.
 */
export function LightSummary({
  totals,
  light,
  tasksOf,
}: {
  totals: TLightCounts;
  light: TLight | null;
  tasksOf?: (light: TLight) => string;
}) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="light-summary"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(104px, 1fr))', gap: 8 }}
    >
      <div style={TILE_STYLE} data-testid="light-overall">
        <Typography.Text type="secondary">{t('lightBoard.overall')}</Typography.Text>
        <Flex align="center" style={{ minHeight: 38 }}>
          <LightBadge light={light} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('lightBoard.totalTasks', { count: sumOf(totals), figure: formatFigure(sumOf(totals)) })}
        </Typography.Text>
      </div>
      {BOARD_LIGHTS.map((l) => {
        const tile = (
          <>
            <Typography.Text type="secondary">{t(`lights.${l}`)}</Typography.Text>
            <span
              data-total={totals[l]}
              style={{
                fontSize: 30,
                lineHeight: '38px',
                fontWeight: 600,
                fontVariantNumeric: 'tabular-nums',
                color: totals[l] > 0 ? LIGHT_COLORS[l] : '#bfbfbf',
              }}
            >
              {formatFigure(totals[l])}
            </span>
            <ShareOfAll light={l} count={totals[l]} total={sumOf(totals)} />
          </>
        );
        return tasksOf && totals[l] > 0 ? (
          <Link key={l} to={tasksOf(l)} style={{ ...TILE_STYLE, color: 'inherit' }} data-testid={`light-total-${l}`}>
            {tile}
          </Link>
        ) : (
          <div key={l} style={TILE_STYLE} data-testid={`light-total-${l}`}>
            {tile}
          </div>
        );
      })}
    </div>
  );
}

import type { TLight } from '@duban/domain';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The colours of the lights, shared by badges, boards and charts. */
export const LIGHT_COLORS: Record<TLight, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  done: '#8c8c8c',
};

/** A task's or a unit's light as a coloured dot with its name; `compact` shows the dot alone, named on hover. */
export function LightBadge({ light, compact = false }: { light: TLight | null; compact?: boolean }) {
  const { t } = useTranslation();
  const label = light ? t(`lights.${light}`) : t('lights.none');
  const dot = (
    <span
      role="img"
      aria-label={label}
      data-light={light ?? 'none'}
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: '50%',
        background: light ? LIGHT_COLORS[light] : 'transparent',
        border: light ? 'none' : '1px solid #bfbfbf',
        flex: 'none',
      }}
    />
  );
  if (compact) return <Tooltip title={label}>{dot}</Tooltip>;
  return (
    <Tag
      variant="outlined"
      style={{ marginInlineEnd: 0, display: 'inline-flex', alignItems: 'center', gap: 6 }}
      data-light={light ?? 'none'}
    >
      {dot}
      {label}
    </Tag>
  );
}

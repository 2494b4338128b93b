import { type TCockpit, type TCockpitLightGroup, type TLight, UNIT_CATEGORIES } from '@duban/domain';
import { Card, Empty, Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFigure } from '../../components/format.ts';
import { LIGHT_COLORS, LightBadge } from '../../components/light-badge.tsx';
import { BOARD_LIGHTS, CountRule, LightCount, LightShareBar } from '../lights/light-counts.tsx';
import { categoryPath, categoryTasksPath, lightTasksPath, tagBoardPath, tagTasksPath } from './cockpit-links.ts';

/** A unit category's name in the UI language (an unknown one as it is). */
export const categoryName = (t: TFunction, key: string): string => {
  const known = UNIT_CATEGORIES.find((c) => c === key);
  return known ? t(`unitCategories.${known}`) : key;
};

/** Every open task in scope per light, in big figures, each leading to those tasks. */
export function TaskLightTiles({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const total = BOARD_LIGHTS.reduce((sum, light) => sum + data.lights[light], 0);
  return (
    <Card
      size="small"
      title={t('cockpit.tasks.title')}
      extra={
        <Typography.Text type="secondary">
          {t('cockpit.tasks.total', { count: total, figure: formatFigure(total) })}
        </Typography.Text>
      }
      data-testid="cockpit-task-lights"
    >
      <div className="cockpit-tiles">
        {BOARD_LIGHTS.map((light) => (
          <Link
            key={light}
            to={lightTasksPath(data.unit, light)}
            className="cockpit-tile"
            data-testid={`cockpit-lights-${light}`}
          >
            <Typography.Text type="secondary">{t(`lights.${light}`)}</Typography.Text>
            <span
              className="cockpit-big"
              style={{ color: data.lights[light] > 0 ? LIGHT_COLORS[light] : undefined }}
              data-count={data.lights[light]}
            >
              {formatFigure(data.lights[light])}
            </span>
          </Link>
        ))}
      </div>
      <CountRule />
    </Card>
  );
}

interface TGroupRowsProps {
  groups: readonly TCockpitLightGroup[];
  nameOf: (key: string) => string;
  /** Where the group's name leads. */
  pathOf: (key: string) => string;
  /** The tasks a count of the group counts. */
  tasksOf: (key: string, light: TLight) => string;
  testId: string;
}

/** A row per group: its worst light, name, the colours' shares as a bar and the counts, each a link. */
function GroupRows({ groups, nameOf, pathOf, tasksOf, testId }: TGroupRowsProps) {
  return (
    <Flex vertical gap={8}>
      {groups.map((group) => (
        <div key={group.key} className="cockpit-group-row" data-testid={testId} data-key={group.key}>
          <LightBadge light={group.light} compact />
          <Link to={pathOf(group.key)} className="cockpit-group-name" title={nameOf(group.key)}>
            {nameOf(group.key)}
          </Link>
          <LightShareBar counts={group.counts} width="100%" />
          <Flex gap={10} justify="flex-end" className="cockpit-group-counts">
            {BOARD_LIGHTS.filter((light) => light !== 'done').map((light) => (
              <LightCount key={light} light={light} count={group.counts[light]} to={tasksOf(group.key, light)} />
            ))}
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

/** Lights of the open tasks by the lead unit's category, each leading to the light board of that category. */
export function CategoryLights({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('cockpit.byCategory.title')} data-testid="cockpit-categories">
      {data.byCategory.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.byCategory.empty')} />
      ) : (
        <GroupRows
          groups={data.byCategory}
          nameOf={(key) => categoryName(t, key)}
          pathOf={(key) => categoryPath(data.unit, key)}
          tasksOf={(key, light) => categoryTasksPath(data.unit, key, light)}
          testId="cockpit-category"
        />
      )}
    </Card>
  );
}

/** Lights of the open tasks by tag (十件大事…), each leading to the tasks of that tag. */
export function TagLights({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('cockpit.byTag.title')}
      extra={<Link to={tagBoardPath()}>{t('cockpit.byTag.board')}</Link>}
      data-testid="cockpit-tags"
    >
      {data.byTag.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.byTag.empty')} />
      ) : (
        <GroupRows
          groups={data.byTag}
          nameOf={(key) => key}
          pathOf={(key) => tagTasksPath(data.unit, key)}
          tasksOf={(key, light) => tagTasksPath(data.unit, key, light)}
          testId="cockpit-tag"
        />
      )}
    </Card>
  );
}

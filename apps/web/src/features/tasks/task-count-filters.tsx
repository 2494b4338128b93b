import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LightBadge } from '../../components/light-badge.tsx';
import { useUnits } from '../units/api.ts';
import type { TTaskListQuery } from './api.ts';

interface TTaskCountFiltersProps {
  query: TTaskListQuery;
  /** Changes some filters (undefined clears one). */
  onChange: (changes: Record<string, string | undefined>) => void;
}

/**
 * The filters a count's link sets — the lead unit, its category, the light, sub-tasks included — shown as tags that
 * each clear their filter, so whoever arrives from a count sees which tasks the list holds and why.
 */
export function TaskCountFilters({ query, onChange }: TTaskCountFiltersProps) {
  const { t } = useTranslation();
  const units = useUnits();
  const isShown = Boolean(query.ledBy || query.leadUnitId || query.includeSubtasks === 'true');
  if (!isShown) return null;
  const nameOf = (id: string) => units.data?.find((u) => u.id === id)?.name ?? '…';
  const clear = (changes: Record<string, undefined>) => () => onChange(changes);
  return (
    <Flex gap={6} align="center" wrap data-testid="task-count-filters">
      <Typography.Text type="secondary">{t('tasks.countFilters.title')}</Typography.Text>
      {query.ledBy ? (
        <Tag
          closable
          onClose={clear({ ledBy: undefined, ledByCategory: undefined })}
          color="blue"
          data-testid="count-filter-ledBy"
        >
          {t('tasks.countFilters.ledBy', { unit: nameOf(query.ledBy) })}
        </Tag>
      ) : null}
      {query.ledBy && query.ledByCategory ? (
        <Tag closable onClose={clear({ ledByCategory: undefined })} color="blue" data-testid="count-filter-category">
          {t('tasks.countFilters.category', { category: t(`unitCategories.${query.ledByCategory}`) })}
        </Tag>
      ) : null}
      {query.leadUnitId ? (
        <Tag closable onClose={clear({ leadUnitId: undefined })} color="blue" data-testid="count-filter-leadUnitId">
          {t('tasks.countFilters.leadUnit', { unit: nameOf(query.leadUnitId) })}
        </Tag>
      ) : null}
      {query.light ? (
        <Tag closable onClose={clear({ light: undefined })} data-testid="count-filter-light">
          <Flex gap={4} align="center" style={{ display: 'inline-flex' }}>
            <LightBadge light={query.light} compact />
            {t(`lights.${query.light}`)}
          </Flex>
        </Tag>
      ) : null}
      {query.includeSubtasks === 'true' ? (
        <Tag closable onClose={clear({ includeSubtasks: undefined })} data-testid="count-filter-subtasks">
          {t('tasks.countFilters.subtasks')}
        </Tag>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('lightBoard.countRule')}
      </Typography.Text>
    </Flex>
  );
}

import { FilterOutlined } from '@ant-design/icons';
import { FRONT_LINES, LIGHTS, TASK_SOURCES, TASK_STATES } from '@duban/domain';
import { Badge, Button, Col, DatePicker, Flex, Grid, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LightBadge } from '../../components/light-badge.tsx';
import { UnitTreeSelect } from '../units/unit-tree-select.tsx';
import type { TTaskListQuery } from './api.ts';
import { hasFilters } from './task-filters.ts';

interface TTaskFilterBarProps {
  query: TTaskListQuery;
  /** Changes some filters (undefined or '' clears one). */
  onChange: (changes: Record<string, string | undefined>) => void;
}

/** The task list's filters: state, unit (its subtree), tag, front line, source, due range, text. */
export function TaskFilterBar({ query, onChange }: TTaskFilterBarProps) {
  const { t } = useTranslation();
  const enumOptions = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as 'priorities.normal') }));
  const full = { width: '100%' };
  const screens = Grid.useBreakpoint();
  const isPhone = screens.sm === false;
  const [isExpanded, setExpanded] = useState(false);
  // On a phone only the text search shows until "more filters" opens the rest.
  const isShown = !isPhone || isExpanded;
  const hidden = isShown ? undefined : { display: 'none' };
  const moreCount = Object.entries(query).filter(
    ([key, value]) => value !== undefined && !['listId', 'q', 'mine', 'page', 'pageSize'].includes(key),
  ).length;
  return (
    <Row gutter={[8, 8]} align="middle" data-testid="task-filters">
      <Col xs={12} sm={8} lg={6} xl={3} style={hidden}>
        <Select
          value={query.state}
          onChange={(state: string | undefined) => onChange({ state })}
          options={enumOptions(TASK_STATES, 'taskStates')}
          placeholder={t('tasks.state')}
          allowClear
          style={full}
          aria-label={t('tasks.state')}
          data-testid="filter-state"
        />
      </Col>
      <Col xs={12} sm={8} lg={6} xl={3} style={hidden}>
        <Select
          value={query.light}
          onChange={(light: string | undefined) => onChange({ light })}
          options={LIGHTS.map((light) => ({
            value: light,
            label: (
              <Flex gap={6} align="center">
                <LightBadge light={light} compact />
                {t(`lights.${light}`)}
              </Flex>
            ),
          }))}
          placeholder={t('tasks.light')}
          allowClear
          style={full}
          aria-label={t('tasks.light')}
          data-testid="filter-light"
        />
      </Col>
      <Col xs={12} sm={16} lg={6} xl={5} style={hidden}>
        <UnitTreeSelect
          value={query.unitId}
          onChange={(unitId) => onChange({ unitId })}
          placeholder={t('tasks.unit')}
          allowClear
          style={full}
          data-testid="filter-unit"
        />
      </Col>
      <Col xs={12} sm={8} lg={6} xl={3} style={hidden}>
        <Input
          key={`tag-${query.tag ?? ''}`}
          defaultValue={query.tag}
          placeholder={t('tasks.tag')}
          allowClear
          maxLength={30}
          style={full}
          onPressEnter={(e) => onChange({ tag: e.currentTarget.value.trim() })}
          onBlur={(e) => {
            if (e.currentTarget.value.trim() !== (query.tag ?? '')) onChange({ tag: e.currentTarget.value.trim() });
          }}
          onClear={() => onChange({ tag: undefined })}
          aria-label={t('tasks.tag')}
          data-testid="filter-tag"
        />
      </Col>
      <Col xs={12} sm={8} lg={6} xl={3} style={hidden}>
        <Select
          value={query.frontLine}
          onChange={(frontLine: string | undefined) => onChange({ frontLine })}
          options={enumOptions(FRONT_LINES, 'frontLines')}
          placeholder={t('tasks.frontLine')}
          allowClear
          style={full}
          aria-label={t('tasks.frontLine')}
        />
      </Col>
      <Col xs={12} sm={8} lg={6} xl={3} style={hidden}>
        <Select
          value={query.source}
          onChange={(source: string | undefined) => onChange({ source })}
          options={enumOptions(TASK_SOURCES, 'taskSources')}
          placeholder={t('tasks.source')}
          allowClear
          style={full}
          aria-label={t('tasks.source')}
        />
      </Col>
      <Col xs={24} sm={12} lg={8} xl={7} style={hidden}>
        <DatePicker.RangePicker
          value={[query.dueFrom ? dayjs(query.dueFrom) : null, query.dueTo ? dayjs(query.dueTo) : null]}
          onChange={(range) =>
            onChange({ dueFrom: range?.[0]?.format('YYYY-MM-DD'), dueTo: range?.[1]?.format('YYYY-MM-DD') })
          }
          allowEmpty={[true, true]}
          placeholder={[t('tasks.dueFrom'), t('tasks.dueTo')]}
          style={full}
          aria-label={t('tasks.dueRange')}
        />
      </Col>
      <Col xs={24} sm={12} lg={8} xl={8}>
        <Input.Search
          key={`q-${query.q ?? ''}`}
          defaultValue={query.q}
          placeholder={t('tasks.search')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(q) => onChange({ q: q.trim() })}
          style={full}
          data-testid="filter-q"
        />
      </Col>
      {isPhone ? (
        <Col xs={24}>
          <Badge count={moreCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setExpanded(!isExpanded)} data-testid="filter-more">
              {t('tasks.moreFilters')}
            </Button>
          </Badge>
        </Col>
      ) : null}
      {hasFilters(query) ? (
        <Col>
          <Button
            type="link"
            onClick={() =>
              onChange({
                state: undefined,
                light: undefined,
                leadLeaderId: undefined,
                unitId: undefined,
                ledBy: undefined,
                leadUnitId: undefined,
                ledByCategory: undefined,
                includeSubtasks: undefined,
                tag: undefined,
                frontLine: undefined,
                source: undefined,
                dueFrom: undefined,
                dueTo: undefined,
                q: undefined,
              })
            }
          >
            {t('tasks.clearFilters')}
          </Button>
        </Col>
      ) : null}
    </Row>
  );
}

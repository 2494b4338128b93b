import type { TTaskSummary } from '@duban/domain';
import { Flex, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { LightBadge } from '../../components/light-badge.tsx';
import { useTaskSearch } from './api.ts';

/** The text typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface TTaskPickerProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** The tasks chosen, with their titles (for naming one in an error). */
  onChosen?: (tasks: TTaskSummary[]) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/** Picks several tasks the caller sees, searching by title; each shows its light and lead unit. Works in a form. */
export function TaskPicker({ id, value, onChange, onChosen, placeholder, 'data-testid': testId }: TTaskPickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const tasks = useTaskSearch(q);
  // Every task seen in a search, so chosen ones keep their label when a later search leaves them out.
  const seen = useRef(new Map<string, TTaskSummary>());
  const found = tasks.data?.items ?? [];
  for (const task of found) seen.current.set(task.id, task);
  const chosen = (value ?? []).map((taskId) => seen.current.get(taskId)).filter((t): t is TTaskSummary => !!t);
  const listed = [...chosen, ...found.filter((task) => !value?.includes(task.id))];
  const options = listed.map((task) => ({
    value: task.id,
    label: (
      <Flex align="center" gap={6} style={{ minWidth: 0 }}>
        <LightBadge light={task.light} compact />
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{task.title}</span>
      </Flex>
    ),
    task,
  }));
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(next) => {
        onChange?.(next);
        onChosen?.(next.map((taskId) => seen.current.get(taskId)).filter((t): t is TTaskSummary => !!t));
        setSearch('');
      }}
      options={options}
      optionRender={(option) => {
        const task = option.data.task;
        return (
          <Flex justify="space-between" align="center" gap={8} data-testid="task-option">
            <Flex align="center" gap={6} style={{ minWidth: 0 }}>
              <LightBadge light={task.light} compact />
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{task.title}</span>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
              {task.leadUnitName}
            </Typography.Text>
          </Flex>
        );
      }}
      showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
      loading={tasks.isFetching}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

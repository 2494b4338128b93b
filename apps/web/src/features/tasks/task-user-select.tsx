import type { TUser } from '@duban/domain';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useUserList } from '../users/api.ts';

/** Someone the task already names (its lead leader, its owner), by id and name. */
export interface TNamedUser {
  id: string;
  name: string;
}

/** The text typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface TTaskUserSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only people of this unit (and, unless isUnitOnly, the units below it). */
  unitId?: string;
  isUnitOnly?: boolean;
  /** The person the task names now: shown by name even when the first page of people leaves them out. */
  current?: TNamedUser | null;
  placeholder?: string;
  allowClear?: boolean;
  'data-testid'?: string;
}

const labelOf = (u: TUser) => `${u.displayName}（${u.username}）· ${u.unitName}`;

/**
 * Picks an active person for a task (lead leader, owner), searching by name or username; works as a form control.
 * Unlike the users' UserSelect it names the person already chosen when editing, who may be beyond the first page.
 */
export function TaskUserSelect({
  id,
  value,
  onChange,
  unitId,
  isUnitOnly = false,
  current,
  placeholder,
  allowClear = true,
  'data-testid': testId,
}: TTaskUserSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [chosen, setChosen] = useState<TNamedUser | null>(null);
  const people = useUserList({
    unitId,
    includeSubtree: isUnitOnly ? 'false' : 'true',
    q: q || undefined,
    isActive: 'true',
    page: 1,
    pageSize: 30,
  });
  const items = people.data?.items ?? [];
  const options = items.map((u) => ({ value: u.id, label: labelOf(u) }));
  const named = [chosen, current].find((u) => u && u.id === value);
  if (value && named && !options.some((o) => o.value === value)) options.unshift({ value, label: named.name });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => {
        const user = items.find((u) => u.id === next);
        setChosen(user ? { id: user.id, name: labelOf(user) } : null);
        onChange?.(next);
      }}
      options={options}
      loading={people.isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

import type { TUser } from '@duban/domain';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useUserList } from './api.ts';

/** The text typed, once the typing has paused. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Someone a record already names (a task's lead leader or owner), by id and name. */
export interface TNamedUser {
  id: string;
  name: string;
}

interface TUserSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only people of this unit (and, unless isUnitOnly, the units below it). */
  unitId?: string;
  isUnitOnly?: boolean;
  /** The person the record names now: shown by name even when the first page of people leaves them out. */
  current?: TNamedUser | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

const labelOf = (u: TUser) => `${u.displayName}（${u.username}）· ${u.unitName}`;

/** Picks an active person the caller may see, searching by name or username; works as a form control. */
export function UserSelect({
  id,
  value,
  onChange,
  unitId,
  isUnitOnly = false,
  current,
  placeholder,
  allowClear = true,
  disabled = false,
  style,
  'data-testid': testId,
}: TUserSelectProps) {
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
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}

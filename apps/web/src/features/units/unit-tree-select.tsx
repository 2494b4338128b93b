import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from './api.ts';
import { buildUnitTree, filterUnitTree, type TUnitNode } from './unit-tree.ts';

interface TTreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TTreeOption[];
}

interface TUnitTreeSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  /** Offer only active units (for new records); inactive ones are still shown when already chosen. */
  isActiveOnly?: boolean;
  /** Units that cannot be picked. */
  disabledIds?: ReadonlySet<string>;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Picks a unit from the unit tree, searchable by name; works as a form control. */
export function UnitTreeSelect({
  id,
  value,
  onChange,
  placeholder,
  isActiveOnly = false,
  disabledIds,
  allowClear = false,
  style,
  'data-testid': testId,
}: TUnitTreeSelectProps) {
  const { t } = useTranslation();
  const units = useUnits();
  const { treeData, rootIds } = useMemo(() => {
    const all = units.data ?? [];
    const roots = filterUnitTree(buildUnitTree(all), (u) => !isActiveOnly || u.isActive || u.id === value);
    const toOption = (node: TUnitNode): TTreeOption => ({
      value: node.unit.id,
      title: node.unit.isActive ? node.unit.name : `${node.unit.name}（${t('units.inactive')}）`,
      disabled: disabledIds?.has(node.unit.id) ?? false,
      children: node.children.map(toOption),
    });
    return { treeData: roots.map(toOption), rootIds: roots.map((r) => r.unit.id) };
  }, [units.data, isActiveOnly, disabledIds, value, t]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next)}
      treeData={treeData}
      loading={units.isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootIds}
      listHeight={360}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}

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

/** The unit tree as TreeSelect options: active units only when asked (chosen ones stay), some disabled. */
function useUnitTreeOptions(isActiveOnly: boolean, disabledIds: ReadonlySet<string> | undefined, chosen: string[]) {
  const { t } = useTranslation();
  const units = useUnits();
  const chosenKey = chosen.join(',');
  const { treeData, rootIds } = useMemo(() => {
    const all = units.data ?? [];
    const keep = new Set(chosenKey ? chosenKey.split(',') : []);
    const roots = filterUnitTree(buildUnitTree(all), (u) => !isActiveOnly || u.isActive || keep.has(u.id));
    const toOption = (node: TUnitNode): TTreeOption => ({
      value: node.unit.id,
      title: node.unit.isActive ? node.unit.name : `${node.unit.name}（${t('units.inactive')}）`,
      disabled: disabledIds?.has(node.unit.id) ?? false,
      children: node.children.map(toOption),
    });
    return { treeData: roots.map(toOption), rootIds: roots.map((r) => r.unit.id) };
  }, [units.data, isActiveOnly, disabledIds, chosenKey, t]);
  return { treeData, rootIds, isLoading: units.isPending };
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
  const { treeData, rootIds, isLoading } = useUnitTreeOptions(isActiveOnly, disabledIds, value ? [value] : []);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next)}
      treeData={treeData}
      loading={isLoading}
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

interface TUnitTreeMultiSelectProps extends Omit<TUnitTreeSelectProps, 'value' | 'onChange'> {
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** Picks several units from the unit tree (each on its own, not its subtree); works as a form control. */
export function UnitTreeMultiSelect({
  id,
  value,
  onChange,
  placeholder,
  isActiveOnly = false,
  disabledIds,
  allowClear = true,
  style,
  'data-testid': testId,
}: TUnitTreeMultiSelectProps) {
  const { treeData, rootIds, isLoading } = useUnitTreeOptions(isActiveOnly, disabledIds, value ?? []);
  return (
    <TreeSelect
      id={id}
      multiple
      value={value ?? []}
      onChange={(next: string[]) => onChange?.(next)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootIds}
      listHeight={360}
      maxTagCount="responsive"
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}

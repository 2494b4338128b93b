import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../units/api.ts';
import { buildUnitTree, type TUnitNode } from '../units/unit-tree.ts';

interface TTreeOption {
  value: string;
  title: string;
  children: TTreeOption[];
}

/** Picks a unit of the tree (its subtree's escalations), searching by name; cleared, every unit. */
export function UnitFilter({ value, onChange }: { value: string | undefined; onChange: (unitId?: string) => void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const { treeData, rootIds } = useMemo(() => {
    const roots = buildUnitTree(units.data ?? []);
    const toOption = (node: TUnitNode): TTreeOption => ({
      value: node.unit.id,
      title: node.unit.name,
      children: node.children.map(toOption),
    });
    return { treeData: roots.map(toOption), rootIds: roots.map((r) => r.unit.id) };
  }, [units.data]);
  return (
    <TreeSelect
      value={value}
      onChange={(next: string | undefined) => onChange(next)}
      treeData={treeData}
      loading={units.isPending}
      placeholder={t('supervisionDesk.allUnits')}
      aria-label={t('supervisionDesk.columns.leadUnit')}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={rootIds}
      listHeight={360}
      style={{ width: 200, maxWidth: '100%' }}
      data-testid="supervision-unit"
    />
  );
}

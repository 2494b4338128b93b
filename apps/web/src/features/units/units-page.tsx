import type { TUnit } from '@duban/domain';
import {
  Card,
  Col,
  Empty,
  Flex,
  type GetRef,
  Input,
  Row,
  Skeleton,
  Switch,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { type Key, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { CategoryTag } from '../../components/tags.tsx';
import { useUnits } from './api.ts';
import { UnitDetail } from './unit-detail.tsx';
import { buildUnitTree, filterUnitTree, type TUnitNode } from './unit-tree.ts';

function UnitTitle({ unit }: { unit: TUnit }) {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap={false} style={{ minWidth: 0 }}>
      <Typography.Text delete={!unit.isActive} type={unit.isActive ? undefined : 'secondary'} ellipsis>
        {unit.name}
      </Typography.Text>
      <CategoryTag category={unit.category} />
      {unit.isActive ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('units.inactive')}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The unit tree (sysAdmin): pick a unit on the left, manage it on the right. */
export function UnitsPage() {
  const { t } = useTranslation();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const selectedId = params.get('unit');
  const [expanded, setExpanded] = useState<Key[]>([]);
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  const { treeData, rootIds, shownIds } = useMemo(() => {
    const text = search.trim().toLowerCase();
    const roots = filterUnitTree(
      buildUnitTree(units.data ?? []),
      (u) => (showInactive || u.isActive) && (!text || u.name.toLowerCase().includes(text)),
    );
    const toNode = (node: TUnitNode): TreeDataNode => ({
      key: node.unit.id,
      title: <UnitTitle unit={node.unit} />,
      children: node.children.map(toNode),
    });
    const shown: string[] = [];
    const collect = (node: TUnitNode) => {
      shown.push(node.unit.id);
      node.children.forEach(collect);
    };
    roots.forEach(collect);
    return { treeData: roots.map(toNode), rootIds: roots.map((r) => r.unit.id), shownIds: shown };
  }, [units.data, search, showInactive]);

  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);

  // Keep the top level and the path to the selected unit open, and bring the selected unit into view.
  useEffect(() => {
    const path: string[] = [];
    for (let u = selectedId ? byId.get(selectedId) : undefined; u?.parentId; u = byId.get(u.parentId)) {
      path.push(u.parentId);
    }
    setExpanded((prev) => [...new Set([...prev, ...rootIds, ...path])]);
    if (selectedId) requestAnimationFrame(() => treeRef.current?.scrollTo({ key: selectedId, align: 'auto' }));
  }, [selectedId, byId, rootIds]);
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const childCount = selected ? (units.data ?? []).filter((u) => u.parentId === selected.id).length : 0;
  const select = (id: string) => setParams({ unit: id }, { replace: true });

  if (units.isError) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <>
      <PageHeader title={t('units.title')} subtitle={t('units.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={8}>
          <Card
            size="small"
            title={t('units.tree')}
            extra={
              <Flex gap={6} align="center">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('units.showInactive')}
                </Typography.Text>
                <Switch
                  size="small"
                  checked={showInactive}
                  onChange={setShowInactive}
                  aria-label={t('units.showInactive')}
                />
              </Flex>
            }
          >
            <Input.Search
              allowClear
              placeholder={t('units.search')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {units.isPending ? (
              <Skeleton active />
            ) : (
              <Tree
                ref={treeRef}
                data-testid="unit-tree"
                treeData={treeData}
                blockNode
                showLine
                height={560}
                expandedKeys={search.trim() ? shownIds : expanded}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  const [first] = keys;
                  if (first !== undefined) select(String(first));
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xxl={16}>
          {selected ? (
            <UnitDetail
              unit={selected}
              parent={selected.parentId ? byId.get(selected.parentId) : undefined}
              childCount={childCount}
              onSelect={select}
            />
          ) : (
            <Card>
              <Empty description={t('units.pickOne')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

import { EditOutlined, NodeIndexOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { TUnit } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Descriptions, Flex, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { CategoryTag } from '../../components/tags.tsx';
import { UNITS_KEY, updateUnit } from './api.ts';
import { MoveUnitModal } from './move-unit-modal.tsx';
import { UnitFormModal } from './unit-form-modal.tsx';

type TDialog = 'createChild' | 'edit' | 'move' | null;

interface TUnitDetailProps {
  unit: TUnit;
  parent: TUnit | undefined;
  childCount: number;
  onSelect: (id: string) => void;
}

/** One unit: its data and what sysAdmin may do with it. */
export function UnitDetail({ unit, parent, childCount, onSelect }: TUnitDetailProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<TDialog>(null);
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => updateUnit(unit.id, { isActive }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      void message.success(updated.isActive ? t('units.reactivated') : t('units.deactivated'));
    },
    onError: (error) => report(error),
  });
  const status = unit.isActive ? (
    <Badge status="success" text={t('units.active')} />
  ) : (
    <Badge status="default" text={t('units.inactive')} />
  );
  return (
    <Card
      data-testid="unit-detail"
      title={
        <Space wrap>
          <span>{unit.name}</span>
          <CategoryTag category={unit.category} />
        </Space>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!unit.isActive}
          onClick={() => setDialog('createChild')}
        >
          {t('units.createChild')}
        </Button>
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          {t('common.edit')}
        </Button>
        <Button icon={<NodeIndexOutlined />} disabled={!unit.parentId} onClick={() => setDialog('move')}>
          {t('units.move')}
        </Button>
        {unit.isActive ? (
          <Popconfirm
            title={t('units.deactivateConfirm', { name: unit.name })}
            okText={t('units.deactivate')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => setActive.mutateAsync(false).catch(() => undefined)}
          >
            <Button danger icon={<StopOutlined />} disabled={!unit.parentId}>
              {t('units.deactivate')}
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={t('units.reactivateConfirm', { name: unit.name })}
            okText={t('units.reactivate')}
            cancelText={t('common.cancel')}
            onConfirm={() => setActive.mutateAsync(true).catch(() => undefined)}
          >
            <Button icon={<UndoOutlined />}>{t('units.reactivate')}</Button>
          </Popconfirm>
        )}
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'name', label: t('units.name'), children: unit.name },
          { key: 'category', label: t('units.category'), children: t(`unitCategories.${unit.category}`) },
          {
            key: 'parent',
            label: t('units.parent'),
            children: parent ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onSelect(parent.id)}>
                {parent.name}
              </Button>
            ) : (
              t('units.topUnit')
            ),
          },
          { key: 'status', label: t('common.status'), children: status },
          { key: 'children', label: t('units.children'), children: childCount },
          { key: 'sortOrder', label: t('units.sortOrder'), children: unit.sortOrder },
          { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(unit.createdAt) },
          { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(unit.updatedAt) },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <Link to={`/users?unitId=${unit.id}`}>{t('units.viewPeople')}</Link>
      </div>
      {dialog === 'createChild' ? (
        <UnitFormModal
          mode="create"
          parent={unit}
          onClose={() => setDialog(null)}
          onSaved={(created) => {
            setDialog(null);
            onSelect(created.id);
          }}
        />
      ) : null}
      {dialog === 'edit' ? (
        <UnitFormModal mode="edit" unit={unit} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      ) : null}
      {dialog === 'move' ? (
        <MoveUnitModal unit={unit} onClose={() => setDialog(null)} onMoved={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}

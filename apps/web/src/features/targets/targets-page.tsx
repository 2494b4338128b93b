import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PACE_YELLOW_POINTS, type TTargetSummary } from '@duban/domain';
import { Button, Card, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { LightBadge } from '../../components/light-badge.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTargets } from './api.ts';
import { ImportActualsModal } from './import-actuals-modal.tsx';
import { TargetFormModal } from './target-form-modal.tsx';
import { formatMeasured } from './target-format.ts';
import { AllocationDifference, AllocationLights, PaceBar } from './target-parts.tsx';
import { useYearParam, YearPicker } from './year-picker.tsx';

/** The figure to date and the month it runs to. */
function ActualCell({ target }: { target: TTargetSummary }) {
  const { t } = useTranslation();
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="target-actual">
        {formatMeasured(target.pace.actual, target.measure)}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {target.pace.actual === null
          ? t('targets.notReported')
          : t('targets.toMonth', { month: target.pace.paceMonth })}
      </Typography.Text>
    </Flex>
  );
}

/** The allocated sum and what it leaves over. */
function AllocatedCell({ target }: { target: TTargetSummary }) {
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="target-allocated">
        {formatMeasured(target.allocated, target.measure)}
      </span>
      <AllocationDifference difference={target.total - target.allocated} measure={target.measure} />
    </Flex>
  );
}

/** /targets — the year's targets with their pace, for leaders, supervisors and the units they are allocated to. */
export function TargetsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const targets = useTargets(year);
  const [isCreating, setCreating] = useState(false);
  const [isImporting, setImporting] = useState(false);
  const isPhone = Grid.useBreakpoint().sm === false;
  // Those who report actuals: supervisors, and the units' heads and liaisons (the statistics department's too).
  const canImport = useSession().hasRole('supervisor', 'unitHead', 'liaison');

  const nameLink = (target: TTargetSummary) => (
    <Link to={`/targets/${target.id}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
      {target.name}
    </Link>
  );
  const source = (target: TTargetSummary) =>
    [target.unit.name, target.reportingUnit ? t('targets.reportedBy', { unit: target.reportingUnit.name }) : null]
      .filter(Boolean)
      .join(' · ');

  const columns: TableColumnsType<TTargetSummary> = [
    {
      title: t('targets.columns.name'),
      key: 'name',
      render: (_v, target) => (
        <Flex vertical style={{ minWidth: 160 }}>
          {nameLink(target)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {source(target)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('targets.columns.total'),
      key: 'total',
      align: 'right',
      render: (_v, target) => (
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="target-total">
          {formatMeasured(target.total, target.measure)}
        </span>
      ),
    },
    {
      title: t('targets.columns.allocated'),
      key: 'allocated',
      render: (_v, target) => <AllocatedCell target={target} />,
    },
    { title: t('targets.columns.actual'), key: 'actual', render: (_v, target) => <ActualCell target={target} /> },
    {
      title: t('targets.columns.pace'),
      key: 'pace',
      width: 200,
      render: (_v, target) => <PaceBar pace={target.pace} direction={target.direction} width={180} />,
    },
    {
      title: t('targets.columns.light'),
      key: 'light',
      render: (_v, target) => <LightBadge light={target.pace.light} />,
    },
    {
      title: t('targets.columns.allocationLights'),
      key: 'allocationLights',
      render: (_v, target) => <AllocationLights target={target} />,
    },
  ];

  const phoneColumns: TableColumnsType<TTargetSummary> = [
    {
      key: 'target',
      render: (_v, target) => (
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="flex-start" gap={8}>
            {nameLink(target)}
            <LightBadge light={target.pace.light} />
          </Flex>
          <Flex justify="space-between" gap={8} wrap style={{ fontSize: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.columns.total')} {formatMeasured(target.total, target.measure)}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 12 }}>
              {t('targets.columns.actual')} {formatMeasured(target.pace.actual, target.measure)}
            </Typography.Text>
          </Flex>
          <PaceBar pace={target.pace} direction={target.direction} />
          <Flex justify="space-between" align="center" gap={8} wrap>
            <AllocationDifference difference={target.total - target.allocated} measure={target.measure} />
            <AllocationLights target={target} />
          </Flex>
        </Flex>
      ),
    },
  ];

  const data = targets.data;
  const canCreate = data?.canCreate ?? false;
  return (
    <>
      <PageHeader
        title={t('targets.title')}
        subtitle={t('targets.subtitle')}
        extra={
          <>
            {canImport ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="targets-import">
                {t('targets.import.open')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="targets-create"
              >
                {t('targets.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <YearPicker year={year} onChange={setYear} />
            <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 260px', maxWidth: 520 }}>
              {t('targets.paceRule', { points: PACE_YELLOW_POINTS })}
            </Typography.Text>
          </Flex>
        </Card>
        {targets.isError && !data ? (
          <LoadError error={targets.error} onRetry={() => void targets.refetch()} />
        ) : (
          <Card size="small">
            <Table<TTargetSummary>
              rowKey="id"
              size="middle"
              columns={isPhone ? phoneColumns : columns}
              showHeader={!isPhone}
              dataSource={data?.year === year ? data.items : []}
              loading={targets.isFetching}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              pagination={false}
              onRow={(target) => ({
                onClick: (event) => {
                  if (!(event.target as HTMLElement).closest('a')) navigate(`/targets/${target.id}`);
                },
                style: { cursor: 'pointer' },
              })}
              locale={{ emptyText: canCreate ? t('targets.emptyCanCreate', { year }) : t('targets.empty', { year }) }}
              data-testid="targets-table"
            />
          </Card>
        )}
      </Flex>
      {isCreating ? (
        <TargetFormModal
          year={year}
          onClose={() => setCreating(false)}
          onSaved={(target) => navigate(`/targets/${target.id}`)}
        />
      ) : null}
      {isImporting ? <ImportActualsModal year={year} onClose={() => setImporting(false)} /> : null}
    </>
  );
}

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

  const figure = (value: number | null, target: TTargetSummary, testId: string) => (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {formatMeasured(value, target.measure)}
    </span>
  );
  const noShare = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('targets.own.none')}
    </Typography.Text>
  );
  // A unit's people: their unit's share, figure and light first; the county's after, labelled as the county's.
  const ownColumns: TableColumnsType<TTargetSummary> = [
    columns[0] as TableColumnsType<TTargetSummary>[number],
    {
      title: t('targets.own.amount'),
      key: 'ownAmount',
      align: 'right',
      render: (_v, target) => (target.own ? figure(target.own.amount, target, 'target-own-amount') : noShare),
    },
    {
      title: t('targets.own.actual'),
      key: 'ownActual',
      render: (_v, target) =>
        target.own ? (
          <Flex vertical>
            {figure(target.own.pace.actual, target, 'target-own-actual')}
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {target.own.pace.actual === null
                ? t('targets.notReported')
                : t('targets.toMonth', { month: target.own.pace.paceMonth })}
            </Typography.Text>
          </Flex>
        ) : null,
    },
    {
      title: t('targets.own.pace'),
      key: 'ownPace',
      width: 200,
      render: (_v, target) =>
        target.own ? <PaceBar pace={target.own.pace} direction={target.direction} width={180} /> : null,
    },
    {
      title: t('targets.own.light'),
      key: 'ownLight',
      render: (_v, target) =>
        target.own ? (
          <span data-testid="target-own-light">
            <LightBadge light={target.own.pace.light} />
          </span>
        ) : null,
    },
    {
      title: t('targets.county.total'),
      key: 'countyTotal',
      align: 'right',
      render: (_v, target) => figure(target.total, target, 'target-total'),
    },
    {
      title: t('targets.county.actual'),
      key: 'countyActual',
      render: (_v, target) => <ActualCell target={target} />,
    },
    {
      title: t('targets.county.light'),
      key: 'countyLight',
      render: (_v, target) => (
        <span data-testid="target-county-light">
          <LightBadge light={target.pace.light} />
        </span>
      ),
    },
  ];

  const ownPhoneColumns: TableColumnsType<TTargetSummary> = [
    {
      key: 'target',
      render: (_v, target) => (
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="flex-start" gap={8}>
            {nameLink(target)}
            {target.own ? (
              <span data-testid="target-own-light">
                <LightBadge light={target.own.pace.light} />
              </span>
            ) : null}
          </Flex>
          {target.own ? (
            <>
              <Flex justify="space-between" gap={8} wrap style={{ fontSize: 12 }}>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('targets.own.amount')} {figure(target.own.amount, target, 'target-own-amount')}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('targets.own.actual')} {figure(target.own.pace.actual, target, 'target-own-actual')}
                </Typography.Text>
              </Flex>
              <PaceBar pace={target.own.pace} direction={target.direction} />
            </>
          ) : (
            noShare
          )}
          <Flex
            justify="space-between"
            align="center"
            gap={8}
            wrap
            style={{ borderTop: '1px dashed #e5e7eb', paddingTop: 6 }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.county.line')} {formatMeasured(target.pace.actual, target.measure)} /{' '}
              {formatMeasured(target.total, target.measure)}
            </Typography.Text>
            <span data-testid="target-county-light">
              <LightBadge light={target.pace.light} />
            </span>
          </Flex>
        </Flex>
      ),
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
  const ownUnit = data?.year === year ? data.items.find((target) => target.own)?.own?.unit : undefined;
  const shownColumns = ownUnit ? (isPhone ? ownPhoneColumns : ownColumns) : isPhone ? phoneColumns : columns;
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
            {ownUnit ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="targets-own-lead">
                {t('targets.own.lead', { unit: ownUnit.name })}
              </Typography.Paragraph>
            ) : null}
            <Table<TTargetSummary>
              rowKey="id"
              size="middle"
              columns={shownColumns}
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

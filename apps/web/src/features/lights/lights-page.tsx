import { ThunderboltOutlined } from '@ant-design/icons';
import {
  lightOfCounts,
  type TLightBoard,
  type TLightGrouping,
  type TSweepResult,
  totalOfCounts,
  UNIT_CATEGORIES,
} from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Flex, Segmented, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LIGHTS_KEY, runSweep, totalsTasksPath, useLightBoard } from './api.ts';
import { boardPath, useBoardQuery } from './board-params.ts';
import { CountRule, LightSummary } from './light-counts.tsx';
import { LightTable, type TBoardRow } from './light-table.tsx';

const hasTasks = (row: TBoardRow) => totalOfCounts(row.counts) > 0;

/** The rows of the board: for a unit, the tasks it leads itself first (when there are any), then its child units. */
function rowsOf(board: TLightBoard, ownLabel: string): TBoardRow[] {
  const rows: TBoardRow[] = board.rows.map((row) => ({ ...row, isOwn: false }));
  const own = board.own;
  if (board.unit && own && totalOfCounts(own) > 0) {
    rows.unshift({
      key: board.unit.id,
      name: ownLabel,
      category: null,
      hasChildren: false,
      light: lightOfCounts(own),
      counts: own,
      isOwn: true,
    });
  }
  return rows;
}

/** /lights — the light board: counts per colour by unit (drilling down the tree), by tag or by lead leader. */
export function LightsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const { hasRole } = useSession();
  const { query, setBy, setCategory } = useBoardQuery();
  const board = useLightBoard(query);
  const [swept, setSwept] = useState<TSweepResult | null>(null);
  // Units that lead or support no task would bury the red ones: left out unless asked for.
  const [showEmpty, setShowEmpty] = useState(false);

  const sweeping = useMutation({
    mutationFn: runSweep,
    onSuccess: async (result) => {
      setSwept(result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: LIGHTS_KEY }),
        queryClient.invalidateQueries({ queryKey: ['escalations'] }),
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      ]);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') void message.warning(t('lightBoard.sweepBusy'));
      else report(error);
    },
  });

  const data = board.data;
  const trail = query.by === 'unit' ? (data?.trail ?? []) : [];
  const allRows = data ? rowsOf(data, t('lightBoard.own')) : [];
  const emptyRows = query.by === 'unit' ? allRows.filter((row) => !hasTasks(row)).length : 0;
  const rows = showEmpty || emptyRows === 0 ? allRows : allRows.filter(hasTasks);
  return (
    <>
      <PageHeader
        title={t('lightBoard.title')}
        subtitle={t('lightBoard.subtitle')}
        extra={
          hasRole('supervisor') ? (
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={sweeping.isPending}
              onClick={() => sweeping.mutate()}
              data-testid="lights-sweep"
            >
              {t('lightBoard.sweep')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={12}>
        {swept ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setSwept(null) }}
            title={t('lightBoard.sweepDone', swept)}
            description={t('lightBoard.sweepDetail', swept)}
            data-testid="lights-sweep-result"
          />
        ) : null}
        <Card size="small">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Segmented<TLightGrouping>
              value={query.by}
              onChange={setBy}
              options={[
                { value: 'unit', label: t('lightBoard.by.unit') },
                { value: 'tag', label: t('lightBoard.by.tag') },
                { value: 'leader', label: t('lightBoard.by.leader') },
              ]}
              data-testid="lights-by"
            />
            {query.by === 'unit' ? (
              <Flex gap={12} align="center" wrap>
                {emptyRows > 0 ? (
                  <Checkbox
                    checked={showEmpty}
                    onChange={(e) => setShowEmpty(e.target.checked)}
                    data-testid="lights-show-empty"
                  >
                    {t('lightBoard.showEmpty', { count: emptyRows })}
                  </Checkbox>
                ) : null}
                <Select
                  allowClear
                  value={query.category}
                  onChange={(value: string | undefined) => setCategory(value)}
                  placeholder={t('lightBoard.allCategories')}
                  options={UNIT_CATEGORIES.map((c) => ({ value: c, label: t(`unitCategories.${c}`) }))}
                  style={{ width: 160 }}
                  aria-label={t('lightBoard.category')}
                  data-testid="lights-category"
                />
              </Flex>
            ) : null}
          </Flex>
          {trail.length > 0 ? (
            <Breadcrumb
              style={{ marginTop: 12 }}
              data-testid="lights-trail"
              items={trail.map((unit, i) => ({
                key: unit.id,
                title:
                  i === trail.length - 1 ? (
                    <span>{unit.name}</span>
                  ) : (
                    <Link to={boardPath({ by: 'unit', ...(i === 0 ? {} : { unitId: unit.id }) })}>{unit.name}</Link>
                  ),
              }))}
            />
          ) : null}
        </Card>
        {board.isError && !data ? (
          <LoadError error={board.error} onRetry={() => void board.refetch()} />
        ) : !data ? (
          <Card size="small">
            <Skeleton active />
          </Card>
        ) : (
          <>
            <LightSummary
              totals={data.totals}
              light={data.light}
              tasksOf={
                data.by === 'unit' && data.unit
                  ? (light) => totalsTasksPath(data.unit?.id ?? '', light, query.category)
                  : undefined
              }
            />
            <CountRule />
            <Card size="small">
              <LightTable
                by={data.by}
                rows={rows}
                isLoading={board.isFetching}
                drillPath={(unitId) => boardPath({ by: 'unit', unitId })}
              />
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}

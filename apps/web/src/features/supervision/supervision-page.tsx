import { PlusOutlined } from '@ant-design/icons';
import { ESCALATION_STEPS, type TEscalation, type TEscalationStep, zId } from '@duban/domain';
import { Badge, Button, Card, Flex, Grid, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type TEscalationListQuery, useEscalations } from './api.ts';
import { AnswerModal, OutcomeModal } from './escalation-modals.tsx';
import { EscalationTable } from './escalation-table.tsx';
import { RaiseEscalationModal } from './raise-escalation-modal.tsx';
import { UnitFilter } from './unit-filter.tsx';

/** The desk's views: awaiting an answer (oldest first), overdue, answered, everything, and those addressed to me. */
const DESK_TABS = ['open', 'overdue', 'answered', 'all', 'mine'] as const;
type TDeskTab = (typeof DESK_TABS)[number];

const PAGE_SIZE = 20;

const filterOf = (tab: TDeskTab): Omit<TEscalationListQuery, 'page' | 'pageSize'> => {
  switch (tab) {
    case 'open':
      return { inProgress: 'true' };
    case 'overdue':
      return { overdue: 'true' };
    case 'answered':
      return { state: 'answered' };
    case 'mine':
      return { mine: 'true' };
    case 'all':
      return {};
  }
};

type TModal =
  | { kind: 'raise' }
  | { kind: 'urgeAgain'; escalation: TEscalation }
  | { kind: 'outcome'; escalation: TEscalation }
  | { kind: 'answer'; escalation: TEscalation }
  | null;

/** The number of escalations a view holds, for its tab. */
function useTabCount(tab: TDeskTab): number | undefined {
  return useEscalations({ ...filterOf(tab), page: 1, pageSize: 1 }).data?.total;
}

/** /supervision — the supervision desk (督办台): the escalation ladder's steps by age, with the supervisors' actions. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const isWide = Grid.useBreakpoint().md !== false;
  const [params, setParams] = useSearchParams();
  const tab = DESK_TABS.find((k) => k === params.get('tab')) ?? 'open';
  const step = ESCALATION_STEPS.find((s) => s === params.get('step'));
  const rawUnit = params.get('unitId');
  const unitId = rawUnit && zId.safeParse(rawUnit).success ? rawUnit : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const escalations = useEscalations({
    ...filterOf(tab),
    ...(step ? { step } : {}),
    ...(unitId ? { unitId } : {}),
    page,
    pageSize: PAGE_SIZE,
  });
  const counts: Partial<Record<TDeskTab, number>> = {
    open: useTabCount('open'),
    overdue: useTabCount('overdue'),
    mine: useTabCount('mine'),
  };
  const [modal, setModal] = useState<TModal>(null);
  const isSupervisor = hasRole('supervisor');

  const setView = (next: { tab?: TDeskTab; step?: TEscalationStep; unitId?: string; page?: number }) =>
    setParams((prev) => {
      const copy = new URLSearchParams(prev);
      const values = { tab, step, unitId, page: 1, ...next };
      if (values.tab === 'open') copy.delete('tab');
      else copy.set('tab', values.tab);
      if (values.step) copy.set('step', values.step);
      else copy.delete('step');
      if (values.unitId) copy.set('unitId', values.unitId);
      else copy.delete('unitId');
      if (values.page > 1) copy.set('page', String(values.page));
      else copy.delete('page');
      return copy;
    });

  const label = (key: TDeskTab) => {
    const count = counts[key];
    return (
      <Flex align="center" gap={6}>
        {t(`supervisionDesk.tabs.${key}`)}
        {count ? <Badge count={count} overflowCount={999} color={key === 'overdue' ? '#f5222d' : '#1f5fa8'} /> : null}
      </Flex>
    );
  };

  // Beside the tabs on a wide screen; above them on a phone, so that both keep their room.
  const filters = (
    <Flex gap={8} wrap>
      <UnitFilter value={unitId} onChange={(next) => setView({ unitId: next })} />
      <Select
        allowClear
        value={step}
        onChange={(value: TEscalationStep | undefined) => setView({ step: value })}
        placeholder={t('supervisionDesk.allSteps')}
        options={ESCALATION_STEPS.map((s) => ({ value: s, label: t(`escalations.steps.${s}`) }))}
        style={{ width: 130 }}
        aria-label={t('escalations.raiseStep')}
        data-testid="supervision-step"
      />
    </Flex>
  );
  return (
    <>
      <PageHeader
        title={t('supervisionDesk.title')}
        subtitle={t('supervisionDesk.subtitle')}
        extra={
          isSupervisor ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setModal({ kind: 'raise' })}
              data-testid="supervision-raise"
            >
              {t('supervisionDesk.raise')}
            </Button>
          ) : null
        }
      />
      <Card size="small" styles={{ body: { paddingTop: isWide ? 0 : 12 } }}>
        {isWide ? null : filters}
        <Tabs
          activeKey={tab}
          onChange={(key) => setView({ tab: key as TDeskTab })}
          items={DESK_TABS.map((key) => ({ key, label: label(key) }))}
          tabBarExtraContent={isWide ? filters : undefined}
          tabBarGutter={isWide ? undefined : 14}
          data-testid="supervision-tabs"
        />
        {escalations.isError && !escalations.data ? (
          <LoadError error={escalations.error} onRetry={() => void escalations.refetch()} />
        ) : (
          <EscalationTable
            data={escalations.data}
            isLoading={escalations.isFetching}
            emptyText={t(`supervisionDesk.empty.${tab}`)}
            onPage={(next) => setView({ page: next })}
            actions={{
              canUrgeAgain: isSupervisor,
              onUrgeAgain: (escalation) => setModal({ kind: 'urgeAgain', escalation }),
              onRecordOutcome: (escalation) => setModal({ kind: 'outcome', escalation }),
              onAnswer: (escalation) => setModal({ kind: 'answer', escalation }),
            }}
          />
        )}
      </Card>
      {modal?.kind === 'raise' ? <RaiseEscalationModal onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'urgeAgain' ? (
        <RaiseEscalationModal
          tasks={[{ id: modal.escalation.taskId, title: modal.escalation.taskTitle }]}
          step="urge"
          onClose={() => setModal(null)}
        />
      ) : null}
      {modal?.kind === 'outcome' ? <OutcomeModal escalation={modal.escalation} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'answer' ? <AnswerModal escalation={modal.escalation} onClose={() => setModal(null)} /> : null}
    </>
  );
}

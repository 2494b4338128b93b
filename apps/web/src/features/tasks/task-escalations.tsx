import type { TEscalation, TTask } from '@duban/domain';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { AnswerModal, OutcomeModal } from '../supervision/escalation-modals.tsx';
import { isOverdue, todayInCounty } from '../supervision/escalation-parts.tsx';
import { useTaskEscalations } from './api.ts';

const STEP_COLORS: Record<TEscalation['step'], string> = {
  remind: 'gold',
  urge: 'orange',
  supervisionNotice: 'red',
  admonish: 'magenta',
};
const STATE_COLORS: Record<TEscalation['state'], string> = {
  sent: 'default',
  open: 'processing',
  answered: 'success',
  escalated: 'error',
  closed: 'default',
};

/** A step of the ladder as a coloured tag. */
export function EscalationStepTag({ step }: { step: TEscalation['step'] }) {
  const { t } = useTranslation();
  return <Tag color={STEP_COLORS[step]}>{t(`escalations.steps.${step}`)}</Tag>;
}

/** Where an escalation stands, as a coloured tag (an open admonition waits for its outcome, not an answer). */
export function EscalationStateTag({ escalation }: { escalation: TEscalation }) {
  const { t } = useTranslation();
  const label =
    escalation.step === 'admonish' && escalation.state === 'open'
      ? t('escalations.openAdmonish')
      : t(`escalations.states.${escalation.state}`);
  return <Tag color={STATE_COLORS[escalation.state]}>{label}</Tag>;
}

/** One escalation: the step, who raised it for whom, the answer due, and the answer or outcome when given. */
export function EscalationItem({
  escalation: e,
  onAnswer,
  onOutcome,
}: {
  escalation: TEscalation;
  onAnswer?: () => void;
  onOutcome?: () => void;
}) {
  const { t } = useTranslation();
  const overdue = isOverdue(e, todayInCounty());
  return (
    <Flex vertical gap={4} style={{ width: '100%' }} data-testid="escalation">
      <Flex gap={6} align="center" wrap>
        <EscalationStepTag step={e.step} />
        <EscalationStateTag escalation={e} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.raisedBy ? t('escalations.raisedBy', { name: e.raisedBy.name }) : t('escalations.raisedBySystem')} ·{' '}
          {formatDateTime(e.raisedAt)}
        </Typography.Text>
      </Flex>
      {e.reason ? <Typography.Text>{e.reason}</Typography.Text> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('escalations.to', { names: e.recipients.map((r) => r.name).join('、') })}
      </Typography.Text>
      {e.answerDueOn && (e.state === 'open' || e.state === 'escalated') ? (
        <Typography.Text type={overdue || e.state === 'escalated' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {overdue ? t('escalations.overdue') : t('escalations.answerBy', { date: e.answerDueOn })}
        </Typography.Text>
      ) : null}
      {e.answer ? (
        <div data-testid="escalation-answer" style={{ background: '#f6ffed', padding: '6px 8px', borderRadius: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('escalations.answered', { name: e.answeredBy?.name ?? '', at: formatDateTime(e.answeredAt) })}
          </Typography.Text>
          <Typography.Text style={{ display: 'block' }}>
            {t('escalations.situation')}：{e.answer.situation}
          </Typography.Text>
          <Typography.Text style={{ display: 'block' }}>
            {t('escalations.plan')}：{e.answer.plan}
          </Typography.Text>
          <Typography.Text style={{ display: 'block' }}>
            {t('escalations.newDueDate')}：{e.answer.newDueDate}
          </Typography.Text>
        </div>
      ) : null}
      {e.outcome ? (
        <Typography.Text>
          {t('escalations.outcomeRecorded', { at: formatDateTime(e.outcomeAt), outcome: e.outcome })}
        </Typography.Text>
      ) : null}
      {(e.can.answer && onAnswer) || (e.can.recordOutcome && onOutcome) ? (
        <Flex gap={8}>
          {e.can.answer && onAnswer ? (
            <Button type="primary" size="small" onClick={onAnswer} data-testid="escalation-answer-button">
              {t('escalations.answer')}
            </Button>
          ) : null}
          {e.can.recordOutcome && onOutcome ? (
            <Button size="small" onClick={onOutcome} data-testid="escalation-outcome-button">
              {t('escalations.recordOutcome')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </Flex>
  );
}

/** The ladder on this task: every step raised, with the answer buttons for those it is addressed to. */
export function TaskEscalations({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const escalations = useTaskEscalations(task.id);
  const [answering, setAnswering] = useState<TEscalation | null>(null);
  const [recording, setRecording] = useState<TEscalation | null>(null);
  const items = escalations.data?.items ?? [];
  if (escalations.data && items.length === 0) return null;
  return (
    <Card size="small" title={t('escalations.title')} data-testid="task-escalations">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('escalations.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(e) => (
            <List.Item key={e.id}>
              <EscalationItem escalation={e} onAnswer={() => setAnswering(e)} onOutcome={() => setRecording(e)} />
            </List.Item>
          )}
        />
      )}
      {answering ? <AnswerModal escalation={answering} onClose={() => setAnswering(null)} /> : null}
      {recording ? <OutcomeModal escalation={recording} onClose={() => setRecording(null)} /> : null}
    </Card>
  );
}

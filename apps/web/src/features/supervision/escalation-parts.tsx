import { isAnswerOverdue, LIGHTS, type TEscalation, type TEscalationStep, type TLight } from '@duban/domain';
import { Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';

const STEP_COLORS: Record<TEscalationStep, string> = {
  remind: 'blue',
  urge: 'orange',
  supervisionNotice: 'red',
  admonish: 'magenta',
};

/** The rung of the ladder as a coloured tag: 提醒, 催办, 督办单, 约谈. */
export function StepTag({ step }: { step: TEscalationStep }) {
  const { t } = useTranslation();
  return (
    <Tag color={STEP_COLORS[step]} style={{ marginInlineEnd: 0 }}>
      {t(`escalations.steps.${step}`)}
    </Tag>
  );
}

/** Where the step stands: sent, awaiting its answer (or, for an admonition, its outcome), answered, escalated, closed. */
export function StateText({ escalation }: { escalation: TEscalation }) {
  const { t } = useTranslation();
  const { state, step } = escalation;
  const text =
    state === 'open' && step === 'admonish' ? t('escalations.openAdmonish') : t(`escalations.states.${state}`);
  const type = state === 'open' ? 'warning' : state === 'escalated' ? 'danger' : 'secondary';
  return <Typography.Text type={type}>{text}</Typography.Text>;
}

/** The light an escalation carries, as the domain's light or nothing. */
export const lightOf = (raw: string | null): TLight | null => LIGHTS.find((l) => l === raw) ?? null;

/** Today in the county's time zone, as yyyy-mm-dd: the day answer deadlines are read against. */
export const todayInCounty = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** True when an open step's last day to answer has passed. */
export const isOverdue = (e: TEscalation, today: string): boolean => isAnswerOverdue(e.state, e.answerDueOn, today);

/** The answer's last day, red once it has passed unanswered. */
export function DueDate({ escalation, today }: { escalation: TEscalation; today: string }) {
  const { t } = useTranslation();
  if (!escalation.answerDueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = isOverdue(escalation, today);
  return (
    <Typography.Text
      type={overdue ? 'danger' : undefined}
      strong={overdue}
      title={overdue ? t('escalations.overdue') : undefined}
      data-overdue={overdue ? 'true' : 'false'}
      style={{ whiteSpace: 'nowrap' }}
    >
      {escalation.answerDueOn}
    </Typography.Text>
  );
}

/** The answer in one line: who answered and the date they committed to. */
export function AnswerLine({ escalation }: { escalation: TEscalation }) {
  const { t } = useTranslation();
  if (!escalation.answer) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap' }}>
        {t('supervisionDesk.committed', { date: escalation.answer.newDueDate })}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {escalation.answeredBy?.name ?? ''} · {formatDateTime(escalation.answeredAt)}
      </Typography.Text>
    </Flex>
  );
}

/** True when the row has more to show than its columns: a reason, an answer or an outcome. */
export const hasDetail = (e: TEscalation): boolean => Boolean(e.reason || e.answer || e.outcome);

/** The escalation in full: why it was raised, the answer (situation, plan, new date), the interview's outcome. */
export function EscalationDetail({ escalation }: { escalation: TEscalation }) {
  const { t } = useTranslation();
  const items = [
    ...(escalation.reason ? [{ key: 'reason', label: t('escalations.reason'), children: escalation.reason }] : []),
    ...(escalation.answer
      ? [
          { key: 'situation', label: t('escalations.situation'), children: escalation.answer.situation },
          { key: 'plan', label: t('escalations.plan'), children: escalation.answer.plan },
          { key: 'newDueDate', label: t('escalations.newDueDate'), children: escalation.answer.newDueDate },
          {
            key: 'answered',
            label: t('escalations.answer'),
            children: t('escalations.answered', {
              name: escalation.answeredBy?.name ?? '—',
              at: formatDateTime(escalation.answeredAt),
            }),
          },
        ]
      : []),
    ...(escalation.outcome
      ? [
          {
            key: 'outcome',
            label: t('escalations.outcome'),
            children: `${escalation.outcome}（${formatDateTime(escalation.outcomeAt)}）`,
          },
        ]
      : []),
  ];
  // A plain grid of bounded width: inside a table as wide as its content, a Descriptions table grows without end.
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '6px 16px', maxWidth: 760 }}
      data-testid="escalation-detail"
    >
      {items.map((item) => (
        <Fragment key={item.key}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {item.label}
          </Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{item.children}</span>
        </Fragment>
      ))}
    </div>
  );
}

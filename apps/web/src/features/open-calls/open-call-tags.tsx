import type { TOpenCallState } from '@duban/domain';
import { Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const STATE_COLORS: Record<TOpenCallState, string> = { open: 'processing', awarded: 'success', withdrawn: 'default' };

/** An open call's state as a coloured tag. */
export function OpenCallStateTag({ state }: { state: TOpenCallState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="open-call-state">
      {t(`openCalls.states.${state}`)}
    </Tag>
  );
}

/** The time left until bids close, counting down; "closed" once it has passed. */
export function DeadlineCountdown({ deadline, isCompact = false }: { deadline: string; isCompact?: boolean }) {
  const { t } = useTranslation();
  const [isEnded, setEnded] = useState(() => !dayjs(deadline).isAfter(dayjs()));
  if (isEnded) return <Typography.Text type="secondary">{t('openCalls.ended')}</Typography.Text>;
  return (
    <Statistic.Timer
      type="countdown"
      value={dayjs(deadline).valueOf()}
      format={t('openCalls.countdownFormat')}
      onFinish={() => setEnded(true)}
      styles={{ content: { fontSize: isCompact ? 14 : 20 } }}
      data-testid="deadline-countdown"
    />
  );
}

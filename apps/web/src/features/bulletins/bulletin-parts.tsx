import { CheckCircleOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { bulletinIssue, type TBulletinState } from '@duban/domain';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const STATE_TAGS: Record<TBulletinState, { color: string; icon: React.ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined /> },
  approved: { color: 'processing', icon: <CheckCircleOutlined /> },
  published: { color: 'success', icon: <SendOutlined /> },
};

/** A bulletin's state: draft, approved (awaiting publication), published. */
export function BulletinStateTag({ state }: { state: TBulletinState }) {
  const { t } = useTranslation();
  const { color, icon } = STATE_TAGS[state];
  return (
    <Tag color={color} icon={icon} style={{ marginInlineEnd: 0 }} data-testid="bulletin-state">
      {t(`bulletins.states.${state}`)}
    </Tag>
  );
}

/** The issue of a week's bulletin as people read it: "2026 年第 22 期". */
export function useIssueLabel(): (week: string) => string {
  const { t } = useTranslation();
  return (week: string) => t('bulletins.issue', bulletinIssue(week));
}

/** A date the way an official document writes it: "2026 年 5 月 29 日". */
export function useDocDate(): (iso: string) => string {
  const { t } = useTranslation();
  return (iso: string) => dayjs(iso).format(t('bulletins.doc.dateFormat'));
}

import type { TCharter } from '@duban/domain';
import { Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The charter (任务书): goal, measurable indicators, deliverables and the pledge. */
export function TaskCharter({ charter }: { charter: TCharter }) {
  const { t } = useTranslation();
  const isEmpty =
    !charter.goal && !charter.pledge && charter.indicators.length === 0 && charter.deliverables.length === 0;
  const label = (text: string) => (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 2 }}>
      {text}
    </Typography.Text>
  );
  return (
    <Card size="small" title={t('task.charter')} data-testid="task-charter">
      {isEmpty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noCharter')} />
      ) : (
        <Flex vertical gap={12}>
          {charter.goal ? (
            <div>
              {label(t('task.goal'))}
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{charter.goal}</Typography.Paragraph>
            </div>
          ) : null}
          {charter.indicators.length ? (
            <div>
              {label(t('task.indicators'))}
              <Flex gap={8} wrap>
                {charter.indicators.map((i) => (
                  <div key={i.name} className="duban-indicator">
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.name}
                    </Typography.Text>
                    <div>
                      <Typography.Text strong style={{ fontSize: 18 }}>
                        {i.target}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">{i.unit ?? ''}</Typography.Text>
                    </div>
                  </div>
                ))}
              </Flex>
            </div>
          ) : null}
          {charter.deliverables.length ? (
            <div>
              {label(t('task.deliverables'))}
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {charter.deliverables.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {charter.pledge ? (
            <div className="duban-pledge">
              {label(t('task.pledge'))}
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{charter.pledge}</Typography.Text>
            </div>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}

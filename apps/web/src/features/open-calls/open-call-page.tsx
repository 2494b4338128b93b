import { ArrowLeftOutlined, CrownOutlined, FlagOutlined } from '@ant-design/icons';
import { type TBid, type TOpenCall, zId } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { INBOX_KEY } from '../inbox/api.ts';
import { TASKS_KEY } from '../tasks/api.ts';
import { awardOpenCall, OPEN_CALLS_KEY, useOpenCall } from './api.ts';
import { BidModal } from './bid-modal.tsx';
import { DeadlineCountdown, OpenCallStateTag } from './open-call-tags.tsx';

function BidCard({ call, bid }: { call: TOpenCall; bid: TBid }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const award = useMutation({
    mutationFn: () => awardOpenCall(call.id, bid.id),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...OPEN_CALLS_KEY, 'one', call.id], updated);
      void message.success(t('openCalls.awarded'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: OPEN_CALLS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
      ]);
    },
    onError: (error) => report(error),
  });
  return (
    <Card
      size="small"
      className={bid.isWinner ? 'duban-bid-winner' : undefined}
      title={
        <Flex gap={8} align="center" wrap>
          {bid.isWinner ? (
            <Tag color="gold" icon={<CrownOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('openCalls.winner')}
            </Tag>
          ) : null}
          <span data-testid="bidder-name">{bid.bidderName}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {bid.unitName} · {formatDateTime(bid.createdAt)}
          </Typography.Text>
        </Flex>
      }
      extra={
        call.can.award && call.state === 'open' ? (
          <Popconfirm
            title={t('openCalls.awardConfirm', { name: bid.bidderName })}
            okText={t('openCalls.award')}
            cancelText={t('common.cancel')}
            onConfirm={() => award.mutateAsync().catch(() => undefined)}
          >
            <Button size="small" type="primary" icon={<CrownOutlined />}>
              {t('openCalls.award')}
            </Button>
          </Popconfirm>
        ) : null
      }
      data-testid="bid"
    >
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('openCalls.plan')}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {bid.plan}
      </Typography.Paragraph>
      <div className="duban-pledge">
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('openCalls.pledge')}
        </Typography.Text>
        <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{bid.pledge}</Typography.Text>
      </div>
    </Card>
  );
}

function OpenCallDetail({ call }: { call: TOpenCall }) {
  const { t } = useTranslation();
  const { me, hasRole } = useSession();
  const [isBidding, setBidding] = useState(false);
  const isWinner = call.bids.some((b) => b.isWinner && b.bidderId === me?.user.id);
  const canOpenTask = hasRole('leader', 'supervisor') || isWinner;
  return (
    <>
      <PageHeader
        title={<span data-testid="open-call-title">{call.taskTitle}</span>}
        subtitle={
          <Link to="/open-calls">
            <ArrowLeftOutlined /> {t('openCalls.backToList')}
          </Link>
        }
        extra={
          <>
            {canOpenTask ? (
              <Link to={`/tasks/${call.taskId}`}>
                <Button>{t('openCalls.openTask')}</Button>
              </Link>
            ) : null}
            {call.can.bid ? (
              <Button type="primary" icon={<FlagOutlined />} onClick={() => setBidding(true)} data-testid="call-bid">
                {t('openCalls.bid')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small" data-testid="open-call-summary">
              <Flex vertical gap={12}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <OpenCallStateTag state={call.state} />
                  {call.state === 'open' ? (
                    <Flex vertical align="flex-end">
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('openCalls.remaining')}
                      </Typography.Text>
                      <DeadlineCountdown deadline={call.bidDeadline} />
                    </Flex>
                  ) : null}
                </Flex>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'deadline', label: t('openCalls.deadline'), children: formatDateTime(call.bidDeadline) },
                    {
                      key: 'eligible',
                      label: t('openCalls.eligibleUnits'),
                      children: call.eligibleUnits.length
                        ? call.eligibleUnits.map((u) => u.name).join('、')
                        : t('openCalls.eligibleAll'),
                    },
                    { key: 'by', label: t('openCalls.publishedBy'), children: call.publishedByName },
                    { key: 'at', label: t('openCalls.publishedAt'), children: formatDateTime(call.publishedAt) },
                    {
                      key: 'bids',
                      label: t('openCalls.bidCount'),
                      children: t('openCalls.bidCountValue', { count: call.bidCount }),
                    },
                    ...(call.awardedAt
                      ? [
                          {
                            key: 'awardedAt',
                            label: t('openCalls.awardedAt'),
                            children: formatDateTime(call.awardedAt),
                          },
                        ]
                      : []),
                  ]}
                />
              </Flex>
            </Card>
            <Card size="small" title={t('openCalls.requirements')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {call.requirements}
              </Typography.Paragraph>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('openCalls.bids')} data-testid="open-call-bids">
            {!hasRole('leader', 'supervisor') && call.bids.length > 0 ? (
              <Alert type="info" showIcon title={t('openCalls.ownBidsOnly')} style={{ marginBottom: 12 }} />
            ) : null}
            {call.bids.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={hasRole('leader', 'supervisor') ? t('openCalls.noBids') : t('openCalls.noOwnBid')}
              />
            ) : (
              <Flex vertical gap={12}>
                {call.bids.map((bid) => (
                  <BidCard key={bid.id} call={call} bid={bid} />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      {isBidding ? <BidModal call={call} onClose={() => setBidding(false)} /> : null}
    </>
  );
}

/** /open-calls/:id — one call: requirements, deadline, bids; bid or award where allowed. */
export function OpenCallPage() {
  const { id } = useParams();
  const isValidId = zId.safeParse(id).success;
  const call = useOpenCall(isValidId ? id : undefined);
  if (!isValidId || isNotFound(call.error)) return <NotFound />;
  if (call.isError) return <LoadError error={call.error} onRetry={() => void call.refetch()} />;
  if (!call.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <OpenCallDetail call={call.data} />;
}

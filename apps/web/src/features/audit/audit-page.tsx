import type { TAuditEntry, TAuditVerify } from '@duban/domain';
import {
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTimeSeconds } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type TAuditFilters, useAuditList } from './api.ts';
import { ACTION_SUGGESTIONS, actionLabel, TARGET_TYPES, targetTypeLabel } from './audit-labels.ts';
import { AnchorChainButton, VerifyChainButton, VerifyChainResult } from './verify-chain.tsx';

interface TFilterValues {
  action?: string;
  targetType?: string;
  actor?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

const DAY = 'YYYY-MM-DD';

/** A day from the address (YYYY-MM-DD), or null. */
const dayOf = (raw: string | null): Dayjs | null => (raw && dayjs(raw).isValid() ? dayjs(raw) : null);

function readFilters(params: URLSearchParams): TAuditFilters {
  const from = dayOf(params.get('from'));
  const to = dayOf(params.get('to'));
  const page = Number(params.get('page'));
  return {
    action: params.get('action') ?? undefined,
    targetType: params.get('type') ?? undefined,
    actor: params.get('actor') ?? undefined,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre className="duban-json">
        {value === null || value === undefined ? t('audit.noData') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function EntryDetail({ entry, isWide }: { entry: TAuditEntry; isWide: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`audit-detail-${entry.id}`}>
      {isWide ? null : (
        // On a phone the table keeps time, actor and action: the rest of the entry is here.
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8, wordBreak: 'break-all' }}>
          #{entry.id} · {entry.action} · {targetTypeLabel(entry.targetType)}
          {entry.targetId ? ` ${entry.targetId}` : ''}
          {entry.ip ? ` · ${entry.ip}` : ''}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <JsonBlock label={t('audit.before')} value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <JsonBlock label={t('audit.after')} value={entry.after} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {t('audit.hash')}: {entry.hash}
      </Typography.Text>
    </div>
  );
}

/** The audit log (auditor): filter, read what changed, and verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const isWide = Grid.useBreakpoint().md !== false;
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const entries = useAuditList(filters);
  const [form] = Form.useForm<TFilterValues>();
  const [verified, setVerified] = useState<(TAuditVerify & { at: string }) | null>(null);

  const apply = (values: TFilterValues) => {
    const next = new URLSearchParams();
    const set = (key: string, value: string | undefined) => {
      if (value?.trim()) next.set(key, value.trim());
    };
    set('action', values.action);
    set('type', values.targetType);
    set('actor', values.actor);
    set('from', values.period?.[0]?.format(DAY));
    set('to', values.period?.[1]?.format(DAY));
    setParams(next, { replace: true });
  };
  const initialValues: TFilterValues = {
    action: params.get('action') ?? undefined,
    targetType: params.get('type') ?? undefined,
    actor: params.get('actor') ?? undefined,
    period: params.get('from') || params.get('to') ? [dayOf(params.get('from')), dayOf(params.get('to'))] : null,
  };

  // A phone keeps time, actor and action; the entry's detail shows the rest.
  const columns: TableColumnsType<TAuditEntry> = [
    { title: '#', dataIndex: 'id', width: 72, responsive: ['md'] },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTimeSeconds(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Flex gap={6} align="center" wrap>
          <Tag color={v === 'auth.lockout' || v === 'auth.loginFailed' ? 'error' : 'processing'}>{actionLabel(v)}</Tag>
          {isWide ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('audit.targetType'),
      dataIndex: 'targetType',
      responsive: ['md'],
      render: (v: string) => targetTypeLabel(v),
    },
    {
      title: t('audit.targetId'),
      dataIndex: 'targetId',
      responsive: ['md'],
      render: (v: string | null) =>
        v ? <Typography.Text copyable={{ text: v }}>{v.length > 8 ? `${v.slice(0, 8)}…` : v}</Typography.Text> : '—',
    },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['md'], render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Space wrap>
            <AnchorChainButton />
            <VerifyChainButton onVerified={setVerified} />
          </Space>
        }
      />
      {verified ? <VerifyChainResult result={verified} onClose={() => setVerified(null)} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          name="auditFilters"
          layout="vertical"
          className="duban-filter-form"
          initialValues={initialValues}
          onFinish={apply}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.action')}>
                <AutoComplete
                  options={ACTION_SUGGESTIONS.map((a) => ({
                    value: a,
                    label: a.endsWith('.') ? a : `${a} · ${actionLabel(a)}`,
                  }))}
                  placeholder={t('audit.actionPlaceholder')}
                  allowClear
                  showSearch={{
                    filterOption: (input, option) =>
                      String(option?.value ?? '')
                        .toLowerCase()
                        .startsWith(input.toLowerCase()),
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="targetType" label={t('audit.targetType')}>
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={TARGET_TYPES.map((type) => ({ value: type, label: targetTypeLabel(type) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="actor" label={t('audit.actor')}>
                <Input allowClear placeholder={t('audit.actorPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="period" label={t('audit.dateRange')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={4}>
              <Form.Item label=" " colon={false}>
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit">
                    {t('common.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue({ action: undefined, targetType: undefined, actor: undefined, period: null });
                      setParams(new URLSearchParams(), { replace: true });
                    }}
                  >
                    {t('common.reset')}
                  </Button>
                </Flex>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {entries.isError && !entries.data ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Card size="small">
          <Table<TAuditEntry>
            rowKey="id"
            size="middle"
            data-testid="audit-table"
            columns={columns}
            dataSource={entries.data?.items ?? []}
            loading={entries.isFetching}
            scroll={isWide ? { x: 'max-content' } : undefined}
            tableLayout={isWide ? undefined : 'fixed'}
            expandable={{ expandedRowRender: (entry) => <EntryDetail entry={entry} isWide={isWide} /> }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: entries.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('audit.count', { total }),
              onChange: (page) => {
                const next = new URLSearchParams(params);
                if (page > 1) next.set('page', String(page));
                else next.delete('page');
                setParams(next, { replace: true });
              },
            }}
          />
        </Card>
      )}
    </>
  );
}

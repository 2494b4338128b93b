import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { HOLIDAY_NAMES, type TCalendarDay, type TCalendarDayKind, type TCalendarYear, weekdayOf } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { CALENDAR_KEY, saveLocalDays } from './api.ts';
import { holidayCodeOf, holidayLabel } from './calendar-labels.ts';

interface TAddValues {
  day: Dayjs;
  kind: TCalendarDayKind;
  name: string;
}

/** The local days of a year, added and removed one at a time; each change saves the whole list. */
export function LocalDaysCard({ calendar }: { calendar: TCalendarYear }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TAddValues>();
  const { year } = calendar;
  const local: TCalendarDay[] = calendar.days
    .filter((d) => d.origin === 'local')
    .map(({ day, kind, name }) => ({ day, kind, name }));
  const isOfficial = (day: string) => {
    const found = calendar.days.find((d) => d.day === day);
    return found?.origin === 'official';
  };

  const save = useMutation({
    mutationFn: (days: TCalendarDay[]) => saveLocalDays(year, days),
    onSuccess: (saved) => {
      queryClient.setQueryData([...CALENDAR_KEY, year], saved);
      void message.success(t('calendar.local.saved', { year, count: saved.workingDays }));
    },
  });

  const add = (values: TAddValues) => {
    const day = values.day.format('YYYY-MM-DD');
    const entry = { day, kind: values.kind, name: holidayCodeOf(values.name) };
    save.mutate([...local, entry], {
      onSuccess: () => form.resetFields(),
      onError: (error) => report(error, form),
    });
  };
  const remove = (day: string) =>
    save.mutate(
      local.filter((d) => d.day !== day),
      { onError: (error) => report(error) },
    );

  /** A day picked is offered the kind that changes it: off when people work that day, work when they do not. */
  const suggestKind = (value: Dayjs | null) => {
    if (!value) return;
    const day = value.format('YYYY-MM-DD');
    const special = calendar.days.find((d) => d.day === day);
    const isWorking = special ? special.kind === 'workday' : weekdayOf(day) <= 5;
    form.setFieldValue('kind', isWorking ? 'holiday' : 'workday');
  };

  const columns: TableColumnsType<TCalendarDay> = [
    {
      title: t('calendar.local.day'),
      dataIndex: 'day',
      render: (day: string) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{day}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(day).format('dddd')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('calendar.local.kind'),
      dataIndex: 'kind',
      render: (kind: TCalendarDayKind) => (
        <Tag color={kind === 'holiday' ? 'red' : 'default'}>
          {t(`calendar.marks.${kind}`)} · {t(`calendar.kinds.${kind}`)}
        </Tag>
      ),
    },
    {
      title: t('calendar.local.name'),
      dataIndex: 'name',
      render: (name: string, d) => (
        <Flex vertical>
          <span style={{ wordBreak: 'break-word' }}>{holidayLabel(name)}</span>
          {isOfficial(d.day) ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('calendar.local.overOfficial')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 72,
      render: (_v, d) => (
        <Popconfirm
          title={t('calendar.local.removeConfirm', { day: d.day })}
          okText={t('calendar.local.remove')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove(d.day)}
        >
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('calendar.local.remove')} ${d.day}`}
            title={t('calendar.local.remove')}
            data-testid={`local-day-remove-${d.day}`}
          />
        </Popconfirm>
      ),
    },
  ];

  const nameOptions = HOLIDAY_NAMES.map((code) => ({ value: holidayLabel(code) }));
  return (
    <Card size="small" title={t('calendar.local.title')} data-testid="local-days-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('calendar.local.hint')}
      </Typography.Paragraph>
      <Form
        form={form}
        name="localDay"
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'holiday' }}
        onFinish={add}
        data-testid="local-day-form"
      >
        <Flex gap={8} wrap align="flex-start">
          <Form.Item
            name="day"
            label={t('calendar.local.day')}
            style={{ flex: '1 1 150px', marginBottom: 12 }}
            rules={[
              { required: true, message: t('calendar.local.dayRequired') },
              {
                validator: async (_rule, value: Dayjs | undefined) => {
                  if (value && local.some((d) => d.day === value.format('YYYY-MM-DD'))) {
                    throw new Error(t('calendar.local.duplicate'));
                  }
                },
              },
            ]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.year() !== year}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              onChange={suggestKind}
              data-testid="local-day-date"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.local.kind')} style={{ flex: '0 1 120px', marginBottom: 12 }}>
            <Select
              options={(['holiday', 'workday'] as const).map((kind) => ({
                value: kind,
                label: `${t(`calendar.marks.${kind}`)} · ${t(`calendar.kinds.${kind}`)}`,
              }))}
              data-testid="local-day-kind"
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('calendar.local.name')}
            style={{ flex: '2 1 160px', marginBottom: 12 }}
            rules={[
              { required: true, whitespace: true, message: t('calendar.local.nameRequired') },
              { max: 60, message: t('calendar.local.nameTooLong') },
            ]}
          >
            <AutoComplete
              options={nameOptions}
              placeholder={t('calendar.local.namePlaceholder')}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
              data-testid="local-day-name"
            />
          </Form.Item>
          <Form.Item label=" " colon={false} style={{ marginBottom: 12 }}>
            <Button
              type="primary"
              htmlType="submit"
              icon={<PlusOutlined />}
              loading={save.isPending}
              data-testid="local-day-add"
            >
              {t('calendar.local.add')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      <Table<TCalendarDay>
        rowKey="day"
        size="small"
        columns={columns}
        dataSource={local}
        pagination={false}
        locale={{ emptyText: t('calendar.local.empty') }}
        data-testid="local-days-table"
      />
    </Card>
  );
}

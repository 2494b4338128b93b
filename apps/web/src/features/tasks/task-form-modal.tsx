import {
  CADENCES,
  FRONT_LINES,
  PRIORITIES,
  TASK_SOURCES,
  type TCadence,
  type TFrontLine,
  type TPriority,
  type TTask,
  type TTaskInput,
  type TTaskSource,
} from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { useUnits } from '../units/api.ts';
import { UnitTreeMultiSelect, UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { createSubtask, createTask, TASK_LISTS_KEY, TASKS_KEY, useTaskLists } from './api.ts';
import { CharterFields, MilestoneFields, type TCharterValues, type TMilestoneValues } from './task-form-parts.tsx';
import { taskListLabel } from './task-list-label.ts';

interface TTaskFormValues {
  listId?: string;
  title: string;
  source: TTaskSource;
  tags: string[];
  frontLine?: TFrontLine;
  priority: TPriority;
  leadLeaderId?: string;
  leadUnitId?: string;
  coUnitIds: string[];
  ownerId?: string;
  cadence: TCadence;
  startDate?: Dayjs;
  dueDate?: Dayjs;
  charter: TCharterValues;
  milestones: TMilestoneValues[];
}

type TTaskFormModalProps = { onClose: () => void; onSaved: (task: TTask) => void } & (
  | { mode: 'create'; listId?: string }
  | { mode: 'decompose'; parent: TTask }
);

const DATE = 'YYYY-MM-DD';
const trimmed = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** The request body from the form's values (dates as ISO dates, empty rows dropped). */
function toInput(v: TTaskFormValues): TTaskInput {
  return {
    title: v.title.trim(),
    source: v.source,
    tags: v.tags ?? [],
    frontLine: v.frontLine ?? null,
    priority: v.priority,
    leadLeaderId: v.leadLeaderId ?? null,
    leadUnitId: v.leadUnitId ?? '',
    coUnitIds: v.coUnitIds ?? [],
    ownerId: v.ownerId ?? null,
    cadence: v.cadence,
    startDate: v.startDate?.format(DATE) ?? '',
    dueDate: v.dueDate?.format(DATE) ?? '',
    charter: {
      goal: trimmed(v.charter?.goal),
      indicators: (v.charter?.indicators ?? [])
        .filter((i) => i?.name?.trim())
        .map((i) => ({ name: i.name.trim(), target: Number(i.target ?? 0), unit: trimmed(i.unit) })),
      deliverables: (v.charter?.deliverables ?? []).map((d) => d?.trim() ?? '').filter(Boolean),
      pledge: trimmed(v.charter?.pledge),
    },
    milestones: (v.milestones ?? [])
      .filter((m) => m?.title?.trim())
      .map((m) => ({
        title: m.title.trim(),
        dueDate: m.dueDate?.format(DATE) ?? '',
        deliverable: trimmed(m.deliverable),
        weight: m.weight ?? 1,
      })),
  };
}

/** New task in a list (supervisors, leaders), or a sub-task of a task (decompose: a co-unit or own staff). */
export function TaskFormModal(props: TTaskFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TTaskFormValues>();
  const isDecompose = props.mode === 'decompose';
  const parent = props.mode === 'decompose' ? props.parent : null;
  const lists = useTaskLists();
  const units = useUnits();
  const countyId = units.data?.find((u) => u.parentId === null)?.id;
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const chosenListId = props.mode === 'create' ? props.listId : undefined;
  // The list picked on the page after the dialog opened still becomes the default.
  useEffect(() => {
    if (chosenListId && !form.getFieldValue('listId')) form.setFieldValue('listId', chosenListId);
  }, [chosenListId, form]);
  const startDate = Form.useWatch('startDate', form);

  const save = useMutation({
    mutationFn: (v: TTaskFormValues) => {
      const input = toInput(v);
      if (parent) return createSubtask(parent.id, input);
      return createTask(v.listId ?? '', input);
    },
    onSuccess: async (task) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
      ]);
      void message.success(
        isDecompose ? t('taskForm.decomposed', { title: task.title }) : t('taskForm.created', { title: task.title }),
      );
      props.onSaved(task);
    },
    onError: (error) => report(error, form),
  });

  const initialValues: Partial<TTaskFormValues> = parent
    ? {
        source: parent.source,
        tags: parent.tags,
        frontLine: parent.frontLine ?? undefined,
        priority: parent.priority,
        cadence: parent.cadence,
        coUnitIds: [],
        startDate: dayjs(parent.startDate),
        dueDate: dayjs(parent.dueDate),
        charter: { indicators: [], deliverables: [] },
        milestones: [],
      }
    : {
        listId: props.mode === 'create' ? props.listId : undefined,
        source: 'other',
        tags: [],
        priority: 'normal',
        cadence: 'weekly',
        coUnitIds: [],
        startDate: dayjs(),
        charter: { indicators: [], deliverables: [] },
        milestones: [],
      };

  const subUnitOptions = parent
    ? [
        { value: parent.leadUnitId, label: t('taskForm.ownUnit', { name: parent.leadUnitName }) },
        ...parent.coUnits.map((u) => ({ value: u.id, label: u.name })),
      ]
    : [];
  const required = (message: string) => [{ required: true, message }];
  const enumOptions = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as 'priorities.normal') }));

  return (
    <Modal
      open
      width={920}
      title={parent ? t('taskForm.decomposeTitle', { title: parent.title }) : t('taskForm.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
    >
      <Form
        form={form}
        name="task"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        {parent ? (
          <Alert type="info" showIcon title={t('taskForm.decomposeHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('taskForm.basics')}
        </Divider>
        <Row gutter={16}>
          {parent ? null : (
            <Col xs={24} md={12}>
              <Form.Item name="listId" label={t('taskForm.list')} rules={required(t('taskForm.listRequired'))}>
                <Select
                  loading={lists.isPending}
                  options={(lists.data ?? []).map((l) => ({
                    value: l.id,
                    label: taskListLabel(l),
                  }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={parent ? 24 : 12}>
            <Form.Item
              name="title"
              label={t('taskForm.taskTitle')}
              rules={[{ required: true, whitespace: true, message: t('taskForm.titleRequired') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {parent ? null : (
            <>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="source" label={t('taskForm.source')}>
                  <Select options={enumOptions(TASK_SOURCES, 'taskSources')} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="frontLine" label={t('taskForm.frontLine')}>
                  <Select allowClear options={enumOptions(FRONT_LINES, 'frontLines')} placeholder={t('common.none')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="tags" label={t('taskForm.tags')}>
                  <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('taskForm.tagsPlaceholder')} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="priority" label={t('taskForm.priority')}>
              <Radio.Group optionType="button" options={enumOptions(PRIORITIES, 'priorities')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cadence" label={t('taskForm.cadence')}>
              <Select options={enumOptions(CADENCES, 'cadences')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('taskForm.people')}</Divider>
        <Row gutter={16}>
          {parent ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="leadUnitId"
                label={t('taskForm.subUnit')}
                extra={t('taskForm.subUnitHint')}
                rules={required(t('taskForm.leadUnitRequired'))}
              >
                <Select
                  options={subUnitOptions}
                  placeholder={t('taskForm.subUnitPlaceholder')}
                  onChange={() => form.setFieldValue('ownerId', undefined)}
                />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name="leadUnitId"
                  label={t('taskForm.leadUnit')}
                  rules={required(t('taskForm.leadUnitRequired'))}
                >
                  <UnitTreeSelect isActiveOnly data-testid="task-lead-unit" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="coUnitIds" label={t('taskForm.coUnits')}>
                  <UnitTreeMultiSelect
                    isActiveOnly
                    disabledIds={leadUnitId ? new Set([leadUnitId]) : undefined}
                    placeholder={t('common.optional')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="leadLeaderId" label={t('taskForm.leadLeader')}>
                  <UserSelect unitId={countyId} isUnitOnly placeholder={t('common.optional')} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('taskForm.owner')} extra={parent ? null : t('taskForm.ownerHint')}>
              <UserSelect
                key={leadUnitId ?? 'any'}
                unitId={leadUnitId}
                placeholder={t('common.optional')}
                data-testid="task-owner"
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('taskForm.schedule')}</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startDate" label={t('taskForm.startDate')} rules={required(t('taskForm.startRequired'))}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="dueDate"
              label={t('taskForm.dueDate')}
              dependencies={['startDate']}
              rules={[
                ...required(t('taskForm.dueRequired')),
                {
                  validator: async (_r, value: Dayjs | undefined) => {
                    if (value && startDate && value.isBefore(startDate, 'day')) {
                      throw new Error(t('taskForm.dueBeforeStart'));
                    }
                  },
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('taskForm.charter')}</Divider>
        <CharterFields />
        <Divider titlePlacement="start">{t('taskForm.milestones')}</Divider>
        <MilestoneFields form={form} />
      </Form>
    </Modal>
  );
}

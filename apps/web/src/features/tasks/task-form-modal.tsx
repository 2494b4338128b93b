import { CADENCES, FRONT_LINES, PRIORITIES, TASK_SOURCES, type TTask, type TTaskUpdate } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { changedFields, StaleVersionModal, useStaleVersion } from '../../components/stale-version-modal.tsx';
import { useUnits } from '../units/api.ts';
import { UnitTreeMultiSelect, UnitTreeSelect } from '../units/unit-tree-select.tsx';
import { type TNamedUser, UserSelect } from '../users/user-select.tsx';
import { createSubtask, createTask, TASK_LISTS_KEY, TASKS_KEY, updateTask, useTaskLists } from './api.ts';
import { taskShownFields } from './task-conflict.ts';
import { CharterFields, MilestoneFields } from './task-form-parts.tsx';
import { changesOf, type TTaskFormValues, toInput, valuesOf } from './task-form-values.ts';
import { taskListLabel } from './task-list-label.ts';

type TTaskFormModalProps = { onClose: () => void; onSaved: (task: TTask) => void } & (
  | { mode: 'create'; listId?: string }
  | { mode: 'decompose'; parent: TTask }
  | { mode: 'edit'; task: TTask }
);

const named = (id: string | null, name: string | null): TNamedUser | null => (id && name ? { id, name } : null);

/** The form's starting values: the parent's defaults for a sub-task, the task itself to edit it, else blank. */
function initialValuesOf(props: TTaskFormModalProps): Partial<TTaskFormValues> {
  if (props.mode === 'edit') return valuesOf(props.task);
  if (props.mode === 'decompose') {
    const { parent } = props;
    return {
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
    };
  }
  return {
    listId: props.listId,
    source: 'other',
    tags: [],
    priority: 'normal',
    cadence: 'weekly',
    coUnitIds: [],
    startDate: dayjs(),
    charter: { indicators: [], deliverables: [] },
    milestones: [],
  };
}

/**
 * New task in a list (supervisors, leaders), a sub-task of a task (decompose: a co-unit or own staff), or an edit of
 * a task's fields (the office; milestones are changed on the roadmap, not here).
 */
export function TaskFormModal(props: TTaskFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TTaskFormValues>();
  const parent = props.mode === 'decompose' ? props.parent : null;
  // The task as loaded when the edit began, or as reloaded after a conflict: the version the save is made on.
  const [edited, setEdited] = useState(props.mode === 'edit' ? props.task : null);
  const stale = useStaleVersion<TTask, TTaskUpdate>();
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
    mutationFn: (v: TTaskFormValues | { changes: TTaskUpdate; on: TTask }) => {
      if ('changes' in v) return updateTask(v.on.id, v.changes, v.on.version);
      if (edited) return updateTask(edited.id, changesOf(edited, v), edited.version);
      if (parent) return createSubtask(parent.id, toInput(v));
      return createTask(v.listId ?? '', toInput(v));
    },
    onSuccess: async (task) => {
      if (edited) queryClient.setQueryData([...TASKS_KEY, 'one', task.id], task);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
        queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
      ]);
      const done = edited ? 'taskForm.updated' : parent ? 'taskForm.decomposed' : 'taskForm.created';
      void message.success(t(done, { title: task.title }));
      props.onSaved(task);
    },
    onError: (error, v) => {
      // Someone saved the task meanwhile: my changes, measured against the version I loaded, wait for a decision.
      const on = 'changes' in v ? v.on : edited;
      const mine = 'changes' in v ? v.changes : on ? changesOf(on, v) : {};
      if (on && stale.catchStale(error, on, mine)) return;
      report(error, form);
    },
  });
  const conflict = stale.conflict;
  /** Theirs: the form shows the task as it stands, and the next save is made on that version. */
  const reload = () => {
    if (!conflict) return;
    queryClient.setQueryData([...TASKS_KEY, 'one', conflict.current.id], conflict.current);
    setEdited(conflict.current);
    form.setFieldsValue(valuesOf(conflict.current));
    stale.clear();
    void message.info(t('conflict.reloaded'));
  };
  /** Mine on top of theirs: the same changes, sent again on the version that stands now. */
  const reapply = () => {
    if (!conflict) return;
    setEdited(conflict.current);
    stale.clear();
    save.mutate({ changes: conflict.mine, on: conflict.current });
  };
  const submit = (v: TTaskFormValues) => {
    // Nothing changed: nothing to send (an empty update would still be recorded as an edit).
    if (edited && Object.keys(changesOf(edited, v)).length === 0) {
      void message.info(t('taskForm.unchanged'));
      props.onClose();
      return;
    }
    save.mutate(v);
  };

  // An error the API put on a field goes once the field changes: a field without rules is never validated again.
  const clearApiErrors = (changed: Partial<TTaskFormValues>) => {
    const names = Object.keys(changed) as (keyof TTaskFormValues)[];
    const stale = names.filter((name) => form.getFieldError(name).length > 0);
    if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
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
  const title = edited
    ? t('taskForm.editTitle', { title: edited.title })
    : parent
      ? t('taskForm.decomposeTitle', { title: parent.title })
      : t('taskForm.createTitle');

  return (
    <Modal
      open
      width={920}
      title={title}
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
        initialValues={initialValuesOf(props)}
        onFinish={submit}
        onValuesChange={clearApiErrors}
        scrollToFirstError
      >
        {parent ? (
          <Alert type="info" showIcon title={t('taskForm.decomposeHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('taskForm.basics')}
        </Divider>
        <Row gutter={16}>
          {props.mode === 'create' ? (
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
          ) : null}
          <Col xs={24} md={props.mode === 'create' ? 12 : 24}>
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
                  {/* The API keeps a front line once set (an update to null changes nothing): offer no clearing. */}
                  <Select
                    allowClear={!edited?.frontLine}
                    options={enumOptions(FRONT_LINES, 'frontLines')}
                    placeholder={t('common.none')}
                  />
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
                  <UserSelect
                    unitId={countyId}
                    isUnitOnly
                    current={edited ? named(edited.leadLeaderId, edited.leadLeaderName) : null}
                    placeholder={t('common.optional')}
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('taskForm.owner')} extra={parent ? null : t('taskForm.ownerHint')}>
              <UserSelect
                key={leadUnitId ?? 'any'}
                unitId={leadUnitId}
                current={edited ? named(edited.ownerId, edited.ownerName) : null}
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
        {edited ? null : (
          <>
            <Divider titlePlacement="start">{t('taskForm.milestones')}</Divider>
            <MilestoneFields form={form} />
          </>
        )}
      </Form>
      {conflict ? (
        <StaleVersionModal
          changes={changedFields(taskShownFields(t), conflict.loaded, conflict.current)}
          lastChange={conflict.lastChange}
          isReapplying={save.isPending}
          onReload={reload}
          onReapply={reapply}
        />
      ) : null}
    </Modal>
  );
}

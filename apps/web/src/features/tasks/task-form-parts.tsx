import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, type FormInstance, Input, InputNumber, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface TCharterValues {
  goal?: string;
  indicators: { name: string; target?: number; unit?: string }[];
  deliverables: string[];
  pledge?: string;
}

export interface TMilestoneValues {
  title: string;
  dueDate?: Dayjs;
  deliverable?: string;
  weight?: number;
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      danger
      icon={<MinusCircleOutlined />}
      aria-label={t('taskForm.remove')}
      onClick={onClick}
      style={{ marginTop: 4 }}
    />
  );
}

/** The charter (任务书): goal, indicators (name, target, unit), deliverables, pledge. */
export function CharterFields() {
  const { t } = useTranslation();
  const required = [{ required: true, whitespace: true, message: t('taskForm.required') }];
  return (
    <>
      <Form.Item name={['charter', 'goal']} label={t('taskForm.goal')}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('taskForm.goalPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('taskForm.indicators')} style={{ marginBottom: 8 }}>
        <Form.List name={['charter', 'indicators']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} wrap={false} align="top">
                  <Col flex="auto">
                    <Row gutter={8}>
                      <Col xs={24} sm={12}>
                        <Form.Item name={[field.name, 'name']} rules={required}>
                          <Input maxLength={100} placeholder={t('taskForm.indicatorName')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item
                          name={[field.name, 'target']}
                          rules={[{ required: true, message: t('taskForm.required') }]}
                        >
                          <InputNumber style={{ width: '100%' }} placeholder={t('taskForm.indicatorTarget')} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={6}>
                        <Form.Item name={[field.name, 'unit']}>
                          <Input maxLength={20} placeholder={t('taskForm.indicatorUnit')} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Col>
                  <Col flex="none">
                    <RemoveButton onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                {t('taskForm.addIndicator')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t('taskForm.deliverables')} style={{ marginBottom: 8 }}>
        <Form.List name={['charter', 'deliverables']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} wrap={false} align="top">
                  <Col flex="auto">
                    <Form.Item name={field.name} rules={required}>
                      <Input maxLength={200} placeholder={t('taskForm.deliverable')} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <RemoveButton onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 20}>
                {t('taskForm.addDeliverable')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name={['charter', 'pledge']} label={t('taskForm.pledge')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** The roadmap: ordered milestones with a due date (not after the task's), a deliverable and a weight. */
export function MilestoneFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const dueDate = Form.useWatch<Dayjs | undefined>('dueDate', form);
  return (
    <Form.List name="milestones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} wrap={false} align="top" data-testid="milestone-row">
              <Col flex="28px" style={{ paddingTop: 5, color: '#6b7280' }}>
                {index + 1}.
              </Col>
              <Col flex="auto">
                <Row gutter={8}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, whitespace: true, message: t('taskForm.required') }]}
                    >
                      <Input maxLength={200} placeholder={t('taskForm.milestoneTitle')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      rules={[
                        { required: true, message: t('taskForm.required') },
                        {
                          validator: async (_r, value: Dayjs | undefined) => {
                            if (value && dueDate && value.isAfter(dueDate, 'day')) {
                              throw new Error(t('taskForm.milestoneAfterDue'));
                            }
                          },
                        },
                      ]}
                    >
                      <DatePicker style={{ width: '100%' }} placeholder={t('taskForm.milestoneDue')} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'weight']}>
                      <InputNumber
                        min={0}
                        max={100}
                        precision={0}
                        style={{ width: '100%' }}
                        prefix={
                          <span style={{ color: '#6b7280' }} data-testid="milestone-weight-label">
                            {t('taskForm.milestoneWeight')}
                          </span>
                        }
                        aria-label={t('taskForm.milestoneWeight')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'deliverable']}>
                      <Input maxLength={500} placeholder={t('taskForm.milestoneDeliverable')} />
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
              <Col flex="none">
                <RemoveButton onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ weight: 1 })}
            disabled={fields.length >= 50}
          >
            {t('taskForm.addMilestone')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

import type { TTodayTask } from '@duban/domain';
import { Checkbox, Flex, Input, InputNumber, Slider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isProgressLowered, type TDraft } from './check-in-draft.ts';
import { PhotoPicker } from './photo-picker.tsx';

/** What the cadre must fix on this card, where. */
export interface TCardProblem {
  field: string;
  text: string;
}

interface TCheckInFieldsProps {
  task: TTodayTask;
  draft: TDraft;
  problem: TCardProblem | null;
  onChange: (change: (draft: TDraft) => TDraft) => void;
}

/** One line of text: done, next, blocker, or the reason for a lower progress. */
function LineField(props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  error?: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <div className="duban-today-field">
      <label htmlFor={props.id}>{props.label}</label>
      <Input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        maxLength={200}
        status={props.error ? 'error' : undefined}
        onChange={(event) => props.onChange(event.target.value)}
        data-testid={props.id.replace(/-[0-9a-f-]{36}$/, '')}
      />
      {props.error ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {props.error}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** The fields of an entry: progress (unless it rolls up), done, next, blocker, milestones reached, photos. */
export function CheckInFields({ task, draft, problem, onChange }: TCheckInFieldsProps) {
  const { t } = useTranslation();
  const id = (name: string) => `check-in-${name}-${task.id}`;
  const errorOn = (field: string) => (problem?.field === field ? problem.text : null);
  const setText = (name: 'done' | 'next' | 'blocker' | 'progressReason') => (value: string) =>
    onChange((d) => ({ ...d, [name]: value }));
  const setProgress = (value: number | null) => onChange((d) => ({ ...d, progress: value ?? d.progress }));
  const pending = task.milestones.filter((m) => m.state === 'pending');

  return (
    <div className="duban-today-fields">
      {task.progressRollsUp ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
          {t('today.rollsUp')}
        </Typography.Text>
      ) : (
        <div className="duban-today-field">
          <label htmlFor={id('progress')}>{t('today.fields.progress')}</label>
          <Flex gap={12} align="center">
            <Slider
              style={{ flex: '1 1 auto', margin: '0 8px' }}
              min={0}
              max={100}
              value={draft.progress}
              onChange={setProgress}
              aria-label={t('today.fields.progress')}
              data-testid="check-in-slider"
            />
            <InputNumber
              id={id('progress')}
              min={0}
              max={100}
              precision={0}
              value={draft.progress}
              onChange={setProgress}
              suffix="%"
              inputMode="numeric"
              style={{ width: 84, flex: '0 0 auto' }}
              status={errorOn('progress') ? 'error' : undefined}
              data-testid="check-in-progress"
            />
          </Flex>
          {errorOn('progress') ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {errorOn('progress')}
            </Typography.Text>
          ) : null}
        </div>
      )}
      {isProgressLowered(task, draft) ? (
        <LineField
          id={id('progressReason')}
          label={t('today.fields.progressReason')}
          value={draft.progressReason}
          placeholder={t('today.fields.progressReasonPlaceholder', { progress: task.progress })}
          error={errorOn('progressReason')}
          onChange={setText('progressReason')}
        />
      ) : null}
      <LineField
        id={id('done')}
        label={t('today.fields.done')}
        value={draft.done}
        placeholder={t('today.fields.donePlaceholder')}
        error={errorOn('done')}
        onChange={setText('done')}
      />
      <LineField
        id={id('next')}
        label={t('today.fields.next')}
        value={draft.next}
        placeholder={t('today.fields.nextPlaceholder')}
        error={errorOn('next')}
        onChange={setText('next')}
      />
      <LineField
        id={id('blocker')}
        label={t('today.fields.blocker')}
        value={draft.blocker}
        placeholder={t('today.fields.blockerPlaceholder')}
        error={errorOn('blocker')}
        onChange={setText('blocker')}
      />
      {pending.length ? (
        <div className="duban-today-field">
          <span className="duban-today-label">{t('today.fields.milestones')}</span>
          <Checkbox.Group
            value={draft.milestoneIds}
            onChange={(ids) => onChange((d) => ({ ...d, milestoneIds: ids.map(String) }))}
            data-testid="check-in-milestones"
          >
            <Flex vertical gap={4}>
              {pending.map((m) => (
                <Checkbox key={m.id} value={m.id}>
                  {m.title}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    · {m.dueDate}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
          {errorOn('milestoneIds') ? (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              {errorOn('milestoneIds')}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      <div className="duban-today-field" style={{ marginBottom: 0 }}>
        <span className="duban-today-label">{t('today.fields.photos')}</span>
        <PhotoPicker
          photos={draft.photos}
          onAdd={(added) => onChange((d) => ({ ...d, photos: [...d.photos, ...added] }))}
          onRemove={(key) =>
            onChange((d) => {
              const gone = d.photos.find((p) => p.key === key);
              if (gone) URL.revokeObjectURL(gone.url);
              return { ...d, photos: d.photos.filter((p) => p.key !== key) };
            })
          }
        />
        {errorOn('photoIds') ? (
          <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
            {errorOn('photoIds')}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}

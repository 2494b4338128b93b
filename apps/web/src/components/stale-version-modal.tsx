import type { TLastChange } from '@duban/domain';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staleVersionOf, type TStaleVersion } from '../app/api-client.ts';
import { formatDateTime } from './format.ts';

/** One field of a record as the conflict dialog shows it: its label and its value as text. */
export interface TShownField<T> {
  key: string;
  label: string;
  show: (record: T) => string;
}

/** A field whose value differs between the version loaded and the one standing now. */
export interface TChangedField {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** The fields whose current value differs from the one loaded, old → new. */
export function changedFields<T>(fields: readonly TShownField<T>[], loaded: T, current: T): TChangedField[] {
  return fields.flatMap((f) => {
    const before = f.show(loaded);
    const after = f.show(current);
    return before === after ? [] : [{ key: f.key, label: f.label, before, after }];
  });
}

/** A write refused because the record changed meanwhile: the version it was made on, and what stands now. */
export interface TConflict<T> extends TStaleVersion<T> {
  loaded: T;
}

/**
 * Holds a write refused as stale (412) until the person reloads or reapplies: `catchStale` takes the error and the
 * record the write was made on, and answers true when it was a stale write (the dialog then shows).
 */
export function useStaleVersion<T, TMine = undefined>() {
  const [conflict, setConflict] = useState<(TConflict<T> & { mine: TMine }) | null>(null);
  const catchStale = useCallback((error: unknown, loaded: T, mine: TMine): boolean => {
    const stale = staleVersionOf<T>(error);
    if (!stale) return false;
    setConflict({ ...stale, loaded, mine });
    return true;
  }, []);
  const clear = useCallback(() => setConflict(null), []);
  return { conflict, catchStale, clear };
}

interface TStaleVersionModalProps {
  changes: TChangedField[];
  lastChange: TLastChange | null;
  isReapplying: boolean;
  /** Discard my change and show the record as it stands. */
  onReload: () => void;
  /** Keep my change on top of the record as it stands, and save it again. */
  onReapply: () => void;
}

/**
 * Someone else saved the record while this person was editing it: what changed (old → new), who and when, and the
 * two ways on — reload theirs, or reapply mine on top of it.
 */
export function StaleVersionModal({ changes, lastChange, isReapplying, onReload, onReapply }: TStaleVersionModalProps) {
  const { t } = useTranslation();
  const who = lastChange
    ? t('conflict.by', { name: lastChange.actorName ?? t('conflict.someone'), at: formatDateTime(lastChange.at) })
    : t('conflict.byUnknown');
  return (
    <Modal
      open
      title={t('conflict.title')}
      onCancel={onReload}
      mask={{ closable: false }}
      width={560}
      footer={
        <Flex gap={8} justify="end" wrap>
          <Button onClick={onReload} data-testid="conflict-reload">
            {t('conflict.reload')}
          </Button>
          <Button type="primary" loading={isReapplying} onClick={onReapply} data-testid="conflict-reapply">
            {t('conflict.reapply')}
          </Button>
        </Flex>
      }
    >
      <Alert type="warning" showIcon title={who} style={{ marginBottom: 16 }} />
      {changes.length ? (
        <>
          <Typography.Paragraph>{t('conflict.changed')}</Typography.Paragraph>
          <Flex vertical gap={12} data-testid="conflict-changes">
            {changes.map((c) => (
              <div key={c.key}>
                <Typography.Text strong>{c.label}</Typography.Text>
                <Flex gap={8} wrap align="baseline" style={{ wordBreak: 'break-word' }}>
                  <Typography.Text delete type="secondary">
                    {c.before || t('common.none')}
                  </Typography.Text>
                  <span aria-hidden>→</span>
                  <Typography.Text mark>{c.after || t('common.none')}</Typography.Text>
                </Flex>
              </div>
            ))}
          </Flex>
        </>
      ) : (
        <Typography.Paragraph>{t('conflict.nothingShown')}</Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 16 }}>
        {t('conflict.hint')}
      </Typography.Paragraph>
    </Modal>
  );
}

import { CheckCircleOutlined, CloudDownloadOutlined, SendOutlined } from '@ant-design/icons';
import { localDay, type TTodayTask } from '@duban/domain';
import { Alert, App, Button, Collapse, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../../app/errors.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useToday } from './api.ts';
import {
  draftOfEntry,
  draftProblem,
  entryOf,
  isDraftTouched,
  noChangeDraft,
  releaseDraft,
  type TDraft,
  type TDrafts,
} from './check-in-draft.ts';
import type { TCardProblem } from './check-in-fields.tsx';
import { newClientId, type TQueuedBatch } from './check-in-queue.ts';
import { CheckInResults } from './check-in-results.tsx';
import { entryFieldOf, RejectedBatches, refusalText } from './rejected-batches.tsx';
import { cacheForOffline } from './service-worker.ts';
import { SyncBanner } from './sync-banner.tsx';
import { TodayTaskCard } from './today-task-card.tsx';
import { useCheckInQueue } from './use-check-in-queue.ts';
import './today.css';

/** The refused batch the cadre is editing: its entries are in the drafts, it leaves the queue when they are sent. */
interface TEditing {
  clientId: string;
  recordedAt: string;
  /** Entries on tasks no longer in the list: they cannot be edited here. */
  missing: string[];
  /** The tasks whose drafts were loaded from it. */
  taskIds: string[];
}

const MAX_OPEN_SECONDS = 86_400;

/**
 * 今日日清: the day's check-in on one phone screen. Due tasks first, each "no change" in one tap or its fields;
 * "all no change" and one submit make a quiet day two taps. Submits go through a queue on the phone, so the same
 * screen works offline and syncs later, keeping the time each was made.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useSession();
  const userId = me?.user.id ?? '';
  const today = useToday();
  const queue = useCheckInQueue(userId);
  const [drafts, setDrafts] = useState<TDrafts>({});
  const [problems, setProblems] = useState<Record<string, TCardProblem>>({});
  const [editing, setEditing] = useState<TEditing | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const [isOfflineReady, setOfflineReady] = useState(false);
  const [notDueOpen, setNotDueOpen] = useState<string[]>([]);
  /** When the screen opened (or was last submitted): the burden meter's seconds. */
  const openedAt = useRef(Date.now());
  const askedOffline = useRef(false);

  const tasks = useMemo(() => today.data?.tasks ?? [], [today.data]);
  const due = tasks.filter((task) => task.dueReason !== null);
  const notDue = tasks.filter((task) => task.dueReason === null);
  const queuedTaskIds = useMemo(
    () => new Set(queue.pending.flatMap((b) => b.entries.map((e) => e.entry.taskId))),
    [queue.pending],
  );
  const touched = tasks.filter((task) => isDraftTouched(task, drafts[task.id]));

  // Sent here from a task's page (#task-<id>): that task's card, in view.
  const hashTask = useLocation().hash.match(/^#task-([0-9a-f-]{36})$/)?.[1];
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!today.data || !hashTask || scrolledTo.current === hashTask) return;
    scrolledTo.current = hashTask;
    if (today.data.tasks.some((task) => task.id === hashTask && task.dueReason === null)) setNotDueOpen(['notDue']);
    scrollToTask(hashTask);
  }, [today.data, hashTask]);

  useEffect(() => {
    if (!today.isSuccess || askedOffline.current) return;
    askedOffline.current = true;
    void cacheForOffline(['/api/v1/me', '/api/v1/me/today']).then(setOfflineReady);
  }, [today.isSuccess]);

  // Drafts hold thumbnails (object URLs): let go of them when the page goes.
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  useEffect(() => () => Object.values(draftsRef.current).forEach(releaseDraft), []);

  const updateDraft = useCallback((taskId: string, change: (draft: TDraft | undefined) => TDraft | undefined) => {
    setDrafts((before) => {
      const next = { ...before };
      const after = change(before[taskId]);
      if (after) next[taskId] = after;
      else delete next[taskId];
      return next;
    });
    setProblems((before) => {
      if (!before[taskId]) return before;
      const { [taskId]: _, ...rest } = before;
      return rest;
    });
  }, []);

  const markAllNoChange = () => {
    setDrafts((before) => {
      const next = { ...before };
      for (const task of due) {
        // What the cadre has already entered stays; an entry waiting to sync is not asked again.
        if (queuedTaskIds.has(task.id) || isDraftTouched(task, before[task.id])) continue;
        next[task.id] = noChangeDraft(task);
      }
      return next;
    });
  };

  const startEditing = (batch: TQueuedBatch) => {
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const loaded: TDrafts = {};
    const missing: string[] = [];
    for (const queued of batch.entries) {
      const task = byId.get(queued.entry.taskId);
      if (!task) {
        missing.push(queued.taskTitle);
        continue;
      }
      const photos = queued.photos.map((p) => ({ ...p, url: URL.createObjectURL(p.blob) }));
      loaded[task.id] = draftOfEntry(task, queued.entry, photos);
    }
    setDrafts((before) => {
      for (const id of Object.keys(loaded)) releaseDraft(before[id]);
      return { ...before, ...loaded };
    });
    const at = entryFieldOf(batch.error);
    const taskId = at ? batch.entries[at.index]?.entry.taskId : undefined;
    setProblems(taskId && at ? { [taskId]: { field: at.field, text: refusalText(batch.error) } } : {});
    setEditing({ clientId: batch.clientId, recordedAt: batch.recordedAt, missing, taskIds: Object.keys(loaded) });
    if (taskId && notDue.some((task) => task.id === taskId)) setNotDueOpen(['notDue']);
    if (taskId) scrollToTask(taskId);
  };

  /** Leaves the refused batch as it was (still kept) and clears the drafts loaded from it. */
  const cancelEditing = () => {
    const loaded = editing?.taskIds ?? [];
    setDrafts((before) => {
      const next = { ...before };
      for (const id of loaded) {
        releaseDraft(next[id]);
        delete next[id];
      }
      return next;
    });
    setEditing(null);
    setProblems({});
  };

  const submit = async () => {
    const found: Record<string, TCardProblem> = {};
    for (const task of touched) {
      const draft = drafts[task.id];
      const field = draft ? draftProblem(task, draft) : null;
      if (field) found[task.id] = { field, text: t('today.reasonRequired') };
    }
    const first = touched.find((task) => found[task.id]);
    if (first) {
      setProblems(found);
      setDrafts((before) => {
        const next = { ...before };
        for (const id of Object.keys(found)) {
          const draft = next[id];
          if (draft) next[id] = { ...draft, isOpen: true };
        }
        return next;
      });
      if (notDue.some((task) => task.id === first.id)) setNotDueOpen(['notDue']);
      void message.error(t('today.fixFirst'));
      scrollToTask(first.id);
      return;
    }
    const batch: TQueuedBatch = {
      clientId: newClientId(),
      userId,
      // The moment the cadre pressed submit: the check-in keeps it however late it syncs.
      recordedAt: new Date().toISOString(),
      openSeconds: Math.min(MAX_OPEN_SECONDS, Math.round((Date.now() - openedAt.current) / 1000)),
      entries: touched.map((task) => {
        const draft = drafts[task.id] as TDraft;
        return {
          entry: entryOf(task, draft),
          taskTitle: task.title,
          photos: draft.noChange
            ? []
            : draft.photos.map((p) => ({
                key: p.key,
                blob: p.blob,
                filename: p.filename,
                attachmentId: p.attachmentId,
              })),
          photosDropped: false,
        };
      }),
      state: 'pending',
      error: null,
    };
    setSubmitting(true);
    try {
      const report = await queue.enqueue(batch, editing?.clientId);
      // Kept on the phone now: the drafts can go.
      for (const task of touched) releaseDraft(drafts[task.id]);
      setDrafts((before) => {
        const next = { ...before };
        for (const task of touched) delete next[task.id];
        return next;
      });
      setEditing(null);
      setProblems({});
      openedAt.current = Date.now();
      const refused = report?.rejected.find((b) => b.clientId === batch.clientId);
      if (refused) {
        startEditing(refused);
      } else if (!report?.synced.some((s) => s.batch.clientId === batch.clientId)) {
        void message.info(t('today.queuedOffline'));
      } else {
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSubmitting(false);
    }
  };

  if (today.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (today.isError && !today.data) return <LoadError error={today.error} onRetry={() => void today.refetch()} />;

  const day = today.data?.day ?? '';
  const isStale = day !== '' && day !== localDay(new Date());
  const renderCard = (task: TTodayTask) => (
    <TodayTaskCard
      key={task.id}
      task={task}
      draft={drafts[task.id]}
      isQueued={queuedTaskIds.has(task.id)}
      problem={problems[task.id] ?? null}
      onUpdate={updateDraft}
    />
  );
  const dueOpen = due.filter((task) => !queuedTaskIds.has(task.id));

  return (
    <div className="duban-today" data-testid="today-page">
      <PageHeader
        title={t('today.title')}
        subtitle={
          <>
            {due.length ? t('today.subtitle', { day, count: due.length }) : t('today.subtitleNone', { day })}
            {isOfflineReady ? (
              <Tag icon={<CloudDownloadOutlined />} color="success" style={{ marginInlineStart: 8 }}>
                <span data-testid="today-offline-ready">{t('today.offlineReady')}</span>
              </Tag>
            ) : null}
          </>
        }
      />
      <SyncBanner queue={queue} onLogin={() => navigate('/login?next=%2Ftoday')} />
      {isStale ? (
        <Alert type="info" showIcon title={t('today.staleDay', { day })} style={{ marginBottom: 12 }} />
      ) : null}
      <RejectedBatches
        batches={queue.rejected}
        editing={editing?.clientId ?? null}
        onEdit={startEditing}
        onDiscard={(batch) => {
          if (editing?.clientId === batch.clientId) cancelEditing();
          void queue.discard(batch.clientId);
        }}
      />
      {editing ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('today.rejected.editing', { time: formatDateTime(editing.recordedAt) })}
          description={
            editing.missing.length ? t('today.rejected.missing', { tasks: editing.missing.join('、') }) : undefined
          }
          action={
            <Button size="small" onClick={cancelEditing}>
              {t('today.rejected.cancelEdit')}
            </Button>
          }
        />
      ) : null}
      <CheckInResults synced={queue.synced} onDismiss={queue.clearSynced} />

      {dueOpen.length ? (
        <Button
          block
          size="large"
          icon={<CheckCircleOutlined />}
          onClick={markAllNoChange}
          style={{ marginBottom: 12 }}
          data-testid="today-all-no-change"
        >
          {t('today.allNoChange')}
        </Button>
      ) : null}
      {due.map(renderCard)}
      {!due.length ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={notDue.length ? t('today.nothingDue') : t('today.nothingAtAll')}
          style={{ margin: '16px 0' }}
          data-testid="today-nothing-due"
        />
      ) : null}
      {notDue.length ? (
        <Collapse
          activeKey={notDueOpen}
          onChange={(keys) => setNotDueOpen(Array.isArray(keys) ? keys : [keys])}
          style={{ marginTop: 8 }}
          data-testid="today-not-due"
          items={[
            {
              key: 'notDue',
              label: t('today.notDue', { count: notDue.length }),
              styles: { body: { padding: 8 } },
              children: (
                <>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
                    {t('today.notDueHint')}
                  </Typography.Text>
                  {notDue.map(renderCard)}
                </>
              ),
            },
          ]}
        />
      ) : null}

      {tasks.length ? (
        <Flex className="duban-today-submit" align="center" justify="space-between" gap={12}>
          <Typography.Text type={touched.length ? undefined : 'secondary'} style={{ fontSize: 13 }}>
            {touched.length ? t('today.selected', { count: touched.length }) : t('today.selectedNone')}
          </Typography.Text>
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            disabled={!touched.length}
            loading={isSubmitting}
            onClick={() => void submit()}
            data-testid="today-submit"
          >
            {touched.length ? t('today.submitCount', { count: touched.length }) : t('today.submit')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}

function scrollToTask(taskId: string): void {
  // After the render that opens the card's fields.
  window.setTimeout(() => {
    document.querySelector(`[data-task-id="${taskId}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, 50);
}

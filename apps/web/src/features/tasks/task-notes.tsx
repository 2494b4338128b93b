import { CheckOutlined, CommentOutlined, SoundOutlined } from '@ant-design/icons';
import type { TNote } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { INBOX_KEY } from '../inbox/api.ts';
import { addNote, answerInstruction, readInstruction, TASKS_KEY, type TNoteKind, useNotes } from './api.ts';

function NoteForm({ taskId, kind }: { taskId: string; kind: TNoteKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ body: string }>();
  const isInstruction = kind === 'instructions';
  const add = useMutation({
    mutationFn: (body: string) => addNote(taskId, kind, body),
    onSuccess: async () => {
      form.resetFields();
      void message.success(isInstruction ? t('task.instructionAdded') : t('task.commentAdded'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'notes', taskId, kind] }),
        queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
      ]);
    },
    onError: (error) => report(error, form),
  });
  return (
    <Form form={form} name={kind} onFinish={(v) => add.mutate(v.body.trim())} style={{ marginTop: 12 }}>
      <Form.Item
        name="body"
        rules={[{ required: true, whitespace: true, message: t('task.bodyRequired') }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea
          rows={isInstruction ? 3 : 2}
          maxLength={4000}
          placeholder={isInstruction ? t('task.instructionPlaceholder') : t('task.commentPlaceholder')}
        />
      </Form.Item>
      <Flex justify="flex-end">
        <Button
          htmlType="submit"
          type={isInstruction ? 'primary' : 'default'}
          danger={isInstruction}
          loading={add.isPending}
          data-testid={`${kind}-submit`}
        >
          {isInstruction ? t('task.addInstruction') : t('task.addComment')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Who read an instruction, and each answer (落实情况): what its leader looks for under it. */
function InstructionResponses({ note }: { note: TNote }) {
  const { t } = useTranslation();
  if (note.responses.length === 0) return null;
  const answers = note.responses.filter((r) => r.reply);
  return (
    <Flex vertical gap={4} style={{ marginTop: 6 }} data-testid="instruction-responses">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('task.readBy', { names: note.responses.map((r) => r.userName).join('、') })}
      </Typography.Text>
      {answers.map((r) => (
        <div key={r.userId} className="duban-instruction-answer" data-testid="instruction-answer">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Typography.Text strong style={{ fontSize: 12 }}>
              {r.userName}
            </Typography.Text>{' '}
            · {formatDateTime(r.repliedAt ?? r.readAt)}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {r.reply}
          </Typography.Paragraph>
        </div>
      ))}
    </Flex>
  );
}

/** 已阅 and a short 落实情况, for one who carries the task out. */
function InstructionAnswer({ note }: { note: TNote }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ body: string }>();
  const [isAnswering, setAnswering] = useState(false);
  const mine = note.responses.find((r) => r.userId === me?.user.id);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'notes', note.taskId, 'instructions'] }),
      queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
    ]);
  const read = useMutation({
    mutationFn: () => readInstruction(note.taskId, note.id),
    onSuccess: async () => {
      void message.success(t('task.markedRead'));
      await refresh();
    },
    onError: (error) => report(error),
  });
  const answer = useMutation({
    mutationFn: (body: string) => answerInstruction(note.taskId, note.id, body),
    onSuccess: async () => {
      form.resetFields();
      setAnswering(false);
      void message.success(t('task.answered'));
      await refresh();
    },
    onError: (error) => report(error, form),
  });
  return (
    <div style={{ marginTop: 8 }} data-testid="instruction-answer-box">
      <Flex gap={8} wrap align="center">
        {mine ? (
          <Tag icon={<CheckOutlined />} color="success" data-testid="instruction-read">
            {t('task.youRead', { time: formatDateTime(mine.readAt) })}
          </Tag>
        ) : (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={read.isPending}
            onClick={() => read.mutate()}
            data-testid="instruction-mark-read"
          >
            {t('task.markRead')}
          </Button>
        )}
        {isAnswering ? null : (
          <Button onClick={() => setAnswering(true)} data-testid="instruction-answer-open">
            {t('task.answer')}
          </Button>
        )}
      </Flex>
      {isAnswering ? (
        <Form
          form={form}
          name={`answer-${note.id}`}
          onFinish={(v) => answer.mutate(v.body.trim())}
          style={{ marginTop: 8 }}
          initialValues={{ body: mine?.reply ?? '' }}
        >
          <Form.Item
            name="body"
            rules={[{ required: true, whitespace: true, message: t('task.answerRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <Input.TextArea
              rows={2}
              maxLength={500}
              showCount
              placeholder={t('task.answerPlaceholder')}
              data-testid="instruction-answer-input"
            />
          </Form.Item>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setAnswering(false)}>{t('common.cancel')}</Button>
            <Button htmlType="submit" type="primary" loading={answer.isPending} data-testid="instruction-answer-send">
              {t('task.answerSend')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </div>
  );
}

function NoteItem({ note, isInstruction, canAnswer }: { note: TNote; isInstruction: boolean; canAnswer: boolean }) {
  return (
    <div className={isInstruction ? 'duban-instruction' : 'duban-comment'} data-testid="task-note">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Typography.Text strong style={{ fontSize: 13 }}>
          {note.authorName}
        </Typography.Text>{' '}
        · {formatDateTime(note.createdAt)}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {note.body}
      </Typography.Paragraph>
      {isInstruction ? <InstructionResponses note={note} /> : null}
      {isInstruction && canAnswer ? <InstructionAnswer note={note} /> : null}
    </div>
  );
}

interface TTaskNotesProps {
  taskId: string;
  kind: TNoteKind;
  canAdd: boolean;
  /** Those who carry the task out mark instructions read and answer them. */
  canAnswer?: boolean;
}

/**
 * Leaders' instructions (批示, highlighted; leaders add them, those on the task read and answer them, and everyone
 * sees who did) or the comments on a task, newest first.
 */
export function TaskNotes({ taskId, kind, canAdd, canAnswer = false }: TTaskNotesProps) {
  const { t } = useTranslation();
  const notes = useNotes(taskId, kind);
  const isInstruction = kind === 'instructions';
  const items = notes.data ?? [];
  if (isInstruction && items.length === 0 && !canAdd && notes.isSuccess) return null;
  return (
    <Card
      size="small"
      title={
        <span style={isInstruction ? { color: '#c2410c' } : undefined}>
          {isInstruction ? <SoundOutlined /> : <CommentOutlined />}{' '}
          {isInstruction ? t('task.instructions') : t('task.comments')}
        </span>
      }
      className={isInstruction ? 'duban-instructions-card' : undefined}
      id={isInstruction ? 'instructions' : undefined}
      data-testid={`task-${kind}`}
    >
      {notes.isError ? (
        <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">
          {isInstruction ? t('task.noInstructions') : t('task.noComments')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {items.map((note) => (
            <NoteItem key={note.id} note={note} isInstruction={isInstruction} canAnswer={canAnswer} />
          ))}
        </Flex>
      )}
      {canAdd ? <NoteForm taskId={taskId} kind={kind} /> : null}
    </Card>
  );
}

import { CommentOutlined, SoundOutlined } from '@ant-design/icons';
import type { TNote } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { INBOX_KEY } from '../inbox/api.ts';
import { addNote, TASKS_KEY, type TNoteKind, useNotes } from './api.ts';

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

function NoteItem({ note, isInstruction }: { note: TNote; isInstruction: boolean }) {
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
    </div>
  );
}

/** Leaders' instructions (批示, highlighted; leaders add them) or the comments on a task, newest first. */
export function TaskNotes({ taskId, kind, canAdd }: { taskId: string; kind: TNoteKind; canAdd: boolean }) {
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
            <NoteItem key={note.id} note={note} isInstruction={isInstruction} />
          ))}
        </Flex>
      )}
      {canAdd ? <NoteForm taskId={taskId} kind={kind} /> : null}
    </Card>
  );
}

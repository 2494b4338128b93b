import {
  ATTACHMENT_TYPES,
  type TAttachment,
  type TEscalation,
  type TFrontLine,
  type TLight,
  type TLightHistory,
  type TMilestone,
  type TMilestoneInput,
  type TMilestoneState,
  type TNote,
  type TTask,
  type TTaskImportResult,
  type TTaskInput,
  type TTaskList,
  type TTaskSource,
  type TTaskState,
  type TTaskSummary,
  type TTaskUpdate,
  type TUnitCategory,
  XLSX_MIME,
} from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound, type TPage, type TQuery } from '../../app/api-client.ts';

export const TASKS_KEY = ['tasks'] as const;
export const TASK_LISTS_KEY = ['task-lists'] as const;

/** The filters of the task list, as the API takes them (GET /tasks and GET /tasks/export.xlsx). */
export interface TTaskFilters {
  listId?: string;
  state?: TTaskState;
  unitId?: string;
  /** Led in this unit's subtree; with ledByCategory, under its child units of that category. */
  ledBy?: string;
  /** Led by this unit itself. */
  leadUnitId?: string;
  ledByCategory?: TUnitCategory;
  /** 'true': sub-tasks too, as every count counts them. */
  includeSubtasks?: 'true' | 'false';
  tag?: string;
  frontLine?: TFrontLine;
  source?: TTaskSource;
  ownerId?: string;
  leadLeaderId?: string;
  light?: TLight;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  /** 我的任务: only the caller's own work, sub-tasks included. */
  mine?: 'true' | 'false';
}

export type TTaskListQuery = TTaskFilters & { page: number; pageSize: number };

/** A page of the tasks the caller sees, filtered. */
export function useTaskPage(query: TTaskListQuery & { includeSubtasks?: 'true' | 'false' }, enabled = true) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'list', query],
    queryFn: () => api.get<TPage<TTaskSummary>>('/tasks', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One task with charter, roadmap, sub-tasks, activity and what the caller may do; out of scope is not found. */
export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'one', id],
    queryFn: () => api.get<TTask>(`/tasks/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** The task lists the caller sees, newest first. */
export function useTaskLists() {
  return useQuery({
    queryKey: TASK_LISTS_KEY,
    queryFn: async () => (await api.get<{ items: TTaskList[] }>('/task-lists')).items,
  });
}

export const createTaskList = (body: { name: string; year: number; description?: string }) =>
  api.post<TTaskList>('/task-lists', body);

export const createTask = (listId: string, body: TTaskInput) => api.post<TTask>(`/task-lists/${listId}/tasks`, body);

export const createSubtask = (parentId: string, body: TTaskInput) =>
  api.post<TTask>(`/tasks/${parentId}/subtasks`, body);

/**
 * Changes the fields given, and only those (the update has no defaults); the lead unit may send the owner alone.
 * `version` is the task's as loaded: a task changed meanwhile is refused (412).
 */
export const updateTask = (id: string, body: TTaskUpdate, version: number) =>
  api.patch<TTask>(`/tasks/${id}`, body, { version });

/** Assigns the named draft tasks of a list, or all of them when none are named. */
export const assignTaskList = (listId: string, taskIds?: string[]) =>
  api.post<{ items: TTaskSummary[] }>(`/task-lists/${listId}/assign`, taskIds ? { taskIds } : {});

export type TTransition = 'acknowledge' | 'request-close' | 'close' | 'reopen' | 'cancel';

/** Moves a task along its life: acknowledge, request closure, close, return (reopen), cancel. */
export const transitionTask = (id: string, action: TTransition, body: object, version: number) =>
  api.post<TTask>(`/tasks/${id}/${action}`, body, { version });

/** Adds a milestone at the end of the task's roadmap. */
export const addMilestone = (taskId: string, body: TMilestoneInput) =>
  api.post<TMilestone>(`/tasks/${taskId}/milestones`, body);

export const setMilestoneState = (taskId: string, milestone: TMilestone, state: TMilestoneState) =>
  api.patch<TMilestone>(`/tasks/${taskId}/milestones/${milestone.id}`, { state }, { version: milestone.version });

export type TNoteKind = 'instructions' | 'comments';

/** The leaders' instructions or the comments on a task, newest first. */
export function useNotes(taskId: string, kind: TNoteKind) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'notes', taskId, kind],
    queryFn: async () => (await api.get<{ items: TNote[] }>(`/tasks/${taskId}/${kind}`)).items,
  });
}

export const addNote = (taskId: string, kind: TNoteKind, body: string) =>
  api.post<TNote>(`/tasks/${taskId}/${kind}`, { body });

/** Marks an instruction read (已阅). */
export const readInstruction = (taskId: string, noteId: string) =>
  api.post<TNote>(`/tasks/${taskId}/instructions/${noteId}/read`, {});

/** Answers an instruction with what was done (落实情况). */
export const answerInstruction = (taskId: string, noteId: string, body: string) =>
  api.post<TNote>(`/tasks/${taskId}/instructions/${noteId}/reply`, { body });

/** The files attached to a task. */
export function useAttachments(taskId: string) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'attachments', taskId],
    queryFn: async () => (await api.get<{ items: TAttachment[] }>(`/tasks/${taskId}/attachments`)).items,
  });
}

/** A file's type as the API knows it: the browser's, or else the one its extension names. */
export function mimeOf(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase();
  const found = Object.entries(ATTACHMENT_TYPES).find(([, ext]) => ext === extension);
  return found?.[0] ?? 'application/octet-stream';
}

/** Uploads one file as evidence: the raw file as the body, its name in the address. */
export const uploadAttachment = (taskId: string, file: File) =>
  api.upload<TAttachment>(`/tasks/${taskId}/attachments`, file, mimeOf(file), { filename: file.name });

/** Where the browser reads an attachment's content (with the session cookie). */
export const attachmentUrl = (attachment: TAttachment): string =>
  attachment.url || `/api/v1/attachments/${attachment.id}/content`;

/** Imports a filled-in template into a list: all rows or none (a 422 then carries a TTaskImportFailure). */
export const importTasks = (listId: string, file: File) =>
  api.upload<TTaskImportResult>(`/task-lists/${listId}/import`, file, XLSX_MIME);

export const downloadTemplate = () => api.download('/task-lists/template.xlsx');

/** The tasks matching the filters as a workbook. */
export const exportTasks = (filters: TTaskFilters) => api.download('/tasks/export.xlsx', { ...filters } as TQuery);

/** Why the task's light is what it is: its changes, newest first, and its milestones' lights. */
export function useLightHistory(taskId: string) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'light-history', taskId],
    queryFn: () => api.get<TLightHistory>(`/tasks/${taskId}/light-history`),
  });
}

/** The escalations on a task: who was urged, when, and what they answered. */
export function useTaskEscalations(taskId: string) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'escalations', taskId],
    queryFn: () => api.get<TPage<TEscalation>>('/escalations', { taskId, pageSize: 100 }),
  });
}

import type {
  TEscalation,
  TEscalationAnswer,
  TEscalationState,
  TEscalationStep,
  TRaiseEscalation,
  TTaskSummary,
} from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type TPage } from '../../app/api-client.ts';

export const ESCALATIONS_KEY = ['escalations'] as const;

/** The desk's filters, as GET /escalations takes them. */
export interface TEscalationListQuery {
  state?: TEscalationState;
  step?: TEscalationStep;
  /** Only escalations on tasks led in this unit's subtree. */
  unitId?: string;
  mine?: 'true';
  overdue?: 'true';
  /** Open steps and the reminders of the last days: what the cockpit counts as 进行中督办. */
  inProgress?: 'true';
  page: number;
  pageSize: number;
}

/** A page of escalations on the tasks the caller sees (or addressed to them): open and overdue ones oldest first. */
export function useEscalations(query: TEscalationListQuery) {
  return useQuery({
    queryKey: [...ESCALATIONS_KEY, 'list', query],
    queryFn: () => api.get<TPage<TEscalation>>('/escalations', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** Tasks matching a search, for picking the ones to escalate. */
export function useTaskSearch(q: string) {
  return useQuery({
    queryKey: ['tasks', 'list', { q, page: 1, pageSize: 30, purpose: 'escalate' }],
    queryFn: () => api.get<TPage<TTaskSummary>>('/tasks', { q: q || undefined, page: 1, pageSize: 30 }),
    placeholderData: keepPreviousData,
  });
}

/** Raises a step of the ladder by hand for one task or many (supervisors): all or nothing. */
export const raiseEscalations = (body: TRaiseEscalation) => api.post<{ items: TEscalation[] }>('/escalations', body);

/** A recipient answers an urge or supervision notice: situation, plan, committed date. */
export const answerEscalation = (id: string, body: TEscalationAnswer) =>
  api.post<TEscalation>(`/escalations/${id}/answer`, body);

/** The supervisors record the outcome of an admonition interview. */
export const recordOutcome = (id: string, outcome: string) =>
  api.post<TEscalation>(`/escalations/${id}/outcome`, { outcome });

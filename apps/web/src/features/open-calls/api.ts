import type { TBid, TCreateOpenCallRequest, TOpenCall, TOpenCallState } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound, type TPage } from '../../app/api-client.ts';

export const OPEN_CALLS_KEY = ['open-calls'] as const;

export interface TOpenCallListQuery {
  state?: TOpenCallState;
  taskId?: string;
  page: number;
  pageSize: number;
}

/** A page of the open calls the caller sees, newest first. */
export function useOpenCalls(query: TOpenCallListQuery, enabled = true) {
  return useQuery({
    queryKey: [...OPEN_CALLS_KEY, 'list', query],
    queryFn: () => api.get<TPage<TOpenCall>>('/open-calls', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One open call with the bids the caller may read; out of scope is not found. */
export function useOpenCall(id: string | undefined) {
  return useQuery({
    queryKey: [...OPEN_CALLS_KEY, 'one', id],
    queryFn: () => api.get<TOpenCall>(`/open-calls/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Publishes a task as an open call (leaders, supervisors). */
export const publishOpenCall = (body: TCreateOpenCallRequest) => api.post<TOpenCall>('/open-calls', body);

/** Bids on a call with a plan and a pledge. */
export const placeBid = (callId: string, body: { plan: string; pledge: string }) =>
  api.post<TBid>(`/open-calls/${callId}/bids`, body);

/** Awards the call to one bid (leaders). */
export const awardOpenCall = (callId: string, bidId: string) =>
  api.post<TOpenCall>(`/open-calls/${callId}/award`, { bidId });

import type { TChannel, TCreateChannelRequest, TDelivery, TDeliveryState, TUpdateChannelRequest } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type TPage } from '../../app/api-client.ts';

export const CHANNELS_KEY = ['notification-channels'] as const;
export const DELIVERIES_KEY = ['deliveries'] as const;

/** The channels the caller manages, county-wide first (one page holds them all: a county has few). */
export function useChannels() {
  return useQuery({
    queryKey: CHANNELS_KEY,
    queryFn: () => api.get<TPage<TChannel>>('/notification-channels', { pageSize: 200 }),
  });
}

/** A page of the deliveries log, newest first; refreshed while retries are pending. */
export function useDeliveries(query: { state?: TDeliveryState | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...DELIVERIES_KEY, query],
    queryFn: () => api.get<TPage<TDelivery>>('/deliveries', { ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export const createChannel = (body: TCreateChannelRequest) => api.post<TChannel>('/notification-channels', body);

export const updateChannel = (id: string, body: TUpdateChannelRequest) =>
  api.patch<TChannel>(`/notification-channels/${id}`, body);

export const deleteChannel = (id: string) => api.delete(`/notification-channels/${id}`);

/** Sends a test message now; the answer is its delivery, sent or failed with the robot's words. */
export const testChannel = (id: string) => api.post<TDelivery>(`/notification-channels/${id}/test`);

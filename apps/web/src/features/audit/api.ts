import type { TAuditAnchor, TAuditEntry, TAuditVerify } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type TPage } from '../../app/api-client.ts';

export interface TAuditFilters {
  action?: string;
  targetType?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** A page of audit entries, newest first (auditor only). */
export function useAuditList(filters: TAuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: () => api.get<TPage<TAuditEntry>>('/audit', { ...filters }),
    placeholderData: keepPreviousData,
  });
}

/** Checks the whole hash chain of the audit log. */
export const verifyAudit = () => api.get<TAuditVerify>('/audit/verify');

/** Anchors the chain's head outside the database now. */
export const anchorAudit = () => api.post<TAuditAnchor & { channels: number }>('/audit/anchor', {});

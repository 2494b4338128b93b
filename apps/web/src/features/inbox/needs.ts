import type { TNeeds } from '@duban/domain';
import { api } from '../../app/api-client.ts';
// Under the tasks' key (['tasks']): any change to a task asks for it again. Spelled out, so the router loads no task code.
export const NEEDS_KEY = ['tasks', 'needs'] as const;

/** What waits on the caller: answers owed, tasks to acknowledge, closures to verify, roll-ups to confirm. */
export const fetchNeeds = () => api.get<TNeeds>('/me/needs');

/** How many things wait on the caller. */
export const needsTotal = (needs: TNeeds): number =>
  needs.answer.total + needs.acknowledge.total + needs.verify.total + needs.confirm.total;

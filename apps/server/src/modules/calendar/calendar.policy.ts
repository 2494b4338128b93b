import { requireRole, type TActor } from '../../platform/access/access.ts';

/** Only sysAdmin enters the organisation's own days; everyone logged in reads the calendar. */
export function authorizeCalendarEdit(actor: TActor): void {
  requireRole(actor, 'sysAdmin');
}

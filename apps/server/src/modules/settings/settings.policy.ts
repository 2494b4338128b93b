import { requireRole, type TActor } from '../../platform/access/access.ts';

/** Only sysAdmin reads and changes the platform's settings. */
export function authorizeSettings(actor: TActor): void {
  requireRole(actor, 'sysAdmin');
}

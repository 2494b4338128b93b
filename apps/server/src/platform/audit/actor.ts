import type { TActor } from '../access/access.ts';
import type { TAuditActor } from './audit.ts';

/** How an actor is named in the audit log. */
export const auditActor = (actor: TActor): TAuditActor => ({ id: actor.id, name: actor.username });

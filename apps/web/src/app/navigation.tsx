import type { TRole } from '@duban/domain';

/** The roles that work on tasks: they see the task pages and the open calls. */
const WORK_ROLES = ['leader', 'supervisor', 'unitHead', 'liaison', 'cadre'] as const satisfies readonly TRole[];

/** Which roles reach each section; everyone reaches their inbox, their account and the user records the API lets them see. */
export const SECTION_ROLES = {
  /** Those who check in: owners of tasks, and liaisons for their units. */
  today: ['cadre', 'liaison', 'unitHead'],
  tasks: WORK_ROLES,
  openCalls: WORK_ROLES,
  /** The working-day calendar's local days and the light rules. */
  calendar: ['sysAdmin'],
  /** Outgoing notifications: group robots and e-mail, and the deliveries log. */
  notifications: ['sysAdmin', 'supervisor', 'unitHead'],
  units: ['sysAdmin'],
  users: ['sysAdmin', 'secAdmin', 'leader', 'supervisor', 'unitHead'],
  grants: ['secAdmin'],
  /** Two-person resets of the three administrators' passwords (三员分立). */
  privilegedResets: ['sysAdmin', 'secAdmin', 'auditor'],
  audit: ['auditor'],
  weeklyRollups: ['leader', 'supervisor', 'unitHead', 'liaison'],
  /** The light board (亮灯) and the supervision desk (督办台). */
  lights: ['leader', 'supervisor', 'unitHead', 'liaison'],
  supervision: ['supervisor', 'leader'],
  /** The supervision bulletin (督查通报): drafts for the office and leaders, published ones for everyone at work. */
  bulletins: WORK_ROLES,
  burden: ['leader', 'supervisor', 'unitHead', 'liaison'],
  /** The cockpit (数据驾驶舱): what leaders look at first; a unit head sees it for the unit. */
  cockpit: ['leader', 'supervisor', 'unitHead'],
  /** 项目拉练比拼: where judges score projects on site. */
  rallies: ['judge'],
  /** Yearly targets (年度目标): allocated to units, their actuals reported monthly. */
  targets: ['leader', 'supervisor', 'unitHead', 'liaison'],
} as const satisfies Record<string, readonly TRole[]>;

export type TSection = keyof typeof SECTION_ROLES | 'inbox' | 'account';

/**
 * The sections in the order of the navigation, with their addresses. The menu's labels and icons are in
 * nav-items.tsx, loaded with the application's frame: the login page needs only where a user lands.
 */
export const SECTION_PATHS = [
  ['today', '/today'],
  ['cockpit', '/cockpit'],
  ['tasks', '/tasks'],
  ['openCalls', '/open-calls'],
  ['weeklyRollups', '/weekly-rollups'],
  ['targets', '/targets'],
  ['rallies', '/rallies'],
  ['lights', '/lights'],
  ['supervision', '/supervision'],
  ['bulletins', '/bulletins'],
  ['burden', '/burden'],
  ['units', '/units'],
  ['users', '/users'],
  ['calendar', '/calendar'],
  ['notifications', '/notifications'],
  ['grants', '/grants'],
  ['audit', '/audit'],
  ['privilegedResets', '/privileged-resets'],
  ['inbox', '/inbox'],
  ['account', '/account'],
] as const satisfies readonly (readonly [TSection, string])[];

export const canReach = (roles: readonly TRole[], section: TSection): boolean =>
  section === 'account' || section === 'inbox' || SECTION_ROLES[section].some((r) => roles.includes(r));

/** True when the user manages accounts (and so sees "Users" rather than "People"). */
export const isAccountAdmin = (roles: readonly TRole[]): boolean =>
  roles.includes('sysAdmin') || roles.includes('secAdmin');

/** Where a user lands after logging in: their first section (the inbox is reached by its bell, not landed on). */
export function homePathFor(roles: readonly TRole[]): string {
  return SECTION_PATHS.find(([key]) => key !== 'inbox' && canReach(roles, key))?.[1] ?? '/account';
}

/** True when a user with these roles may open the section. */
export const mayOpen = canReach;

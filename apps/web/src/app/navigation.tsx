import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  IdcardOutlined,
  KeyOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { TRole } from '@duban/domain';
import type { ReactNode } from 'react';
import { i18n } from './i18n/index.ts';

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

export interface TNavItem {
  key: TSection;
  path: string;
  label: string;
  icon: ReactNode;
}

const canReach = (roles: readonly TRole[], section: TSection): boolean =>
  section === 'account' || section === 'inbox' || SECTION_ROLES[section].some((r) => roles.includes(r));

/** True when the user manages accounts (and so sees "Users" rather than "People"). */
export const isAccountAdmin = (roles: readonly TRole[]): boolean =>
  roles.includes('sysAdmin') || roles.includes('secAdmin');

/** The navigation of a user with these roles, in the UI language. */
export function navItemsFor(roles: readonly TRole[]): TNavItem[] {
  const items: TNavItem[] = [
    { key: 'today', path: '/today', label: i18n.t('nav.today'), icon: <CheckSquareOutlined /> },
    { key: 'cockpit', path: '/cockpit', label: i18n.t('nav.cockpit'), icon: <FundProjectionScreenOutlined /> },
    { key: 'tasks', path: '/tasks', label: i18n.t('nav.tasks'), icon: <ProfileOutlined /> },
    { key: 'openCalls', path: '/open-calls', label: i18n.t('nav.openCalls'), icon: <FlagOutlined /> },
    {
      key: 'weeklyRollups',
      path: '/weekly-rollups',
      label: i18n.t('nav.weeklyRollups'),
      icon: <CalendarOutlined />,
    },
    { key: 'targets', path: '/targets', label: i18n.t('nav.targets'), icon: <AimOutlined /> },
    { key: 'rallies', path: '/rallies', label: i18n.t('nav.rallies'), icon: <TrophyOutlined /> },
    { key: 'lights', path: '/lights', label: i18n.t('nav.lights'), icon: <AlertOutlined /> },
    { key: 'supervision', path: '/supervision', label: i18n.t('nav.supervision'), icon: <FileSearchOutlined /> },
    { key: 'bulletins', path: '/bulletins', label: i18n.t('nav.bulletins'), icon: <ReadOutlined /> },
    { key: 'burden', path: '/burden', label: i18n.t('nav.burden'), icon: <DashboardOutlined /> },
    { key: 'units', path: '/units', label: i18n.t('nav.units'), icon: <ApartmentOutlined /> },
    {
      key: 'users',
      path: '/users',
      label: isAccountAdmin(roles) ? i18n.t('nav.users') : i18n.t('nav.people'),
      icon: <TeamOutlined />,
    },
    { key: 'calendar', path: '/calendar', label: i18n.t('nav.calendar'), icon: <ScheduleOutlined /> },
    {
      key: 'notifications',
      path: '/notifications',
      label: i18n.t('nav.notifications'),
      icon: <NotificationOutlined />,
    },
    { key: 'grants', path: '/grants', label: i18n.t('nav.grants'), icon: <SafetyCertificateOutlined /> },
    { key: 'audit', path: '/audit', label: i18n.t('nav.audit'), icon: <AuditOutlined /> },
    {
      key: 'privilegedResets',
      path: '/privileged-resets',
      label: i18n.t('nav.privilegedResets'),
      icon: <KeyOutlined />,
    },
    { key: 'inbox', path: '/inbox', label: i18n.t('nav.inbox'), icon: <BellOutlined /> },
    { key: 'account', path: '/account', label: i18n.t('nav.account'), icon: <IdcardOutlined /> },
  ];
  return items.filter((item) => canReach(roles, item.key));
}

/** Where a user lands after logging in: their first section (the inbox is reached by its bell, not landed on). */
export function homePathFor(roles: readonly TRole[]): string {
  return navItemsFor(roles).find((item) => item.key !== 'inbox')?.path ?? '/account';
}

/** True when a user with these roles may open the section. */
export const mayOpen = canReach;

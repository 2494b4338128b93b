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
import { canReach, isAccountAdmin, SECTION_PATHS, type TSection } from './navigation.tsx';

export interface TNavItem {
  key: TSection;
  path: string;
  label: string;
  icon: ReactNode;
}

const ICONS: Record<TSection, ReactNode> = {
  today: <CheckSquareOutlined />,
  cockpit: <FundProjectionScreenOutlined />,
  tasks: <ProfileOutlined />,
  openCalls: <FlagOutlined />,
  weeklyRollups: <CalendarOutlined />,
  targets: <AimOutlined />,
  rallies: <TrophyOutlined />,
  lights: <AlertOutlined />,
  supervision: <FileSearchOutlined />,
  bulletins: <ReadOutlined />,
  burden: <DashboardOutlined />,
  units: <ApartmentOutlined />,
  users: <TeamOutlined />,
  calendar: <ScheduleOutlined />,
  notifications: <NotificationOutlined />,
  grants: <SafetyCertificateOutlined />,
  audit: <AuditOutlined />,
  privilegedResets: <KeyOutlined />,
  inbox: <BellOutlined />,
  account: <IdcardOutlined />,
};

/** The navigation of a user with these roles, in the UI language. */
export function navItemsFor(roles: readonly TRole[]): TNavItem[] {
  return SECTION_PATHS.filter(([key]) => canReach(roles, key)).map(([key, path]) => ({
    key,
    path,
    label: key === 'users' && !isAccountAdmin(roles) ? i18n.t('nav.people') : i18n.t(`nav.${key}`),
    icon: ICONS[key],
  }));
}

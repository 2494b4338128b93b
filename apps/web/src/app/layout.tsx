import { DownOutlined, IdcardOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Divider, Drawer, Dropdown, Flex, Grid, Layout, Menu, Skeleton, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../components/brand-mark.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { RoleTag } from '../components/tags.tsx';
import { InboxBell } from '../features/inbox/inbox-bell.tsx';
import { navItemsFor } from './nav-items.tsx';
import { useSession } from './session.tsx';

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { me } = useSession();
  const location = useLocation();
  useTranslation(); // re-render the labels when the language changes
  const items = navItemsFor(me?.roles ?? []);
  const selected = items.find((i) => location.pathname === i.path || location.pathname.startsWith(`${i.path}/`));
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      style={{ borderInlineEnd: 'none', paddingTop: 8 }}
      items={items.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: (
          <Link to={item.path} onClick={onNavigate}>
            {item.label}
          </Link>
        ),
      }))}
      data-testid="nav"
    />
  );
}

function UserMenu({ isCompact }: { isCompact: boolean }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      popupRender={(menu) => (
        <div className="duban-user-menu">
          <div style={{ padding: '12px 16px 8px' }}>
            <Typography.Text strong>{me.user.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {me.user.username} · {me.user.unitName}
            </Typography.Text>
            <Flex wrap gap={4} style={{ marginTop: 8 }}>
              {me.roles.map((r) => (
                <RoleTag key={r} role={r} />
              ))}
            </Flex>
          </div>
          <Divider style={{ margin: 0 }} />
          {menu}
        </div>
      )}
      menu={{
        items: [
          { key: 'account', icon: <IdcardOutlined />, label: t('nav.account') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'account') navigate('/account');
          else void logout().then(() => navigate('/login', { replace: true }));
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ height: 40, paddingInline: 8 }}>
        <Flex align="center" gap={8}>
          <Avatar size={28} icon={<UserOutlined />} style={{ background: '#1f5fa8' }} />
          {isCompact ? null : <span>{me.user.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Button>
    </Dropdown>
  );
}

/** The application frame: header with language and user menu, navigation by role, the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isDesktop = screens.lg !== false;
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="duban-header">
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          {isDesktop ? null : (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link to="/" className="duban-brand">
            <BrandMark size={28} />
            <span className="duban-brand-name">{t('app.name')}</span>
            {screens.md === false ? null : <span className="duban-brand-full">{t('app.fullName')}</span>}
          </Link>
        </Flex>
        <Flex align="center" gap={4}>
          <InboxBell />
          <LanguageSwitch isCompact={screens.sm === false} />
          <UserMenu isCompact={screens.sm === false} />
        </Flex>
      </Layout.Header>
      <Layout hasSider={isDesktop}>
        {isDesktop ? (
          <Layout.Sider width={216} theme="light" className="duban-sider">
            <NavMenu />
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={isDrawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content className="duban-content">
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

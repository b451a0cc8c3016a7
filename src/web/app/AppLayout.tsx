import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { GlobalSearch } from '../features/search/GlobalSearch.tsx';
import { useIsPhone } from '../ui/useIsPhone.ts';
import { maySee, SECTIONS_BY_ROLE, SECTION_PATH, sectionOfPath } from './access.ts';
import { useAuth, useUser } from './auth.tsx';
import { useT } from './i18n.ts';
import { useLabels } from './labels.ts';
import { LanguageMenu } from './LanguageSwitch.tsx';
import { SECTION_ICON, SECTION_LABEL } from './sections.tsx';
import { PARTY_GOLD } from './theme.ts';

const { Header, Sider, Content } = Layout;

function Brand({ short }: { short: boolean }) {
  const t = useT();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      <span
        aria-hidden
        style={{
          width: 32,
          height: 32,
          flex: 'none',
          borderRadius: '50%',
          background: PARTY_GOLD,
          color: '#a8071a',
          fontWeight: 700,
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        红
      </span>
      <span style={{ color: '#fff', fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {t('app.name')}
        {!short && <span style={{ fontWeight: 400, opacity: 0.92 }}> · {t('app.tagline')}</span>}
      </span>
    </Flex>
  );
}

function SectionMenu({ onNavigate }: { onNavigate?: () => void }) {
  const user = useUser();
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = SECTIONS_BY_ROLE[user.role].map((key) => ({
    key,
    icon: SECTION_ICON[key],
    label: <span data-testid={`menu-${key}`}>{t(SECTION_LABEL[key])}</span>,
  }));
  return (
    <Menu
      mode="inline"
      selectedKeys={[sectionOfPath(pathname)]}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
      onClick={({ key }) => {
        const path = SECTION_PATH[key as keyof typeof SECTION_PATH];
        if (path) void navigate(path);
        onNavigate?.();
      }}
    />
  );
}

function UserBox({ phone }: { phone: boolean }) {
  const user = useUser();
  const { logout } = useAuth();
  const labels = useLabels();
  const t = useT();
  const navigate = useNavigate();
  const signOut = () => {
    void logout().then(() => navigate('/login', { replace: true }));
  };

  if (phone) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <div>
                  <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{user.displayName}</div>
                  <div style={{ fontSize: 12 }}>{labels.role(user.role)}</div>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('app.logout')}</span>, onClick: signOut },
          ],
        }}
      >
        <Button type="text" aria-label={user.displayName} data-testid="user-menu" style={{ color: '#fff', paddingInline: 4 }}>
          <Avatar size={28} icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        </Button>
      </Dropdown>
    );
  }

  return (
    <Flex align="center" gap={8}>
      <Avatar size={28} icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
      <span data-testid="user-name" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
        {user.displayName}
      </span>
      <Tag data-testid="user-role" color="gold" style={{ marginInlineEnd: 0 }}>
        {labels.role(user.role)}
      </Tag>
      <Button type="text" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout" style={{ color: '#fff' }}>
        {t('app.logout')}
      </Button>
    </Flex>
  );
}

/** The signed-in shell: red header, a side menu that follows the role, a drawer on phones. */
export function AppLayout() {
  const phone = useIsPhone();
  const user = useUser();
  // The search finds buildings and enterprises first; roles that see neither have nothing to search.
  const searchable = maySee(user.role, 'buildings') || maySee(user.role, 'enterprises');
  const t = useT();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{ display: 'flex', alignItems: 'center', gap: 8, position: 'sticky', top: 0, zIndex: 100, paddingInline: phone ? 8 : 16 }}
      >
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('app.menu')}
            data-testid="menu-toggle"
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <div style={{ flex: 1, minWidth: 0 }}>
          <Brand short={phone} />
        </div>
        {searchable && <GlobalSearch phone={phone} />}
        <div style={{ color: '#fff' }}>
          <LanguageMenu compact={phone} />
        </div>
        <UserBox phone={phone} />
      </Header>
      <Layout>
        {!phone && (
          <Sider
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            style={{ borderInlineEnd: '1px solid #f0f0f0' }}
          >
            <SectionMenu />
          </Sider>
        )}
        <Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      {phone && (
        <Drawer
          placement="left"
          size={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Typography.Text strong>{t('app.name')}</Typography.Text>}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          <SectionMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}

import type { ThemeConfig } from 'antd';

/** Party-building red; the gold is the accent used on the header's product name. */
export const PARTY_RED = '#c8102e';
export const PARTY_RED_DARK = '#9e0b23';
export const PARTY_GOLD = '#ffd666';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: PARTY_RED,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: PARTY_RED,
      headerColor: '#fff',
      headerHeight: 56,
      headerPadding: '0 16px',
      siderBg: '#fff',
      bodyBg: '#f5f5f5',
    },
    Menu: {
      itemSelectedBg: '#fff1f0',
      itemSelectedColor: PARTY_RED,
    },
  },
};

import type { ThemeConfig } from 'antd';

/** A calm, official look: one deep blue, neutral greys, system fonts that carry Chinese well. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorLink: '#1f5fa8',
    borderRadius: 6,
    colorBgLayout: '#f3f5f8',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: '#f3f5f8',
    },
    Menu: { itemBorderRadius: 6, itemMarginInline: 8 },
    Table: { headerBg: '#f7f9fc' },
  },
};

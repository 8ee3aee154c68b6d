import type { ThemeConfig } from 'antd';

/** Bundled system fonts only (on-premise: no web fonts from outside). */
const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif";

export const theme: ThemeConfig = {
  token: {
    // deep red of Hanoi's administrative documents; 7.9:1 on white (WCAG AAA for text)
    colorPrimary: '#a8071a',
    colorLink: '#a8071a',
    fontFamily: FONT_FAMILY,
    borderRadius: 6,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerHeight: 64,
      headerPadding: '0 24px',
      bodyBg: '#f5f5f5',
      siderBg: '#ffffff',
    },
  },
};

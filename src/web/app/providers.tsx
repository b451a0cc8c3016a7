import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLocale } from '../api/client.ts';
import type { Locale } from '../api/types.ts';
import { AuthProvider } from './auth.tsx';
import { LocaleContext, rememberLocale, storedLocale, translate, type LocaleState } from './i18n.ts';
import { theme } from './theme.ts';

// Chinese unless this device chose English: the platform speaks zh-CN first, whatever the browser's own language.
function initialLocale(): Locale {
  return storedLocale() ?? 'zh-CN';
}

function applyLocale(locale: Locale): void {
  // Before any request is sent, so the server's first messages already match.
  setApiLocale(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const first = initialLocale();
    applyLocale(first);
    return first;
  });

  const setLocale = useCallback((next: Locale) => {
    applyLocale(next);
    rememberLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const value = useMemo<LocaleState>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <LocaleProvider>
      <AuthProvider>{children}</AuthProvider>
    </LocaleProvider>
  );
}

import { createContext, useContext } from 'react';
import type { Locale } from '../api/types.ts';
import { messages, type MessageKey } from './messages.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'hongtu.locale';

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template: string = messages[key][locale === 'en' ? 1 : 0];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The locale remembered on this device, or null when the user never chose one here. */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'zh-CN' ? value : null;
  } catch {
    // Private browsing can refuse storage; the choice then lasts for the tab only.
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* see storedLocale */
  }
}

export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

export const LocaleContext = createContext<LocaleState>({
  locale: 'zh-CN',
  setLocale: () => undefined,
  t: (key, params) => translate('zh-CN', key, params),
});

export function useT(): Translate {
  return useContext(LocaleContext).t;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

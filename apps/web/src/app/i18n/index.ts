import { LOCALES, type TLocale } from '@duban/domain';
import type { Locale } from 'antd/es/locale';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type TMessages, zhCN } from './zh-cn.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TMessages };
  }
}

/**
 * The UI text of the languages loaded so far. Chinese is part of the first load; English is fetched when someone
 * chooses it (or chose it before on this browser), so the Chinese majority never downloads it.
 */
export const MESSAGES: Partial<Record<TLocale, TMessages>> = { 'zh-CN': zhCN };

/** The UI text of a language, Chinese until that language is loaded. */
export const messagesOf = (locale: TLocale): TMessages => MESSAGES[locale] ?? zhCN;

/** Loads a language's UI text (and antd's) once; the first load holds Chinese only. */
async function loadLocale(locale: TLocale): Promise<void> {
  if (MESSAGES[locale]) return;
  const { enUS, enUSAntd } = await import('./en-us-bundle.ts');
  MESSAGES['en-US'] = enUS;
  ANTD_LOCALES['en-US'] = enUSAntd;
  i18n.addResourceBundle('en-US', 'translation', enUS, true, true);
}

/** antd's own texts (pickers, pagination…) of the languages loaded so far. */
const ANTD_LOCALES: Partial<Record<TLocale, Locale>> = { 'zh-CN': zhCNAntd };

/** antd's texts in a language, Chinese until that language is loaded. */
export const antdLocaleOf = (locale: string): Locale => (isLocale(locale) && ANTD_LOCALES[locale]) || zhCNAntd;

const STORAGE_KEY = 'duban.locale';

/** True when the value names a language the UI speaks. */
export const isLocale = (value: unknown): value is TLocale => LOCALES.some((l) => l === value);

/** The language chosen last on this browser (before anyone logs in), Chinese by default. */
function readStoredLocale(): TLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyToDocument(locale: TLocale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

const storedLocale = readStoredLocale();
applyToDocument('zh-CN');
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The language the UI shows now. */
export const currentLocale = (): TLocale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');

/** Switches the UI language (text, antd, dates) and remembers it on this browser. */
export async function applyLocale(locale: TLocale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice is simply not remembered on this browser
  }
  await loadLocale(locale);
  applyToDocument(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/** Resolves when the language chosen before on this browser is loaded and shown (at once for Chinese). */
export const localeReady: Promise<void> =
  storedLocale === 'zh-CN' ? Promise.resolve() : applyLocale(storedLocale).catch(() => undefined);

export { i18n };

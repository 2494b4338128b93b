import { LOCALES, type TLocale } from '@duban/domain';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-us.ts';
import { type TMessages, zhCN } from './zh-cn.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: TMessages };
  }
}

/** The UI text of every language. */
export const MESSAGES: Record<TLocale, TMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

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

const initialLocale = readStoredLocale();
applyToDocument(initialLocale);
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initialLocale,
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
  applyToDocument(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export { i18n };

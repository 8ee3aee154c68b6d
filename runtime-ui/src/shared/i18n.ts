/**
 * i18next for both web apps: Vietnamese first (default and fallback), English second.
 * Namespace "common" holds the strings of this shared folder; "app" holds each app's own.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setDateLocale } from './datetime';
import commonEn from './locales/en.json';
import commonVi from './locales/vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

const LANGUAGE_KEY = 'dondoc.language';

// English must carry every Vietnamese key: a missing one fails the type check here.
const commonEnChecked: typeof commonVi = commonEn;

export type CommonResources = typeof commonVi;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setDateLocale(language);
}

/** Initialises i18next synchronously with the app's own strings; call once before rendering. */
export function initI18n<T extends object>(app: { vi: T; en: T }): typeof i18n {
  const lng = storedLanguage();
  void i18n.use(initReactI18next).init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ['app', 'common'],
    defaultNS: 'app',
    resources: {
      vi: { common: commonVi, app: app.vi },
      en: { common: commonEnChecked, app: app.en },
    },
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  applyLanguage(lng);
  i18n.on('languageChanged', (language) => {
    applyLanguage(language);
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // private mode: the choice lasts for this page only
    }
  });
  return i18n;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

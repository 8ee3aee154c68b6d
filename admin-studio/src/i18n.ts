import type { CommonResources } from '@shared/i18n';
import { initI18n } from '@shared/i18n';
import en from './locales/en.json';
import vi from './locales/vi.json';

// English must carry every Vietnamese key.
const enChecked: typeof vi = en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: { app: typeof vi; common: CommonResources };
  }
}

export const i18n = initI18n({ vi, en: enChecked });

function setTitle(): void {
  document.title = i18n.t('documentTitle');
}
setTitle();
i18n.on('languageChanged', setTitle);

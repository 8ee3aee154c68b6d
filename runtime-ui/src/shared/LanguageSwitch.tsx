import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language } from './i18n';

/** VI | EN, a radio group: arrow keys move between the two. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(language) => void i18n.changeLanguage(language)}
      options={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={language}>{language.toUpperCase()}</span>,
        title: t(`language.${language}`),
      }))}
    />
  );
}

import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isPillarKey } from '@shared/types';
import type { ScopeChoice } from '../app/scope';

export function useScopeName(): (scope: string | null) => string {
  const { t } = useTranslation('common');
  return (scope) => (!scope ? t('pillar.platform') : isPillarKey(scope) ? t(`pillar.${scope}`) : scope);
}

/** Platform defaults or one pillar's overrides. */
export function ScopeSelect({ choice, id = 'dd-scope' }: { choice: ScopeChoice; id?: string }) {
  const { t } = useTranslation();
  const name = useScopeName();
  return (
    <span className="dd-scope">
      <label htmlFor={id}>{t('scope.label')}</label>
      <Select<string>
        id={id}
        value={choice.scope}
        onChange={choice.setScope}
        disabled={choice.scopes.length < 2}
        popupMatchSelectWidth={false}
        style={{ minWidth: 200 }}
        options={choice.scopes.map((s) => ({ value: s, label: name(s) }))}
      />
    </span>
  );
}

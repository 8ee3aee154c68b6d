import { Layout, Menu, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { navGroupsFor } from './nav';
import { useScope } from './scope';
import { href, navigate } from './router';

interface NavProps {
  selected: string;
}

function go(key: string) {
  const pillar = new URLSearchParams(window.location.search).get('pillar');
  navigate(href(key.split('/'), { pillar }));
}

/** Side navigation from 768 px up. */
export function StudioSider({ selected }: NavProps) {
  const { t } = useTranslation();
  const groups = navGroupsFor(useScope().platformAdmin);
  return (
    <Layout.Sider width={232} className="dd-studio-sider" theme="light">
      <nav aria-label={t('nav.label')}>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => go(key)}
          items={groups.map((g) => ({
            type: 'group' as const,
            key: g.key,
            label: t(`nav.groups.${g.key}`),
            children: g.items.map((i) => ({ key: i.key, label: t(i.label) })),
          }))}
        />
      </nav>
    </Layout.Sider>
  );
}

/** The same choice as a labelled select below 768 px, where there is no room for a side bar. */
export function StudioNavSelect({ selected }: NavProps) {
  const { t } = useTranslation();
  const groups = navGroupsFor(useScope().platformAdmin);
  return (
    <div className="dd-studio-kind-select">
      <label htmlFor="dd-nav-select">{t('nav.label')}</label>
      <Select<string>
        id="dd-nav-select"
        value={selected}
        onChange={go}
        options={groups.map((g) => ({
          label: t(`nav.groups.${g.key}`),
          options: g.items.map((i) => ({ value: i.key, label: t(i.label) })),
        }))}
      />
    </div>
  );
}

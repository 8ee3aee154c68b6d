import { Layout, Menu, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { METADATA_KINDS, type MetadataKind } from './types';

interface KindNavProps {
  kind: MetadataKind;
  onChange(kind: MetadataKind): void;
}

/** Side navigation from 768 px up. */
export function KindSider({ kind, onChange }: KindNavProps) {
  const { t } = useTranslation();
  return (
    <Layout.Sider width={232} className="dd-studio-sider" theme="light">
      <nav aria-label={t('metadata.navLabel')}>
        <Menu
          mode="inline"
          selectedKeys={[kind]}
          onClick={({ key }) => onChange(key as MetadataKind)}
          items={METADATA_KINDS.map((k) => ({ key: k, label: t(`kinds.${k}.name`) }))}
        />
      </nav>
    </Layout.Sider>
  );
}

/** The same choice as a labelled select below 768 px, where there is no room for a side bar. */
export function KindSelect({ kind, onChange }: KindNavProps) {
  const { t } = useTranslation();
  return (
    <div className="dd-studio-kind-select">
      <label htmlFor="dd-kind-select">{t('metadata.kindLabel')}</label>
      <Select<MetadataKind>
        id="dd-kind-select"
        value={kind}
        onChange={onChange}
        options={METADATA_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}.name`) }))}
      />
    </div>
  );
}

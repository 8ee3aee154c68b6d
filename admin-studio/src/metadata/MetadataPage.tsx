import { useTranslation } from 'react-i18next';
import { KindSelect } from './KindNav';
import { MetadataTable } from './MetadataTable';
import type { MetadataKind } from './types';

export function MetadataPage({
  kind,
  onKindChange,
}: {
  kind: MetadataKind;
  onKindChange(kind: MetadataKind): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="dd-panel" aria-labelledby="dd-metadata-title">
      <KindSelect kind={kind} onChange={onKindChange} />
      <div className="dd-panel-head">
        <h1 id="dd-metadata-title" className="dd-page-title">
          {t(`kinds.${kind}.name`)}
        </h1>
        <span className="dd-secondary">{t(`kinds.${kind}.description`)}</span>
      </div>
      <MetadataTable kind={kind} />
    </section>
  );
}

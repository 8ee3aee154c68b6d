import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@shared/api';
import { JsonEditor } from '../common/JsonEditor';
import { useScopeName } from '../common/ScopeSelect';
import { resolveDoc } from '../metadata/api';
import type { MetadataKind } from '../metadata/types';
import { DiffView } from './DiffView';

/** A pillar's document beside the platform default it overrides, and what differs. */
export function OverridePanel({ kind, docKey, scope, working }: { kind: MetadataKind; docKey: string; scope: string; working: unknown }) {
  const { t } = useTranslation();
  const name = useScopeName();
  const platform = useQuery({
    queryKey: ['doc', kind, docKey, '', 'resolved'],
    queryFn: async ({ signal }) => {
      try {
        return await resolveDoc(kind, docKey, '', signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  if (platform.isPending) return null;
  if (!platform.data) return <Alert type="info" showIcon title={t('override.noDefault')} />;
  return (
    <div className="dd-override">
      <p className="dd-secondary">{t('override.explain', { scope: name(scope), version: platform.data.version })}</p>
      <DiffView left={platform.data.body} right={working} leftLabel={name('')} rightLabel={name(scope)} />
      <Row gutter={16} className="dd-side-by-side">
        <Col xs={24} lg={12}>
          <h3>{t('override.default', { version: platform.data.version })}</h3>
          <JsonEditor value={platform.data.body} readOnly rows={18} />
        </Col>
        <Col xs={24} lg={12}>
          <h3>{t('override.own', { scope: name(scope) })}</h3>
          <JsonEditor value={working} readOnly rows={18} />
        </Col>
      </Row>
    </div>
  );
}

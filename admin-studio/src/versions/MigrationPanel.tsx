import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { errorMessage } from '@shared/errors';
import { useScopeName } from '../common/ScopeSelect';
import { getDoc, listVersions } from '../metadata/api';
import type { Workflow } from '../metadata/vocabulary';

interface Group {
  pillar: string | null;
  version: number;
  state: string;
  category: string;
  count: number;
}

/** Moves a pillar's running tasks from one workflow version to another through an explicit state mapping. */
export function MigrationPanel({ docKey, scope }: { docKey: string; scope: string }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const client = useQueryClient();
  const name = useScopeName();
  const groups = useQuery({
    queryKey: ['migration', docKey, scope],
    queryFn: ({ signal }) => api<{ items: Group[] }>(`/api/studio/workflows/${encodeURIComponent(docKey)}/tasks`, { signal, query: { pillar: scope || undefined } }),
  });
  const versions = useQuery({ queryKey: ['versions', 'workflow', docKey, scope], queryFn: ({ signal }) => listVersions('workflow', docKey, scope, signal) });
  const newest = versions.data?.items.filter((v) => v.status === 'published').at(-1)?.version;

  const sources = useMemo(() => {
    const seen = new Map<string, { pillar: string | null; version: number; count: number }>();
    for (const g of groups.data?.items ?? []) {
      const id = `${g.pillar ?? ''}@${g.version}`;
      const cur = seen.get(id) ?? { pillar: g.pillar, version: g.version, count: 0 };
      cur.count += g.count;
      seen.set(id, cur);
    }
    return [...seen.entries()].filter(([, s]) => !((s.pillar ?? '') === scope && s.version === newest));
  }, [groups.data, scope, newest]);
  const [sourceId, setSourceId] = useState<string | undefined>(undefined);
  const source = sources.find(([id]) => id === sourceId)?.[1] ?? sources[0]?.[1];
  const [target, setTarget] = useState<number | undefined>(undefined);
  const targetVersion = target ?? newest;
  const targetDoc = useQuery({
    queryKey: ['doc', 'workflow', docKey, scope, 'v', targetVersion],
    queryFn: ({ signal }) => getDoc<Workflow>('workflow', docKey, scope, targetVersion, signal),
    enabled: targetVersion !== undefined,
  });
  const occupied = (groups.data?.items ?? []).filter((g) => source && (g.pillar ?? '') === (source.pillar ?? '') && g.version === source.version);
  const targetStates = targetDoc.data?.body.states ?? [];
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const mapped = (state: string) => mapping[state] ?? (targetStates.some((s) => s.key === state) ? state : undefined);
  const complete = occupied.every((g) => mapped(g.state));

  async function run() {
    if (!source || targetVersion === undefined) return;
    setBusy(true);
    try {
      const body = {
        from: { pillar: source.pillar, version: source.version },
        to: { pillar: scope || null, version: targetVersion },
        mapping: Object.fromEntries(occupied.map((g) => [g.state, mapped(g.state)!])),
        ...(note ? { note } : {}),
      };
      const r = await api<{ migrated: number }>(`/api/studio/workflows/${encodeURIComponent(docKey)}/migrate`, { method: 'POST', body, query: { pillar: scope || undefined } });
      void message.success(t('migration.done', { count: r.migrated }));
      setMapping({});
      await client.invalidateQueries({ queryKey: ['migration', docKey, scope] });
    } catch (e) {
      void message.error(errorMessage(e, tc));
    } finally {
      setBusy(false);
    }
  }

  if (groups.isPending || versions.isPending) return null;
  if (!newest) return <Alert type="info" showIcon title={t('migration.noVersion', { scope: name(scope) })} />;
  if (!sources.length) return <Empty description={t('migration.nothing', { version: newest })} />;
  return (
    <div className="dd-migration">
      <p className="dd-secondary">{t('migration.explain')}</p>
      <Space wrap className="dd-toolbar">
        <label>
          {t('migration.from')}{' '}
          <Select
            aria-label={t('migration.from')}
            style={{ minWidth: 280 }}
            value={sourceId ?? sources[0]?.[0]}
            onChange={(v) => {
              setSourceId(v);
              setMapping({});
            }}
            options={sources.map(([id, s]) => ({ value: id, label: t('migration.source', { scope: name(s.pillar), version: s.version, count: s.count }) }))}
          />
        </label>
        <label>
          {t('migration.to')}{' '}
          <Select<number>
            aria-label={t('migration.to')}
            style={{ minWidth: 160 }}
            value={targetVersion}
            onChange={(v) => {
              setTarget(v);
              setMapping({});
            }}
            options={(versions.data?.items ?? []).filter((v) => v.status === 'published').map((v) => ({ value: v.version, label: t('versions.version', { version: v.version }) }))}
          />
        </label>
      </Space>
      <Table<Group>
        size="small"
        rowKey="state"
        pagination={false}
        dataSource={occupied}
        columns={[
          { title: t('migration.oldState'), dataIndex: 'state', render: (s: string) => <code className="dd-code">{s}</code> },
          { title: t('migration.tasks'), dataIndex: 'count', align: 'right', width: 120 },
          {
            title: t('migration.newState'),
            key: 'to',
            render: (_: unknown, g) => (
              <Select<string>
                aria-label={t('migration.newStateFor', { state: g.state })}
                style={{ minWidth: 220 }}
                status={mapped(g.state) ? undefined : 'error'}
                value={mapped(g.state)}
                placeholder={t('migration.choose')}
                onChange={(v) => setMapping({ ...mapping, [g.state]: v })}
                options={targetStates.map((s) => ({ value: s.key, label: `${s.label} (${s.key})` }))}
              />
            ),
          },
        ]}
      />
      <Input.TextArea aria-label={t('migration.note')} placeholder={t('migration.note')} value={note} onChange={(e) => setNote(e.target.value)} rows={2} className="dd-migration-note" />
      <Button type="primary" disabled={!complete} loading={busy} onClick={() => void run()}>
        {t('migration.run', { count: occupied.reduce((n, g) => n + g.count, 0) })}
      </Button>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { ErrorAlert } from '@shared/errors';
import { foldForSearch } from '@shared/text';
import type { ListResponse } from '@shared/types';
import type { Role } from '../../metadata/vocabulary';
import type { ACTIONS, SUBJECTS } from '../../metadata/vocabulary';

interface ViewAsResult {
  user: { username: string; fullName: string; positions: { unitName: string; roleKey: string; roleName: string }[] };
  preview: string[];
  rules: { action: string | string[]; subject: string | string[]; conditions?: unknown; inverted?: boolean }[];
  can: { action: (typeof ACTIONS)[number]; subject: (typeof SUBJECTS)[number]; allowed: boolean }[];
  tasks: { total: number; items: { id: number; code: string; title: string; state: string }[] };
  units: { total: number };
}

/** What a chosen user would see with this role as edited (not yet published). */
export function ViewAs({ role, roleKey, scope }: { role: Role; roleKey: string; scope: string }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<ViewAsResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const users = useQuery({
    queryKey: ['studio-users', scope],
    queryFn: ({ signal }) => api<ListResponse<{ id: number; username: string; fullName: string; positions: { roleKey: string }[] }>>('/api/studio/users', { signal, query: { pillar: scope } }),
  });
  async function look() {
    if (!userId) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api<ViewAsResult>(`/api/studio/view-as/${userId}`, { method: 'POST', body: { roles: { [roleKey]: role } } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="dd-view-as" aria-labelledby="dd-view-as-title">
      <h2 id="dd-view-as-title" className="dd-section-title">
        {t('role.viewAs')}
      </h2>
      <p className="dd-secondary">{t('role.viewAsHelp')}</p>
      <Space wrap>
        <Select<number>
          aria-label={t('role.chooseUser')}
          placeholder={t('role.chooseUser')}
          style={{ minWidth: 280 }}
          showSearch={{ filterOption: (input, o) => foldForSearch(String(o?.label ?? '')).includes(foldForSearch(input)) }}
          loading={users.isPending}
          value={userId}
          onChange={setUserId}
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.fullName} (${u.username})${u.positions.some((p) => p.roleKey === roleKey) ? ' ★' : ''}`,
          }))}
        />
        <Button type="primary" onClick={() => void look()} loading={busy} disabled={!userId}>
          {t('role.viewAsRun')}
        </Button>
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      {result ? (
        <div className="dd-view-as-result">
          {result.preview.length ? <Alert type="info" showIcon title={t('role.previewing', { roles: result.preview.join(', ') })} /> : null}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('role.user')}>{`${result.user.fullName} (${result.user.username})`}</Descriptions.Item>
            <Descriptions.Item label={t('role.positions')}>
              {result.user.positions.map((p, i) => (
                <Tag key={i}>{`${p.roleName} – ${p.unitName}`}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('role.visibleTasks')}>{result.tasks.total}</Descriptions.Item>
            <Descriptions.Item label={t('role.visibleUnits')}>{result.units.total}</Descriptions.Item>
            <Descriptions.Item label={t('role.abilities')}>
              {result.can.map((c) => (
                <Tag key={`${c.action}-${c.subject}`} color={c.allowed ? 'green' : 'default'}>
                  {`${c.allowed ? '✓' : '✗'} ${t(`role.actions.${c.action}`)} ${t(`role.subjects.${c.subject}`)}`}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            header={t('role.sampleTasks')}
            dataSource={result.tasks.items}
            locale={{ emptyText: t('role.noTasks') }}
            renderItem={(task) => (
              <List.Item>
                <code className="dd-code">{task.code}</code> {task.title} <Tag>{task.state}</Tag>
              </List.Item>
            )}
          />
          <details>
            <summary>{t('role.resolvedRules', { count: result.rules.length })}</summary>
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              dataSource={result.rules}
              columns={[
                { title: t('role.columns.action'), dataIndex: 'action', render: (v: string | string[]) => [v].flat().join(', ') },
                { title: t('role.columns.subject'), dataIndex: 'subject', render: (v: string | string[]) => [v].flat().join(', ') },
                { title: t('role.columns.conditions'), dataIndex: 'conditions', render: (c: unknown) => (c ? <code className="dd-code">{JSON.stringify(c)}</code> : '—') },
                { title: t('role.columns.inverted'), dataIndex: 'inverted', render: (v?: boolean) => (v ? t('role.forbid') : t('role.allow')) },
              ]}
            />
          </details>
        </div>
      ) : null}
    </section>
  );
}

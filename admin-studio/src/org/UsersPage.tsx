import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert, errorMessage } from '@shared/errors';
import { foldForSearch } from '@shared/text';
import type { ListResponse } from '@shared/types';
import { useScope } from '../app/scope';
import { ScopeSelect } from '../common/ScopeSelect';
import { useKeys } from '../common/useKeys';

interface StudioPosition {
  id: number;
  unitId: number;
  unitName: string;
  roleKey: string;
  roleName: string;
  title: string | null;
}
interface StudioUser {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  positions: StudioPosition[];
}
interface PositionValues {
  unitId: number;
  roleKey: string;
  title?: string;
}

function PositionFields({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => api<ListResponse<{ id: number; name: string; pillar: string; depth: number }>>('/api/units', { signal }) });
  const roles = useKeys('role', scope);
  return (
    <>
      <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true }]}>
        <Select
          showSearch={{ filterOption: (i, o) => foldForSearch(String(o?.label ?? '')).includes(foldForSearch(i)) }}
          options={(units.data?.items ?? []).filter((u) => !scope || u.pillar === scope).map((u) => ({ value: u.id, label: `${'\u2003'.repeat(u.depth)}${u.name}` }))}
        />
      </Form.Item>
      <Form.Item name="roleKey" label={t('users.role')} rules={[{ required: true }]}>
        <Select options={roles.options} loading={roles.loading} />
      </Form.Item>
      <Form.Item name="title" label={t('users.positionTitle')}>
        <Input />
      </Form.Item>
    </>
  );
}

/** People of a pillar and their positions; a new account gets a one-time password shown once. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const choice = useScope();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['studio-users', choice.scope, q],
    queryFn: ({ signal }) => api<ListResponse<StudioUser>>('/api/studio/users', { signal, query: { pillar: choice.scope, q: q || undefined } }),
  });
  const [creating, setCreating] = useState(false);
  const [positionFor, setPositionFor] = useState<StudioUser | null>(null);
  const [createForm] = Form.useForm<{ username: string; fullName: string; email?: string } & PositionValues>();
  const [positionForm] = Form.useForm<PositionValues>();
  const refresh = () => client.invalidateQueries({ queryKey: ['studio-users'] });

  const showPassword = (username: string, password: string) =>
    modal.info({
      title: t('users.initialPasswordTitle', { username }),
      content: (
        <>
          <p>{t('users.initialPasswordHelp')}</p>
          <Typography.Text code copyable>
            {password}
          </Typography.Text>
        </>
      ),
    });

  async function call<T>(fn: () => Promise<T>, ok?: string): Promise<T | undefined> {
    try {
      const r = await fn();
      if (ok) void message.success(ok);
      await refresh();
      return r;
    } catch (e) {
      void message.error(errorMessage(e, tc));
      return undefined;
    }
  }

  return (
    <section className="dd-panel" aria-labelledby="dd-users-title">
      <div className="dd-panel-head">
        <h1 id="dd-users-title" className="dd-page-title">
          {t('nav.users')}
        </h1>
        <span className="dd-secondary">{t('users.description')}</span>
      </div>
      <div className="dd-toolbar">
        <ScopeSelect choice={choice} />
        <Input.Search aria-label={t('users.search')} placeholder={t('users.search')} allowClear onSearch={setQ} style={{ maxWidth: 280 }} />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </div>
      {users.isError ? <ErrorAlert error={users.error} /> : null}
      <Table<StudioUser>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', render: (u: string) => <code className="dd-code">{u}</code> },
          { title: t('users.fullName'), dataIndex: 'fullName' },
          {
            title: t('users.positions'),
            dataIndex: 'positions',
            render: (ps: StudioPosition[], u) => (
              <Space wrap size={4}>
                {ps.map((p) => (
                  <Tag
                    key={p.id}
                    closable
                    onClose={(e) => {
                      e.preventDefault();
                      void call(() => api(`/api/studio/positions/${p.id}`, { method: 'DELETE' }), t('users.positionRemoved'));
                    }}
                  >
                    {`${p.roleName} – ${p.unitName}`}
                  </Tag>
                ))}
                <Button size="small" type="dashed" onClick={() => setPositionFor(u)}>
                  {t('users.addPosition')}
                </Button>
              </Space>
            ),
          },
          {
            title: t('users.status'),
            render: (_, u) => (
              <Space wrap size={4}>
                {u.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
                {u.mustChangePassword ? <Tag color="gold">{t('users.mustChange')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: '',
            render: (_, u) => (
              <Space wrap size={4}>
                <Popconfirm
                  title={t('users.resetConfirm', { username: u.username })}
                  okText={t('users.reset')}
                  cancelText={t('actions.cancel')}
                  onConfirm={async () => {
                    const r = await call(() => api<{ initialPassword: string }>(`/api/studio/users/${u.id}/password`, { method: 'POST' }));
                    if (r) showPassword(u.username, r.initialPassword);
                  }}
                >
                  <Button size="small">{t('users.reset')}</Button>
                </Popconfirm>
                <Button size="small" danger={u.active} onClick={() => void call(() => api(`/api/studio/users/${u.id}`, { method: 'PATCH', body: { active: !u.active } }), t('users.saved'))}>
                  {u.active ? t('users.deactivate') : t('users.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('users.create')} onCancel={() => setCreating(false)} onOk={() => createForm.submit()} okText={t('actions.add')} cancelText={t('actions.cancel')} destroyOnHidden>
        {!choice.scope ? <Alert type="info" showIcon title={t('users.platformUser')} /> : null}
        <Form
          form={createForm}
          layout="vertical"
          onFinish={async (v) => {
            const r = await call(() =>
              api<{ user: StudioUser; initialPassword: string }>('/api/studio/users', {
                method: 'POST',
                body: { username: v.username, fullName: v.fullName, ...(v.email ? { email: v.email } : {}), pillar: choice.scope || 'platform', positions: [{ unitId: v.unitId, roleKey: v.roleKey, ...(v.title ? { title: v.title } : {}) }] },
              }),
            );
            if (r) {
              setCreating(false);
              showPassword(r.user.username, r.initialPassword);
            }
          }}
        >
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,99}$/, message: t('users.usernameHelp') }]}>
            <Input autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item name="fullName" label={t('users.fullName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <PositionFields scope={choice.scope} />
        </Form>
      </Modal>
      <Modal open={positionFor !== null} title={t('users.addPositionFor', { name: positionFor?.fullName ?? '' })} onCancel={() => setPositionFor(null)} onOk={() => positionForm.submit()} okText={t('actions.add')} cancelText={t('actions.cancel')} destroyOnHidden>
        <Form
          form={positionForm}
          layout="vertical"
          onFinish={async (v) => {
            if (!positionFor) return;
            const r = await call(() => api(`/api/studio/users/${positionFor.id}/positions`, { method: 'POST', body: { unitId: v.unitId, roleKey: v.roleKey, ...(v.title ? { title: v.title } : {}) } }), t('users.positionAdded'));
            if (r) setPositionFor(null);
          }}
        >
          <PositionFields scope={choice.scope} />
        </Form>
      </Modal>
    </section>
  );
}

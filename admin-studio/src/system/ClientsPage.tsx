import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert, errorMessage } from '@shared/errors';

interface Client {
  clientId: string;
  name: string;
  grantTypes: string[];
  redirectUris?: string[];
  scope?: string;
  public: boolean;
  createdAt: string | null;
}
const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const SCOPES = ['tasks:read', 'tasks:write', 'documents:read', 'documents:write', 'reports:read', 'edxml:import', 'units:read'];

/** OpenID Connect clients of other systems (mobile app, integrations); a secret is shown once. */
export default function ClientsPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const clients = useQuery({ queryKey: ['oidc-clients'], queryFn: ({ signal }) => api<{ items: Client[] }>('/api/oidc/clients', { signal }) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; grantTypes: string[]; redirectUris?: string[]; scopes?: string[]; public?: boolean }>();
  const grants = Form.useWatch('grantTypes', form) ?? [];

  async function register(v: { name: string; grantTypes: string[]; redirectUris?: string[]; scopes?: string[]; public?: boolean }) {
    try {
      const r = await api<{ clientId: string; clientSecret?: string }>('/api/oidc/clients', {
        method: 'POST',
        body: { name: v.name, grantTypes: v.grantTypes, ...(v.redirectUris?.length ? { redirectUris: v.redirectUris } : {}), ...(v.scopes?.length ? { scopes: v.scopes } : {}), ...(v.public ? { public: true } : {}) },
      });
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['oidc-clients'] });
      modal.info({
        title: t('clients.registered', { name: v.name }),
        content: (
          <>
            <p>
              {t('clients.clientId')}: <Typography.Text code copyable>{r.clientId}</Typography.Text>
            </p>
            {r.clientSecret ? (
              <p>
                {t('clients.secret')}: <Typography.Text code copyable>{r.clientSecret}</Typography.Text>
                <br />
                {t('clients.secretOnce')}
              </p>
            ) : null}
          </>
        ),
      });
    } catch (e) {
      void message.error(errorMessage(e, tc));
    }
  }

  return (
    <section className="dd-panel" aria-labelledby="dd-clients-title">
      <div className="dd-panel-head">
        <h1 id="dd-clients-title" className="dd-page-title">
          {t('nav.clients')}
        </h1>
        <span className="dd-secondary">{t('clients.description')}</span>
      </div>
      <div className="dd-toolbar">
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('clients.register')}
        </Button>
      </div>
      {clients.isError ? <ErrorAlert error={clients.error} /> : null}
      <Table<Client>
        rowKey="clientId"
        loading={clients.isPending}
        dataSource={clients.data?.items ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: t('clients.name'), dataIndex: 'name' },
          { title: t('clients.clientId'), dataIndex: 'clientId', render: (v: string) => <code className="dd-code">{v}</code> },
          { title: t('clients.grants'), dataIndex: 'grantTypes', render: (g: string[]) => g.map((x) => <Tag key={x}>{t(`clients.grantNames.${x as (typeof GRANTS)[number]}`)}</Tag>) },
          { title: t('clients.scopes'), dataIndex: 'scope', render: (s?: string) => s ?? '—' },
          { title: t('clients.createdAt'), dataIndex: 'createdAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: '',
            render: (_, c) => (
              <Popconfirm
                title={t('clients.removeConfirm', { name: c.name })}
                okText={t('actions.delete')}
                cancelText={t('actions.cancel')}
                onConfirm={async () => {
                  try {
                    await api(`/api/oidc/clients/${encodeURIComponent(c.clientId)}`, { method: 'DELETE' });
                    await client.invalidateQueries({ queryKey: ['oidc-clients'] });
                  } catch (e) {
                    void message.error(errorMessage(e, tc));
                  }
                }}
              >
                <Button size="small" danger>
                  {t('actions.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('clients.register')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('actions.add')} cancelText={t('actions.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void register(v)} initialValues={{ grantTypes: ['client_credentials'] }}>
          <Form.Item name="name" label={t('clients.name')} rules={[{ required: true }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="grantTypes" label={t('clients.grants')} rules={[{ required: true }]}>
            <Checkbox.Group options={GRANTS.map((g) => ({ value: g, label: t(`clients.grantNames.${g}`) }))} />
          </Form.Item>
          {grants.includes('authorization_code') ? (
            <Form.Item name="redirectUris" label={t('clients.redirectUris')} rules={[{ required: true }]}>
              <Select mode="tags" tokenSeparators={[' ', ',']} />
            </Form.Item>
          ) : null}
          <Form.Item name="scopes" label={t('clients.scopes')}>
            <Select mode="multiple" options={SCOPES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="public" valuePropName="checked">
            <Checkbox>{t('clients.public')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

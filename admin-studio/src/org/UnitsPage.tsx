import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Empty, Form, Input, InputNumber, Modal, Row, Space, Tag, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { ErrorAlert, errorMessage } from '@shared/errors';
import type { ListResponse } from '@shared/types';
import { useScope } from '../app/scope';
import { ScopeSelect, useScopeName } from '../common/ScopeSelect';

interface Unit {
  id: number;
  parentId: number | null;
  pillar: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  path: string;
  depth: number;
}
interface TreeNode {
  key: number;
  title: string;
  children: TreeNode[];
}

/** The unit tree of a pillar: add a unit under another, rename, deactivate. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const client = useQueryClient();
  const choice = useScope();
  const name = useScopeName();
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => api<ListResponse<Unit>>('/api/units', { signal }) });
  const [selected, setSelected] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [addForm] = Form.useForm<{ code: string; name: string; nameEn?: string; kind: string }>();
  const [editForm] = Form.useForm<{ name: string; nameEn?: string; kind: string; sortOrder?: number }>();

  const items = useMemo(() => (units.data?.items ?? []).filter((u) => !choice.scope || u.pillar === choice.scope), [units.data, choice.scope]);
  const tree = useMemo(() => {
    const byParent = new Map<number | null, Unit[]>();
    const ids = new Set(items.map((u) => u.id));
    for (const u of items) {
      const p = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
      byParent.set(p, [...(byParent.get(p) ?? []), u]);
    }
    const build = (parent: number | null): TreeNode[] => (byParent.get(parent) ?? []).map((u) => ({ key: u.id, title: `${u.name}`, children: build(u.id) }));
    return build(null);
  }, [items]);
  const unit = items.find((u) => u.id === selected);

  const refresh = () => client.invalidateQueries({ queryKey: ['units'] });
  async function add(values: { code: string; name: string; nameEn?: string; kind: string }) {
    try {
      await api('/api/studio/units', { method: 'POST', body: { parentId: selected, ...values, nameEn: values.nameEn || undefined } });
      void message.success(t('units.added'));
      setAdding(false);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, tc));
    }
  }
  async function update(values: Record<string, unknown>) {
    if (!unit) return;
    try {
      await api(`/api/studio/units/${unit.id}`, { method: 'PATCH', body: values });
      void message.success(t('units.saved'));
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, tc));
    }
  }

  return (
    <section className="dd-panel" aria-labelledby="dd-units-title">
      <div className="dd-panel-head">
        <h1 id="dd-units-title" className="dd-page-title">
          {t('nav.units')}
        </h1>
        <span className="dd-secondary">{t('units.description')}</span>
      </div>
      <div className="dd-toolbar">
        <ScopeSelect choice={choice} />
      </div>
      {units.isError ? <ErrorAlert error={units.error} /> : null}
      <Row gutter={24}>
        <Col xs={24} md={12}>
          {tree.length ? (
            <Tree<TreeNode> treeData={tree} defaultExpandAll={false} defaultExpandedKeys={tree.map((n) => n.key)} selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected((keys[0] as number) ?? null)} />
          ) : (
            <Empty />
          )}
        </Col>
        <Col xs={24} md={12}>
          {unit ? (
            <div key={unit.id}>
              <h2 className="dd-section-title">{unit.name}</h2>
              <Space wrap>
                <Tag>{unit.code}</Tag>
                <Tag>{name(unit.pillar)}</Tag>
                <Tag>{unit.kind}</Tag>
              </Space>
              <Form form={editForm} layout="vertical" initialValues={{ name: unit.name, nameEn: unit.nameEn ?? '', kind: unit.kind }} onFinish={(v) => void update({ ...v, nameEn: v.nameEn || null })}>
                <Form.Item name="name" label={t('units.name')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="nameEn" label={t('units.nameEn')}>
                  <Input />
                </Form.Item>
                <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="sortOrder" label={t('units.sortOrder')}>
                  <InputNumber min={0} />
                </Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit">
                    {t('actions.save')}
                  </Button>
                  <Button onClick={() => setAdding(true)}>{t('units.addChild')}</Button>
                  <Button danger onClick={() => void update({ active: false })} disabled={unit.parentId === null}>
                    {t('units.deactivate')}
                  </Button>
                </Space>
              </Form>
            </div>
          ) : (
            <Empty description={t('units.select')} />
          )}
        </Col>
      </Row>
      <Modal open={adding} title={t('units.addUnder', { name: unit?.name ?? '' })} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} okText={t('actions.add')} cancelText={t('actions.cancel')} destroyOnHidden>
        <Form form={addForm} layout="vertical" onFinish={(v) => void add(v)} initialValues={{ kind: 'department' }}>
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="nameEn" label={t('units.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="code" label={t('units.code')} extra={t('units.codeHelp')} rules={[{ required: true, pattern: /^[A-Za-z0-9.-]{1,32}$/ }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

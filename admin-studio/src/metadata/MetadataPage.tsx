import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScope } from '../app/scope';
import { href, navigate } from '../app/router';
import { ScopeSelect } from '../common/ScopeSelect';
import { MetadataTable } from './MetadataTable';
import type { MetadataKind } from './types';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function MetadataPage({ kind }: { kind: MetadataKind }) {
  const { t } = useTranslation();
  const choice = useScope();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ key: string }>();
  return (
    <section className="dd-panel" aria-labelledby="dd-metadata-title">
      <div className="dd-panel-head">
        <h1 id="dd-metadata-title" className="dd-page-title">
          {t(`kinds.${kind}.name`)}
        </h1>
        <span className="dd-secondary">{t(`kinds.${kind}.description`)}</span>
      </div>
      <div className="dd-toolbar">
        <ScopeSelect choice={choice} />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('metadata.new')}
        </Button>
      </div>
      <MetadataTable kind={kind} scope={choice.scope} />
      <Modal
        open={creating}
        title={t('metadata.newTitle', { kind: t(`kinds.${kind}.name`) })}
        okText={t('metadata.create')}
        cancelText={t('actions.cancel')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ key }) => navigate(href(['m', kind, key], { pillar: choice.scope || undefined, new: 1 }))}
        >
          <Form.Item
            name="key"
            label={t('metadata.columns.key')}
            extra={t('metadata.keyHelp')}
            rules={[{ required: true, pattern: KEY, message: t('metadata.keyInvalid') }]}
          >
            <Input autoFocus spellCheck={false} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

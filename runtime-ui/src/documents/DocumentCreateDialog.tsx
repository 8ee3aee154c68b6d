/** Registering a directive document (vào sổ văn bản), with its files; typed work is kept as a draft. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '@shared/api';
import { useUser } from '@shared/auth';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { useDraft } from '@shared/drafts';
import { errorMessage } from '@shared/errors';
import { catalogOptions, useCatalog } from '../app/meta';
import type { DocumentItem } from '../app/types';
import { AttachmentUploader, type AttachmentRef } from '../tasks/attachments';

interface DocDraft {
  number: string;
  notation: string;
  issuedDate: string;
  type: string;
  issuerName: string;
  subject: string;
  signerName: string;
  urgency: string;
  dueDate: string;
  files: AttachmentRef[];
}

export function DocumentCreateDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (d: DocumentItem) => void;
}) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const queryClient = useQueryClient();
  const draft = useDraft<DocDraft>(`u${user.id}.document.new`, () => ({
    number: '',
    notation: '',
    issuedDate: dayjs().format('YYYY-MM-DD'),
    type: '',
    issuerName: '',
    subject: '',
    signerName: '',
    urgency: '',
    dueDate: '',
    files: [],
  }));
  const types = useCatalog('loai-van-ban');
  const urgency = useCatalog('do-khan');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const v = draft.value;
  const set = (patch: Partial<DocDraft>) => draft.setValue((d) => ({ ...d, ...patch }));
  const item = (name: keyof DocDraft, labelText: string, control: ReactNode, required = false) => (
    <Form.Item
      label={labelText}
      required={required}
      htmlFor={`doc-${name}`}
      validateStatus={problems[name] ? 'error' : undefined}
      help={problems[name]}
    >
      {control}
    </Form.Item>
  );

  async function save() {
    setError(null);
    setSaving(true);
    try {
      const doc = await api<DocumentItem>('/api/documents', {
        method: 'POST',
        body: {
          number: v.number || null,
          notation: v.notation || null,
          issuedDate: v.issuedDate,
          type: v.type,
          issuerName: v.issuerName,
          subject: v.subject,
          signerName: v.signerName || null,
          ...(v.urgency ? { urgency: v.urgency } : {}),
          dueDate: v.dueDate || null,
          attachmentIds: v.files.map((f) => f.id),
        },
      });
      draft.discard();
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
      onCreated(doc);
    } catch (e) {
      setSaving(false);
      if (e instanceof ApiError && e.status === 422) {
        setProblems(
          Object.fromEntries(e.details.map((d) => [(d.path ?? '').split('/')[1] ?? '', d.message])),
        );
        setError(e.message);
      } else setError(errorMessage(e, tc));
    }
  }

  return (
    <Modal
      open
      title={t('documents.create')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('documents.save')}
      cancelText={t('transition.cancel')}
      confirmLoading={saving}
      width={720}
      maskClosable={false}
    >
      {draft.restored ? (
        <Alert className="dd-gap" type="info" showIcon title={t('transition.restored')} />
      ) : null}
      <Form layout="vertical" component="div" className="dd-doc-form">
        {item(
          'number',
          t('documents.numberOnly'),
          <Input id="doc-number" value={v.number} onChange={(e) => set({ number: e.target.value })} />,
        )}
        {item(
          'notation',
          t('documents.notation'),
          <Input id="doc-notation" value={v.notation} onChange={(e) => set({ notation: e.target.value })} />,
        )}
        {item(
          'issuedDate',
          t('documents.issuedDate'),
          <DatePicker
            id="doc-issuedDate"
            format={DATE_FORMAT}
            value={v.issuedDate ? dayjs(v.issuedDate) : null}
            onChange={(d) => set({ issuedDate: d ? d.format('YYYY-MM-DD') : '' })}
          />,
          true,
        )}
        {item(
          'type',
          t('documents.type'),
          <Select
            id="doc-type"
            value={v.type || undefined}
            onChange={(type: string) => set({ type })}
            options={catalogOptions(types.data?.body)}
          />,
          true,
        )}
        {item(
          'issuerName',
          t('documents.issuer'),
          <Input
            id="doc-issuerName"
            value={v.issuerName}
            onChange={(e) => set({ issuerName: e.target.value })}
          />,
          true,
        )}
        {item(
          'subject',
          t('documents.subject'),
          <Input.TextArea
            id="doc-subject"
            rows={2}
            value={v.subject}
            onChange={(e) => set({ subject: e.target.value })}
          />,
          true,
        )}
        {item(
          'signerName',
          t('documents.signer'),
          <Input
            id="doc-signerName"
            value={v.signerName}
            onChange={(e) => set({ signerName: e.target.value })}
          />,
        )}
        {item(
          'urgency',
          t('documents.urgency'),
          <Select
            id="doc-urgency"
            allowClear
            value={v.urgency || undefined}
            onChange={(u?: string) => set({ urgency: u ?? '' })}
            options={catalogOptions(urgency.data?.body)}
          />,
        )}
        {item(
          'dueDate',
          t('documents.dueDate'),
          <DatePicker
            id="doc-dueDate"
            format={DATE_FORMAT}
            value={v.dueDate ? dayjs(v.dueDate) : null}
            onChange={(d) => set({ dueDate: d ? d.format('YYYY-MM-DD') : '' })}
          />,
        )}
        <Form.Item label={t('attachments.title')}>
          <AttachmentUploader value={v.files} onChange={(files) => set({ files })} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
    </Modal>
  );
}

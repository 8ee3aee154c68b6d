/**
 * "Giao nhiệm vụ" from a document: one task per chosen lead unit, all created in one request (all or
 * none), with the task type's form filled once for all of them. Without a document: one new task
 * (POST /api/tasks) for one lead unit.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorSchema } from '@rjsf/utils';
import { Alert, DatePicker, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '@shared/api';
import { useUser } from '@shared/auth';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { useDraft } from '@shared/drafts';
import { errorMessage } from '@shared/errors';
import { currentLanguage } from '@shared/i18n';
import { Loading } from '@shared/Loading';
import { label, metadataQuery, unitTreeOptions, useFormCatalogs, useTaskTypes, useUnits } from '../app/meta';
import type { DocumentItem, FormBody } from '../app/types';
import { renderForm } from '../tasks/formSchema';
import type { MetaFormHandle } from '../tasks/MetaForm';

const MetaForm = lazy(() => import('../tasks/MetaForm'));

interface Draft {
  type: string;
  title: string;
  dueDate: string;
  unitIds: number[];
  data: Record<string, unknown>;
}

export function CreateTasksDialog({
  document,
  onClose,
  onCreated,
}: {
  document?: DocumentItem;
  onClose: () => void;
  onCreated: (taskIds: number[]) => void;
}) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const queryClient = useQueryClient();
  const types = useTaskTypes();
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  const draft = useDraft<Draft>(
    document ? `u${user.id}.document.${document.id}.assign` : `u${user.id}.task.new`,
    () => ({
      type: '',
      title: document?.subject.slice(0, 500) ?? '',
      dueDate: document?.dueDate ?? '',
      unitIds: [],
      data: {},
    }),
  );
  const v = draft.value;
  const typeKey = v.type || types.data?.items[0]?.key || '';
  const typeDoc = types.data?.items.find((x) => x.key === typeKey);
  const form = useQuery({ ...metadataQuery<FormBody>('form', typeDoc?.body.form ?? ''), enabled: !!typeDoc });
  const roles = useMemo(() => user.positions.map((p) => p.roleKey), [user.positions]);
  const catalogs = useFormCatalogs(form.data?.body);
  const rendered = useMemo(
    () => (form.data ? renderForm(form.data.body, { roles, language: currentLanguage(), catalogs }) : null),
    [form.data, roles, catalogs],
  );
  const formRef = useRef<MetaFormHandle>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema | undefined>();
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<Draft>) => draft.setValue((d) => ({ ...d, ...patch }));

  async function save() {
    setError(null);
    if (!v.unitIds.length) return setError(t('documents.pickUnits'));
    if (formRef.current && !formRef.current.validate()) return;
    if (!v.title.trim()) return setError(t('documents.titleRequired'));
    setSaving(true);
    try {
      const common = {
        type: typeKey,
        title: v.title.trim(),
        data: v.data,
        ...(v.dueDate ? { dueDate: v.dueDate } : {}),
      };
      const ids = document
        ? (
            await api<{ items: { id: number }[] }>(`/api/documents/${document.id}/tasks`, {
              method: 'POST',
              body: { ...common, tasks: v.unitIds.map((leadUnitId) => ({ leadUnitId })) },
            })
          ).items.map((x) => x.id)
        : [
            (
              await api<{ id: number }>('/api/tasks', {
                method: 'POST',
                body: { ...common, leadUnitId: v.unitIds[0] },
              })
            ).id,
          ];
      draft.discard();
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onCreated(ids);
      onClose();
    } catch (e) {
      setSaving(false);
      if (e instanceof ApiError && e.status === 422) {
        const errs: Record<string, unknown> = {};
        for (const d of e.details) {
          const m = /\/data\/([^/]+)$/.exec(d.path ?? '');
          if (m) errs[m[1]!] = { __errors: [d.message] };
        }
        setFieldErrors(errs as ErrorSchema);
        setError(e.details.map((d) => `${d.path ?? ''} ${d.message}`).join('; '));
      } else setError(errorMessage(e, tc));
    }
  }

  return (
    <Modal
      open
      title={document ? t('documents.assign') : t('inbox.newTask')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={document ? t('documents.assignSubmit', { count: v.unitIds.length }) : t('inbox.newTaskSubmit')}
      cancelText={t('transition.cancel')}
      confirmLoading={saving}
      width={760}
      maskClosable={false}
    >
      {draft.restored ? (
        <Alert className="dd-gap" type="info" showIcon title={t('transition.restored')} />
      ) : null}
      <Form layout="vertical" component="div">
        <Form.Item label={t('filters.type')} htmlFor="assign-type" required>
          <Select
            id="assign-type"
            value={typeKey || undefined}
            onChange={(type: string) => set({ type, data: {} })}
            options={(types.data?.items ?? []).map((x) => ({
              value: x.key,
              label: label(x.body.name, x.body.nameEn),
            }))}
          />
        </Form.Item>
        <Form.Item
          label={document ? t('documents.leadUnits') : t('task.leadUnit')}
          htmlFor="assign-units"
          required
        >
          {document ? (
            <TreeSelect
              id="assign-units"
              multiple
              showSearch
              treeNodeFilterProp="title"
              treeCheckable
              showCheckedStrategy={TreeSelect.SHOW_ALL}
              treeCheckStrictly
              value={v.unitIds.map((value) => ({
                value,
                label: units.find((u) => u.id === value)?.name ?? value,
              }))}
              onChange={(vals: { value: number }[]) => set({ unitIds: vals.map((x) => x.value) })}
              treeData={tree}
            />
          ) : (
            <TreeSelect
              id="assign-units"
              showSearch
              treeNodeFilterProp="title"
              value={v.unitIds[0]}
              onChange={(value?: number) => set({ unitIds: value ? [value] : [] })}
              treeData={tree}
            />
          )}
        </Form.Item>
        <Form.Item label={t('task.title')} htmlFor="assign-title" required>
          <Input.TextArea
            id="assign-title"
            rows={2}
            value={v.title}
            onChange={(e) => set({ title: e.target.value })}
            maxLength={500}
          />
        </Form.Item>
        <Form.Item label={t('task.dueDate')} htmlFor="assign-due">
          <DatePicker
            id="assign-due"
            format={DATE_FORMAT}
            value={v.dueDate ? dayjs(v.dueDate) : null}
            onChange={(d) => set({ dueDate: d ? d.format('YYYY-MM-DD') : '' })}
          />
        </Form.Item>
      </Form>
      {form.isPending && typeDoc ? <Loading /> : null}
      {rendered ? (
        <Suspense fallback={<Loading />}>
          <MetaForm
            ref={formRef}
            idPrefix="assign"
            schema={rendered.schema}
            uiSchema={rendered.uiSchema}
            formData={v.data}
            extraErrors={fieldErrors}
            onChange={(data) => set({ data })}
          />
        </Suspense>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
    </Modal>
  );
}

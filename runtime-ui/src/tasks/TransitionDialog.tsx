/**
 * One workflow transition as a dialog with its own form: the transition's form (metadata), or the task
 * form's fields it requires; an opinion (comment) and attachments when asked for or wanted. What is typed
 * is a draft (drafts.ts) until it is sent, so an expired session or a reload loses nothing.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorSchema } from '@rjsf/utils';
import { Alert, Form, Input, Modal } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '@shared/api';
import { useDraft } from '@shared/drafts';
import { errorMessage } from '@shared/errors';
import { currentLanguage } from '@shared/i18n';
import { Loading } from '@shared/Loading';
import { label, metadataQuery } from '../app/meta';
import type { CatalogBody, FormBody, TaskDetail, TransitionInfo } from '../app/types';
import { AttachmentUploader, type AttachmentRef } from './attachments';
import { renderForm } from './formSchema';
import type { MetaFormHandle } from './MetaForm';

const MetaForm = lazy(() => import('./MetaForm'));

export interface TransitionDraft {
  data: Record<string, unknown>;
  comment: string;
  files: AttachmentRef[];
}

export function transitionDraftKey(userId: number, taskId: number, key: string): string {
  return `u${userId}.task.${taskId}.tr.${key}`;
}

function errorSchemaOf(details: { path?: string; message: string }[]): ErrorSchema {
  const out: Record<string, unknown> = {};
  for (const d of details) {
    const m = /^\/data\/([^/]+)/.exec(d.path ?? '');
    if (m) out[m[1]!] = { __errors: [d.message] };
  }
  return out as ErrorSchema;
}

export function TransitionDialog({
  task,
  transition,
  taskForm,
  roles,
  catalogs,
  pendingEdits,
  userId,
  description,
  confirmText,
  onDone,
  onClose,
}: {
  task: TaskDetail;
  transition: TransitionInfo;
  taskForm: FormBody | undefined;
  roles: string[];
  catalogs: Map<string, CatalogBody>;
  /** Changes typed into the task's own form, sent with a transition that has no form of its own. */
  pendingEdits: Record<string, unknown>;
  userId: number;
  description?: string;
  confirmText?: string;
  onDone: (updated: TaskDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const queryClient = useQueryClient();
  const draftKey = transitionDraftKey(userId, task.id, transition.key);
  const draft = useDraft<TransitionDraft>(draftKey, () => ({ data: {}, comment: '', files: [] }));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ErrorSchema | undefined>();
  const [commentError, setCommentError] = useState<string | null>(null);
  const formRef = useRef<MetaFormHandle>(null);

  const own = useQuery({
    ...metadataQuery<FormBody>('form', transition.form ?? ''),
    enabled: !!transition.form,
  });
  const requires = transition.requires ?? {};
  const language = currentLanguage();

  const rendered = useMemo(() => {
    if (transition.form) return own.data ? renderForm(own.data.body, { roles, language, catalogs }) : null;
    if (taskForm && requires.fields?.length)
      return renderForm(taskForm, { roles, language, catalogs, only: requires.fields });
    return null;
  }, [transition.form, own.data, taskForm, requires.fields, roles, language, catalogs]);

  const formData = useMemo(
    () => (transition.form ? draft.value.data : { ...task.data, ...pendingEdits, ...draft.value.data }),
    [transition.form, task.data, pendingEdits, draft.value.data],
  );

  const title = label(transition.label, transition.labelEn);

  async function submit() {
    setError(null);
    setCommentError(null);
    const comment = draft.value.comment.trim();
    let ok = true;
    if (rendered && formRef.current && !formRef.current.validate()) ok = false;
    if (requires.comment && !comment) {
      setCommentError(t('transition.commentRequired'));
      ok = false;
    }
    if (requires.attachment && !draft.value.files.length) {
      setError(t('transition.attachmentRequired'));
      ok = false;
    }
    if (!ok) return;
    const data: Record<string, unknown> = transition.form
      ? draft.value.data
      : { ...pendingEdits, ...Object.fromEntries((requires.fields ?? []).map((f) => [f, formData[f]])) };
    setSubmitting(true);
    try {
      const updated = await api<TaskDetail>(
        `/api/tasks/${task.id}/transitions/${encodeURIComponent(transition.key)}`,
        {
          method: 'POST',
          body: {
            ...(comment ? { comment } : {}),
            ...(Object.keys(data).length ? { data } : {}),
            ...(draft.value.files.length ? { attachmentIds: draft.value.files.map((f) => f.id) } : {}),
            version: task.version,
          },
        },
      );
      draft.discard();
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      onDone(updated);
    } catch (e) {
      setSubmitting(false);
      if (e instanceof ApiError && e.status === 422) {
        setFieldErrors(errorSchemaOf(e.details));
        const c = e.details.find((d) => d.path === '/comment');
        if (c) setCommentError(c.message);
        setError(e.details.map((d) => `${d.path ?? ''} ${d.message}`).join('; ') || e.message);
      } else if (e instanceof ApiError && e.status === 409)
        setError(t('transition.conflict', { message: e.message }));
      else if (e instanceof ApiError && e.status === 401) setError(t('transition.sessionLost'));
      else setError(errorMessage(e, tc));
    }
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={title}
      cancelText={t('transition.cancel')}
      onOk={() => void submit()}
      confirmLoading={submitting}
      maskClosable={false}
      width={720}
      destroyOnHidden
    >
      {draft.restored ? (
        <Alert className="dd-gap" type="info" showIcon title={t('transition.restored')} />
      ) : null}
      {description ? <p className="dd-secondary">{description}</p> : null}
      {confirmText ? <Alert className="dd-gap" type="warning" showIcon title={confirmText} /> : null}
      {transition.form && own.isPending ? <Loading /> : null}
      {rendered ? (
        <Suspense fallback={<Loading />}>
          <MetaForm
            ref={formRef}
            idPrefix={`tr-${transition.key}`}
            schema={rendered.schema}
            uiSchema={rendered.uiSchema}
            formData={formData}
            extraErrors={fieldErrors}
            onChange={(data) =>
              draft.setValue((d) => ({
                ...d,
                data: transition.form
                  ? data
                  : Object.fromEntries((requires.fields ?? []).map((f) => [f, data[f]])),
              }))
            }
          />
        </Suspense>
      ) : null}
      <Form layout="vertical" component="div">
        <Form.Item
          label={requires.comment ? t('transition.commentRequiredLabel') : t('transition.comment')}
          htmlFor={`tr-comment-${transition.key}`}
          required={!!requires.comment}
          validateStatus={commentError ? 'error' : undefined}
          help={commentError ?? undefined}
        >
          <Input.TextArea
            id={`tr-comment-${transition.key}`}
            rows={3}
            maxLength={10000}
            value={draft.value.comment}
            onChange={(e) => {
              const comment = e.target.value;
              draft.setValue((d) => ({ ...d, comment }));
            }}
          />
        </Form.Item>
        <Form.Item label={t('attachments.title')} required={!!requires.attachment}>
          <AttachmentUploader
            value={draft.value.files}
            onChange={(files) => draft.setValue((d) => ({ ...d, files }))}
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
    </Modal>
  );
}

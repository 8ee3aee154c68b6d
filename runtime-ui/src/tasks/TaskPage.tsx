/**
 * The task page: header (code, title, units, deadline with working days left, category, progress), the
 * transitions the user may fire now (each opens its own form), the task's form rendered from its
 * metadata version with field permissions, the sub-task tree, attachments and the history timeline.
 */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Progress, Space, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { useUser } from '@shared/auth';
import { formatDate, formatDateTime } from '@shared/datetime';
import { draftKeys, useDraft } from '@shared/drafts';
import { ErrorAlert } from '@shared/errors';
import { currentLanguage } from '@shared/i18n';
import { Loading } from '@shared/Loading';
import { categoryOf, todayInHanoi, urgencyOf, workingDaysUntil } from '../app/dates';
import { label, metadataQuery, useFormCatalogs, useUnits } from '../app/meta';
import { Link } from '../app/router';
import type { FormBody, HistoryEvent, TaskDetail, TransitionInfo, WorkflowBody } from '../app/types';
import { AttachmentById } from './attachments';
import { changedFields, renderForm } from './formSchema';
import { History } from './History';
import { SubtaskTree } from './SubtaskTree';
import { transitionDraftKey, TransitionDialog } from './TransitionDialog';

const MetaForm = lazy(() => import('./MetaForm'));

function WorkingDaysLeft({ due }: { due: string }) {
  const { t } = useTranslation();
  const today = todayInHanoi();
  const [from, to] = due < today ? [due, today] : [today, due];
  const days = useQuery({
    queryKey: ['calendar', from, to],
    queryFn: ({ signal }) =>
      api<{ items: { day: string; kind: 'off' | 'work' }[] }>('/api/calendar/days', {
        signal,
        query: { from, to },
      }),
    staleTime: 3_600_000,
  });
  const exceptions = useMemo(
    () => new Map((days.data?.items ?? []).map((d) => [d.day, d.kind])),
    [days.data],
  );
  const n = workingDaysUntil(due, today, exceptions);
  if (n < 0) return <span className="dd-due-overdue">{t('task.overdueWorkingDays', { count: -n })}</span>;
  if (n === 0) return <span className="dd-due-dueSoon">{t('task.dueToday')}</span>;
  return (
    <span className={n <= 3 ? 'dd-due-dueSoon' : undefined}>{t('task.workingDaysLeft', { count: n })}</span>
  );
}

export default function TaskPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const roles = useMemo(() => [...new Set(user.positions.map((p) => p.roleKey))], [user.positions]);
  const { byId: units } = useUnits();
  const unitName = (uid: number) => units.get(uid)?.name ?? `#${uid}`;

  const task = useQuery({
    queryKey: ['tasks', 'detail', id],
    queryFn: ({ signal }) => api<TaskDetail>(`/api/tasks/${id}`, { signal }),
  });
  const data = task.data;
  const formRef = data?.metadata.form;
  const form = useQuery({
    ...metadataQuery<FormBody>(
      'form',
      formRef?.key ?? '',
      formRef ? { pillar: formRef.pillar, version: formRef.version } : undefined,
    ),
    enabled: !!formRef,
  });
  const wfRef = data?.metadata.workflow;
  const workflow = useQuery({
    ...metadataQuery<WorkflowBody>(
      'workflow',
      wfRef?.key ?? '',
      wfRef ? { pillar: wfRef.pillar, version: wfRef.version } : undefined,
    ),
    enabled: !!wfRef,
  });
  const catalogs = useFormCatalogs(form.data?.body);
  // The forms of the workflow's transitions: labels of the fields they add to the history.
  const transitionForms = useQueries({
    queries: [
      ...new Set((workflow.data?.body.transitions ?? []).flatMap((tr) => (tr.form ? [tr.form] : []))),
    ].map((k) => metadataQuery<FormBody>('form', k)),
    combine: (results) => results.flatMap((r) => (r.data ? [r.data.body] : [])),
  });
  const history = useQuery({
    queryKey: ['tasks', 'history', id, false],
    queryFn: ({ signal }) => api<{ items: HistoryEvent[] }>(`/api/tasks/${id}/history`, { signal }),
  });

  // Edits typed into the task's own form: a draft, sent with the next transition that takes them.
  const edits = useDraft<Record<string, unknown>>(`u${user.id}.task.${id}.form`, {});
  // Transitions that take fields of the task's own form (no form of their own, fields required, e.g.
  // "report progress"): the task form is editable only when one of them is available, and edits go
  // with them — not with an acknowledgement or an urge.
  const takesTaskData = (tr: TransitionInfo) => !tr.form && !!tr.requires?.fields?.length;
  const acceptsTaskData = (data?.transitions ?? []).some(takesTaskData);
  const rendered = useMemo(
    () =>
      form.data
        ? renderForm(form.data.body, { roles, language, catalogs, readOnly: !acceptsTaskData })
        : null,
    [form.data, roles, language, catalogs, acceptsTaskData],
  );
  const hiddenFields = useMemo(
    () =>
      new Set(
        Object.keys(form.data?.body.schema.properties ?? {}).filter(
          (k) => rendered && !rendered.visible.includes(k),
        ),
      ),
    [form.data, rendered],
  );
  const pendingEdits = useMemo(
    () =>
      data && rendered ? changedFields(data.data, { ...data.data, ...edits.value }, rendered.editable) : {},
    [data, rendered, edits.value],
  );

  const [open, setOpen] = useState<TransitionInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A transition form left unsent (expired session, reload): open it again with what was typed.
  useEffect(() => {
    if (!data || open) return;
    const keys = draftKeys(`u${user.id}.task.${id}.tr.`);
    const tr = data.transitions.find((x) => keys.includes(transitionDraftKey(user.id, id, x.key)));
    if (tr) setOpen(tr);
    // Only when the task first arrives, not after every change.
  }, [data?.id]);

  if (task.isPending) return <Loading />;
  if (task.isError) return <ErrorAlert error={task.error} onRetry={() => void task.refetch()} />;
  const tk = task.data;
  const wf = workflow.data?.body;
  const stateLabel = (key: string | null) => {
    const s = wf?.states.find((x) => x.key === key);
    return s ? label(s.label, s.labelEn) : (key ?? '');
  };
  const stateColor = wf?.states.find((x) => x.key === tk.state)?.color;
  const transitionLabel = (key: string | null, action: string) => {
    if (action === 'create') return t('history.created');
    const tr = wf?.transitions.find((x) => x.key === key);
    return tr
      ? label(tr.label, tr.labelEn)
      : (key ?? t(`history.action.${action === 'system' ? 'system' : 'other'}`));
  };
  const fieldLabel = (name: string) => {
    if (name === 'dueDate') return t('task.dueDate');
    if (name === 'progress') return t('task.progress');
    if (name === 'title') return t('task.title');
    if (name === 'leadUnitId') return t('task.leadUnit');
    for (const f of [form.data?.body, ...transitionForms]) {
      const schema = f?.schema.properties[name] as { title?: string } | undefined;
      if (schema) return label(schema.title ?? name, f?.fields?.[name]?.titleEn);
    }
    return name;
  };
  const category = categoryOf(tk);
  const urgency = urgencyOf(tk);
  const attachmentIds = [...new Set((history.data?.items ?? []).flatMap((e) => e.attachments))];
  const trMeta = (key: string) => wf?.transitions.find((x) => x.key === key);

  return (
    <article className="dd-task-page" aria-labelledby="dd-task-title">
      <p className="dd-back">
        <Link to="/">← {t('nav.inbox')}</Link>
      </p>
      <header className={`dd-panel dd-task-header${urgency ? ` dd-row-${urgency}` : ''}`}>
        <div className="dd-task-tags">
          <span className="dd-task-code">{tk.code}</span>
          <Tag color={stateColor}>{tk.stateLabel ? stateLabel(tk.state) : tk.state}</Tag>
          <Tag className={`dd-cat-tag dd-cat-${category}`}>{t(`category.${category}`)}</Tag>
          {urgency === 'dueSoon' ? (
            <Tag className="dd-cat-tag dd-cat-dueSoon">{t('category.dueSoon')}</Tag>
          ) : null}
        </div>
        <h1 id="dd-task-title" className="dd-page-title dd-task-title-h">
          {tk.title}
        </h1>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'lead', label: t('task.leadUnit'), children: tk.leadUnitName ?? unitName(tk.leadUnitId) },
            { key: 'assigner', label: t('task.assignerUnit'), children: tk.assignerUnitName ?? '' },
            {
              key: 'due',
              label: t('task.dueDate'),
              children: tk.dueDate ? (
                <span>
                  <strong>{formatDate(tk.dueDate)}</strong>{' '}
                  {tk.stateCategory === 'open' || tk.stateCategory === 'waiting' ? (
                    <>
                      (<WorkingDaysLeft due={tk.dueDate} />)
                    </>
                  ) : null}
                  {tk.originalDueDate && tk.originalDueDate !== tk.dueDate ? (
                    <span className="dd-secondary">
                      {' '}
                      · {t('task.originalDue', { date: formatDate(tk.originalDueDate) })}
                    </span>
                  ) : null}
                </span>
              ) : (
                t('task.noDeadline')
              ),
            },
            ...(tk.coordinatorUnits.length
              ? [
                  {
                    key: 'coord',
                    label: t('task.coordinators'),
                    children: tk.coordinatorUnits.map((u) => u.name).join(', '),
                  },
                ]
              : []),
            ...(tk.sourceDocumentId
              ? [
                  {
                    key: 'doc',
                    label: t('task.document'),
                    children: <Link to={`/documents/${tk.sourceDocumentId}`}>{t('task.openDocument')}</Link>,
                  },
                ]
              : []),
            ...(tk.parentId
              ? [
                  {
                    key: 'parent',
                    label: t('task.parent'),
                    children: <Link to={`/tasks/${tk.parentId}`}>{t('task.openParent')}</Link>,
                  },
                ]
              : []),
            { key: 'created', label: t('task.createdAt'), children: formatDateTime(tk.createdAt) },
            {
              key: 'progress',
              label: t('task.progress'),
              children: (
                <Progress
                  percent={tk.progress}
                  size="small"
                  className="dd-task-progress"
                  aria-label={t('task.progressValue', { value: tk.progress })}
                />
              ),
            },
          ]}
        />
        {tk.transitions.length ? (
          <Space wrap className="dd-transitions" role="group" aria-label={t('task.actions')}>
            {tk.transitions.map((tr, i) => (
              <Button
                key={tr.key}
                type={i === 0 ? 'primary' : 'default'}
                onClick={() => setOpen(tr)}
                danger={tr.to === 'thu-hoi' || tr.to === 'tra-lai'}
              >
                {label(tr.label, tr.labelEn)}
              </Button>
            ))}
          </Space>
        ) : (
          <p className="dd-secondary">{t('task.noActions')}</p>
        )}
        {done ? (
          <Alert
            className="dd-gap"
            type="success"
            showIcon
            closable
            title={done}
            role="status"
            onClose={() => setDone(null)}
          />
        ) : null}
      </header>

      <div className="dd-task-columns">
        <div className="dd-task-main">
          <section className="dd-panel" aria-labelledby="dd-form-title">
            <h2 id="dd-form-title" className="dd-section-title">
              {form.data ? label(form.data.body.title, form.data.body.titleEn) : t('task.details')}
              {formRef ? (
                <span className="dd-secondary dd-version">
                  {' · '}
                  {t('task.formVersion', {
                    version: formRef.version,
                    scope: formRef.pillar ?? t('task.platformScope'),
                  })}
                </span>
              ) : null}
            </h2>
            {Object.keys(pendingEdits).length ? (
              <Alert className="dd-gap" type="info" showIcon title={t('task.pendingEdits')} />
            ) : null}
            {form.isError ? <ErrorAlert error={form.error} /> : null}
            {rendered ? (
              <Suspense fallback={<Loading />}>
                <MetaForm
                  idPrefix="task"
                  schema={rendered.schema}
                  uiSchema={rendered.uiSchema}
                  formData={{ ...tk.data, ...edits.value }}
                  onChange={(d) => edits.setValue(changedFields(tk.data, d, rendered.editable))}
                />
              </Suspense>
            ) : (
              <Loading />
            )}
          </section>
          <section className="dd-panel" aria-labelledby="dd-sub-title">
            <h2 id="dd-sub-title" className="dd-section-title">
              {t('task.subtasks')} ({tk.children.length})
            </h2>
            <SubtaskTree items={tk.children} unitName={unitName} />
          </section>
          <section className="dd-panel" aria-labelledby="dd-files-title">
            <h2 id="dd-files-title" className="dd-section-title">
              {t('attachments.title')} ({attachmentIds.length})
            </h2>
            {attachmentIds.length ? (
              <ul className="dd-file-list">
                {attachmentIds.map((aid) => (
                  <li key={aid}>
                    <AttachmentById id={aid} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="dd-secondary">{t('attachments.none')}</p>
            )}
          </section>
        </div>
        <section className="dd-panel dd-task-history" aria-labelledby="dd-history-title">
          <h2 id="dd-history-title" className="dd-section-title">
            {t('history.title')}
          </h2>
          <History
            taskId={tk.id}
            hasChildren={tk.children.length > 0}
            stateLabel={stateLabel}
            transitionLabel={transitionLabel}
            fieldLabel={fieldLabel}
            hiddenFields={hiddenFields}
          />
        </section>
      </div>

      {open ? (
        <TransitionDialog
          task={tk}
          transition={open}
          taskForm={form.data?.body}
          roles={roles}
          catalogs={catalogs}
          pendingEdits={takesTaskData(open) ? pendingEdits : {}}
          userId={user.id}
          description={trMeta(open.key)?.description}
          confirmText={trMeta(open.key)?.confirm}
          onClose={() => setOpen(null)}
          onDone={(updated) => {
            const tr = open;
            setOpen(null);
            if (takesTaskData(tr)) {
              edits.setValue({});
              edits.discard();
            }
            queryClient.setQueryData(['tasks', 'detail', id], updated);
            void queryClient.invalidateQueries({ queryKey: ['tasks', 'history', id] });
            setDone(t('transition.done', { label: label(tr.label, tr.labelEn) }));
          }}
        />
      ) : null}
    </article>
  );
}

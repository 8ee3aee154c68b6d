import { useQueries } from '@tanstack/react-query';
import RjsfForm from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { Alert, App } from 'antd';
import { Component, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveDoc } from '../../metadata/api';
import type { Catalog, Form } from '../../metadata/vocabulary';
import { fromForm, showIfOf, shown, type FieldItem } from './model';
import { previewSchema, previewUi, templates, validator, widgets, type PreviewContext } from './rjsf';

/** A schema being edited may briefly not render (a half-typed keyword): keep the designer alive. */
class PreviewBoundary extends Component<{ children: ReactNode; fallback: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  state = { failed: false, key: '' };
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The form as users will get it, rendered by @rjsf with the Runtime UI's conventions. */
export function FormPreview({ form, scope }: { form: Form; scope: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [data, setData] = useState<Record<string, unknown>>({});
  const fields = (form.fields ?? {}) as Record<string, { catalog?: string; titleEn?: string }>;
  const catalogKeys = [...new Set(Object.values(fields).map((f) => f.catalog).filter((c): c is string => !!c))];
  const catalogs = useQueries({
    queries: catalogKeys.map((key) => ({
      queryKey: ['doc', 'catalog', key, scope, 'resolved'],
      queryFn: ({ signal }: { signal: AbortSignal }) => resolveDoc<Catalog>('catalog', key, scope, signal),
      staleTime: 60_000,
    })),
  });
  const catalogItems = Object.fromEntries(
    catalogKeys.map((k, i) => [
      k,
      (catalogs[i]?.data?.body.items ?? [])
        .filter((item) => item.active !== false)
        .map((item) => ({ value: item.value, label: i18n.language === 'en' && item.labelEn ? item.labelEn : item.label })),
    ]),
  );
  const items = useMemo(() => fromForm(form).filter((x): x is FieldItem => x.type === 'field'), [form]);
  const schema = previewSchema(form.schema as RJSFSchema, fields, catalogItems);
  if (i18n.language === 'en')
    for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, RJSFSchema>))
      if (fields[name]?.titleEn) (schema.properties as Record<string, RJSFSchema>)[name] = { ...prop, title: fields[name]!.titleEn };
  const ui = previewUi((form.uiSchema ?? {}) as UiSchema, items.filter((f) => f.kind === 'money').map((f) => f.name));
  for (const f of items) if (!shown(showIfOf(f.ui), data)) ui[f.name] = { ...(ui[f.name] as object), 'ui:widget': 'hidden' };
  const context: PreviewContext = { scope };
  const resetKey = JSON.stringify(form.schema);
  return (
    <div className="dd-preview" aria-label={t('form.preview')}>
      <PreviewBoundary resetKey={resetKey} fallback={<Alert type="warning" showIcon title={t('form.previewFailed')} />}>
        <RjsfForm
          schema={schema}
          uiSchema={{ ...ui, 'ui:submitButtonOptions': { submitText: t('form.tryValidate') } }}
          formData={data}
          validator={validator}
          widgets={widgets}
          templates={templates}
          formContext={context}
          showErrorList={false}
          onChange={(e) => setData((e.formData ?? {}) as Record<string, unknown>)}
          onSubmit={() => void message.success(t('form.previewValid'))}
        />
      </PreviewBoundary>
    </div>
  );
}

// An editor generated from a metadata kind's own JSON Schema (metadata/schemas), rendered by @rjsf:
// every property the schema allows, with its description as help, and the engine's issues inline.
import RjsfForm from '@rjsf/antd';
import type { ErrorSchema, RegistryWidgetsType, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeys } from '../../common/useKeys';
import type { MetadataKind, ValidationIssue } from '../../metadata/types';
import { validator } from '../form/rjsf';

export interface SchemaFormContext {
  scope: string;
}

/** ui:widget "metadataKey" with ui:options.kind: a choice among the documents of that kind. */
function MetadataKeyWidget({ id, value, onChange, options, registry, disabled, readonly }: WidgetProps) {
  const scope = (registry.formContext as SchemaFormContext).scope;
  const keys = useKeys(options.kind as MetadataKind, scope);
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={typeof value === 'string' ? value : undefined}
      disabled={disabled || readonly}
      loading={keys.loading}
      onChange={(v) => onChange(v ?? undefined)}
      options={keys.options}
    />
  );
}

/** The JSON Schema without its draft and id (rjsf's validator compiles it as a plain schema). */
export function editorSchema(schema: Record<string, unknown>): RJSFSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest as RJSFSchema;
}

/** Issues (JSON Pointers) → rjsf's nested error schema. */
export function errorSchemaOf(issues: ValidationIssue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const token of issue.path.split('/').slice(1)) {
      const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node[key] ??= {}) as Record<string, unknown>;
    }
    ((node.__errors ??= []) as string[]).push(issue.message);
  }
  return root as ErrorSchema;
}

/** Gives properties (and, one level down, array items — `_title` — and their properties) their titles. */
function withTitles(ui: UiSchema, titles: Record<string, string | Record<string, string>>): UiSchema {
  const out: UiSchema = { ...ui };
  for (const [key, title] of Object.entries(titles)) {
    if (key === '_title' && typeof title === 'string') out['ui:title'] = title;
    else if (typeof title === 'string') out[key] = { ...((out[key] ?? {}) as UiSchema), 'ui:title': title };
    else if (key.endsWith('Items')) {
      const prop = key.slice(0, -'Items'.length);
      const own = (out[prop] ?? {}) as UiSchema;
      out[prop] = { ...own, items: withTitles((own.items ?? {}) as UiSchema, title) };
    }
  }
  return out;
}

export function SchemaForm<T>({
  schema,
  uiSchema,
  titles,
  value,
  onChange,
  issues,
  scope,
  widgets,
  context: extra,
}: {
  schema: Record<string, unknown>;
  uiSchema?: UiSchema;
  /** i18n key prefix of the property titles (schemaTitles.<kind>): a title per property, items under "<prop>Items". */
  titles?: 'taskType' | 'reminderPolicy' | 'report';
  value: T;
  onChange(v: T): void;
  issues: ValidationIssue[];
  scope: string;
  /** Widgets of this editor besides metadataKey, by the name its uiSchema gives them. */
  widgets?: RegistryWidgetsType;
  /** What those widgets read besides the scope (registry.formContext). */
  context?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const compiled = useMemo(() => editorSchema(schema), [schema]);
  const context: SchemaFormContext = { ...extra, scope };
  const labels = titles ? (t(`schemaTitles.${titles}`, { returnObjects: true }) as unknown as Record<string, string | Record<string, string>>) : {};
  return (
    <RjsfForm
      className="dd-schema-form"
      schema={compiled}
      uiSchema={{ ...withTitles(uiSchema ?? {}, labels), 'ui:title': '', 'ui:submitButtonOptions': { norender: true } }}
      formData={value}
      validator={validator}
      widgets={{ metadataKey: MetadataKeyWidget, ...widgets }}
      formContext={context}
      extraErrors={errorSchemaOf(issues)}
      showErrorList={false}
      onChange={(e) => onChange(e.formData as T)}
    />
  );
}

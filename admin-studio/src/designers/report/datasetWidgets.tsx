// The report designer's choice of a dataset (the built-in ones and those plugins register) and of the
// fields its filters and dimensions name: a plugin dataset's fields as GET /api/integrations/extensions lists them;
// a built-in dataset's as free text (its core fields or data.<field> of an indexed form field).
import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePluginExtensions } from '../plugins';

export const BUILT_IN_DATASETS = ['tasks', 'documents', 'events'] as const;

/** What the report editor tells its widgets: the dataset the report names now. */
export interface ReportFormContext {
  dataset?: string;
}

/** ui:widget "reportDataset": the datasets, built-in first, then each plugin's. */
export function DatasetWidget({ id, value, onChange, disabled, readonly }: WidgetProps) {
  const { t } = useTranslation();
  const { datasets, loading } = usePluginExtensions();
  const current = typeof value === 'string' && value ? value : undefined;
  const known = [...BUILT_IN_DATASETS, ...datasets.map((d) => d.key)] as string[];
  return (
    <Select<string>
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={current}
      disabled={disabled || readonly}
      loading={loading}
      onChange={(v) => onChange(v ?? undefined)}
      options={[
        {
          label: t('extensions.builtInDatasets'),
          options: BUILT_IN_DATASETS.map((key) => ({
            value: key,
            label: `${t(`extensions.datasets.${key}`)} (${key})`,
          })),
        },
        ...(datasets.length
          ? [
              {
                label: t('extensions.pluginDatasets'),
                options: datasets.map((d) => ({
                  value: d.key,
                  label: t('extensions.pluginDataset', { label: d.label, key: d.key, plugin: d.plugin }),
                })),
              },
            ]
          : []),
        // A dataset this list does not know (a plugin not loaded here) stays shown as it is.
        ...(current && !known.includes(current)
          ? [{ label: t('extensions.otherDatasets'), options: [{ value: current, label: current }] }]
          : []),
      ]}
    />
  );
}

/** ui:widget "datasetField": a field of the report's dataset — a plugin dataset's from its list; otherwise typed. */
export function DatasetFieldWidget(props: WidgetProps) {
  const { t } = useTranslation();
  const { datasets } = usePluginExtensions();
  const dataset = datasets.find((d) => d.key === (props.registry.formContext as ReportFormContext).dataset);
  if (!dataset) {
    const Text = props.registry.widgets.TextWidget!;
    return <Text {...props} />;
  }
  const current = typeof props.value === 'string' && props.value ? props.value : undefined;
  const fields = Object.entries(dataset.fields);
  return (
    <Select<string>
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={current}
      disabled={props.disabled || props.readonly}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={[
        ...fields.map(([field, type]) => ({
          value: field,
          label: `${field} (${t(`extensions.fieldTypes.${type}`)})`,
        })),
        ...(current && !(current in dataset.fields) ? [{ value: current, label: current }] : []),
      ]}
    />
  );
}

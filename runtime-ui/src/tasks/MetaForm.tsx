/**
 * A form from metadata, rendered by @rjsf with the Ant Design theme (its own chunk: @rjsf and ajv load
 * only when a task page shows a form). Dates are picked and shown as dd/MM/yyyy and stored as
 * YYYY-MM-DD; validation messages are Vietnamese or English.
 */
import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError, WidgetProps } from '@rjsf/utils';
import { cspValidator as validator } from '@shared/cspValidator';
import { DatePicker, TreeSelect } from 'antd';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { currentLanguage } from '@shared/i18n';
import { unitTreeOptions, useUnits } from '../app/meta';
import type { JsonSchema } from './formSchema';

function DdDateWidget({ id, value, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  return (
    <DatePicker
      id={id}
      format={DATE_FORMAT}
      style={{ width: '100%' }}
      disabled={disabled || readonly}
      value={typeof value === 'string' && value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

function DdUnitWidget({ id, value, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  return (
    <TreeSelect
      id={id}
      style={{ width: '100%' }}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      disabled={disabled || readonly}
      value={typeof value === 'number' ? value : undefined}
      treeData={tree}
      onChange={(v?: number) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

const MESSAGES: Record<string, { vi: string; en: string }> = {
  required: { vi: 'Bắt buộc nhập', en: 'Required' },
  minLength: { vi: 'Không được để trống', en: 'Must not be empty' },
  maxLength: { vi: 'Quá dài', en: 'Too long' },
  minimum: { vi: 'Giá trị nhỏ hơn mức cho phép', en: 'Too small' },
  maximum: { vi: 'Giá trị lớn hơn mức cho phép', en: 'Too large' },
  format: { vi: 'Sai định dạng', en: 'Wrong format' },
  type: { vi: 'Sai kiểu dữ liệu', en: 'Wrong type' },
  oneOf: { vi: 'Chọn một giá trị trong danh sách', en: 'Pick one of the choices' },
  minItems: { vi: 'Cần ít nhất một dòng', en: 'Add at least one row' },
};

function transformErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  const lang = currentLanguage();
  return errors
    .filter((e) => e.name !== 'const' && e.name !== 'if')
    .map((e) => {
      const m = e.name ? MESSAGES[e.name] : undefined;
      return m ? { ...e, message: m[lang] } : e;
    });
}

export interface MetaFormHandle {
  /** Validates; true when the data may be sent. */
  validate(): boolean;
}

export interface MetaFormProps {
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  formData: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  extraErrors?: ErrorSchema;
  idPrefix?: string;
  disabled?: boolean;
}

const MetaForm = forwardRef<MetaFormHandle, MetaFormProps>(function MetaForm(props, ref) {
  const form = useRef<InstanceType<typeof CoreForm>>(null);
  useImperativeHandle(ref, () => ({ validate: () => form.current?.validateForm() ?? true }), []);
  return (
    <Form
      ref={form}
      schema={props.schema}
      uiSchema={props.uiSchema}
      formData={props.formData}
      validator={validator}
      widgets={{ ddDate: DdDateWidget, ddUnit: DdUnitWidget }}
      onChange={(e) => props.onChange((e.formData ?? {}) as Record<string, unknown>)}
      extraErrors={props.extraErrors}
      transformErrors={transformErrors}
      showErrorList={false}
      noHtml5Validate
      idPrefix={props.idPrefix}
      disabled={props.disabled}
      formContext={{ readonlyAsDisabled: true }}
    />
  );
});

export default MetaForm;

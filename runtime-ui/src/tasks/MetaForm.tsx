/**
 * A form from metadata, rendered by @rjsf with the Ant Design theme (its own chunk: @rjsf, ajv and the
 * widgets of widgets.tsx load only when a page shows a form). Dates are picked and shown as dd/MM/yyyy
 * and stored as YYYY-MM-DD; validation messages are Vietnamese or English.
 */
import Form from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { cspValidator as validator } from '@shared/cspValidator';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import { currentLanguage } from '@shared/i18n';
import { hiddenByCondition } from './formRules';
import type { JsonSchema } from './formSchema';
import { fields, templates, translateString, widgets } from './widgets';

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
  // A field hidden by its condition (ui:options.showIf) is neither required nor sent.
  const hidden = useMemo(
    () => hiddenByCondition(props.uiSchema, props.formData),
    [props.uiSchema, props.formData],
  );
  const schema = useMemo(() => {
    const required = Array.isArray(props.schema.required) ? (props.schema.required as string[]) : [];
    return hidden.size ? { ...props.schema, required: required.filter((k) => !hidden.has(k)) } : props.schema;
  }, [props.schema, hidden]);
  return (
    <Form
      ref={form}
      schema={schema}
      uiSchema={props.uiSchema}
      formData={props.formData}
      validator={validator}
      widgets={widgets}
      fields={fields}
      templates={templates}
      translateString={translateString}
      onChange={(e) => {
        const data = { ...((e.formData ?? {}) as Record<string, unknown>) };
        for (const k of hiddenByCondition(props.uiSchema, data)) delete data[k];
        props.onChange(data);
      }}
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

// A report filter's fixed operand (`value`) and a parameter's default, which the schema leaves open to any
// JSON type (a state key, a number of days, a list for `in`, [from, to] for `between`, "today"): typed as one line of text, kept as JSON
// when it reads as a number, true/false or a list, as text otherwise. @rjsf has no field for a schema
// without a type ("Unsupported field schema").
import type { FieldProps } from '@rjsf/utils';
import { Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { formatAnyValue, parseAnyValue } from './anyValue';

export function AnyValueField({
  formData,
  onChange,
  fieldPathId,
  uiSchema,
  schema,
  disabled,
  readonly,
  required,
  rawErrors,
}: FieldProps) {
  const [text, setText] = useState(() => formatAnyValue(formData));
  // A change from elsewhere (the JSON tab, undo) shows; the text being typed is kept while it means the same.
  useEffect(() => {
    if (JSON.stringify(parseAnyValue(text)) !== JSON.stringify(formData)) setText(formatAnyValue(formData));
  }, [formData]);
  const id = fieldPathId.$id;
  return (
    <Form.Item
      layout="vertical"
      colon={false}
      label={(uiSchema?.['ui:title'] as string | undefined) ?? schema.title ?? 'value'}
      htmlFor={id}
      required={required}
      validateStatus={rawErrors?.length ? 'error' : undefined}
      help={rawErrors?.length ? rawErrors.join(' ') : undefined}
    >
      <Input
        id={id}
        value={text}
        disabled={disabled || readonly}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseAnyValue(e.target.value), fieldPathId.path);
        }}
      />
    </Form.Item>
  );
}

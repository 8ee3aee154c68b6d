import schema from '../../../../metadata/schemas/reminderPolicy.schema.json';
import type { ReminderPolicy } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { SchemaForm } from './SchemaForm';

export default function ReminderPolicyEditor({ body, onChange, issues, scope }: DesignerProps<ReminderPolicy>) {
  return (
    <SchemaForm<ReminderPolicy>
      schema={schema}
      titles="reminderPolicy"
      uiSchema={{
        description: { 'ui:widget': 'textarea' },
        channels: { 'ui:widget': 'checkboxes', 'ui:options': { inline: true } },
        rules: { items: { to: { 'ui:widget': 'checkboxes', 'ui:options': { inline: true } }, channels: { 'ui:widget': 'checkboxes', 'ui:options': { inline: true } } } },
      }}
      value={body}
      onChange={onChange}
      issues={issues}
      scope={scope}
    />
  );
}

import schema from '../../../../metadata/schemas/taskType.schema.json';
import type { TaskType } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { SchemaForm } from './SchemaForm';

const ref = (kind: string) => ({ 'ui:widget': 'metadataKey', 'ui:options': { kind } });

export default function TaskTypeEditor({ body, onChange, issues, scope }: DesignerProps<TaskType>) {
  return (
    <SchemaForm<TaskType>
      schema={schema}
      titles="taskType"
      uiSchema={{
        form: ref('form'),
        workflow: ref('workflow'),
        reminderPolicy: ref('reminderPolicy'),
        description: { 'ui:widget': 'textarea' },
        descriptionEn: { 'ui:widget': 'textarea' },
      }}
      value={body}
      onChange={onChange}
      issues={issues}
      scope={scope}
    />
  );
}

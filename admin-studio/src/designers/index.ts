import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MetadataKind } from '../metadata/types';
import type { DesignerProps } from './types';

type Designer = LazyExoticComponent<ComponentType<DesignerProps<any>>>;

/** One designer per kind, each its own chunk. */
export const DESIGNERS: Record<MetadataKind, Designer> = {
  form: lazy(() => import('./form/FormDesigner')),
  workflow: lazy(() => import('./workflow/WorkflowDesigner')),
  role: lazy(() => import('./role/RoleEditor')),
  reminderPolicy: lazy(() => import('./schema/ReminderPolicyEditor')),
  report: lazy(() => import('./report/ReportEditor')),
  catalog: lazy(() => import('./catalog/CatalogEditor')),
  taskType: lazy(() => import('./schema/TaskTypeEditor')),
};

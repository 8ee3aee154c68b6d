import { Alert, Button, ColorPicker, Form, Input, Popconfirm, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Workflow, WorkflowState } from '../../metadata/vocabulary';
import { STATE_CATEGORIES } from '../../metadata/vocabulary';
import { kebabFromLabel } from '../slug';
import { renameState } from './graph';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function StatePanel({
  wf,
  index,
  issues,
  unreachable,
  onChange,
  onDelete,
}: {
  wf: Workflow;
  index: number;
  issues: string[];
  unreachable: boolean;
  onChange(wf: Workflow): void;
  onDelete(key: string): void;
}) {
  const { t } = useTranslation();
  const s = wf.states[index]!;
  const set = (patch: Partial<WorkflowState>) => onChange({ ...wf, states: wf.states.map((x, i) => (i === index ? { ...x, ...patch } : x)) });
  const role = wf.initial === s.key ? 'initial' : wf.draft === s.key ? 'draft' : 'none';
  const taken = wf.states.some((x, i) => i !== index && x.key === s.key);
  return (
    <Form layout="vertical" size="small" className="dd-props" aria-label={t('workflow.stateProps')}>
      <h2 className="dd-section-title">{t('workflow.stateProps')}</h2>
      {unreachable ? <Alert type="error" showIcon title={t('workflow.unreachableHelp', { initial: wf.initial })} /> : null}
      {issues.length ? <Alert type="warning" showIcon title={issues.join('\n')} /> : null}
      <Form.Item label={t('workflow.label')} required>
        <Input
          id="dd-state-label"
          value={s.label}
          onChange={(e) => {
            const label = e.target.value;
            // A key that still follows the label keeps following it.
            const auto = s.key === kebabFromLabel(s.label) || /^trang-thai-moi(-\d+)?$/.test(s.key);
            const key = kebabFromLabel(label);
            const next = auto && key && !wf.states.some((x, i) => i !== index && x.key === key) ? renameState(wf, s.key, key) : wf;
            onChange({ ...next, states: next.states.map((x, i) => (i === index ? { ...x, label } : x)) });
          }}
        />
      </Form.Item>
      <Form.Item label={t('workflow.labelEn')}>
        <Input id="dd-state-label-en" value={s.labelEn ?? ''} onChange={(e) => set({ labelEn: e.target.value || undefined })} />
      </Form.Item>
      <Form.Item label={t('workflow.key')} validateStatus={!KEY.test(s.key) || taken ? 'error' : undefined} help={taken ? t('workflow.keyTaken') : t('workflow.keyHelp')}>
        <Input id="dd-state-key" className="dd-code" value={s.key} onChange={(e) => onChange(renameState(wf, s.key, e.target.value))} />
      </Form.Item>
      <Form.Item label={t('workflow.category')}>
        <Select id="dd-state-category" value={s.category} onChange={(category) => set({ category })} options={STATE_CATEGORIES.map((c) => ({ value: c, label: t(`workflow.categories.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('workflow.color')}>
        <ColorPicker value={s.color ?? null} allowClear onChange={(c) => set({ color: c.toHexString().slice(0, 7) })} onClear={() => set({ color: undefined })} />
      </Form.Item>
      <Form.Item label={t('workflow.entry')}>
        <Radio.Group
          value={role}
          onChange={(e) => {
            const v = e.target.value as string;
            if (v === 'initial') onChange({ ...wf, initial: s.key, draft: wf.draft === s.key ? undefined : wf.draft });
            else if (v === 'draft') onChange({ ...wf, draft: s.key });
            else if (role === 'draft') onChange({ ...wf, draft: undefined });
          }}
          options={[
            { value: 'none', label: t('workflow.entryNone'), disabled: role === 'initial' },
            { value: 'initial', label: t('workflow.initial') },
            { value: 'draft', label: t('workflow.draftState'), disabled: role === 'initial' },
          ]}
        />
      </Form.Item>
      <Popconfirm title={t('workflow.deleteStateConfirm', { label: s.label })} okText={t('actions.delete')} cancelText={t('actions.cancel')} onConfirm={() => onDelete(s.key)} disabled={role === 'initial'}>
        <Button danger disabled={role === 'initial'}>
          {t('workflow.deleteState')}
        </Button>
      </Popconfirm>
    </Form>
  );
}

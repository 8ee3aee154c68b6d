import { Alert, Button, Checkbox, Form, Input, InputNumber, Popconfirm, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Workflow, WorkflowEffect, WorkflowTransition } from '../../metadata/vocabulary';
import { PARTIES } from '../../metadata/vocabulary';
import { useKeys } from '../../common/useKeys';
import { JsonEditor } from '../../common/JsonEditor';
import { kebabFromLabel } from '../slug';
import { ANY } from './graph';

const EFFECT_TYPES = ['notify', 'setDeadline', 'extendDeadline', 'createSubtasks', 'cancelChildren', 'closeParentWhenChildrenDone', 'setProgress', 'setField'] as const;
type EffectType = (typeof EFFECT_TYPES)[number];

function newEffect(type: EffectType): WorkflowEffect {
  switch (type) {
    case 'notify':
      return { type, to: ['assigner'] };
    case 'setDeadline':
      return { type, from: 'field', field: 'hanXuLy' };
    case 'extendDeadline':
    case 'createSubtasks':
      return { type, field: type === 'createSubtasks' ? 'nhiemVuCon' : 'hanDeNghi' };
    case 'cancelChildren':
    case 'closeParentWhenChildrenDone':
      return { type };
    case 'setProgress':
      return { type, value: 100 };
    case 'setField':
      return { type, field: 'ghiChu', value: '' };
  }
}

function EffectRow({ effect, onChange, onRemove }: { effect: WorkflowEffect; onChange(e: WorkflowEffect): void; onRemove(): void }) {
  const { t } = useTranslation();
  const e = effect as WorkflowEffect & Record<string, unknown>;
  const field = (
    <Input aria-label={t('workflow.effectField')} placeholder={t('workflow.effectField')} className="dd-code" style={{ width: 140 }} value={String(e.field ?? '')} onChange={(x) => onChange({ ...e, field: x.target.value } as WorkflowEffect)} />
  );
  return (
    <li className="dd-effect">
      <Space wrap>
        <Select<EffectType> aria-label={t('workflow.effectType')} value={e.type as EffectType} style={{ width: 200 }} onChange={(type) => onChange(newEffect(type))} options={EFFECT_TYPES.map((v) => ({ value: v, label: t(`workflow.effects.${v}`) }))} />
        {e.type === 'notify' ? (
          <Select
            aria-label={t('workflow.effectTo')}
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            value={(e.to as string[]) ?? []}
            onChange={(to) => onChange({ ...e, to } as WorkflowEffect)}
            options={PARTIES.map((p) => ({ value: p, label: t(`workflow.parties.${p}`) }))}
          />
        ) : null}
        {['setDeadline', 'extendDeadline', 'createSubtasks', 'setField'].includes(e.type) ? field : null}
        {e.type === 'setProgress' ? (
          <>
            {field}
            <InputNumber aria-label={t('workflow.effectValue')} min={0} max={100} value={typeof e.value === 'number' ? e.value : null} onChange={(v) => onChange({ type: 'setProgress', ...(v === null ? { field: String(e.field ?? '') } : { value: v }) })} />
          </>
        ) : null}
        {e.type === 'setField' ? <Input aria-label={t('workflow.effectValue')} style={{ width: 120 }} value={String(e.value ?? '')} onChange={(x) => onChange({ ...e, value: x.target.value } as WorkflowEffect)} /> : null}
        {e.type === 'closeParentWhenChildrenDone' ? (
          <Input aria-label={t('workflow.effectTransition')} placeholder={t('workflow.effectTransition')} style={{ width: 180 }} value={String(e.transition ?? '')} onChange={(x) => onChange({ type: 'closeParentWhenChildrenDone', ...(x.target.value ? { transition: x.target.value } : {}) })} />
        ) : null}
        <Button size="small" danger onClick={onRemove} aria-label={t('actions.delete')}>
          ✕
        </Button>
      </Space>
    </li>
  );
}

export function TransitionPanel({
  wf,
  index,
  issues,
  scope,
  onChange,
}: {
  wf: Workflow;
  index: number;
  issues: string[];
  scope: string;
  onChange(wf: Workflow): void;
}) {
  const { t } = useTranslation();
  const roles = useKeys('role', scope);
  const forms = useKeys('form', scope);
  const tr = wf.transitions[index]!;
  const set = (patch: Partial<WorkflowTransition>) =>
    onChange({ ...wf, transitions: wf.transitions.map((x, i) => (i === index ? ({ ...x, ...patch } as WorkflowTransition) : x)) });
  const states = wf.states.map((s) => ({ value: s.key, label: `${s.label} (${s.key})` }));
  const parties = tr.allow.flatMap((a) => ('party' in a ? [a.party] : []));
  const allowRoles = tr.allow.flatMap((a) => ('role' in a ? [a.role] : []));
  const setAllow = (p: string[], r: string[]) => set({ allow: [...p.map((party) => ({ party: party as (typeof PARTIES)[number] })), ...r.map((role) => ({ role }))] });
  const requires = tr.requires ?? {};
  const setRequires = (patch: Partial<NonNullable<WorkflowTransition['requires']>>) => {
    const next = { ...requires, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === false || (Array.isArray(next[k]) && !(next[k] as unknown[]).length)) delete next[k];
    set({ requires: Object.keys(next).length ? next : undefined });
  };
  const effects = tr.effects ?? [];
  const setEffects = (next: WorkflowEffect[]) => set({ effects: next.length ? next : undefined });
  const taken = wf.transitions.some((x, i) => i !== index && x.key === tr.key);
  return (
    <Form layout="vertical" size="small" className="dd-props" aria-label={t('workflow.transitionProps')}>
      <h2 className="dd-section-title">{t('workflow.transitionProps')}</h2>
      {issues.length ? <Alert type="error" showIcon title={issues.join('\n')} /> : null}
      <Form.Item label={t('workflow.label')} required>
        <Input
          id="dd-transition-label"
          value={tr.label}
          onChange={(e) => {
            const label = e.target.value;
            const auto = tr.key === kebabFromLabel(tr.label) || /^buoc-chuyen-moi(-\d+)?$/.test(tr.key);
            const key = kebabFromLabel(label);
            set({ label, ...(auto && key && !wf.transitions.some((x, i) => i !== index && x.key === key) ? { key } : {}) });
          }}
        />
      </Form.Item>
      <Form.Item label={t('workflow.labelEn')}>
        <Input id="dd-transition-label-en" value={tr.labelEn ?? ''} onChange={(e) => set({ labelEn: e.target.value || undefined })} />
      </Form.Item>
      <Form.Item label={t('workflow.key')} validateStatus={taken ? 'error' : undefined} help={taken ? t('workflow.keyTaken') : t('workflow.transitionKeyHelp')}>
        <Input id="dd-transition-key" className="dd-code" value={tr.key} onChange={(e) => set({ key: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('workflow.from')}>
        <Select
          id="dd-transition-from"
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          value={tr.from}
          onChange={(from: string[]) => set({ from: from.includes(ANY) && from.at(-1) === ANY ? [ANY] : from.filter((f) => f !== ANY) })}
          options={[{ value: ANY, label: t('workflow.any') }, ...states]}
        />
      </Form.Item>
      <Form.Item label={t('workflow.to')}>
        <Select id="dd-transition-to" showSearch={{ optionFilterProp: 'label' }} value={tr.to} onChange={(to) => set({ to })} options={states} />
      </Form.Item>
      <Form.Item label={t('workflow.allowParties')} help={t('workflow.allowHelp')}>
        <Select id="dd-transition-parties" mode="multiple" showSearch={{ optionFilterProp: 'label' }} value={parties} onChange={(p: string[]) => setAllow(p, allowRoles)} options={PARTIES.map((p) => ({ value: p, label: t(`workflow.parties.${p}`) }))} />
      </Form.Item>
      <Form.Item label={t('workflow.allowRoles')}>
        <Select id="dd-transition-roles" mode="multiple" showSearch={{ optionFilterProp: 'label' }} value={allowRoles} onChange={(r: string[]) => setAllow(parties, r)} options={roles.options} loading={roles.loading} />
      </Form.Item>
      <Form.Item label={t('workflow.requiredFields')} help={t('workflow.requiredFieldsHelp')}>
        <Select id="dd-transition-fields" mode="tags" value={requires.fields ?? []} onChange={(fields: string[]) => setRequires({ fields })} tokenSeparators={[',', ' ']} />
      </Form.Item>
      <Space wrap>
        <Checkbox checked={!!requires.comment} onChange={(e) => setRequires({ comment: e.target.checked })}>
          {t('workflow.requiresComment')}
        </Checkbox>
        <Checkbox checked={!!requires.attachment} onChange={(e) => setRequires({ attachment: e.target.checked })}>
          {t('workflow.requiresAttachment')}
        </Checkbox>
      </Space>
      <Form.Item label={t('workflow.form')}>
        <Select id="dd-transition-form" allowClear showSearch={{ optionFilterProp: 'label' }} value={tr.form} onChange={(form) => set({ form: form || undefined })} options={forms.options} loading={forms.loading} />
      </Form.Item>
      <Form.Item label={t('workflow.confirm')}>
        <Input id="dd-transition-confirm" value={tr.confirm ?? ''} onChange={(e) => set({ confirm: e.target.value || undefined })} />
      </Form.Item>
      <Form.Item label={t('workflow.description')}>
        <Input.TextArea rows={2} value={tr.description ?? ''} onChange={(e) => set({ description: e.target.value || undefined })} />
      </Form.Item>
      <fieldset className="dd-effects">
        <legend>{t('workflow.effectsTitle')}</legend>
        <ol>
          {effects.map((e, i) => (
            <EffectRow key={i} effect={e} onChange={(ne) => setEffects(effects.map((x, j) => (j === i ? ne : x)))} onRemove={() => setEffects(effects.filter((_, j) => j !== i))} />
          ))}
        </ol>
        <Button size="small" onClick={() => setEffects([...effects, newEffect('notify')])}>
          {t('workflow.addEffect')}
        </Button>
      </fieldset>
      <details className="dd-condition-json">
        <summary>{t('workflow.condition')}</summary>
        <JsonEditor value={tr.condition ?? {}} rows={4} onChange={(v) => set({ condition: Object.keys(v as object).length ? (v as Record<string, unknown>) : undefined })} />
      </details>
      <Popconfirm
        title={t('workflow.deleteTransitionConfirm', { label: tr.label })}
        okText={t('actions.delete')}
        cancelText={t('actions.cancel')}
        onConfirm={() => onChange({ ...wf, transitions: wf.transitions.filter((_, i) => i !== index) })}
      >
        <Button danger>{t('workflow.deleteTransition')}</Button>
      </Popconfirm>
    </Form>
  );
}

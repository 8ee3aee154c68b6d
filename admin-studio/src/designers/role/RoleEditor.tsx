import { Button, Checkbox, Col, Input, Row, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, RoleRule } from '../../metadata/vocabulary';
import { ACTIONS, SUBJECTS, SUBJECT_FIELDS } from '../../metadata/vocabulary';
import { JsonEditor } from '../../common/JsonEditor';
import type { DesignerProps } from '../types';
import { issuesAt } from '../types';
import { conditionsFor, detectScope, scopesFor, type Scope } from './scopes';
import { ViewAs } from './ViewAs';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string[]): string | string[] => (v.length === 1 ? v[0]! : v);

export default function RoleEditor({ body: role, onChange, issues, scope, docKey }: DesignerProps<Role>) {
  const { t } = useTranslation();
  const setRule = (i: number, rule: RoleRule) => onChange({ ...role, rules: role.rules.map((r, j) => (j === i ? rule : r)) });
  const move = (i: number, to: number) => {
    const rules = [...role.rules];
    const [r] = rules.splice(i, 1);
    rules.splice(to, 0, r!);
    onChange({ ...role, rules });
  };
  return (
    <Row gutter={[24, 16]} className="dd-role-editor">
      <Col xs={24} xxl={16}>
        <div className="dd-form-head">
          <label>
            {t('role.name')}
            <Input value={role.name} onChange={(e) => onChange({ ...role, name: e.target.value })} />
          </label>
          <label>
            {t('role.nameEn')}
            <Input value={role.nameEn ?? ''} onChange={(e) => onChange({ ...role, nameEn: e.target.value || undefined })} />
          </label>
        </div>
        <label className="dd-block">
          {t('role.description')}
          <Input.TextArea rows={2} value={role.description ?? ''} onChange={(e) => onChange({ ...role, description: e.target.value || undefined })} />
        </label>
        <Checkbox checked={!!role.leader} onChange={(e) => onChange({ ...role, leader: e.target.checked || undefined })}>
          {t('role.leader')}
        </Checkbox>
        <p className="dd-secondary">{t('role.rulesHelp')}</p>
        <Table<RoleRule & { i: number }>
          size="small"
          rowKey="i"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={role.rules.map((r, i) => ({ ...r, i }))}
          rowClassName={(r) => (issuesAt(issues, `/rules/${r.i}`).length ? 'dd-row-issue' : '')}
          columns={[
            {
              title: t('role.columns.action'),
              width: 200,
              render: (_, r) => (
                <Select
                  aria-label={t('role.columns.action')}
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: '100%' }}
                  value={list(r.action)}
                  onChange={(v: string[]) => setRule(r.i, { ...strip(r), action: one(v) })}
                  options={ACTIONS.map((a) => ({ value: a, label: t(`role.actions.${a}`) }))}
                />
              ),
            },
            {
              title: t('role.columns.subject'),
              width: 200,
              render: (_, r) => (
                <Select
                  aria-label={t('role.columns.subject')}
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: '100%' }}
                  value={list(r.subject)}
                  onChange={(v: string[]) => setRule(r.i, { ...strip(r), subject: one(v) })}
                  options={SUBJECTS.map((s) => ({ value: s, label: t(`role.subjects.${s}`) }))}
                />
              ),
            },
            {
              title: t('role.columns.conditions'),
              width: 260,
              render: (_, r) => {
                const subjects = list(r.subject);
                const current = detectScope(r.conditions, subjects);
                return (
                  <>
                    <Select<Scope>
                      aria-label={t('role.columns.conditions')}
                      style={{ width: '100%' }}
                      value={current}
                      onChange={(s) => {
                        const rule = strip(r);
                        if (s === 'none') delete rule.conditions;
                        else if (s !== 'custom') rule.conditions = conditionsFor(s, subjects[0]!) as RoleRule['conditions'];
                        else rule.conditions = r.conditions ?? {};
                        setRule(r.i, rule);
                      }}
                      options={scopesFor(subjects).map((s) => ({ value: s, label: t(`role.scopes.${s}`) }))}
                    />
                    {current === 'custom' ? (
                      <JsonEditor value={r.conditions ?? {}} rows={3} onChange={(c) => setRule(r.i, { ...strip(r), conditions: c as RoleRule['conditions'] })} />
                    ) : r.conditions ? (
                      <code className="dd-code dd-condition-text">{JSON.stringify(r.conditions)}</code>
                    ) : null}
                  </>
                );
              },
            },
            {
              title: t('role.columns.fields'),
              width: 180,
              render: (_, r) => {
                const subject = list(r.subject)[0];
                const known = subject && subject !== 'all' ? (SUBJECT_FIELDS as Record<string, readonly string[]>)[subject] ?? [] : [];
                return (
                  <Select
                    aria-label={t('role.columns.fields')}
                    mode="tags"
                    style={{ width: '100%' }}
                    placeholder={t('role.allFields')}
                    value={list(r.fields)}
                    onChange={(v: string[]) => {
                      const rule = strip(r);
                      if (v.length) rule.fields = one(v);
                      else delete rule.fields;
                      setRule(r.i, rule);
                    }}
                    options={known.map((f) => ({ value: f, label: f }))}
                  />
                );
              },
            },
            {
              title: t('role.columns.inverted'),
              width: 110,
              render: (_, r) => (
                <Checkbox checked={!!r.inverted} onChange={(e) => setRule(r.i, { ...strip(r), inverted: e.target.checked || undefined })}>
                  {r.inverted ? <Tag color="red">{t('role.forbid')}</Tag> : <Tag color="green">{t('role.allow')}</Tag>}
                </Checkbox>
              ),
            },
            {
              title: '',
              width: 110,
              render: (_, r) => (
                <span className="dd-row-actions">
                  <Button size="small" type="text" disabled={r.i === 0} onClick={() => move(r.i, r.i - 1)} aria-label={t('actions.up')}>
                    ↑
                  </Button>
                  <Button size="small" type="text" disabled={r.i === role.rules.length - 1} onClick={() => move(r.i, r.i + 1)} aria-label={t('actions.down')}>
                    ↓
                  </Button>
                  <Button size="small" type="text" danger onClick={() => onChange({ ...role, rules: role.rules.filter((_, j) => j !== r.i) })} aria-label={t('actions.delete')}>
                    ✕
                  </Button>
                </span>
              ),
            },
          ]}
        />
        <Button className="dd-add-row" onClick={() => onChange({ ...role, rules: [...role.rules, { action: 'read', subject: 'Task', conditions: { pillar: '${position.pillar}' } }] })}>
          {t('role.addRule')}
        </Button>
      </Col>
      <Col xs={24} xxl={8}>
        <ViewAs role={role} roleKey={docKey} scope={scope} />
      </Col>
    </Row>
  );
}

function strip(r: RoleRule & { i?: number }): RoleRule {
  const { i: _i, ...rule } = r;
  return rule;
}

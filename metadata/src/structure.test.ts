import { defaultDoc, english, vietnamese } from './__tests__/defaults.js';
import { isMetadataKind, METADATA_KINDS } from './kinds.js';
import { validateStructure } from './structure.js';

describe('metadata kinds', () => {
  it('lists the seven kinds and recognises only them', () => {
    expect(METADATA_KINDS).toEqual([
      'taskType',
      'form',
      'workflow',
      'role',
      'reminderPolicy',
      'report',
      'catalog',
    ]);
    expect(isMetadataKind('workflow')).toBe(true);
    expect(isMetadataKind('Workflow')).toBe(false);
    expect(isMetadataKind('__proto__')).toBe(false);
  });
});

describe('validateStructure', () => {
  it('accepts minimal documents of every kind', () => {
    const minimal = {
      taskType: { name: 'T', form: 'f', workflow: 'w', deadline: { kind: 'none' }, codePattern: '{seq:4}' },
      form: { title: 'F', schema: { type: 'object', properties: {} } },
      workflow: {
        name: 'W',
        initial: 'a',
        states: [{ key: 'a', label: 'A', category: 'done' }],
        transitions: [],
      },
      role: { name: 'R', rules: [] },
      reminderPolicy: { name: 'P', enabled: false, workingDays: true, channels: ['inApp'], rules: [] },
      report: {
        name: 'B',
        dataset: 'tasks',
        dimensions: [],
        measures: [{ key: 'n', label: 'N', type: 'count' }],
      },
      catalog: { name: 'C', items: [] },
    };
    for (const kind of METADATA_KINDS)
      expect([kind, validateStructure(kind, minimal[kind])]).toEqual([kind, []]);
  });

  it('rejects a non-object', () => {
    expect(english(validateStructure('catalog', 'x'))).toEqual([
      { path: '', message: 'must be of type object' },
    ]);
  });

  it('points at a missing property', () => {
    const body = defaultDoc('taskType', 'nhiem-vu-van-ban');
    delete body.workflow;
    expect(english(validateStructure('taskType', body))).toEqual([
      { path: '/workflow', message: 'is required' },
    ]);
    expect(vietnamese(validateStructure('taskType', body))).toEqual([
      { path: '/workflow', message: 'Bắt buộc nhập' },
    ]);
  });

  it('points at an extra property, escaping it as a JSON Pointer token', () => {
    const body = defaultDoc('catalog', 'do-khan');
    body.items[1]['a/b~c'] = 1;
    expect(english(validateStructure('catalog', body))).toEqual([
      { path: '/items/1/a~1b~0c', message: 'is not an allowed property' },
    ]);
  });

  it('points at a value outside an enum and at a wrong type', () => {
    const body = defaultDoc('workflow', 'mac-dinh');
    body.states[2].category = 'closed';
    body.transitions[0].requires = { comment: 'yes' };
    expect(english(validateStructure('workflow', body))).toEqual([
      { path: '/states/2/category', message: 'must be one of: "open", "waiting", "done", "cancelled"' },
      { path: '/transitions/0/requires/comment', message: 'must be of type boolean' },
    ]);
  });

  it('reports every problem at once', () => {
    const body = defaultDoc('reminderPolicy', 'mac-dinh');
    delete body.enabled;
    body.channels = ['sms'];
    body.rules[0].kind = 'soon';
    expect(validateStructure('reminderPolicy', body).map((i) => i.path)).toEqual([
      '/enabled',
      '/channels/0',
      '/rules/0/kind',
    ]);
  });

  it('reports an allow entry by the branch it was meant for', () => {
    const body = defaultDoc('workflow', 'mac-dinh');
    body.transitions[0].allow = [{ party: 'leed' }, { party: 'lead', role: 'x' }, {}, { role: 'lanh-dao' }];
    expect(english(validateStructure('workflow', body))).toEqual([
      {
        path: '/transitions/0/allow/0/party',
        message: 'must be one of: "lead", "leadLeader", "coordinator", "handler", "assigner", "monitor"',
      },
      { path: '/transitions/0/allow/1/role', message: 'is not an allowed property' },
      { path: '/transitions/0/allow/2', message: 'needs one of: party, role' },
    ]);
  });

  it('checks an effect against the schema of its type only', () => {
    const body = defaultDoc('workflow', 'mac-dinh');
    body.transitions[0].effects = [
      { type: 'notify' },
      { type: 'explode' },
      { type: 'setProgress', valeu: 5 },
      { to: [] },
    ];
    expect(english(validateStructure('workflow', body))).toEqual([
      { path: '/transitions/0/effects/0/to', message: 'is required' },
      { path: '/transitions/0/effects/1/type', message: 'is not a known type' },
      { path: '/transitions/0/effects/2/valeu', message: 'is not an allowed property' },
      { path: '/transitions/0/effects/3/type', message: 'is required' },
    ]);
  });

  it('accepts a string or a list for a rule action and subject, nothing else', () => {
    const body = defaultDoc('role', 'lanh-dao');
    body.rules[0].action = 'read';
    body.rules[1].subject = ['Task'];
    expect(english(validateStructure('role', body))).toEqual([]);
    body.rules[0].action = 5;
    body.rules[1].subject = [];
    expect(english(validateStructure('role', body))).toEqual([
      { path: '/rules/0/action', message: 'must be of type string or array' },
      { path: '/rules/1/subject', message: 'must NOT have fewer than 1 items' },
    ]);
  });

  it('checks key patterns and form field names', () => {
    const taskType = defaultDoc('taskType', 'nhiem-vu-van-ban');
    taskType.form = 'Nhiem Vu';
    expect(english(validateStructure('taskType', taskType))).toEqual([
      { path: '/form', message: 'must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"' },
    ]);
    const form = defaultDoc('form', 'nhiem-vu');
    form.schema.properties['nội dung'] = { type: 'string' };
    form.schema.type = 'array';
    expect(english(validateStructure('form', form))).toEqual([
      { path: '/schema/type', message: 'must be "object"' },
      { path: '/schema/properties/nội dung', message: 'is not a valid name' },
    ]);
  });
});

import { contextOf, defaultDoc, english, vietnamese } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const ctx = contextOf();
const workflow = () => defaultDoc('workflow', 'mac-dinh');
const check = async (body: unknown) => english(await validateMetadata('workflow', body, ctx));
const paths = async (body: unknown) => (await check(body)).map((i) => i.path);

describe('workflow meaning', () => {
  it('accepts the default workflow', async () => {
    expect(await check(workflow())).toEqual([]);
  });

  it('reports a state appended without a way in, at its index', async () => {
    const body = workflow();
    const n = body.states.push({ key: 'luu-tru', label: 'Lưu trữ', category: 'done' }) - 1;
    expect(await check(body)).toEqual([
      {
        path: `/states/${n}`,
        message:
          'state "luu-tru" cannot be reached from the initial state "cho-tiep-nhan" or the draft state "du-thao"',
      },
    ]);
    body.transitions.push({
      key: 'luu-tru',
      label: 'Lưu trữ',
      from: ['hoan-thanh'],
      to: 'luu-tru',
      allow: [{ party: 'assigner' }],
    });
    expect(await check(body)).toEqual([]);
  });

  it('says every problem in Vietnamese by default, at the same paths as the English', async () => {
    const body = workflow();
    const n = body.states.push({ key: 'luu-tru', label: 'Lưu trữ', category: 'done' }) - 1;
    body.transitions[0].to = 'khong-co';
    const issues = await validateMetadata('workflow', body, ctx);
    expect(vietnamese(issues)).toEqual([
      { path: '/transitions/0/to', message: 'không phải trạng thái nào của quy trình' },
      {
        path: `/states/${n}`,
        message:
          'trạng thái "luu-tru" không thể đến được từ trạng thái bắt đầu "cho-tiep-nhan" hoặc trạng thái nháp "du-thao"',
      },
    ]);
    expect(english(issues).map((i) => i.path)).toEqual(vietnamese(issues).map((i) => i.path));
  });

  it('counts a "*" transition as leaving every open or waiting state, not the final ones', async () => {
    const body = {
      name: 'W',
      initial: 'a',
      states: [
        { key: 'a', label: 'A', category: 'open' },
        { key: 'b', label: 'B', category: 'cancelled' },
        { key: 'c', label: 'C', category: 'done' },
      ],
      transitions: [
        { key: 'huy', label: 'Hủy', from: ['*'], to: 'b', allow: [{ party: 'assigner' }] },
        { key: 'xong', label: 'Xong', from: ['*'], to: 'c', allow: [{ party: 'handler' }] },
      ],
    };
    expect(await check(body)).toEqual([]);
    body.transitions[0].from = ['*', 'a'];
    expect(await check(body)).toEqual([
      {
        path: '/transitions/0/from',
        message: '"*" already means every open or waiting state; list it alone',
      },
    ]);
  });

  it('requires a reachable done state', async () => {
    const body = workflow();
    body.states.find((s: { key: string }) => s.key === 'hoan-thanh').category = 'cancelled';
    expect(await check(body)).toEqual([
      { path: '/states', message: 'no state of category done can be reached from the initial state' },
    ]);
  });

  it('reports an open state that no transition leaves', async () => {
    const body = {
      name: 'W',
      initial: 'a',
      states: [
        { key: 'a', label: 'A', category: 'open' },
        { key: 'b', label: 'B', category: 'waiting' },
        { key: 'c', label: 'C', category: 'done' },
      ],
      transitions: [
        { key: 'gui', label: 'Gửi', from: ['a'], to: 'b', allow: [{ party: 'handler' }] },
        { key: 'nhac', label: 'Nhắc', from: ['b'], to: 'b', allow: [{ party: 'assigner' }] },
        { key: 'xong', label: 'Xong', from: ['a'], to: 'c', allow: [{ party: 'handler' }] },
      ],
    };
    expect(await check(body)).toEqual([
      { path: '/states/1', message: 'state "b" is not final but no transition leads out of it' },
    ]);
  });

  it('reports an initial or draft state that does not exist', async () => {
    const body = workflow();
    body.initial = 'khoi-tao';
    body.draft = 'nhap';
    expect(await paths(body)).toEqual(['/initial', '/draft']);
  });

  it('treats the draft state as a way in', async () => {
    const body = workflow();
    delete body.draft;
    expect(await check(body)).toEqual([
      {
        path: '/states/0',
        message: 'state "du-thao" cannot be reached from the initial state "cho-tiep-nhan"',
      },
    ]);
  });

  it('reports transitions from or to unknown states', async () => {
    const body = workflow();
    body.transitions[1].from = ['cho-tiep-nhan', 'cho-xu-ly'];
    body.transitions[2].to = 'da-tra-lai';
    expect(await check(body)).toEqual([
      { path: '/transitions/1/from/1', message: 'names no state of the workflow' },
      { path: '/transitions/2/to', message: 'names no state of the workflow' },
      // the only way into tra-lai now leads nowhere
      {
        path: '/states/7',
        message:
          'state "tra-lai" cannot be reached from the initial state "cho-tiep-nhan" or the draft state "du-thao"',
      },
    ]);
  });

  it('reports duplicate state and transition keys at the later occurrence', async () => {
    const body = workflow();
    body.states.push({ ...body.states[3] });
    body.transitions.push({ ...body.transitions[4] });
    expect(await check(body)).toEqual([
      {
        path: `/states/${body.states.length - 1}/key`,
        message: '"cho-duyet-gia-han" is used more than once',
      },
      {
        path: `/transitions/${body.transitions.length - 1}/key`,
        message: '"cap-nhat-tien-do" is used more than once',
      },
    ]);
  });

  it('requires a way to fire every transition', async () => {
    const body = workflow();
    body.transitions[5].allow = [];
    expect(await check(body)).toEqual([
      {
        path: '/transitions/5/allow',
        message: 'needs at least one entry, or nobody can fire the transition',
      },
    ]);
  });

  it('reports roles and forms that do not exist', async () => {
    const body = workflow();
    body.transitions[0].allow.push({ role: 'thu-ky' });
    body.transitions[3].form = 'giao-viec';
    expect(await check(body)).toEqual([
      { path: '/transitions/0/allow/2/role', message: 'role "thu-ky" does not exist' },
      { path: '/transitions/3/form', message: 'form "giao-viec" does not exist' },
    ]);
  });

  it('checks a transition condition like a role rule, on task fields', async () => {
    const body = workflow();
    body.transitions[0].condition = {
      'data.doUuTien': { $in: ['cao', 'rat-cao'] },
      assignerId: '${user.id}',
    };
    expect(await check(body)).toEqual([]);
    body.transitions[0].condition = {
      dueDate: { $exists: true },
      priority: 'cao',
      handlerId: '${user.name}',
    };
    expect(await check(body)).toEqual([
      {
        path: '/transitions/0/condition/dueDate/$exists',
        message:
          'operator $exists is not supported; use one of $eq $ne $in $nin $lt $lte $gt $gte $startsWith',
      },
      { path: '/transitions/0/condition/handlerId', message: 'unknown placeholder ${user.name}' },
      {
        path: '/transitions/0/condition/priority',
        message: 'is not a task field (core field or data.<field>)',
      },
    ]);
  });

  it('needs exactly one of field and value in setProgress', async () => {
    const body = workflow();
    body.transitions[4].effects[0] = { type: 'setProgress' };
    expect(await paths(body)).toEqual(['/transitions/4/effects/0']);
  });
});

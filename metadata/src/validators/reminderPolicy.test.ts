import { contextOf, defaultDoc, english } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const check = async (body: unknown) => english(await validateMetadata('reminderPolicy', body, contextOf()));
const policy = () => defaultDoc('reminderPolicy', 'mac-dinh');

describe('reminder policy meaning', () => {
  it('accepts the default policy', async () => {
    expect(await check(policy())).toEqual([]);
  });

  it('reports a repeated rule key at the later rule', async () => {
    const body = policy();
    body.rules.push({ ...body.rules[2], every: 5 });
    expect(await check(body)).toEqual([
      { path: '/rules/6/key', message: '"qua-han" is used more than once' },
    ]);
  });

  it('asks of each kind the numbers it needs, and only those', async () => {
    const body = policy();
    delete body.rules[0].days; // beforeDue
    body.rules[1].days = 1; // onDue
    delete body.rules[2].every; // overdue
    body.rules[2].days = 2;
    delete body.rules[3].days; // escalate
    delete body.rules[4].days; // awaitingDecision
    body.rules[5].days = 1; // digest
    expect(await check(body)).toEqual([
      { path: '/rules/0/days', message: 'is required for a beforeDue rule' },
      { path: '/rules/1/days', message: 'does not apply to a onDue rule' },
      { path: '/rules/2/every', message: 'is required for a overdue rule' },
      { path: '/rules/2/days', message: 'does not apply to a overdue rule' },
      { path: '/rules/3/days', message: 'is required for a escalate rule' },
      { path: '/rules/4/days', message: 'is required for a awaitingDecision rule' },
      { path: '/rules/5/days', message: 'does not apply to a digest rule' },
    ]);
  });
});

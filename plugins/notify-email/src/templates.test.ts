import { render } from './templates.js';
import type { EmailMessage } from './types.js';

const base: EmailMessage = {
  id: 7,
  kind: 'reminder',
  template: 'beforeDue',
  title: 'Sắp đến hạn: UBND-2026-000001 — Rà soát <bộ máy>',
  body: null,
  createdAt: '2026-03-02 01:00:00.000',
  to: { id: 1, username: 'a', fullName: 'Cao Văn Thịnh', email: 'a@example.hanoi.gov.vn' },
  task: { id: 1, code: 'UBND-2026-000001', title: 'Rà soát <bộ máy>', dueDate: '2026-03-05', link: 'http://x/tasks/1' },
  facts: { ruleKind: 'beforeDue', daysLeft: 3 },
  appUrl: 'http://x',
};

test('a before-due reminder in Vietnamese: code, title, deadline dd/MM/yyyy, link; HTML escaped', () => {
  const r = render(base);
  expect(r.subject).toBe('[Đôn Đốc] Sắp đến hạn: UBND-2026-000001 — Rà soát <bộ máy>');
  expect(r.text).toContain('Kính gửi đồng chí Cao Văn Thịnh,');
  expect(r.text).toContain('còn 3 ngày làm việc là đến hạn xử lý (05/03/2026)');
  expect(r.text).toContain('Mã nhiệm vụ: UBND-2026-000001');
  expect(r.text).toContain('Hạn xử lý: 05/03/2026');
  expect(r.text).toContain('Xem chi tiết: http://x/tasks/1');
  expect(r.html).toContain('Rà soát &lt;bộ máy&gt;');
  expect(r.html).not.toContain('<bộ máy>');
});

test('overdue, escalation and digest wording', () => {
  expect(render({ ...base, facts: { ruleKind: 'overdue', daysOverdue: 4 } }).text).toContain('đã quá hạn xử lý 4 ngày làm việc (hạn 05/03/2026)');
  expect(render({ ...base, kind: 'escalation', facts: { daysOverdue: 5 } }).text).toContain('Đề nghị đồng chí chỉ đạo xử lý');
  const d = render({
    ...base,
    kind: 'digest',
    task: null,
    digest: { day: '2026-03-06', counts: { open: 4, dueSoon: 1, overdue: 2 }, tasks: [{ ...base.task!, overdue: true }], held: [{ id: 3, title: 'Quá hạn: X', createdAt: '', link: null }] },
  });
  expect(d.text).toContain('Tính đến ngày 06/03/2026, đồng chí có 4 nhiệm vụ đang thực hiện, trong đó 1 nhiệm vụ sắp đến hạn và 2 nhiệm vụ quá hạn.');
  expect(d.text).toContain('- UBND-2026-000001 — Rà soát <bộ máy> — hạn 05/03/2026 (quá hạn): http://x/tasks/1');
  expect(d.text).toContain('- Quá hạn: X');
});

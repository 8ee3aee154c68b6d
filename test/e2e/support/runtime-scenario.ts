// Data for the Runtime UI's browser tests, made through the HTTP API as the people involved would:
// ubnd.leader (Chánh Văn phòng UBND, 000.00.01.H26) assigns tasks to Phòng Tổng hợp (000.01.01.H26),
// where the specialist ubnd.staff works, one of them handled by ubnd.staff and already overdue.
import type { ApiClient } from '../../support/engine.js';

export const LEADER = 'ubnd.leader';
export const SPECIALIST = 'ubnd.staff';
export const XSS_TITLE = '<img src=x onerror=alert(1)>';

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + 7 * 3600_000); // Hanoi's date
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

export interface Scenario {
  overdueTaskId: number;
  overdueTaskCode: string;
  xssTaskId: number;
  unitId: number;
  specialistId: number;
  documentId: number;
}

async function ok<T = any>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function unitIdByCode(api: ApiClient, code: string): Promise<number> {
  const units = await ok(api.as(LEADER, 'GET', '/api/units'), 'units');
  const u = units.items.find((x: any) => x.code === code);
  if (!u) throw new Error(`unit ${code} not visible to ${LEADER}`);
  return u.id;
}

export async function createScenario(api: ApiClient, opts: { extraTasks?: number } = {}): Promise<Scenario> {
  const unitId = await unitIdByCode(api, '000.01.01.H26');
  const me = await ok(api.as(SPECIALIST, 'GET', '/api/auth/me'), 'me');
  const specialistId = me.user.id;
  const base = {
    type: 'nhiem-vu-van-ban',
    leadUnitId: unitId,
    data: { noiDung: 'Báo cáo tình hình thực hiện', nguonGiao: 'van-ban' },
  };
  const overdue = await ok(
    api.as(LEADER, 'POST', '/api/tasks', {
      ...base,
      title: 'Rà soát thủ tục hành chính quý III',
      handlerId: specialistId,
      dueDate: isoDay(-6),
    }),
    'overdue task',
  );
  const xss = await ok(
    api.as(LEADER, 'POST', '/api/tasks', {
      ...base,
      title: XSS_TITLE,
      handlerId: specialistId,
      dueDate: isoDay(2),
    }),
    'xss task',
  );
  for (let i = 0; i < (opts.extraTasks ?? 0); i++)
    await ok(
      api.as(LEADER, 'POST', '/api/tasks', {
        ...base,
        title: `Nhiệm vụ thường xuyên số ${i + 1} về cải cách hành chính`,
        dueDate: isoDay((i % 40) - 10),
      }),
      'extra task',
    );
  const doc = await ok(
    api.as('ubnd.clerk', 'POST', '/api/documents', {
      number: '125',
      notation: 'UBND-KSTT',
      issuedDate: isoDay(-10),
      type: 'ket-luan',
      issuerName: 'UBND thành phố Hà Nội',
      subject: 'Về việc đẩy mạnh cải cách thủ tục hành chính năm 2026',
    }),
    'document',
  );
  return {
    overdueTaskId: overdue.id,
    overdueTaskCode: overdue.code,
    xssTaskId: xss.id,
    unitId,
    specialistId,
    documentId: doc.id,
  };
}

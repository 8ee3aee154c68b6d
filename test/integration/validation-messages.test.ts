// 422 details (CONTRACT.md: {path, message}, JSON Pointers) are Vietnamese first; a caller that prefers
// English (Accept-Language) gets the same paths with English messages. Nothing is written either way.
import { startTestPlatform } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function badTask(headers: Record<string, string>) {
  const api = platform.api;
  const token = await api.login('ubnd.leader');
  const units = (await api.as('ubnd.leader', 'GET', '/api/units')).body.items;
  const lead = units.find((u: any) => u.code === '000.01.01.H26');
  return api.request('POST', '/api/tasks', {
    token,
    headers,
    body: { type: 'nhiem-vu-van-ban', title: 'Thiếu nội dung', leadUnitId: lead.id, data: { nguonGiao: 'van-ban', tienDo: 150 } },
  });
}

test('form data errors: Vietnamese by default, English when preferred, the same pointers', async () => {
  const before = Number((await platform.engine.services.knex('tasks').count({ n: '*' }).first())!.n);
  const vi = await badTask({});
  expect(vi.status).toBe(422);
  expect(vi.headers.get('content-language')).toBe('vi');
  expect(vi.body.error.code).toBe('validation_failed');
  expect(vi.body.error.details).toEqual(
    expect.arrayContaining([
      { path: '/data/noiDung', message: 'Bắt buộc nhập' },
      { path: '/data/tienDo', message: 'Phải nhỏ hơn hoặc bằng 100' },
    ]),
  );
  const en = await badTask({ 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' });
  expect(en.headers.get('content-language')).toBe('en');
  expect(en.body.error.details).toEqual(
    expect.arrayContaining([
      { path: '/data/noiDung', message: 'is required' },
      { path: '/data/tienDo', message: 'must be <= 100' },
    ]),
  );
  const viFirst = await badTask({ 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' });
  expect(viFirst.body.error.details.map((d: any) => d.message)).toContain('Bắt buộc nhập');
  expect(Number((await platform.engine.services.knex('tasks').count({ n: '*' }).first())!.n)).toBe(before);
});

test('request bodies checked at the edge speak Vietnamese too', async () => {
  const r = await platform.api.as('ubnd.admin', 'POST', '/api/studio/users', { username: 'x', pillar: 'ubnd', extra: 1 });
  expect(r.status).toBe(422);
  expect(r.body.error.details).toEqual(
    expect.arrayContaining([
      { path: '/fullName', message: 'Bắt buộc nhập' },
      { path: '/extra', message: 'Trường này không được phép' },
      { path: '/username', message: 'Sai định dạng hoặc chứa ký tự không được phép' },
    ]),
  );
});

test('metadata meaning checks: Vietnamese by default, English when preferred, on PUT and on validate', async () => {
  const api = platform.api;
  const token = await api.login('admin');
  const body = (await api.as('admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
  const n = body.states.push({ key: 'luu-tru', label: 'Lưu trữ', category: 'done' }) - 1;
  const put = (headers: Record<string, string>) => api.request('PUT', '/api/metadata/workflow/quy-trinh-thong-bao', { token, headers, body });
  const vi = await put({});
  expect(vi.status).toBe(422);
  expect(vi.headers.get('content-language')).toBe('vi');
  expect(vi.body.error.details).toEqual([
    {
      path: `/states/${n}`,
      message: 'trạng thái "luu-tru" không thể đến được từ trạng thái bắt đầu "cho-tiep-nhan" hoặc trạng thái nháp "du-thao"',
    },
  ]);
  const en = await put({ 'accept-language': 'en' });
  expect(en.headers.get('content-language')).toBe('en');
  expect(en.body.error.details).toEqual([
    { path: `/states/${n}`, message: 'state "luu-tru" cannot be reached from the initial state "cho-tiep-nhan" or the draft state "du-thao"' },
  ]);
  const checked = await api.request('POST', '/api/metadata/workflow/quy-trinh-thong-bao/validate', { token, headers: { 'accept-language': 'en' }, body });
  expect(checked.status).toBe(200);
  expect(checked.body.issues).toEqual(en.body.error.details);
  const checkedVi = await api.request('POST', '/api/metadata/workflow/quy-trinh-thong-bao/validate', { token, body });
  expect(checkedVi.body.issues).toEqual(vi.body.error.details);
  expect((await api.as('admin', 'GET', '/api/metadata/workflow/quy-trinh-thong-bao')).status).toBe(404);
});

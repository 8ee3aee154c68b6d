// Must show (issue 8): an exported bundle imported into a fresh database reproduces the pillar's
// configuration exactly; an invalid bundle is refused whole, before anything is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestPlatform } from '../support/engine.js';
import { browserTestsCanRun, ensureFrontEndsBuilt, launch, screenshot, studioPage } from './studio-helpers.js';

const run = browserTestsCanRun('studio-bundles.test.ts');
const maybe = run ? describe : describe.skip;
const KINDS = ['taskType', 'form', 'workflow', 'role', 'reminderPolicy', 'report', 'catalog'];

type Platform = Awaited<ReturnType<typeof startTestPlatform>>;

/** The pillar's configuration as its users get it: every document of every kind, resolved for ubnd. */
async function configuration(p: Platform) {
  const out: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const items = (await p.api.as('ubnd.admin', 'GET', `/api/metadata/${kind}?pillar=ubnd`)).body.items;
    for (const { key } of items) {
      const doc = (await p.api.as('ubnd.admin', 'GET', `/api/metadata/${kind}/${key}?pillar=ubnd`)).body;
      out[`${kind}/${key}`] = { pillar: doc.pillar, checksum: doc.checksum, body: doc.body };
    }
  }
  return out;
}

maybe('Admin Studio bundles', () => {
  let source: Platform;
  let target: Platform;
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bundle-'));

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    source = await startTestPlatform();
    target = await startTestPlatform();
    browser = await launch();
    // The ubnd configuration to move: a catalog of its own, a form field choosing from it (indexed), a
    // workflow state, a changed reminder policy.
    const api = source.api;
    const publish = async (kind: string, key: string, body: unknown) => {
      const r = await api.as('ubnd.admin', 'POST', `/api/metadata/${kind}/${key}/publish?pillar=ubnd`, { body });
      expect(r.status).toBe(200);
    };
    await publish('catalog', 'linh-vuc', { name: 'Lĩnh vực', items: [{ value: 'dat-dai', label: 'Đất đai' }, { value: 'xay-dung', label: 'Xây dựng' }] });
    const form = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
    form.schema.properties.linhVuc = { type: 'string', title: 'Lĩnh vực' };
    form.fields.linhVuc = { catalog: 'linh-vuc', indexed: true, listed: true };
    await publish('form', 'nhiem-vu', form);
    const wf = (await api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
    wf.states.push({ key: 'cho-tham-dinh', label: 'Chờ thẩm định', category: 'waiting' });
    wf.transitions.push(
      { key: 'gui-tham-dinh', label: 'Gửi thẩm định', from: ['dang-thuc-hien'], to: 'cho-tham-dinh', allow: [{ party: 'lead' }] },
      { key: 'tham-dinh-xong', label: 'Thẩm định xong', from: ['cho-tham-dinh'], to: 'dang-thuc-hien', allow: [{ party: 'assigner' }] },
    );
    await publish('workflow', 'mac-dinh', wf);
    const policy = (await api.as('ubnd.admin', 'GET', '/api/metadata/reminderPolicy/mac-dinh')).body.body;
    policy.rules = policy.rules.map((r: any) => (r.key === 'truoc-han' ? { ...r, days: 5 } : r));
    await publish('reminderPolicy', 'mac-dinh', policy);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an exported bundle imported into a fresh database reproduces the pillar’s configuration exactly', async () => {
    const { page: exporter } = await studioPage(browser, source.url, 'ubnd.admin');
    await exporter.goto(`${source.url}/studio/bundles`);
    const [download] = await Promise.all([exporter.waitForEvent('download'), exporter.getByRole('button', { name: 'Tải gói cấu hình' }).click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^dondoc-ubnd-\d{4}-\d{2}-\d{2}\.json$/);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle.documents.map((d: any) => `${d.kind}/${d.key}`).sort()).toEqual(['catalog/linh-vuc', 'form/nhiem-vu', 'reminderPolicy/mac-dinh', 'workflow/mac-dinh']);

    // An altered copy is refused whole in the fresh environment: nothing is written.
    const broken = structuredClone(bundle);
    broken.documents = broken.documents.filter((d: any) => d.kind !== 'catalog');
    const brokenFile = path.join(dir, 'broken.json');
    fs.writeFileSync(brokenFile, JSON.stringify(broken));
    const { page: importer } = await studioPage(browser, target.url, 'ubnd.admin');
    await importer.goto(`${target.url}/studio/bundles`);
    await importer.locator('input[type=file]').setInputFiles(brokenFile);
    await importer.getByText(/Gói không hợp lệ: \d+ lỗi, chưa ghi gì/).waitFor();
    await importer.getByText('/documents/0/body/fields/linhVuc/catalog').waitFor();
    await screenshot(importer, 'studio-bundles-refused');
    expect((await target.api.as('ubnd.admin', 'GET', '/api/studio/bundles/export?pillar=ubnd')).body.documents).toEqual([]);

    await importer.locator('input[type=file]').setInputFiles(file);
    await importer.getByText('Gói hợp lệ: 4 tài liệu, 4 tài liệu sẽ được xuất bản').waitFor();
    await importer.getByRole('button', { name: 'Nhập và xuất bản 4 tài liệu' }).click();
    await importer.getByText('Đã xuất bản 4 tài liệu, 0 tài liệu giữ nguyên').waitFor();
    await screenshot(importer, 'studio-bundles');

    const again = (await target.api.as('ubnd.admin', 'GET', '/api/studio/bundles/export?pillar=ubnd')).body;
    const strip = (b: any) => b.documents.map(({ kind, key, checksum, body }: any) => ({ kind, key, checksum, body }));
    expect(strip(again)).toEqual(strip(bundle));
    expect(await configuration(target)).toEqual(await configuration(source));
    const indexed = await target.engine.services.knex('task_indexed_fields').where({ field: 'linhVuc' }).first();
    expect(indexed).toBeTruthy();
  }, 180_000);
});

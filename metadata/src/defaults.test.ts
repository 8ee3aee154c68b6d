import { contextOf, loadDefaults } from './__tests__/defaults.js';
import { METADATA_KINDS } from './kinds.js';
import { validateMetadata } from './validate.js';

describe('default metadata (seeds/metadata)', () => {
  const docs = loadDefaults();
  const ctx = contextOf();

  it('has at least one document of every kind', () => {
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(METADATA_KINDS));
  });

  it.each(docs.map((d) => [`${d.kind}/${d.key}`, d] as const))('%s is valid', async (_name, doc) => {
    expect(await validateMetadata(doc.kind, doc.body, ctx)).toEqual([]);
  });

  it('holds what the engine and the demo seed refer to by key', () => {
    const keys = docs.map((d) => `${d.kind}/${d.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'taskType/nhiem-vu-van-ban',
        'form/nhiem-vu',
        'workflow/mac-dinh',
        'reminderPolicy/mac-dinh',
        'report/thong-ke-tong-hop',
        ...['quan-tri-he-thong', 'quan-tri', 'lanh-dao', 'chuyen-vien', 'van-thu'].map((k) => `role/${k}`),
        ...['loai-van-ban', 'do-khan', 'do-mat', 'nguon-giao', 'do-uu-tien'].map((k) => `catalog/${k}`),
      ]),
    );
  });
});

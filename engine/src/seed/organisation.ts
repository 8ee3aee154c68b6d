import type { Knex } from 'knex';
import { flattenUnits, pillars, unitTrees } from '@dondoc/seeds';
import { bindModels } from '../db/models.js';

/** Pillars and unit trees, matched by unit code; paths are '/<id>/<id>/…/' built from database ids. */
export async function seedOrganisation(trx: Knex): Promise<void> {
  const { Pillar, Unit } = bindModels(trx);
  for (const p of pillars) {
    const row = { name: p.name, name_en: p.nameEn, short_name: p.shortName, code: p.code };
    if (await Pillar.query().findById(p.key)) await Pillar.query().patchAndFetchById(p.key, row);
    else await Pillar.query().insert({ key: p.key, ...row });
  }
  for (const p of pillars) {
    const units = flattenUnits(unitTrees[p.key], p.key);
    const byCode = new Map<string, { id: number; path: string }>();
    for (const u of await Unit.query().whereIn('code', units.map((x) => x.code)).select('id', 'code', 'path'))
      byCode.set(u.code, { id: u.id, path: u.path });
    let order = 0;
    for (const u of units) {
      order++;
      if (byCode.has(u.code)) continue;
      const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
      const [id] = await trx('units').insert({
        pillar: p.key,
        parent_id: parent?.id ?? null,
        code: u.code,
        name: u.name,
        name_en: u.nameEn ?? null,
        kind: u.kind,
        path: '/', // set below, once the id is known
        depth: u.depth,
        sort_order: order,
      });
      const unitId = Number(id);
      const path = `${parent?.path ?? '/'}${unitId}/`;
      await trx('units').where({ id: unitId }).update({ path });
      byCode.set(u.code, { id: unitId, path });
    }
    const root = byCode.get(unitTrees[p.key].code)!;
    await trx('pillars').where({ key: p.key }).update({ unit_id: root.id });
  }
}

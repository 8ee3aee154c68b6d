// Imports as administrators follow them: each import (an upload, a drop-folder scan, a poll, a pull) is a
// row with its progress, and every message it rejected is logged with the reason and the element paths.
import type { Knex } from 'knex';
import { readJson, writeJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';
import type { Clock } from '../config/clock.js';
import type { ImportLog } from './types.js';

export function importLog(knex: () => Knex, clock: () => Clock, plugin: string): ImportLog {
  return {
    async start(input) {
      const [id] = await knex()('integration_imports').insert({
        plugin,
        source: input.source.slice(0, 16),
        name: input.name.slice(0, 500),
        status: 'running',
        total: input.total ?? 0,
        created_by: input.createdBy ?? null,
        created_at: toDbTime(clock().now()),
      });
      return Number(id);
    },
    async progress(id, p) {
      const changes = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length) await knex()('integration_imports').where({ id }).update(changes);
    },
    async reject(id, r) {
      await knex()('integration_rejections').insert({
        import_id: id,
        plugin,
        item: r.item.slice(0, 500),
        external_id: r.externalId?.slice(0, 200) ?? null,
        reason: r.reason.slice(0, 1000),
        details: writeJson(r.details ?? []),
        created_at: toDbTime(clock().now()),
      });
    },
    async finish(id, status, error) {
      await knex()('integration_imports')
        .where({ id })
        .update({ status, error: error?.slice(0, 1000) ?? null, finished_at: toDbTime(clock().now()) });
    },
  };
}

export function importToApi(r: any) {
  return {
    id: Number(r.id),
    plugin: r.plugin,
    source: r.source,
    name: r.name,
    status: r.status,
    total: Number(r.total),
    processed: Number(r.processed),
    imported: Number(r.imported),
    duplicates: Number(r.duplicates),
    rejected: Number(r.rejected),
    error: r.error ?? null,
    createdBy: r.created_by === null || r.created_by === undefined ? null : Number(r.created_by),
    createdAt: isoTime(r.created_at),
    finishedAt: isoTime(r.finished_at),
  };
}

export function rejectionToApi(r: any) {
  return {
    id: Number(r.id),
    importId: r.import_id === null || r.import_id === undefined ? null : Number(r.import_id),
    plugin: r.plugin,
    item: r.item,
    externalId: r.external_id ?? null,
    reason: r.reason,
    details: readJson<Array<{ path: string; message: string }>>(r.details) ?? [],
    createdAt: isoTime(r.created_at),
  };
}

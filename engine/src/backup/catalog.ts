// Backup sets on a target: one folder per set, `<id>/manifest.json` beside its encrypted files. A set is
// written under `<id>.partial/` and renamed when complete, so a folder without that suffix is whole.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BinlogPos } from './mysql.js';
import type { TableSums } from './checksum.js';
import { manifestMac, type BackupKey } from './crypto.js';

export const FORMAT = 'dondoc-backup/1';

export interface ManifestFile {
  /** The content's name ("dump.sql", "binlog.000003", "changes.jsonl", "database.sqlite", "attachments.pack"); stored as `<name>.enc`. */
  name: string;
  role: 'dump' | 'binlog' | 'changes' | 'database' | 'attachments';
  size: number;
  sha256: string;
  plainSize: number;
  plainSha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  id: string;
  kind: 'full' | 'incremental';
  /** The id of the full backup this set builds on (itself for a full). */
  chain: string;
  /** The set right before this one in its chain (null for a full). */
  parent: string | null;
  trigger: string;
  /** Why a requested incremental became a full one, when it did. */
  note?: string;
  createdAt: string;
  finishedAt: string;
  /** The instant (wall clock, UTC) of the state the set holds; points in time are measured against it. */
  snapshotAt: string;
  /** The parent's snapshotAt: an incremental holds the changes between the two. */
  fromAt: string | null;
  source: { dialect: 'sqlite' | 'mysql'; tag: string; database: string; server?: string };
  lineage: string;
  mysql?: { start: BinlogPos | null; end: BinlogPos | null; lockedMs?: number };
  sqlite?: { fromSeq: number; toSeq: number; fingerprint: string; changes?: number };
  files: ManifestFile[];
  tables: TableSums;
  attachments: { added: string[]; bytes: number; total: number };
  keyId: string;
  mac?: string;
}

export const encName = (f: { name: string }) => `${f.name}.enc`;

export function setDir(root: string, id: string) {
  return path.join(root, id);
}

export async function readManifest(dir: string): Promise<Manifest> {
  const m = JSON.parse(await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (m.format !== FORMAT) throw new Error(`${dir}: not a backup set of format ${FORMAT}`);
  return m;
}

/** Every complete set of a target, oldest first (unreadable folders are reported, not fatal). */
export async function listSets(root: string): Promise<{ sets: Manifest[]; problems: string[] }> {
  const sets: Manifest[] = [];
  const problems: string[] = [];
  const entries = await fsp.readdir(root, { withFileTypes: true }).catch((err) => {
    if (err?.code === 'ENOENT') return [] as fs.Dirent[];
    throw err;
  });
  for (const e of entries) {
    if (!e.isDirectory() || e.name.endsWith('.partial') || e.name.startsWith('.')) continue;
    try {
      sets.push(await readManifest(path.join(root, e.name)));
    } catch (err) {
      problems.push(`${e.name}: ${(err as Error).message}`);
    }
  }
  sets.sort((a, b) => a.snapshotAt.localeCompare(b.snapshotAt) || a.id.localeCompare(b.id));
  return { sets, problems };
}

/** The sets from the full to `id`, in order. */
export function chainTo(sets: Manifest[], id: string): Manifest[] {
  const byId = new Map(sets.map((s) => [s.id, s]));
  const out: Manifest[] = [];
  let cur = byId.get(id);
  if (!cur) throw new Error(`no backup set "${id}"`);
  while (cur) {
    out.unshift(cur);
    if (cur.kind === 'full') return out;
    const parent: Manifest | undefined = cur.parent ? byId.get(cur.parent) : undefined;
    if (!parent) throw new Error(`set ${cur.id} needs ${cur.parent}, which is not on the target`);
    cur = parent;
  }
  return out;
}

/** Every set of the chain of `full`, in order (following parents from the newest). */
export function chainOf(sets: Manifest[], fullId: string): Manifest[] {
  const members = sets.filter((s) => s.chain === fullId);
  const children = new Map<string, Manifest>();
  for (const s of members) if (s.parent) children.set(s.parent, s);
  const out: Manifest[] = [];
  let cur = members.find((s) => s.id === fullId);
  while (cur) {
    out.push(cur);
    cur = children.get(cur.id);
  }
  return out;
}

export function sealManifest(key: BackupKey, m: Manifest): Manifest {
  const { mac: _mac, ...body } = m;
  return { ...body, mac: manifestMac(key, body) };
}

export function manifestIntact(key: BackupKey, m: Manifest): boolean {
  const { mac, ...body } = m;
  return !!mac && mac === manifestMac(key, body);
}

/** Copies a finished set to a second target (as `.partial`, renamed when whole). */
export async function copySet(fromRoot: string, toRoot: string, id: string): Promise<void> {
  const tmp = path.join(toRoot, `${id}.partial`);
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.mkdir(tmp, { recursive: true, mode: 0o700 });
  for (const f of await fsp.readdir(path.join(fromRoot, id)))
    await fsp.copyFile(path.join(fromRoot, id, f), path.join(tmp, f));
  await fsp.rm(path.join(toRoot, id), { recursive: true, force: true });
  await fsp.rename(tmp, path.join(toRoot, id));
}

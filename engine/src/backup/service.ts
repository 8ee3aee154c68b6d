// The backup capability: full and incremental sets, list, verify, restore and retention, for SQLite and
// MySQL/MariaDB, with the attachment store. Used by the CLI (no engine running needed) and by the
// scheduled job and the API of a running engine.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import type { Config } from '../config/index.js';
import { backupConfigOf, type BackupConfig } from './config.js';
import {
  decryptTo,
  encryptTo,
  loadBackupKey,
  sha256File,
  type BackupKey,
  type WrittenFile,
} from './crypto.js';
import {
  chainOf,
  chainTo,
  copySet,
  encName,
  FORMAT,
  listSets,
  manifestIntact,
  sealManifest,
  setDir,
  type Manifest,
  type ManifestFile,
} from './catalog.js';
import { compareSums, type TableSums } from './checksum.js';
import { listBlobs, packStream, unpack } from './attachments.js';
import {
  NeedsFull,
  pruneLog,
  sqliteChecksums,
  sqliteFileOf,
  sqliteFull,
  sqliteIncremental,
  sqliteRestore,
} from './sqlite.js';
import {
  dropDatabase,
  loadDump,
  markRestored,
  mysqlChecksums,
  mysqlFull,
  mysqlIncremental,
  mysqlTargetOf,
  prepareTarget,
  replayBinlogs,
  canRestoreUnlogged,
  urlOf,
} from './mysql.js';
import { toDbTime } from '../db/time.js';

/** Progress of a long step: a phase name ("database", "attachments", "verify"…), done and total units. */
export type Progress = (phase: string, done: number, total: number) => void;

export interface RunOptions {
  trigger?: string;
  onProgress?: Progress;
  /** Record the run in backup_runs (the engine's connection). */
  runs?: Knex;
  slotKey?: string;
  /** Verify the new set (restore into scratch, compare checksums) before the run counts as a success. */
  verify?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  set: string;
  chain: string[];
  problems: string[];
  tables: number;
}

export interface RestoreResult {
  chain: string[];
  target: string;
  until: string | null;
  /** Whether the restored tables were compared with the manifest of the last set applied (restores without --until, or past the last set). */
  compared: boolean;
  mismatches: string[];
  attachments: number;
}

const iso = (d: Date) => d.toISOString();

function newId(now: Date, kind: 'full' | 'incremental'): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${kind === 'full' ? 'full' : 'incr'}-${crypto.randomBytes(3).toString('hex')}`;
}

export class BackupService {
  readonly c: BackupConfig;
  readonly dialect: 'sqlite' | 'mysql';

  constructor(
    readonly config: Config,
    readonly clock: Clock,
    readonly log: (msg: string) => void = () => {},
  ) {
    this.c = backupConfigOf(config);
    this.dialect =
      config.databaseUrl?.startsWith('mysql') || config.databaseUrl?.startsWith('mariadb')
        ? 'mysql'
        : 'sqlite';
  }

  key(): BackupKey {
    return loadBackupKey(this.c, { log: this.log });
  }

  /** Which database the sets of this engine are of (a target may hold sets of several). */
  sourceTag(): string {
    if (this.dialect === 'sqlite')
      return `sqlite:${sqliteFileOf(this.config.databaseUrl, this.config.dataDir)}`;
    const t = mysqlTargetOf(this.config.databaseUrl!);
    return `mysql://${t.host}:${t.port}/${t.database}`;
  }

  private sourceDatabase(): string {
    return this.dialect === 'sqlite'
      ? path.basename(sqliteFileOf(this.config.databaseUrl, this.config.dataDir))
      : mysqlTargetOf(this.config.databaseUrl!).database;
  }

  private async workDir(): Promise<string> {
    const base = this.c.workDir ?? os.tmpdir();
    await fsp.mkdir(base, { recursive: true });
    return fsp.mkdtemp(path.join(base, 'dondoc-backup-'));
  }

  async list(): Promise<{ sets: Manifest[]; problems: string[] }> {
    return listSets(this.c.dir);
  }

  async full(opts: RunOptions & { note?: string } = {}): Promise<Manifest> {
    return this.recorded('full', opts, () => this.write('full', opts, opts.note));
  }

  /** An incremental on the newest set of this database; a full one when there is none or it cannot follow (the manifest's note says why). */
  async incremental(opts: RunOptions = {}): Promise<Manifest> {
    return this.recorded('incremental', opts, () => this.write('incremental', opts));
  }

  private async recorded(kind: string, opts: RunOptions, fn: () => Promise<Manifest>): Promise<Manifest> {
    const runs = opts.runs;
    const slot = opts.slotKey ?? `${opts.trigger ?? 'manual'}:${crypto.randomUUID()}`;
    const now = () => toDbTime(this.clock.now());
    const canRecord = runs ? await runs.schema.hasTable('backup_runs').catch(() => false) : false;
    if (runs && canRecord && !opts.slotKey)
      await runs('backup_runs').insert({
        slot_key: slot,
        kind,
        trigger: opts.trigger ?? 'manual',
        status: 'running',
        started_at: now(),
      });
    let m: Manifest | undefined;
    try {
      m = await fn();
      // A run is a success once its set restores into a scratch database with the manifest's checksums.
      if (opts.verify) {
        const v = await this.verify(m.id, { onProgress: opts.onProgress });
        if (!v.ok) throw new Error(`the new set ${m.id} does not verify: ${v.problems[0]}`);
      }
      if (runs && canRecord)
        await runs('backup_runs')
          .where({ slot_key: slot })
          .update({
            status: 'ok',
            set_id: m.id,
            kind: m.kind,
            finished_at: now(),
            error: m.note ? m.note.slice(0, 1000) : null,
          });
      return m;
    } catch (err) {
      if (runs && canRecord)
        await runs('backup_runs')
          .where({ slot_key: slot })
          .update({
            status: 'failed',
            set_id: m?.id ?? null,
            finished_at: now(),
            error: String((err as Error)?.message ?? err).slice(0, 1000),
          });
      throw err;
    }
  }

  private async write(requested: 'full' | 'incremental', opts: RunOptions, note?: string): Promise<Manifest> {
    if (
      this.dialect === 'sqlite' &&
      !fs.existsSync(sqliteFileOf(this.config.databaseUrl, this.config.dataDir))
    )
      throw new Error(
        `no database at ${sqliteFileOf(this.config.databaseUrl, this.config.dataDir)} (DATA_DIR / DATABASE_URL)`,
      );
    const key = this.key();
    const tag = this.sourceTag();
    const { sets } = await this.list();
    let prev: Manifest | undefined;
    let chain: Manifest[] = [];
    if (requested === 'incremental') {
      prev = [...sets].reverse().find((s) => s.source.tag === tag);
      if (!prev) return this.write('full', opts, 'no earlier backup of this database: a full one instead');
      if (prev.keyId !== key.id)
        return this.write(
          'full',
          opts,
          `the backup key changed (${prev.keyId} → ${key.id}): a full one instead`,
        );
      chain = chainTo(sets, prev.id);
    }
    const kind = requested;
    const started = this.clock.now();
    const id = newId(started, kind);
    const partial = path.join(this.c.dir, `${id}.partial`);
    await fsp.mkdir(partial, { recursive: true, mode: 0o700 });
    const work = await this.workDir();
    const files: ManifestFile[] = [];
    const progress = opts.onProgress ?? (() => {});
    const enc = async (
      name: string,
      role: ManifestFile['role'],
      source: NodeJS.ReadableStream | string,
      total?: number,
    ) => {
      let done = 0;
      const stream = typeof source === 'string' ? fs.createReadStream(source) : source;
      const size = total ?? (typeof source === 'string' ? (await fsp.stat(source)).size : 0);
      const w: WrittenFile = await encryptTo(
        key,
        id,
        name,
        stream as any,
        path.join(partial, `${name}.enc`),
        (n) => progress(`encrypt ${name}`, (done += n), Math.max(size, done)),
      );
      files.push({ name, role, ...w });
    };
    try {
      let m: Omit<Manifest, 'files' | 'attachments' | 'keyId' | 'finishedAt' | 'mac'>;
      const base = {
        format: FORMAT,
        id,
        kind,
        trigger: opts.trigger ?? 'manual',
        createdAt: iso(started),
        ...(note ? { note } : {}),
      } as const;
      const source = { dialect: this.dialect, tag, database: this.sourceDatabase() };
      if (this.dialect === 'sqlite') {
        const file = sqliteFileOf(this.config.databaseUrl, this.config.dataDir);
        if (kind === 'full') {
          const copy = path.join(work, 'database.sqlite');
          const r = await sqliteFull(file, copy, started, (d, t) => progress('database', d, t));
          const snapshotAt = new Date();
          await enc('database.sqlite', 'database', copy);
          m = {
            ...base,
            chain: id,
            parent: null,
            snapshotAt: iso(snapshotAt),
            fromAt: null,
            source,
            lineage: r.lineage,
            sqlite: { fromSeq: 0, toSeq: r.toSeq, fingerprint: r.fingerprint },
            tables: r.tables,
          };
        } else {
          const out = path.join(work, 'changes.jsonl');
          let r;
          try {
            r = await sqliteIncremental(
              file,
              { lineage: prev!.lineage, toSeq: prev!.sqlite!.toSeq, fingerprint: prev!.sqlite!.fingerprint },
              out,
            );
          } catch (err) {
            if (err instanceof NeedsFull)
              return await this.abandon(partial, work, () =>
                this.write('full', opts, `${err.message}: a full backup instead`),
              );
            throw err;
          }
          const snapshotAt = new Date();
          await enc('changes.jsonl', 'changes', out);
          m = {
            ...base,
            chain: prev!.chain,
            parent: prev!.id,
            snapshotAt: iso(snapshotAt),
            fromAt: prev!.snapshotAt,
            source,
            lineage: prev!.lineage,
            sqlite: { fromSeq: r.fromSeq, toSeq: r.toSeq, fingerprint: r.fingerprint, changes: r.changes },
            tables: r.tables,
          };
        }
      } else {
        const url = this.config.databaseUrl!;
        if (kind === 'full') {
          const dump = path.join(work, 'dump.sql');
          const r = await mysqlFull(url, dump, started, (d, t) => progress('database', d, t));
          await enc('dump.sql', 'dump', dump);
          m = {
            ...base,
            chain: id,
            parent: null,
            snapshotAt: iso(r.snapshotAt),
            fromAt: null,
            source: { ...source, server: r.server },
            lineage: r.lineage,
            mysql: { start: null, end: r.position, lockedMs: r.lockedMs },
            tables: r.tables,
          };
        } else {
          const dir = path.join(work, 'binlog');
          let r;
          try {
            r = await mysqlIncremental(
              url,
              { lineage: prev!.lineage, position: prev!.mysql?.end ?? null },
              dir,
              (d, t) => progress('binary logs', d, t),
            );
          } catch (err) {
            if (err instanceof NeedsFull)
              return await this.abandon(partial, work, () =>
                this.write('full', opts, `${err.message}: a full backup instead`),
              );
            throw err;
          }
          for (const f of r.files) await enc(f.file, 'binlog', path.join(dir, f.file));
          m = {
            ...base,
            chain: prev!.chain,
            parent: prev!.id,
            snapshotAt: iso(r.snapshotAt),
            fromAt: prev!.snapshotAt,
            source: { ...source, server: r.server },
            lineage: prev!.lineage,
            mysql: { start: r.start, end: r.end },
            tables: r.tables,
          };
        }
      }
      // Attachments: the blobs the chain does not hold yet (all of them in a full).
      const blobs = await listBlobs(this.c.attachmentsDir);
      const have = new Set(kind === 'full' ? [] : chain.flatMap((s) => s.attachments.added));
      const added = [...blobs.keys()].filter((s) => !have.has(s)).sort();
      const bytes = added.reduce((n, s) => n + blobs.get(s)!, 0);
      if (added.length)
        await enc('attachments.pack', 'attachments', packStream(this.c.attachmentsDir, added), bytes);
      const manifest = sealManifest(key, {
        ...m,
        files,
        attachments: { added, bytes, total: blobs.size },
        keyId: key.id,
        finishedAt: iso(this.clock.now()),
      });
      await fsp.writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, {
        mode: 0o600,
      });
      await fsp.rename(partial, setDir(this.c.dir, id));
      if (this.c.copyDir) await copySet(this.c.dir, this.c.copyDir, id);
      if (this.dialect === 'sqlite')
        pruneLog(sqliteFileOf(this.config.databaseUrl, this.config.dataDir), manifest.sqlite!.toSeq);
      return manifest;
    } catch (err) {
      await fsp.rm(partial, { recursive: true, force: true });
      throw err;
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  }

  private async abandon<T>(partial: string, work: string, next: () => Promise<T>): Promise<T> {
    await fsp.rm(partial, { recursive: true, force: true });
    await fsp.rm(work, { recursive: true, force: true });
    return next();
  }

  /** Every file of the chain as stored: present, its sha-256 the manifest's, the manifest sealed by this key. */
  private async checkFiles(chain: Manifest[], key: BackupKey, progress: Progress): Promise<string[]> {
    const problems: string[] = [];
    const total = chain.reduce((n, s) => n + s.files.reduce((k, f) => k + f.size, 0), 0);
    let done = 0;
    for (const s of chain) {
      const dir = setDir(this.c.dir, s.id);
      if (s.keyId !== key.id) {
        problems.push(`${s.id}: encrypted with key ${s.keyId}, the configured key is ${key.id}`);
        continue;
      }
      if (!manifestIntact(key, s)) problems.push(`${s.id}/manifest.json: altered (its seal does not match)`);
      for (const f of s.files) {
        const file = path.join(dir, encName(f));
        const st = await fsp.stat(file).catch(() => null);
        if (!st) problems.push(`${s.id}/${encName(f)}: missing`);
        else if (st.size !== f.size)
          problems.push(`${s.id}/${encName(f)}: ${st.size} bytes, the manifest says ${f.size}`);
        else if ((await sha256File(file)) !== f.sha256)
          problems.push(`${s.id}/${encName(f)}: sha-256 differs from the manifest (the file was altered)`);
        done += f.size;
        progress('check files', done, total);
      }
    }
    return problems;
  }

  /** Restores `chain` (up to `until`) into a database and an attachment folder (null: check the blobs only). */
  private async restoreChain(
    chain: Manifest[],
    key: BackupKey,
    target: { sqliteFile?: string; mysqlUrl?: string; unlogged?: boolean },
    attachmentsRoot: string | null,
    until: Date | undefined,
    progress: Progress,
  ): Promise<{ applied: Manifest[]; attachments: number }> {
    const work = await this.workDir();
    try {
      const full = chain[0]!;
      const applied = [full, ...chain.slice(1).filter((s) => !until || new Date(s.fromAt!) < until)];
      const open = async (s: Manifest, f: ManifestFile) => {
        const out = path.join(work, `${s.id}-${f.name}`);
        let done = 0;
        const r = await decryptTo(
          key,
          s.id,
          f.name,
          path.join(setDir(this.c.dir, s.id), encName(f)),
          out,
          (n) => progress(`decrypt ${f.name}`, (done += n), f.plainSize),
        );
        if (r.plainSha256 !== f.plainSha256)
          throw new Error(`${s.id}/${encName(f)}: the content's sha-256 differs from the manifest`);
        return out;
      };
      if (full.source.dialect === 'sqlite') {
        const db = await open(
          full,
          full.files.find((f) => f.role === 'database')!,
        );
        const changes: string[] = [];
        // every change file of the chain: the per-change time filter decides (it stops at the first past `until`)
        for (const s of chain.slice(1))
          for (const f of s.files.filter((x) => x.role === 'changes')) changes.push(await open(s, f));
        await sqliteRestore(db, changes, target.sqliteFile!, {
          until: until ? toDbTime(until) : undefined,
          onChange: (n) => progress('replay changes', n, n),
        });
      } else {
        const url = target.mysqlUrl!;
        await loadDump(
          url,
          await open(
            full,
            full.files.find((f) => f.role === 'dump')!,
          ),
          (d, t) => progress('load dump', d, t),
          target.unlogged,
        );
        for (const s of applied.slice(1)) {
          const logs: string[] = [];
          for (const f of s.files.filter((x) => x.role === 'binlog')) logs.push(await open(s, f));
          if (!logs.length) continue;
          await replayBinlogs(
            url,
            full.source.database,
            logs,
            s.mysql!.start!.pos,
            until && until < new Date(s.snapshotAt) ? until : undefined,
            target.unlogged,
          );
          for (const l of logs) await fsp.rm(l, { force: true });
        }
        await markRestored(url, target.unlogged);
      }
      let attachments = 0;
      for (const s of applied)
        for (const f of s.files.filter((x) => x.role === 'attachments')) {
          const pack = await open(s, f);
          attachments += (
            await unpack(pack, attachmentsRoot, (n) => progress('attachments', n, s.attachments.added.length))
          ).length;
          await fsp.rm(pack, { force: true });
        }
      return { applied, attachments };
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  }

  /** Restores the chain of a set into a scratch database and compares the table checksums with its manifest. */
  async verify(id: string, opts: { onProgress?: Progress } = {}): Promise<VerifyResult> {
    const progress = opts.onProgress ?? (() => {});
    const { sets } = await this.list();
    const chain = chainTo(sets, this.resolveId(sets, id));
    const set = chain.at(-1)!;
    const key = this.key();
    const problems = await this.checkFiles(chain, key, progress);
    const result = { set: set.id, chain: chain.map((s) => s.id), tables: Object.keys(set.tables).length };
    if (problems.length) return { ok: false, problems, ...result };
    let actual: TableSums;
    if (set.source.dialect === 'sqlite') {
      const scratch = await this.workDir();
      try {
        const file = path.join(scratch, 'verify.sqlite');
        await this.restoreChain(chain, key, { sqliteFile: file }, null, undefined, progress);
        actual = await sqliteChecksums(file);
      } finally {
        await fsp.rm(scratch, { recursive: true, force: true });
      }
    } else {
      const base = mysqlTargetOf(
        this.c.scratchUrl ? this.c.scratchUrl.replace(/\/?$/, '/x') : this.config.databaseUrl!,
      );
      const url = urlOf(base, `dondoc_verify_${crypto.randomBytes(5).toString('hex')}`);
      const unlogged = await this.unlogged(url);
      try {
        await prepareTarget(url, false, unlogged);
        await this.restoreChain(chain, key, { mysqlUrl: url, unlogged }, null, undefined, progress);
        actual = await mysqlChecksums(url);
      } finally {
        await dropDatabase(url, unlogged).catch(() => {});
      }
    }
    for (const t of compareSums(set.tables, actual))
      problems.push(
        `table ${t}: ${set.tables[t] ? `${set.tables[t]!.rows} rows ${set.tables[t]!.sha256.slice(0, 12)}` : 'absent'} in the manifest, ${actual[t] ? `${actual[t]!.rows} rows ${actual[t]!.sha256.slice(0, 12)}` : 'absent'} restored`,
      );
    return { ok: problems.length === 0, problems, ...result };
  }

  /** Whether a restore into `url` can stay out of the server's binary log; says so when it cannot. */
  private async unlogged(url: string): Promise<boolean> {
    const ok = await canRestoreUnlogged(url);
    if (!ok)
      this.log(
        'this account may not set sql_log_bin (MariaDB: BINLOG ADMIN; MySQL: SESSION_VARIABLES_ADMIN): the restore is written to the binary log, and the next incrementals of this server carry it',
      );
    return ok;
  }

  private resolveId(sets: Manifest[], id: string): string {
    if (id === 'latest') {
      const tag = this.sourceTag();
      const s = [...sets].reverse().find((x) => x.source.tag === tag) ?? sets.at(-1);
      if (!s) throw new Error(`no backup set in ${this.c.dir}`);
      return s.id;
    }
    if (!sets.some((s) => s.id === id)) throw new Error(`no backup set "${id}" in ${this.c.dir}`);
    return id;
  }

  /**
   * Rebuilds the database (DATABASE_URL, or `into`) from a set's chain — the full and its incrementals up
   * to the set, cut at `until` when given — and the attachment store. `latest` with `until` picks the
   * newest chain whose full is older than `until`. The target must be empty or absent unless `force`.
   */
  async restore(
    id: string,
    opts: {
      until?: Date;
      into?: string;
      force?: boolean;
      attachmentsDir?: string;
      onProgress?: Progress;
    } = {},
  ): Promise<RestoreResult> {
    const progress = opts.onProgress ?? (() => {});
    const { sets } = await this.list();
    const until = opts.until;
    let chain: Manifest[];
    if (id === 'latest' && until) {
      const tag = this.sourceTag();
      const full = [...sets]
        .reverse()
        .find((s) => s.kind === 'full' && s.source.tag === tag && new Date(s.snapshotAt) <= until);
      if (!full) throw new Error(`no full backup of this database taken before ${until.toISOString()}`);
      chain = chainOf(sets, full.id);
    } else chain = chainTo(sets, this.resolveId(sets, id));
    if (until && until < new Date(chain[0]!.snapshotAt))
      throw new Error(
        `the full backup ${chain[0]!.id} holds the state of ${chain[0]!.snapshotAt}, later than --until: restore an older chain`,
      );
    if (until && chain[0]!.source.dialect === 'mysql' && until.getTime() % 1000 !== 0)
      // Not rounded silently: either neighbour could be what the caller meant (README "Backup").
      throw new Error(
        `--until ${until.toISOString()}: the MySQL/MariaDB binary log stamps its events in whole seconds, so a point in time is a whole second — give ${new Date(Math.floor(until.getTime() / 1000) * 1000).toISOString()} or ${new Date(Math.ceil(until.getTime() / 1000) * 1000).toISOString()}`,
      );
    const key = this.key();
    const problems = await this.checkFiles(chain, key, progress);
    if (problems.length)
      throw new Error(
        `${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`,
      );
    const dialect = chain[0]!.source.dialect;
    const into = opts.into ?? this.config.databaseUrl;
    const intoMysql = !!into && /^(mysql|mariadb):/.test(into);
    if ((dialect === 'mysql') !== intoMysql)
      throw new Error(
        `set ${chain[0]!.id} is a ${dialect} backup; the target is ${intoMysql ? 'MySQL/MariaDB' : 'SQLite'}`,
      );
    let target: { sqliteFile?: string; mysqlUrl?: string; unlogged?: boolean };
    let label: string;
    if (dialect === 'sqlite') {
      const file = sqliteFileOf(into, this.config.dataDir);
      if (fs.existsSync(file)) {
        if (!opts.force)
          throw new Error(
            `${file} exists: stop the engines, then restore with --force (the current file is kept beside it)`,
          );
        const aside = `${file}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
        fs.renameSync(file, aside);
        for (const ext of ['-wal', '-shm'])
          if (fs.existsSync(file + ext)) fs.renameSync(file + ext, aside + ext);
        this.log(`the previous database file is kept as ${aside}`);
      }
      target = { sqliteFile: file };
      label = file;
    } else {
      const unlogged = await this.unlogged(into!);
      await prepareTarget(into!, !!opts.force, unlogged);
      target = { mysqlUrl: into!, unlogged };
      const t = mysqlTargetOf(into!);
      label = `mysql://${t.host}:${t.port}/${t.database}`;
    }
    const attachmentsRoot = opts.attachmentsDir ?? this.c.attachmentsDir;
    const r = await this.restoreChain(chain, key, target, attachmentsRoot, until, progress);
    const last = r.applied.at(-1)!;
    const compared = !until || (r.applied.length === chain.length && until >= new Date(last.snapshotAt));
    let mismatches: string[] = [];
    if (compared)
      mismatches = compareSums(
        last.tables,
        dialect === 'sqlite'
          ? await sqliteChecksums(target.sqliteFile!)
          : await mysqlChecksums(target.mysqlUrl!),
      );
    return {
      chain: r.applied.map((s) => s.id),
      target: label,
      until: until ? until.toISOString() : null,
      compared,
      mismatches,
      attachments: r.attachments,
    };
  }

  /** Retention: chains beyond the newest `keepFulls`, and chains older than `keepDays`, except the newest — on both targets. */
  async prune(): Promise<string[]> {
    const removed: string[] = [];
    const now = this.clock.now().getTime();
    for (const root of [this.c.dir, this.c.copyDir].filter((x): x is string => !!x)) {
      const { sets } = await listSets(root);
      const fulls = sets
        .filter((s) => s.kind === 'full')
        .sort((a, b) => b.snapshotAt.localeCompare(a.snapshotAt));
      for (const [i, f] of fulls.entries()) {
        if (i === 0) continue;
        const members = sets.filter((s) => s.chain === f.id);
        const newest = members.reduce((t, s) => Math.max(t, new Date(s.snapshotAt).getTime()), 0);
        if (i < this.c.keepFulls && now - newest <= this.c.keepDays * 86_400_000) continue;
        for (const s of members) {
          await fsp.rm(setDir(root, s.id), { recursive: true, force: true });
          if (root === this.c.dir) removed.push(s.id);
        }
      }
    }
    return removed;
  }
}

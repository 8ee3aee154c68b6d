// Backups on MariaDB (issue 10), on a server of the test's own with the binary log on (backup-server.ts):
// seed, full (mariadb-dump), changes, incremental (binary logs), changes, incremental, drop the database,
// restore — every table's checksum equals the original's; a point in time between the incrementals; a
// flipped byte fails `backup verify`. Runs in the MariaDB pass of the suite (DATABASE_URL=mysql://…, as
// the second pass of .ci/run); the SQLite pass runs the same scenario on SQLite (backup.test.ts).
import { configuredDialect } from '../support/databases.js';
import { connect } from '../../engine/src/db/connect.js';
import { binlogServerAvailable, startBinlogServer, type BinlogServer } from './backup-server.js';
import { differing, mysqlDb, runScenario } from './backup-scenario.js';

const inPass = configuredDialect() === 'mysql' || process.env.BACKUP_TEST_MARIADB === '1';
const missing = inPass ? binlogServerAvailable() : null;
if (inPass && missing && process.env.CI === 'true')
  throw new Error(`the MariaDB backup test needs the MariaDB server and client: ${missing}`);
if (inPass && missing) console.warn(`\n⚠️  SKIPPED: MariaDB backup test — ${missing}\n`);

(inPass && !missing ? describe : describe.skip)('MariaDB with the binary log', () => {
  let server: BinlogServer;
  beforeAll(async () => {
    server = await startBinlogServer();
    const k = connect(server.url);
    try {
      await k.raw('CREATE DATABASE dondoc_backup CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    } finally {
      await k.destroy();
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  test('full, changes, incremental, changes, incremental, drop, restore — every table equal; a point in time between the incrementals; a flipped byte fails verify and is named', async () => {
    const r = await runScenario(mysqlDb(server.url, 'dondoc_backup'), (m) =>
      console.log(`backup scenario (MariaDB) ${m}`),
    );
    expect(r.full.kind).toBe('full');
    expect(r.full.files.map((f) => f.role)).toEqual(['dump', 'attachments']);
    expect(r.full.mysql!.end).toBeTruthy(); // the binary-log position of the dump's snapshot
    expect([r.inc1.kind, r.inc2.kind]).toEqual(['incremental', 'incremental']);
    expect(r.inc1.files.some((f) => f.role === 'binlog')).toBe(true);
    expect(r.inc1.mysql!.start).toEqual(r.full.mysql!.end); // no gap, no overlap
    expect(r.inc2.mysql!.start).toEqual(r.inc1.mysql!.end);
    expect(Object.keys(r.original).length).toBeGreaterThan(30);
    expect(differing(r.full.tables, r.original).length).toBeGreaterThan(3);
    expect(differing(r.inc2.tables, r.original)).toEqual([]);
    expect(differing(r.afterRestore, r.original)).toEqual([]);
    expect(r.restored.compared).toBe(true);
    expect(r.restored.mismatches).toEqual([]);
    expect(r.blobsRestored).toBe(true);
    expect(r.newestTitle).toBe('Sau T');
    expect(differing(r.atT, r.inc1.tables).length).toBeGreaterThan(0);
    expect(differing(r.atT, r.original).length).toBeGreaterThan(0);
    expect(differing(r.atPit, r.atT)).toEqual([]);
    expect(r.verifiedIntact.ok).toBe(true);
    expect(r.flipped.status).not.toBe(0);
    expect(r.flipped.out).toContain(r.victim);
    // Restores and the verify's scratch restore are not written to the server's binary log (sql_log_bin = 0):
    // they would otherwise ride along in every later incremental of this server.
    for (const around of [r.binlogByRestore, r.binlogByPit, r.binlogByVerify]) {
      expect(around).toHaveLength(2);
      expect(around[1]).toBe(around[0]);
    }
    expect(r.subSecond).toMatch(/whole seconds/);
  }, 300_000);
});

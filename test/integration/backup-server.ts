// A MariaDB server of the test's own, with the binary log on (the machine's shared server may run
// without it, and a backup test must not change a shared server's settings): mariadb-install-db into a
// temporary folder, then mariadbd on a free port with --log-bin --server-id=1 --binlog-format=ROW.
// Durability settings are relaxed (a test server). Stopped and removed by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/processes.js';
import { connect } from '../../engine/src/db/connect.js';

const which = (cmd: string) => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} 2>/dev/null`], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
};

export function binlogServerAvailable(): string | null {
  for (const t of ['mariadbd', 'mariadb-install-db', 'mariadb-dump', 'mariadb-binlog', 'mariadb'])
    if (!which(t)) return `${t} is not installed`;
  return null;
}

export interface BinlogServer {
  /** mysql://root@127.0.0.1:<port>/ */
  url: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startBinlogServer(): Promise<BinlogServer> {
  // On tmpfs where there is one: the migrations' DDL then costs no disk flushes (a test server's data is thrown away).
  const base = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'dondoc-binlog-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const userArgs = asRoot ? ['--user=mysql'] : [];
  if (asRoot) spawnSync('chown', ['-R', 'mysql:mysql', dir]);
  const install = spawnSync(
    which('mariadb-install-db')!,
    [
      '--no-defaults',
      ...userArgs,
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(
    which('mariadbd')!,
    [
      '--no-defaults',
      ...userArgs,
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'mysqld.sock')}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--log-bin=${path.join(data, 'binlog')}`,
      '--server-id=1',
      '--binlog-format=ROW',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=16M',
      '--innodb-flush-log-at-trx-commit=2',
      '--sync-binlog=0',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `mysql://root@127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const k = connect(url);
    try {
      await k.raw('SELECT 1');
      break;
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`the test MariaDB did not start: ${(err as Error).message}\n${out.slice(-2000)}`, {
          cause: err,
        });
      }
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await k.destroy();
    }
  }
  return {
    url,
    log: () => out,
    async stop() {
      if (child.exitCode === null) {
        // Its data is thrown away: no clean shutdown to wait for.
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

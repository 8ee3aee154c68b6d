import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadBackupConfig } from './config.js';
import { decryptTo, encryptTo, loadBackupKey, sha256File } from './crypto.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bkcrypto-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a generated key stays out of the backup target; files decrypt only intact, in their set, under their name', async () => {
  const c = loadBackupConfig({}, dir);
  const key = loadBackupKey(c);
  expect(fs.statSync(c.generatedKeyFile).mode & 0o777).toBe(0o600);
  expect(loadBackupKey(c).id).toBe(key.id); // the same key next time
  expect(() => loadBackupKey({ ...c, keyFile: path.join(c.dir, 'k') })).toThrow(
    /must not be inside a backup target/,
  );

  const content = Buffer.from('Đôn Đốc '.repeat(10_000));
  const file = path.join(dir, 'x.enc');
  const w = await encryptTo(key, 'set-1', 'dump.sql', Readable.from([content]), file);
  expect(w.size).toBe(content.length + 4 + 1 + 12 + 16);
  expect(await sha256File(file)).toBe(w.sha256);
  expect(fs.readFileSync(file).includes(Buffer.from('Đôn Đốc'))).toBe(false);
  const out = path.join(dir, 'x.out');
  expect((await decryptTo(key, 'set-1', 'dump.sql', file, out)).plainSha256).toBe(w.plainSha256);
  expect(fs.readFileSync(out).equals(content)).toBe(true);
  await expect(decryptTo(key, 'set-2', 'dump.sql', file, out)).rejects.toThrow(/dump.sql: does not decrypt/); // moved to another set
  const bytes = fs.readFileSync(file);
  bytes[1000]! ^= 1;
  fs.writeFileSync(file, bytes);
  await expect(decryptTo(key, 'set-1', 'dump.sql', file, out)).rejects.toThrow(/does not decrypt/);
  expect(fs.existsSync(out)).toBe(false); // nothing half-decrypted is left
  const other = loadBackupKey({ ...c, keyFile: undefined, keyEnv: 'ab'.repeat(32) });
  expect(other.id).not.toBe(key.id);
});

// Demo accounts of CONTRACT.md. The password is SEED_PASSWORD, or a random one printed once and written to
// $DATA_DIR/demo-credentials.txt (mode 0600).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { demoAccounts } from '@dondoc/seeds';
import type { Clock } from '../config/clock.js';
import type { Config } from '../config/index.js';
import { toDbTime } from '../db/time.js';
import { hashPassword, verifyPassword } from '../identity/passwords.js';

export async function seedDemoAccounts(trx: Knex, config: Config, clock: Clock) {
  const existing = new Map<string, any>();
  for (const u of await trx('users').whereIn('username', demoAccounts.map((a) => a.username)).select('id', 'username', 'password_hash'))
    existing.set(u.username, u);
  const missing = demoAccounts.filter((a) => !existing.has(a.username));
  let generatedPassword: string | undefined;
  const password = config.seedPassword ?? (missing.length ? (generatedPassword = crypto.randomBytes(12).toString('base64url')) : undefined);
  const hash = password ? await hashPassword(password) : undefined;
  const now = toDbTime(clock.now());
  for (const a of demoAccounts) {
    let id: number;
    const have = existing.get(a.username);
    if (have) {
      id = have.id;
      // SEED_PASSWORD is authoritative for the demo accounts: a newcomer's `SEED_PASSWORD=… npm start` works.
      if (config.seedPassword && !(await verifyPassword(have.password_hash, config.seedPassword)))
        await trx('users').where({ id }).update({ password_hash: hash, updated_at: now });
    } else {
      const [newId] = await trx('users').insert({
        username: a.username,
        full_name: a.fullName,
        email: a.email,
        pillar: a.pillar,
        password_hash: hash,
        must_change_password: false, // demo accounts in demo mode are exempt from the forced change
        active: true,
        created_at: now,
        updated_at: now,
      });
      id = Number(newId);
    }
    for (const pos of a.positions) {
      const unit = await trx('units').where({ code: pos.unitCode }).first('id');
      if (!unit) throw new Error(`Demo account ${a.username}: unknown unit ${pos.unitCode}`);
      const has = await trx('positions').where({ user_id: id, unit_id: unit.id, role_key: pos.roleKey }).first('id');
      if (!has) await trx('positions').insert({ user_id: id, unit_id: unit.id, role_key: pos.roleKey, title: pos.title, active: true });
    }
  }
  let credentialsFile: string | undefined;
  if (generatedPassword) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    credentialsFile = path.join(config.dataDir, 'demo-credentials.txt');
    // Only the accounts created now carry this password: append, keeping earlier lines true.
    const lines = missing.map((a) => `${a.username}\t${generatedPassword}`).join('\n');
    if (!fs.existsSync(credentialsFile)) fs.writeFileSync(credentialsFile, '# Đôn Đốc demo accounts (user name, password)\n', { mode: 0o600 });
    fs.appendFileSync(credentialsFile, `${lines}\n`);
    fs.chmodSync(credentialsFile, 0o600);
  }
  return { generatedPassword, credentialsFile };
}

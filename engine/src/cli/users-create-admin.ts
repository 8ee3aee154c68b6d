// `users create-admin <username> [--unit <code>] [--name <full name>]`: the first platform administrator of
// a production deployment (which has no demo accounts). Prints a one-time initial password that must be
// changed at first sign-in; administrators must also enrol a second factor before administering.
import crypto from 'node:crypto';
import { createEngine } from '../app.js';
import { toDbTime } from '../db/time.js';
import { hashPassword } from '../identity/passwords.js';
import type { Command } from './commands.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const command: Command = {
  name: 'users create-admin',
  async run(config, args) {
    const username = args[0];
    if (!username || !/^[a-z0-9._-]{3,100}$/.test(username)) throw new Error('usage: users create-admin <username> [--unit <unit code>] [--name <full name>]');
    const engine = await createEngine({ ...config, demoSeed: false, seedPassword: undefined });
    try {
      const knex = engine.services.knex;
      if (await knex('users').where({ username }).first('id')) throw new Error(`user ${username} exists already`);
      const code = option(args, 'unit');
      const unit = code ? await knex('units').where({ code }).first('id') : await knex('units').whereNull('parent_id').orderBy('id').first('id');
      if (!unit) throw new Error(`unit ${code} not found`);
      const password = crypto.randomBytes(12).toString('base64url');
      const now = toDbTime(engine.services.clock.now());
      await knex.transaction(async (trx) => {
        const [id] = await trx('users').insert({ username, full_name: option(args, 'name') ?? username, pillar: null, password_hash: await hashPassword(password), must_change_password: true, active: true, created_at: now, updated_at: now });
        await trx('positions').insert({ user_id: Number(id), unit_id: unit.id, role_key: 'quan-tri-he-thong', title: 'Quản trị hệ thống', active: true });
        await engine.services.audit.write({ action: 'user.create', actor: 'cli', subjectType: 'User', subjectId: username, detail: { role: 'quan-tri-he-thong' } }, trx);
      });
      console.log(`Created ${username}. One-time password (must be changed at first sign-in): ${password}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
export default command;

// `oidc rotate-keys`: a new signing key signs from now on; the previous ones stay in the JWKS so tokens
// they signed still verify until they expire. Running engines pick the new key up at their next start.
import { connect } from '../db/connect.js';
import { migrateLatest } from '../db/migrate.js';
import { systemClock } from '../config/clock.js';
import { oidcSecrets } from '../oidc/secrets.js';
import { rotateKeys } from '../oidc/keys.js';
import type { Command } from './commands.js';

const command: Command = {
  name: 'oidc rotate-keys',
  async run(config) {
    const knex = connect(config.databaseUrl, config.dataDir);
    try {
      await migrateLatest(knex);
      const secrets = await oidcSecrets(knex, config);
      const kid = await rotateKeys(knex, secrets.keySecret, systemClock);
      const total = Number((await knex('oidc_keys').count({ n: '*' }).first())!.n);
      console.log(`oidc rotate-keys: new signing key ${kid}; ${total} key(s) in the JWKS. Restart the engines to sign with it.`);
      return 0;
    } finally {
      await knex.destroy();
    }
  },
};
export default command;

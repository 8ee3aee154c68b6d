import { createTestDatabase, configuredDialect } from './databases.js';

test('a fresh test database answers on the configured engine', async () => {
  const db = await createTestDatabase();
  try {
    await db.knex.schema.createTable('probe', (t) => {
      t.increments('id');
      t.string('name');
    });
    await db.knex('probe').insert({ name: 'Hà Nội' });
    const rows = await db.knex('probe').select('name');
    expect(rows).toEqual([{ name: 'Hà Nội' }]);
    expect(db.url.startsWith(configuredDialect())).toBe(true);
  } finally {
    await db.drop();
  }
});

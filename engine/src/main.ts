// `npm start`: one engine process on the configuration of the environment.
import { loadConfig } from './config/index.js';
import { createEngine } from './app.js';

const config = loadConfig();
try {
  const engine = await createEngine(config);
  const { url } = await engine.listen();
  engine.services.log.info(`Đôn Đốc is listening on ${url} (database: ${config.databaseUrl ? 'MySQL/MariaDB' : 'SQLite'}, jobs: ${config.redisUrl ? 'Redis' : 'in-process'})`);
  const stop = async (signal: string) => {
    engine.services.log.info(`${signal}: shutting down`);
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  console.error(`Đôn Đốc failed to start: ${(err as Error).message}`);
  process.exit(1);
}

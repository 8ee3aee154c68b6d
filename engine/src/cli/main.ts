// `npm run cli -- <command>`: the engine's command line against the configuration of the environment.
// Exit status 0 on success, non-zero with a one-line reason otherwise (CONTRACT.md). The command's module
// is imported only once it is chosen (commands.ts).
import { loadConfig } from '../config/index.js';
import { commands } from './commands.js';

const usage = () => `Commands:\n${commands.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`).join('\n')}`;
const [group, verb, ...rest] = process.argv.slice(2);
if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
  console.log(`npm run cli -- <command> [options]\n${usage()}`);
  process.exit(0);
}
const name = [group, verb].filter(Boolean).join(' ');
const entry = commands.find((c) => c.name === name) ?? commands.find((c) => c.name === group);
if (!entry) {
  console.error(`Unknown command "${name}". ${usage()}`);
  process.exit(2);
}
const args = entry.name === group ? [verb, ...rest].filter((x): x is string => x !== undefined) : rest;
try {
  const command = await entry.load();
  const code = await command.run(loadConfig(), args);
  process.exit(code);
} catch (err) {
  console.error(`${entry.name}: ${(err as Error).message.split('\n')[0]}`);
  process.exit(1);
}

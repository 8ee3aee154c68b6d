// `npm run cli -- <command>`: the engine's command line against the configuration of the environment.
// Exit status 0 on success, non-zero with a one-line reason otherwise (CONTRACT.md).
import { loadConfig } from '../config/index.js';
import { commands } from './commands.js';

const [group, verb, ...rest] = process.argv.slice(2);
const name = [group, verb].filter(Boolean).join(' ');
const command = commands.find((c) => c.name === name) ?? commands.find((c) => c.name === group);
if (!command) {
  console.error(`Unknown command "${name}". Commands:\n${commands.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`).join('\n')}`);
  process.exit(2);
}
const args = command.name === group ? [verb, ...rest].filter((x): x is string => x !== undefined) : rest;
try {
  const code = await command.run(loadConfig(), args);
  process.exit(code);
} catch (err) {
  console.error(`${command.name}: ${(err as Error).message.split('\n')[0]}`);
  process.exit(1);
}

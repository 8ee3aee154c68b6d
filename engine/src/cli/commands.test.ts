// The registry imports each command's module only when it runs (commands.ts): so that a wrong path or
// name shows here, not on an operator's terminal, every entry is loaded and must be the command it names.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commands } from './commands.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('every registered command loads its module, under its own name', async () => {
  expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  for (const entry of commands) {
    const command = await entry.load();
    expect(command.name).toBe(entry.name);
    expect(typeof command.run).toBe('function');
  }
}, 60_000);

test('`npm run cli -- --help` lists the commands and exits 0; an unknown command exits 2', () => {
  const cli = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const help = cli('--help');
  expect(help.status).toBe(0);
  for (const c of commands) expect(help.stdout).toContain(c.name);
  const unknown = cli('khong', 'co');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('Unknown command "khong co"');
}, 60_000);

// `audit verify`: checks the hash chain of every task's history; names each altered, inserted or
// deleted event and exits non-zero when there is any.
import { connect } from '../db/connect.js';
import { verifyHistory } from '../tasks/verify.js';
import { progressBar } from './progress.js';
import type { Command } from './commands.js';

const command: Command = {
  name: 'audit verify',
  async run(config) {
    const knex = connect(config.databaseUrl, config.dataDir);
    try {
      const bar = progressBar('audit verify');
      const r = await verifyHistory(knex, (done, total) => bar.update(done, total));
      bar.stop();
      for (const p of r.problems.slice(0, 50))
        console.log(`task ${p.taskId}${p.eventId !== null ? `, task_events row id ${p.eventId} (seq ${p.seq})` : ''}: ${p.problem}`);
      if (r.problems.length > 50) console.log(`… and ${r.problems.length - 50} more problems`);
      if (r.problems.length) {
        console.error(`audit verify: FAILED — ${r.problems.length} problem(s) in ${r.tasks} task histories (${r.events} events)`);
        return 1;
      }
      console.log(`audit verify: OK — ${r.tasks} task histories, ${r.events} events, every chain intact`);
      return 0;
    } finally {
      await knex.destroy();
    }
  },
};
export default command;

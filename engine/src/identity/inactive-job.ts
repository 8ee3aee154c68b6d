// The daily run of identity/inactive.ts by the jobs runner: accounts unused for INACTIVE_DAYS are
// disabled (no schedule when INACTIVE_DAYS=0). Also runnable at once: POST /api/jobs/users.disableInactive/run.
import { defineJob } from '../jobs/types.js';
import { disableInactiveAccounts } from './inactive.js';

export default defineJob({
  name: 'users.disableInactive',
  everyMs: (s) => ((s.config.security?.inactiveDays ?? 45) > 0 ? 24 * 3600_000 : undefined),
  attempts: 3,
  async run({ s, trigger }) {
    const r = await disableInactiveAccounts(s, { actor: `job:${trigger}` });
    return { days: r.days, disabled: r.disabled };
  },
});

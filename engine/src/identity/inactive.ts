// Accounts unused for INACTIVE_DAYS (default 45) are disabled (issue 4, security baseline): no sign-in
// since then — or, for an account that never signed in, created before then — by s.clock. Their
// sessions and tokens end with them (authenticate loads only active users; the engine's own tokens are
// also revoked). Each disabled account is audited. Demo accounts in demo mode are exempt.
// Run daily by the jobs runner where there is one, and by `npm run cli -- users disable-inactive`.
import { demoAccounts } from '@dondoc/seeds';
import type { Services } from '../services.js';
import { isoTime, toDbTime } from '../db/time.js';

export interface InactiveResult {
  days: number;
  cutoff: Date;
  disabled: string[];
}

type Needs = Pick<Services, 'knex' | 'clock' | 'config' | 'audit'>;

export async function disableInactiveAccounts(s: Needs, opts: { days?: number; actor?: string; dryRun?: boolean } = {}): Promise<InactiveResult> {
  const days = opts.days ?? s.config.security?.inactiveDays ?? 45;
  const now = s.clock.now();
  const cutoff = new Date(now.getTime() - days * 24 * 3600_000);
  if (!days) return { days, cutoff, disabled: [] };
  const at = toDbTime(cutoff);
  const q = s
    .knex('users')
    .where('active', true)
    .where((w) => w.where('last_login_at', '<', at).orWhere((n) => n.whereNull('last_login_at').where('created_at', '<', at)));
  if (s.config.demoSeed) q.whereNotIn('username', demoAccounts.map((a) => a.username));
  const stale = await q.select('id', 'username', 'pillar', 'last_login_at', 'created_at');
  if (opts.dryRun) return { days, cutoff, disabled: stale.map((u) => u.username) };
  const disabled: string[] = [];
  for (const u of stale) {
    await s.knex.transaction(async (trx) => {
      // Re-checked inside the transaction: a sign-in since the query keeps the account.
      const n = await trx('users')
        .where({ id: u.id, active: true })
        .where((w) => w.where('last_login_at', '<', at).orWhere((x) => x.whereNull('last_login_at').where('created_at', '<', at)))
        .update({ active: false, updated_at: toDbTime(now) });
      if (!n) return;
      await trx('auth_tokens').where({ user_id: u.id }).whereNull('revoked_at').update({ revoked_at: toDbTime(now) });
      await s.audit.write(
        {
          action: 'user.disable_inactive',
          actor: opts.actor ?? 'system',
          subjectType: 'User',
          subjectId: u.username,
          pillar: u.pillar ?? null,
          detail: { days, lastLoginAt: isoTime(u.last_login_at) },
        },
        trx,
      );
      disabled.push(u.username);
    });
  }
  return { days, cutoff, disabled };
}

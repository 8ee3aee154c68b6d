import { METADATA_KINDS } from '../metadata/types';

/** Every page of the side navigation: its address below /studio/ and its label key. */
export const NAV_GROUPS = [
  { key: 'metadata', items: METADATA_KINDS.map((k) => ({ key: `m/${k}`, label: `kinds.${k}.name` as const })) },
  {
    key: 'organisation',
    items: [
      { key: 'units', label: 'nav.units' as const },
      { key: 'users', label: 'nav.users' as const },
    ],
  },
  {
    key: 'system',
    items: [
      { key: 'calendar', label: 'nav.calendar' as const },
      { key: 'clients', label: 'nav.clients' as const },
      { key: 'bundles', label: 'nav.bundles' as const },
      { key: 'deliveries', label: 'deliveries.title' as const, adminOnly: true },
    ],
  },
] as const;

export type NavKey = (typeof NAV_GROUPS)[number]['items'][number]['key'];

type NavItem = { key: string; label: string; adminOnly?: boolean };

/**
 * The groups as this user sees them: pages on the engine's administrative subjects (jobs, the notification
 * outbox) only for the platform administrator — a platform-level account (pillar null), as in app/scope.ts.
 */
export function navGroupsFor(platformAdmin: boolean) {
  return NAV_GROUPS.map((g) => ({ ...g, items: (g.items as readonly NavItem[]).filter((i) => platformAdmin || !i.adminOnly) as typeof g.items }));
}

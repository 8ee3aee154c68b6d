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
    ],
  },
] as const;

export type NavKey = (typeof NAV_GROUPS)[number]['items'][number]['key'];

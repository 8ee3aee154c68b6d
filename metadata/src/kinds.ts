/** The metadata kinds, in the order an administrator usually builds them up. */
export const METADATA_KINDS = [
  'taskType',
  'form',
  'workflow',
  'role',
  'reminderPolicy',
  'report',
  'catalog',
] as const;

export type MetadataKind = (typeof METADATA_KINDS)[number];

export function isMetadataKind(x: string): x is MetadataKind {
  return (METADATA_KINDS as readonly string[]).includes(x);
}

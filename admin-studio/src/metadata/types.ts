/** The metadata kinds of CONTRACT.md, in the order administrators meet them. */
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

export function isMetadataKind(value: unknown): value is MetadataKind {
  return typeof value === 'string' && (METADATA_KINDS as readonly string[]).includes(value);
}

/** An item of GET /api/metadata/{kind}. */
export interface MetadataSummary {
  kind: MetadataKind;
  key: string;
  /** null: the platform default, which a pillar's document of the same key overrides. */
  pillar: string | null;
  version: number;
  name?: string;
  updatedAt: string;
}

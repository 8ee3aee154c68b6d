/** The metadata kinds of CONTRACT.md, in the order administrators meet them. */
export const METADATA_KINDS = ['taskType', 'form', 'workflow', 'role', 'reminderPolicy', 'report', 'catalog'] as const;

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
  version: number | null;
  name?: string;
  hasDraft?: boolean;
  overrides?: boolean;
  updatedAt: string;
}

/** GET /api/metadata/{kind}/{key}: one stored version (or the draft, version 0). */
export interface StoredDoc<T = Record<string, unknown>> {
  kind: MetadataKind;
  key: string;
  pillar: string | null;
  version: number;
  status: 'draft' | 'published';
  body: T;
  checksum: string;
  author: string | null;
  createdAt: string | null;
}

export type VersionInfo = Omit<StoredDoc, 'body'>;

export interface ValidationIssue {
  path: string;
  message: string;
}

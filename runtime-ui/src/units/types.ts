/** An item of GET /api/units: the tree visible to the caller. */
export interface Unit {
  id: number;
  parentId: number | null;
  pillar: string;
  name: string;
  code: string;
  path: string;
  depth: number;
  kind: string;
}

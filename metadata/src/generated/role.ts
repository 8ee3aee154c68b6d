/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * A role (vai trò) held through positions: CASL raw rules with placeholders resolved per request.
 */
export interface Role {
  /**
   * Vietnamese name.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * Who should hold the role.
   */
  description?: string;
  /**
   * Holders of this role lead the unit of their position: they are the party "leadLeader" in workflow guards and receive escalations. Default false.
   */
  leader?: boolean;
  /**
   * CASL raw rules; later rules take precedence, inverted rules forbid.
   */
  rules: RoleRule[];
}
export interface RoleRule {
  /**
   * manage (any action), read, create, update, delete, transition, publish, assign, export.
   *
   * @minItems 1
   */
  action: string | string[];
  /**
   * all, Task, Document, Unit, User, Position, Metadata, Report, AuditLog, Calendar, Client (OIDC clients), Job, Backup.
   *
   * @minItems 1
   */
  subject: string | string[];
  /**
   * Mongo-style conditions on the subject's fields. Operators: $eq $ne $in $nin $lt $lte $gt $gte $startsWith (string prefix, for unit subtrees on materialised paths). A value that is exactly one placeholder (${user.id}, ${user.unitIds}, ${user.unitPaths}, ${user.pillar}, ${position.unitId}, ${position.unitPath}, ${position.pillar}) is replaced by its value per request.
   */
  conditions?: {
    [k: string]: unknown;
  };
  /**
   * Fields the rule is limited to (CASL field patterns).
   *
   * @minItems 1
   */
  fields?: string | string[];
  /**
   * True forbids instead of allowing.
   */
  inverted?: boolean;
  /**
   * Message shown when an inverted rule forbids.
   */
  reason?: string;
}

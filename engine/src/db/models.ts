// Objection models of the fixed core tables (DESIGN.md). Models are bound to an engine's knex with
// bindModels(), never to a process-global connection, so several engines can live in one process (tests).
import type { Knex } from 'knex';
import { Model } from 'objection';

export class PillarModel extends Model {
  static override tableName = 'pillars';
  static override idColumn = 'key';
  key!: string;
  name!: string;
  name_en!: string | null;
  short_name!: string | null;
  code!: string;
  unit_id!: number | null;
}

export class UnitModel extends Model {
  static override tableName = 'units';
  id!: number;
  pillar!: string;
  parent_id!: number | null;
  code!: string;
  name!: string;
  name_en!: string | null;
  kind!: string;
  path!: string;
  depth!: number;
  sort_order!: number;
  active!: boolean | number;
  static override get relationMappings() {
    return {
      parent: { relation: Model.BelongsToOneRelation, modelClass: UnitModel, join: { from: 'units.parent_id', to: 'units.id' } },
    };
  }
}

export class PositionModel extends Model {
  static override tableName = 'positions';
  id!: number;
  user_id!: number;
  unit_id!: number;
  role_key!: string;
  title!: string | null;
  active!: boolean | number;
  unit?: UnitModel;
  static override get relationMappings() {
    return {
      unit: { relation: Model.BelongsToOneRelation, modelClass: UnitModel, join: { from: 'positions.unit_id', to: 'units.id' } },
    };
  }
}

export class UserModel extends Model {
  static override tableName = 'users';
  id!: number;
  username!: string;
  full_name!: string;
  email!: string | null;
  pillar!: string | null;
  password_hash!: string;
  must_change_password!: boolean | number;
  active!: boolean | number;
  mfa_secret!: string | null;
  positions?: PositionModel[];
  static override get relationMappings() {
    return {
      positions: { relation: Model.HasManyRelation, modelClass: PositionModel, join: { from: 'users.id', to: 'positions.user_id' } },
    };
  }
}

export class MetadataDocumentModel extends Model {
  static override tableName = 'metadata_documents';
  id!: number;
  kind!: string;
  key!: string;
  pillar!: string;
  version!: number;
  status!: 'draft' | 'published';
  body!: unknown;
  checksum!: string;
}

export function bindModels(knex: Knex) {
  return {
    Pillar: PillarModel.bindKnex(knex),
    Unit: UnitModel.bindKnex(knex),
    Position: PositionModel.bindKnex(knex),
    User: UserModel.bindKnex(knex),
    MetadataDocument: MetadataDocumentModel.bindKnex(knex),
  };
}

export type Models = ReturnType<typeof bindModels>;

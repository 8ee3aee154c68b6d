// The metadata package's words and generated types, shared with the engine (no copies by hand).
export {
  ACTIONS,
  SUBJECTS,
  SUBJECT_FIELDS,
  PARTIES,
  STATE_CATEGORIES,
  FINAL_CATEGORIES,
} from '../../../metadata/src/vocabulary.ts';
export type * from '../../../metadata/src/generated/index.ts';

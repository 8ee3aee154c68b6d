export type * from './generated/index.js';
export { METADATA_KINDS, isMetadataKind, type MetadataKind } from './kinds.js';
export { type ValidationIssue, type Bilingual, issueAt, pointer, escapePointerToken } from './issues.js';
export { type MetadataContext, BUILTIN_DATASETS } from './context.js';
export { metadataSchema } from './schemas.js';
export { createAjv, createFormAjv } from './ajv.js';
export { validateStructure } from './structure.js';
export { validateMeaning } from './meaning.js';
export { validateMetadata } from './validate.js';
export {
  CONDITION_OPERATORS,
  COMPOUND_OPERATORS,
  type ConditionOperator,
  PLACEHOLDERS,
  LIST_PLACEHOLDERS,
  type PlaceholderName,
  type PlaceholderValues,
  conditionsMatcher,
  placeholderOf,
  isPlaceholderName,
} from './conditions.js';
export { resolvePlaceholders } from './placeholders.js';
export { checkConditions, conditionFields } from './conditionChecks.js';
export {
  ACTIONS,
  type Action,
  SUBJECTS,
  type Subject,
  SUBJECT_FIELDS,
  PARTIES,
  STATE_CATEGORIES,
  FINAL_CATEGORIES,
} from './vocabulary.js';
export { CODE_PATTERN_TOKENS, type CodeParts, codePatternProblems, codePatternIssues, formatTaskCode } from './codePattern.js';
export { SOURCES_CATALOG } from './validators/taskType.js';
export { ruleConfinement, roleIsConfined } from './validators/role.js';
export { ajvIssue, ajvMessage, defineFormatLabel, VALIDATION_MESSAGES, type LocalizedIssue, type MessageLanguage } from './messages.js';

/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

export type * from './taskType.js';
export type * from './form.js';
export type * from './workflow.js';
export type * from './role.js';
export type * from './reminderPolicy.js';
export type * from './report.js';
export type * from './catalog.js';

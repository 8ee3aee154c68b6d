// The role-condition matcher ($eq … $startsWith, $and/$or/$nor) is defined once, beside the validators
// in @dondoc/metadata, so what a role validates with is exactly what the engine matches and compiles.
export { conditionsMatcher } from '@dondoc/metadata';

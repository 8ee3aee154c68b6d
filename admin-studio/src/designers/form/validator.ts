// The Runtime UI's @rjsf validator, which works under the engine's Content-Security-Policy (ajv's
// compiled validators need eval, which `script-src 'self'` forbids), so the Studio's previews validate
// exactly as the task page does. It lives in runtime-ui/src/tasks; it belongs in @shared, and until it
// moves there the Studio imports it from where it is (one line to change).
export { cspValidator as validator } from '../../../../runtime-ui/src/tasks/cspValidator.ts';

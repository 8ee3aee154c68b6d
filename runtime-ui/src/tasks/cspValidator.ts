// Moved to the shared folder (Admin Studio imports it as `@shared/cspValidator`); kept here for imports of the old path.
export * from '../shared/cspValidator';

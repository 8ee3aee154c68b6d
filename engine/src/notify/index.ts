// Notifications: reminders derived from the database, the outbox delivery, channels as plugins, the live stream.
export { NotifyService, type Preferences } from './service.js';
export { notifyRoutes } from './routes.js';
export { deliverAfterWrites } from './kick.js';
export { scanReminders, type ScanResult } from './reminders/scan.js';
export type { Channel, ChannelPlugin, OutgoingMessage, Recipient } from './channels.js';

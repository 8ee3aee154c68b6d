// Delivery channels. In-app is built in (the stored row, pushed over Server-Sent Events); every other
// channel is a plugin: a package under plugins/ whose default export is a ChannelPlugin. The engine loads
// the channels named in NOTIFY_CHANNELS (default: "email" when SMTP_URL is set). A short name "x" means
// the package @dondoc/notify-x; anything else is imported as the package name given.
import type { Logger } from 'pino';

export interface Recipient {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
}

export interface TaskRef {
  id: number;
  code: string;
  title: string;
  /** 'YYYY-MM-DD' or null. */
  dueDate: string | null;
  link: string;
}

export interface DigestContent {
  day: string;
  counts: { open: number; dueSoon: number; overdue: number };
  tasks: Array<TaskRef & { overdue: boolean }>;
  /** Messages held for the digest (the user prefers a digest to single e-mails). */
  held: Array<{ id: number; title: string; createdAt: string; link: string | null }>;
}

/** What a channel is asked to send: everything it needs to render, in the user's language (Vietnamese). */
export interface OutgoingMessage {
  id: number;
  kind: string; // transition | urge | reminder | escalation | digest
  template: string | null;
  title: string;
  body: string | null;
  createdAt: string;
  to: Recipient;
  task: TaskRef | null;
  /** Counted at delivery from the working calendar: days left before, or past, the deadline. */
  facts: { daysLeft?: number; daysOverdue?: number; ruleKind?: string };
  digest?: DigestContent;
  appUrl: string;
}

export interface Channel {
  id: string;
  /** Whether this recipient can be reached on this channel at all (e.g. has an e-mail address). */
  reaches(to: Recipient): boolean;
  send(m: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
}

export interface ChannelSettings {
  env: Record<string, string | undefined>;
  log: Logger;
  appUrl: string;
}

export interface ChannelPlugin {
  id: string;
  create(settings: ChannelSettings): Channel | Promise<Channel>;
}

export const packageOf = (name: string) => (/^[a-z0-9-]+$/.test(name) ? `@dondoc/notify-${name}` : name);

export async function loadChannels(names: string[], settings: ChannelSettings): Promise<Map<string, Channel>> {
  const out = new Map<string, Channel>();
  for (const name of names) {
    const mod = await import(packageOf(name));
    const plugin: ChannelPlugin | undefined = mod.default ?? mod.channel;
    if (!plugin || typeof plugin.create !== 'function') throw new Error(`${packageOf(name)} does not export a notification channel plugin`);
    const channel = await plugin.create(settings);
    out.set(channel.id, channel);
    settings.log.info(`notification channel "${channel.id}" loaded from ${packageOf(name)}`);
  }
  return out;
}

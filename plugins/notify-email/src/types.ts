// The shape of the engine's channel contract this plugin relies on (engine/src/notify/channels.ts),
// declared here so the plugin builds on its own; TypeScript checks the two match where the engine loads it.
export interface EmailRecipient {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
}

export interface EmailTask {
  id: number;
  code: string;
  title: string;
  dueDate: string | null;
  link: string;
}

export interface EmailMessage {
  id: number;
  kind: string;
  template: string | null;
  title: string;
  body: string | null;
  createdAt: string;
  to: EmailRecipient;
  task: EmailTask | null;
  facts: { daysLeft?: number; daysOverdue?: number; ruleKind?: string };
  digest?: {
    day: string;
    counts: { open: number; dueSoon: number; overdue: number };
    tasks: Array<EmailTask & { overdue: boolean }>;
    held: Array<{ id: number; title: string; createdAt: string; link: string | null }>;
  };
  appUrl: string;
}

export interface ChannelSettings {
  env: Record<string, string | undefined>;
  log: { info(msg: string): void; warn(obj: unknown, msg?: string): void };
  appUrl: string;
}

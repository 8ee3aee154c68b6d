// The e-mail channel plugin: nodemailer over SMTP. Settings from the environment:
//   SMTP_URL   smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 — required
//   MAIL_FROM  the sender, default "Đôn Đốc <no-reply@dondoc.local>"
// Each message carries a Message-ID derived from the notification id, so a resend after a crash between
// the server's acceptance and the engine's bookkeeping is recognisable as the same message.
import nodemailer from 'nodemailer';
import type { ChannelSettings, EmailMessage, EmailRecipient } from './types.js';
import { render } from './templates.js';

export { render, lead, subjectOf, viDate } from './templates.js';
export type { EmailMessage } from './types.js';

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function createEmailChannel(settings: ChannelSettings) {
  const url = settings.env.SMTP_URL;
  if (!url) throw new Error('notify-email: SMTP_URL is not set');
  const from = settings.env.MAIL_FROM || '"Đôn Đốc" <no-reply@dondoc.local>';
  const host = (() => {
    try {
      return new URL(settings.appUrl).hostname || 'dondoc.local';
    } catch {
      return 'dondoc.local';
    }
  })();
  // A small pool of SMTP connections: a reminder scan can hand over thousands of messages at once.
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: Number(settings.env.SMTP_POOL) || 4 }, { from });
  return {
    id: 'email',
    reaches: (to: EmailRecipient) => !!to.email && ADDRESS.test(to.email),
    async send(m: EmailMessage) {
      const { subject, text, html } = render(m);
      await transport.sendMail({
        to: { name: m.to.fullName, address: m.to.email! },
        subject,
        text,
        html,
        messageId: `<notification-${m.id}@${host}>`,
        headers: { 'X-DonDoc-Notification': String(m.id), 'Auto-Submitted': 'auto-generated' },
      });
    },
    async close() {
      transport.close();
    },
  };
}

const plugin = { id: 'email', create: createEmailChannel };
export default plugin;

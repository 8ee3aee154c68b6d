// A real SMTP server for the reminder tests (smtp-server): it accepts everything on loopback and keeps
// each message parsed (mailparser), so the tests read what a mailbox would.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  notificationId: number;
}

/** `parse: false` keeps only the envelope and the notification id (fast, for volume tests). */
export async function startSmtp(opts: { parse?: boolean } = {}) {
  const messages: ReceivedMail[] = [];
  const parse = opts.parse !== false;
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      // A mailbox that refuses for now (451): the sender's delivery fails and is retried.
      if (refusing) return callback(Object.assign(new Error('Hộp thư tạm thời không nhận thư'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      if (!parse) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
        stream.on('end', () => {
          const id = /^X-DonDoc-Notification:\s*(\d+)/im.exec(raw);
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: '', text: '', html: '', messageId: '', notificationId: Number(id?.[1] ?? 0) });
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((m) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
            messageId: m.messageId ?? '',
            notificationId: Number(m.headers.get('x-dondoc-notification') ?? 0),
          });
          callback();
        })
        .catch(callback);
    },
  });
  server.on('error', () => undefined); // a client killed mid-session (an engine under SIGKILL) resets its socket
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits until `n` messages arrived in all (or the time is up), and returns them all. */
    async waitFor(n: number, ms = 10_000) {
      const until = Date.now() + ms;
      while (messages.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return messages;
    },
    /** Refuse every recipient (451) until called with false. */
    refuse(on: boolean) {
      refusing = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

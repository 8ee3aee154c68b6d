// Live notifications for the Server-Sent Events streams. A notification is delivered once, by whichever
// engine runs the delivery job; the browser may be connected to another engine, so with Redis the event
// goes through pub/sub to every engine, each forwarding it to its own connected streams.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export interface LiveEvent {
  userId: number;
  notification: Record<string, unknown>;
}

export interface NotifyHub {
  publish(e: LiveEvent): Promise<void>;
  subscribe(userId: number, fn: (e: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

export class LocalHub implements NotifyHub {
  protected em = new EventEmitter().setMaxListeners(0);
  async publish(e: LiveEvent) {
    this.em.emit(`u:${e.userId}`, e);
  }
  subscribe(userId: number, fn: (e: LiveEvent) => void) {
    this.em.on(`u:${userId}`, fn);
    return () => void this.em.off(`u:${userId}`, fn);
  }
  async close() {
    this.em.removeAllListeners();
  }
}

export class RedisHub extends LocalHub {
  private pub: Redis;
  private sub: Redis;
  private channel: string;

  constructor(url: string, tag: string) {
    super();
    this.channel = `dondoc:${tag}:notifications`;
    this.pub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(url);
    void this.sub.subscribe(this.channel).catch(() => undefined);
    this.sub.on('message', (_c, message) => {
      try {
        const e = JSON.parse(message) as LiveEvent;
        if (Number.isInteger(e.userId)) void super.publish(e);
      } catch {
        /* not ours */
      }
    });
  }
  override async publish(e: LiveEvent) {
    await this.pub.publish(this.channel, JSON.stringify(e));
  }
  override async close() {
    await super.close();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

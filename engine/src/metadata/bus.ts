// Tells every engine instance that published metadata changed: Redis pub/sub when REDIS_URL is set,
// an in-process emitter otherwise. Messages are sent after the publishing transaction commits.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

export interface ChangeBus {
  announce(change: MetadataChange): Promise<void>;
  onChange(fn: (change: MetadataChange) => void): void;
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface MetadataChange {
  kind: string;
  key: string;
  pillar: string;
  version: number;
}

const CHANNEL = 'dondoc:metadata:published';

export class LocalBus implements ChangeBus {
  private em = new EventEmitter();
  async announce(change: MetadataChange) {
    this.em.emit('change', change);
  }
  onChange(fn: (c: MetadataChange) => void) {
    this.em.on('change', fn);
  }
  async ready() {}
  async close() {
    this.em.removeAllListeners();
  }
}

export class RedisBus implements ChangeBus {
  private pub: Redis;
  private sub: Redis;
  private listeners: Array<(c: MetadataChange) => void> = [];
  private subscribed: Promise<unknown>;

  constructor(url: string) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(url);
    this.subscribed = this.sub.subscribe(CHANNEL);
    this.sub.on('message', (_channel, message) => {
      let change: MetadataChange;
      try {
        change = JSON.parse(message);
      } catch {
        return;
      }
      for (const fn of this.listeners) fn(change);
    });
  }
  async announce(change: MetadataChange) {
    await this.pub.publish(CHANNEL, JSON.stringify(change));
  }
  onChange(fn: (c: MetadataChange) => void) {
    this.listeners.push(fn);
  }
  async ready() {
    await this.subscribed;
  }
  async close() {
    this.listeners = [];
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

// A clock several engine processes share in tests: NODE_ENV=test and DONDOC_TEST_CLOCK_FILE=<path>, the
// file holding an ISO 8601 instant that every process reads as "now" (absent or empty: the real time).
// A file, because a test moves time for processes it spawned without any API for it in the engine, and
// an environment variable is fixed at spawn. It is honest about its reach: only under NODE_ENV=test
// (loadNotifyConfig ignores the variable otherwise), read on every call, no caching to go stale.
import fs from 'node:fs';
import type { Clock } from './clock.js';
import { notifyConfigOf, type NotifyConfig } from '../notify/config.js';

export class FileClock implements Clock {
  constructor(readonly file: string) {}
  now(): Date {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8').trim();
    } catch {
      /* no file yet: real time */
    }
    const t = text ? new Date(text) : new Date();
    return Number.isNaN(t.getTime()) ? new Date() : t;
  }
}

/** The shared test clock when configured (DONDOC_TEST_CLOCK_FILE under NODE_ENV=test), else undefined. */
export function testClockOf(config: { notify?: NotifyConfig }): Clock | undefined {
  const file = notifyConfigOf(config).testClockFile;
  return file ? new FileClock(file) : undefined;
}

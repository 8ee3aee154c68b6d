// The figures table: one row per operation, engine beside driver-only.
import type { Measured } from './load.js';

export interface Row {
  op: string;
  engine: Measured;
  driver: Measured;
  /** The HTTP floor (http-floor.ts): the same statements and answer behind bare Koa; reads only. */
  floor?: Measured;
  statements: number;
}

const TARGET = 0.6;

export function printTable(title: string, rows: Row[]): void {
  const lines = [
    `| op | engine req/s | p50 ms | p99 ms | SQL/req | driver-only req/s | ratio | HTTP floor req/s | floor/driver |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map((r) => {
      const ratio = r.engine.rps / r.driver.rps;
      return `| ${r.op} | ${r.engine.rps.toFixed(0)} | ${r.engine.p50.toFixed(1)} | ${r.engine.p99.toFixed(1)} | ${r.statements} | ${r.driver.rps.toFixed(0)} | ${ratio.toFixed(2)}${ratio < TARGET ? ' ✗' : ''} | ${r.floor ? r.floor.rps.toFixed(0) : '—'} | ${r.floor ? (r.floor.rps / r.driver.rps).toFixed(2) : '—'} |`;
    }),
  ];
  console.log(`\n### ${title}\n\n${lines.join('\n')}\n`);
}

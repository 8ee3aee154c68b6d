// The dump and binary-log options chosen from the client tool's own --help: MariaDB's tools (installed
// here, their real --help) and MySQL 8.4's (no MySQL client here: the lines below are written after the
// MySQL 8.4 reference manual's option lists of mysqldump and mysqlbinlog, in their --help layout).
import { spawnSync } from 'node:child_process';
import { DUMP_POSITION, flavourArgs } from './mysql.js';

const mysql84Dump = `mysqldump  Ver 8.4.3 for Linux on x86_64 (MySQL Community Server - GPL)
  --set-gtid-purged[=name]
                      Add 'SET @@GLOBAL.GTID_PURGED' to the output. Possible
  --source-data[=#]   This causes the binary log position and filename of the
                      source to be appended to the output. If equal to 1, will
`;
const mysql84Binlog = `mysqlbinlog  Ver 8.4.3 for Linux on x86_64 (MySQL Community Server - GPL)
  --skip-gtids        Do not preserve Global Transaction Identifiers; instead
                      make the server execute the transactions as if they were
`;

test('MySQL 8.4: --source-data, no GTID_PURGED in the dump, replay without the original GTIDs', () => {
  expect(flavourArgs('dump', mysql84Dump)).toEqual(['--source-data=2', '--set-gtid-purged=OFF']);
  expect(flavourArgs('binlog', mysql84Binlog)).toEqual(['--skip-gtids']);
  const head = "-- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000007', SOURCE_LOG_POS=1234;";
  expect(DUMP_POSITION.exec(head)?.slice(1)).toEqual(['binlog.000007', '1234']);
});

const installed = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
(installed('mariadb-dump') && installed('mariadb-binlog') ? test : test.skip)(
  'MariaDB (the installed client): --master-data, nothing else',
  () => {
    const help = (cmd: string) => spawnSync(cmd, ['--help'], { encoding: 'utf8' }).stdout;
    expect(flavourArgs('dump', help('mariadb-dump'))).toEqual(['--master-data=2']);
    expect(flavourArgs('binlog', help('mariadb-binlog'))).toEqual([]);
    const head = "-- CHANGE MASTER TO MASTER_LOG_FILE='binlog.000002', MASTER_LOG_POS=385;";
    expect(DUMP_POSITION.exec(head)?.slice(1)).toEqual(['binlog.000002', '385']);
  },
);

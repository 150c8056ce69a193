/**
 * A replica's lag, from `SHOW REPLICA STATUS` (MariaDB 10.5+, MySQL 8.0.22+). MariaDB names the
 * column Seconds_Behind_Master, MySQL 8.4 Seconds_Behind_Source. NULL means replication is
 * stopped or broken, and no row means the server replicates from nothing: nothing bounds how
 * stale either one's data is, so both count as infinitely behind.
 */
export const REPLICA_STATUS_QUERY = 'SHOW REPLICA STATUS';

type SecondsBehind = number | string | null | undefined;

export interface ReplicaStatusRow {
  Seconds_Behind_Master?: SecondsBehind;
  Seconds_Behind_Source?: SecondsBehind;
}

export function lagOf(rows: ReplicaStatusRow[]): number {
  if (rows.length === 0) return Infinity;
  // Multi-source replication has a row per source: the data is as stale as the stalest one.
  return Math.max(
    ...rows.map((row) => seconds(row.Seconds_Behind_Master ?? row.Seconds_Behind_Source)),
  );
}

function seconds(value: SecondsBehind): number {
  return value === null || value === undefined ? Infinity : Number(value);
}

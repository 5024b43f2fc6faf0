#!/usr/bin/env bash
# Keyed state of KEYS keys held open in one long window (TUMBLE of a day; the input spans hours of
# event time), checkpointed every INTERVAL: each key is updated PASSES times (PASSES * KEYS rows), so
# every checkpoint after the first pass holds all KEYS keys. Prints the job's summary and each
# checkpoint's log line (id, duration, bytes written, total bytes, alignment, task snapshot time).
#
#   benchmarks/scripts/state-size.sh KEYS BACKEND [INTERVAL] [PASSES]
#   SLUICE_JAVA_OPTS=-Xmx512m benchmarks/scripts/state-size.sh 50000000 rocksdb '10 s' 1
#
# The state directory is in $TMPDIR (default /tmp) and removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="$1"
backend="$2"
interval="${3:-10 s}"
passes="${4:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-state-size.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat > "$work/job.sql" <<SQL
SET 'parallelism.default' = '2';
SET 'state.backend' = '$backend';
SET 'execution.checkpointing.interval' = '$interval';
CREATE TABLE events (
  id  BIGINT,
  k   AS MOD(id, $keys),
  v   AS MOD(id, 1000),
  ts  AS TO_TIMESTAMP_LTZ(id / 1000, 3),
  WATERMARK FOR ts AS ts
) WITH (
  'connector' = 'datagen', 'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '$((keys * passes - 1))'
);
CREATE TABLE sink_blackhole (k BIGINT, cnt BIGINT, total BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink_blackhole
SELECT k, COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' DAY))
GROUP BY k, window_start, window_end;
SQL

# SLUICE_CLASSPATH runs another build instead of bin/sluice, as in checkpoint-cost.sh
opts="${SLUICE_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.log.io.sluice.executor.runtime.CheckpointCoordinator=info"
if [ -n "${SLUICE_CLASSPATH:-}" ]; then
  launch=(java $opts -cp "$SLUICE_CLASSPATH" io.sluice.cli.SluiceCli)
else
  export SLUICE_JAVA_OPTS="$opts"
  launch=("$root/bin/sluice")
fi
/usr/bin/time -f "cpu %U s user, %S s system, max RSS %M KB" "${launch[@]}" -f "$work/job.sql" \
  --state-dir "$work/state" 2>&1 >/dev/null | grep -E "Checkpoint [0-9]+ of|finished after|cpu |ERROR|Exception" \
  | sed -E "s/ of job '[^']*'//; s/ \(RocksDB files of earlier checkpoints are hard links: in the total, not written\)//"

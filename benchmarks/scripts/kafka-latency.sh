#!/usr/bin/env bash
# End-to-end latency of Kafka -> filter -> Kafka: from the moment a record is written to the input
# topic to the moment a read_committed reader sees its result in the output topic, p50/p90/p99/max,
# for 'sink.delivery-guarantee' at-least-once and exactly-once (checkpoints every INTERVAL), in the
# same session, on a local broker that this script starts.
#
#   benchmarks/scripts/kafka-latency.sh [rate/s] [seconds] [checkpoint interval]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rate="${1:-5000}"
seconds="${2:-30}"
interval="${3:-1 s}"
port=19094
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-latency.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/sluice" --version > /dev/null 2>&1 || true   # builds the project when needed
tool_class="$root/benchmarks/target/classes/io/sluice/benchmarks/KafkaLatency.class"
if [ ! -f "$tool_class" ] || [ "$root/benchmarks/src/main/java/io/sluice/benchmarks/KafkaLatency.java" -nt "$tool_class" ]; then
  (cd "$root" && mvn -q -B -o -pl benchmarks compile)
fi
tool=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$root/benchmarks/target/classes:$root/sql-client/target/lib/*" io.sluice.benchmarks.KafkaLatency)

"$root/bin/sluice" kafka-broker --dir "$work/kafka" --port "$port" > "$work/broker.log" 2>&1 &
pids+=($!)
until grep -q "Kafka broker running" "$work/broker.log"; do sleep 0.5; done
bootstrap="localhost:$port"
kafka="'properties.bootstrap.servers' = '$bootstrap'"

for guarantee in at-least-once exactly-once; do
  in="in_${guarantee//-/_}"
  out="out_${guarantee//-/_}"
  "${tool[@]}" produce "$bootstrap" "$in" 1 1 > /dev/null   # creates the topic before the job reads it
  cat > "$work/job.sql" <<SQL
SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '$interval';
CREATE TABLE events (id BIGINT, sent BIGINT) WITH (
  'connector' = 'kafka', 'topic' = '$in', $kafka, 'format' = 'json', 'scan.startup.mode' = 'latest-offset');
CREATE TABLE results (id BIGINT, sent BIGINT) WITH (
  'connector' = 'kafka', 'topic' = '$out', $kafka, 'format' = 'json', 'sink.delivery-guarantee' = '$guarantee');
INSERT INTO results SELECT id, sent FROM events WHERE MOD(id, 2) = 0;
SQL
  "$root/bin/sluice" --state-dir "$work/state-$guarantee" -f "$work/job.sql" > "$work/job-$guarantee.log" 2>&1 &
  job=$!
  pids+=($job)
  sleep 8   # the job is up and reading from the end of the topic
  "${tool[@]}" measure "$bootstrap" "$out" 10 > "$work/measure-$guarantee.txt" &
  measure=$!
  "${tool[@]}" produce "$bootstrap" "$in" "$rate" "$seconds" > /dev/null
  wait "$measure"
  kill "$job" 2>/dev/null || true
  wait "$job" 2>/dev/null || true
  echo "$guarantee rate=${rate}/s seconds=$seconds checkpoints='$interval' $(cat "$work/measure-$guarantee.txt")"
done

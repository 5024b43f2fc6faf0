#!/usr/bin/env bash
# Kafka -> filter -> Kafka throughput with 'sink.delivery-guarantee' exactly-once (checkpoints every
# 1 s) versus at-least-once (same checkpoints), in the same session, on a local broker that this
# script starts (bin/sluice kafka-broker). Prints one line per run: guarantee, rows, the job's
# elapsed time and rows/s.
#
#   benchmarks/scripts/kafka-filter.sh [rows] [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-2000000}"
rounds="${2:-1}"
port=19093
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-kafka-bench.XXXXXX")"
"$root/bin/sluice" kafka-broker --dir "$work/kafka" --port "$port" > "$work/broker.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "Kafka broker running" "$work/broker.log"; do sleep 0.5; done
kafka="'properties.bootstrap.servers' = 'localhost:$port'"

# the input: generated bids, written once (not measured)
"$root/bin/sluice" --state-dir "$work/fill-state" -e "
SET 'parallelism.default' = '2';
CREATE TABLE gen (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING) WITH (
  'connector' = 'datagen', 'number-of-rows' = '$rows', 'seed' = '1',
  'fields.auction.min' = '1000', 'fields.auction.max' = '2000', 'fields.price.min' = '1',
  'fields.price.max' = '10000', 'fields.channel.length' = '8');
CREATE TABLE bids_in (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING) WITH (
  'connector' = 'kafka', 'topic' = 'bids_in', $kafka, 'format' = 'json');
INSERT INTO bids_in SELECT * FROM gen;" > /dev/null 2> "$work/fill.err" || { cat "$work/fill.err" >&2; exit 1; }

for round in $(seq "$rounds"); do
  for guarantee in at-least-once exactly-once; do
    out="out_${guarantee//-/_}_$round"
    sql="$work/job.sql"
    cat > "$sql" <<SQL
SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '1 s';
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING) WITH (
  'connector' = 'kafka', 'topic' = 'bids_in', $kafka, 'format' = 'json',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
CREATE TABLE expensive (auction BIGINT, bidder BIGINT, euro DECIMAL(20, 3)) WITH (
  'connector' = 'kafka', 'topic' = '$out', $kafka, 'format' = 'json',
  'sink.delivery-guarantee' = '$guarantee');
INSERT INTO expensive SELECT auction, bidder, price * 0.908 FROM bids WHERE MOD(auction, 2) = 0;
SQL
    rm -rf "$work/state"
    "$root/bin/sluice" --state-dir "$work/state" -f "$sql" > /dev/null 2> "$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    seconds="$(grep -o 'finished after [0-9.]* s' "$work/err" | tail -1 | grep -o '[0-9.]*')"
    echo "$guarantee rows=$rows elapsed=${seconds}s rows/s=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')"
  done
done

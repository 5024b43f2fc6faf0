#!/usr/bin/env bash
# Throughput of benchmarks/sql/window-aggregation.sql with and without checkpoints every 1 s, on both
# state backends, one after the other in the same session. Prints one line per run: backend,
# checkpoint interval, the job's elapsed time (the CLI's summary) and the process's CPU time.
#
#   benchmarks/scripts/checkpoint-cost.sh [rounds]
#
# SLUICE_CLASSPATH=<jar>:<lib>/* runs another build (e.g. a copy of the previous commit's
# sql-client/target) instead of bin/sluice, so before and after can be interleaved in one session.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-ckpt-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT

run() {
  if [ -n "${SLUICE_CLASSPATH:-}" ]; then
    # shellcheck disable=SC2086
    java ${SLUICE_JAVA_OPTS:-} -cp "$SLUICE_CLASSPATH" io.sluice.cli.SluiceCli "$@"
  else
    "$root/bin/sluice" "$@"
  fi
}

for round in $(seq "$rounds"); do
  for backend in hashmap rocksdb; do
    # "no checkpoints" is an interval that never elapses: only the final checkpoint at the end of
    # input is taken, and the state backend is the same as with checkpoints
    for interval in "1 h" "1 s"; do
      sql="$work/job.sql"
      {
        echo "SET 'state.backend' = '$backend';"
        echo "SET 'execution.checkpointing.interval' = '$interval';"
        cat "$root/benchmarks/sql/window-aggregation.sql"
      } > "$sql"
      rm -rf "$work/state"
      start=$(date +%s.%N)
      /usr/bin/time -f "%U %S" -o "$work/cpu" bash -c "$(declare -f run); run -f '$sql' --state-dir '$work/state'" \
        2> "$work/err" > /dev/null || { cat "$work/err" >&2; exit 1; }
      summary="$(grep -o 'finished after [0-9.]* s' "$work/err" | tail -1)"
      checkpoints="$(grep -o 'checkpoints [0-9,]*' "$work/err" | tail -1 || true)"
      read -r user sys < "$work/cpu"
      printf 'round %s  %-8s checkpoints %-5s %-22s cpu %6.1f s  %s\n' "$round" "$backend" "$interval" \
        "$summary" "$(echo "$user + $sys" | bc)" "$checkpoints"
    done
  done
done

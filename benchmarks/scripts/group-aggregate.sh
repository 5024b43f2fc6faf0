#!/usr/bin/env bash
# Runs a group-aggregate benchmark job on both state backends and prints, per run, the job's
# elapsed time (the CLI's summary) and the process's CPU time (user + system).
#
#   benchmarks/scripts/group-aggregate.sh [sql file, default benchmarks/sql/group-max-over-updates.sql] [extra SET lines…]
#
# SLUICE_CLASSPATH=<jar>:<lib>/* runs another build (e.g. a copy of an earlier sql-client/target)
# instead of bin/sluice, so before and after can run in one session. SLUICE_BACKENDS picks the
# backends (default "hashmap rocksdb").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
job="${1:-$root/benchmarks/sql/group-max-over-updates.sql}"
shift || true
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-group-agg.XXXXXX")"
trap 'rm -rf "$work"' EXIT

run() {
  if [ -n "${SLUICE_CLASSPATH:-}" ]; then
    # shellcheck disable=SC2086
    java ${SLUICE_JAVA_OPTS:-} -cp "$SLUICE_CLASSPATH" io.sluice.cli.SluiceCli "$@"
  else
    "$root/bin/sluice" "$@"
  fi
}

for backend in ${SLUICE_BACKENDS:-hashmap rocksdb}; do
  sql="$work/job.sql"
  {
    echo "SET 'state.backend' = '$backend';"
    echo "SET 'execution.checkpointing.interval' = '1 h';"
    for line in "$@"; do echo "$line"; done
    cat "$job"
  } > "$sql"
  rm -rf "$work/state"
  /usr/bin/time -f "%U %S" -o "$work/cpu" bash -c "$(declare -f run); run -f '$sql' --state-dir '$work/state'" \
    2> "$work/err" > /dev/null || { cat "$work/err" >&2; exit 1; }
  summary="$(grep -o 'finished after [0-9.]* s' "$work/err" | tail -1)"
  read -r user sys < "$work/cpu"
  printf '%-8s %-24s cpu %6.1f s  %s\n' "$backend" "$summary" "$(echo "$user + $sys" | bc)" "$*"
done

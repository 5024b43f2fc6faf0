#!/usr/bin/env bash
# The hot path from a JSON-lines file to blackhole: Nexmark-shaped bids read by the filesystem source
# ('format' = 'json', parallelism 2) through q0, q1, q2, q22 and a TUMBLE 10 s COUNT/MAX per
# auction (benchmarks/sql/hot-path/*.sql). Prints one line per run: the job's elapsed time (the CLI's
# summary) and input rows per second of it, the process's CPU time (user + system) and input rows
# per CPU second, its wall time and its peak resident memory. On a shared, loaded machine the CPU
# figures are the steadier ones.
#
#   benchmarks/scripts/hot-path.sh [rounds] [query ...]        (queries: q0 q1 q2 q22 window startup)
#
# "startup" is q0 over the first 3 rows: the CPU time of starting the JVM, planning and compiling
# the job, which every run above includes (about 2 s on the dev machine).
#
# HOT_PATH_ROWS      rows to generate (default 4000000, about 1.2 GB in 2 files)
# HOT_PATH_DATA      a directory the generator already filled: reused, not deleted
# SLUICE_CLASSPATH   <jar>:<lib>/* of the build to run instead of bin/sluice
# BASELINE_CLASSPATH <jar>:<lib>/* of another build (e.g. a copy of an earlier sql-client/target):
#                    each query then runs on it and on the build above in turn, so that before
#                    and after are measured in the same session
# SLUICE_JAVA_OPTS   JVM options for both (e.g. -XX:StartFlightRecording=filename=q1.jfr)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-1}"
shift || true
queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(startup q0 q1 q2 q22 window)
work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-hot-path.XXXXXX")"
trap 'rm -rf "$work"' EXIT

data="${HOT_PATH_DATA:-}"
rows="${HOT_PATH_ROWS:-4000000}"
if [ -z "$data" ]; then
  data="$work/data"
  echo "generating $rows bids into $data" >&2
  python3 "$root/benchmarks/scripts/generate-bids.py" "$data" "$rows"
else
  rows="$(cat "$data"/*.json | wc -l)"
fi
mkdir -p "$work/startup"
head -n 3 "$(ls "$data"/*.json | head -n 1)" > "$work/startup/bids.json"

run() {
  local classpath="$1"
  shift
  if [ -n "$classpath" ]; then
    # shellcheck disable=SC2086
    java ${SLUICE_JAVA_OPTS:-} -cp "$classpath" io.sluice.cli.SluiceCli "$@"
  else
    "$root/bin/sluice" "$@"
  fi
}

builds=("after|${SLUICE_CLASSPATH:-}")
[ -z "${BASELINE_CLASSPATH:-}" ] || builds=("before|$BASELINE_CLASSPATH" "${builds[@]}")

for round in $(seq "$rounds"); do
  for query in "${queries[@]}"; do
    if [ "$query" = startup ]; then
      sed "s#\${DATA}#$work/startup#" "$root/benchmarks/sql/hot-path/q0.sql" > "$work/$query.sql"
      query_rows=3
    else
      sed "s#\${DATA}#$data#" "$root/benchmarks/sql/hot-path/$query.sql" > "$work/$query.sql"
      query_rows="$rows"
    fi
    for build in "${builds[@]}"; do
      label="${build%%|*}"
      classpath="${build#*|}"
      /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "$(declare -f run); run '$classpath' -f '$work/$query.sql'" \
        2> "$work/err" > /dev/null || { cat "$work/err" >&2; exit 1; }
      job="$(grep -o 'finished after [0-9.]* s' "$work/err" | tail -1 | grep -o '[0-9.]*')"
      read -r wall user sys rss_kb < "$work/time"
      [ ${#builds[@]} -gt 1 ] || label=""
      awk -v round="$round" -v query="$query" -v label="$label" -v job="$job" -v rows="$query_rows" \
          -v user="$user" -v sys="$sys" -v wall="$wall" -v rss="$rss_kb" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
          'BEGIN { cpu = user + sys; per_job = 0; per_cpu = 0;
                   if (job > 0) per_job = rows / job;
                   if (cpu > 0) per_cpu = rows / cpu;
                   printf "round %s %-7s %-6s job %6.1f s %9.0f rows/s | cpu %6.1f s %9.0f rows/cpu-s | wall %6.1f s  rss %5d MB  load %s\n",
                     round, query, label, job, per_job, cpu, per_cpu, wall, rss / 1024, load }'
    done
  done
done

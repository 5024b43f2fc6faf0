#!/usr/bin/env bash
# The Nexmark benchmark: runs each query of benchmarks/nexmark/ as its own Sluice process (bounded
# input into blackhole), and optionally the same query on Flink over the same JSON-lines input, and
# prints per query the events, the job's seconds, events/s, the process's CPU seconds and peak RSS
# and the checkpoints taken — as an aligned table and as a CSV file.
#
#   benchmarks/scripts/nexmark.sh [--queries q0,q1,q2|all] [--events N] [--parallelism P]
#       [--input generator|json] [--flink] [--checkpoint-interval '10 s'] [--data-dir DIR] [--out DIR]
#
# --input json reads JSON-lines files that Sluice's generator writes once per event count and
# parallelism (benchmarks/nexmark/export-json.sql) into --data-dir, and reuses them afterwards.
# --flink also runs each query on Apache Flink (local mode, same parallelism, the same JSON files,
# which Sluice then reads too unless --input generator is given;
# it needs `mvn -B -Pflink -pl benchmarks package` once) and adds the throughput ratio.
# A query Sluice cannot plan is listed as "not supported: <the planner's message>".
# Sluice runs through bin/sluice, with its default JVM options, as a user runs it.
# SLUICE_CLASSPATH=<jar>:<lib>/* runs another Sluice build instead of this checkout's (bin/sluice
# builds the checkout first when its sources changed). SLUICE_JAVA_OPTS (added to bin/sluice's
# defaults) and FLINK_JAVA_OPTS pass JVM options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nexmark="$root/benchmarks/nexmark"

queries="q0,q1,q2"
events=10000000
parallelism=2
input=""
flink=false
checkpoint_interval=""
data_dir="${TMPDIR:-/tmp}/sluice-nexmark-data"
out_dir=""

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --queries) queries="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --parallelism) parallelism="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --flink) flink=true; shift ;;
    --checkpoint-interval) checkpoint_interval="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --out) out_dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "nexmark.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
# Flink reads the JSON files; Sluice reads them too unless told otherwise, so that the ratio is fair
[ -z "$input" ] && { $flink && input=json || input=generator; }
case "$input" in generator|json) ;; *) echo "nexmark.sh: --input must be generator or json" >&2; exit 2 ;; esac
if [ "$queries" = all ]; then
  queries="$(ls "$nexmark" | sed -n 's/^\(q[0-9]*\)\.sql$/\1/p' | sort -V | paste -sd, -)"
fi
out_dir="${out_dir:-$(mktemp -d "${TMPDIR:-/tmp}/sluice-nexmark.XXXXXX")}"
mkdir -p "$out_dir"

# --- the engines ------------------------------------------------------------------------------

if [ -z "${SLUICE_CLASSPATH:-}" ]; then
  "$root/bin/sluice" -e "SHOW TABLES;" > /dev/null # builds the checkout when its sources changed
  jar="$(ls "$root"/sql-client/target/sluice-sql-client-*.jar | grep -v -e '-sources' -e '-tests' | head -1)"
  SLUICE_CLASSPATH="$jar:$root/sql-client/target/lib/*"
fi
export SLUICE_CLASSPATH
flink_classpath="$root/benchmarks/target/classes:$root/benchmarks/target/flink-lib/*"
if $flink && ! ls "$root"/benchmarks/target/flink-lib/flink-table-runtime-*.jar > /dev/null 2>&1; then
  echo "nexmark.sh: --flink needs the Flink runner: mvn -B -Pflink -pl benchmarks package" >&2
  exit 2
fi

# Runs one engine's job under /usr/bin/time: $1 = name for the files, then the command.
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out_dir/$name.time" "$@" > "$out_dir/$name.out" 2> "$out_dir/$name.err"
}

# the commands as arrays; bin/sluice execs java, so /usr/bin/time measures java itself
sluice=("$root/bin/sluice")
# shellcheck disable=SC2206
flink_run=(java ${FLINK_JAVA_OPTS:-} --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED -cp "$flink_classpath" io.sluice.benchmarks.nexmark.FlinkNexmarkRunner)

# The DDL (and query) with ${NEXMARK_EVENTS} and ${NEXMARK_DIR} filled in.
substitute() {
  sed -e "s|\${NEXMARK_EVENTS}|$events|g" -e "s|\${NEXMARK_DIR}|$json_dir|g" "$@"
}

# --- the JSON-lines copy of the events ----------------------------------------------------------

json_dir="$data_dir/json-$events-p$parallelism"
if [ "$input" = json ] || $flink; then
  if [ ! -f "$json_dir/_COMPLETE" ]; then
    echo "Writing $events events as JSON lines to $json_dir (once)…" >&2
    rm -rf "$json_dir"
    mkdir -p "$json_dir/side_input"
    {
      echo "SET 'parallelism.default' = '$parallelism';"
      substitute "$nexmark/ddl/sluice-generator.sql" "$nexmark/export-json.sql"
    } > "$out_dir/export-json.sql"
    "${sluice[@]}" -f "$out_dir/export-json.sql" > "$out_dir/export.out" 2> "$out_dir/export.err" \
      || { tail -20 "$out_dir/export.err" >&2; exit 1; }
    # q13's side input: keys 0..9999
    seq 0 9999 | awk '{ print $1 "," $1 * 7 }' > "$json_dir/side_input/side_input.csv"
    touch "$json_dir/_COMPLETE"
  fi
fi

# --- one query ----------------------------------------------------------------------------------

# Prints "status|rows_in|rows_out|seconds|checkpoints|message" from a run's stderr.
outcome() {
  local err="$1" rc="$2" summary message
  summary="$(grep -E 'finished after [0-9.]+ s' "$err" | tail -1 || true)"
  message="$(grep -m1 -E '^\[ERROR\]|Exception:' "$err" | sed -e 's/^\[ERROR\] //' -e 's/|/\//g' | cut -c1-300 || true)"
  if [ "$rc" = 0 ] && [ -n "$summary" ]; then
    local seconds rows_in rows_out checkpoints
    seconds="$(echo "$summary" | sed -E 's/.*finished after ([0-9.]+) s.*/\1/')"
    rows_in="$(echo "$summary" | sed -nE 's/.*rows in ([0-9,]+).*/\1/p' | tr -d ,)"
    rows_out="$(echo "$summary" | sed -nE 's/.*rows out ([0-9,]+).*/\1/p' | tr -d ,)"
    checkpoints="$(echo "$summary" | sed -nE 's/.*checkpoints ([0-9,]+).*/\1/p' | tr -d ,)"
    echo "ok|${rows_in:-}|${rows_out:-}|$seconds|${checkpoints:-0}|"
  elif ! grep -q 'Submitted job' "$err"; then
    echo "not supported|||||${message:-exit code $rc}"
  else
    echo "failed|||||${message:-exit code $rc}"
  fi
}

csv="$out_dir/nexmark.csv"
echo "query,engine,input,status,events,rows_in,rows_out,seconds,events_per_s,cpu_s,peak_rss_mb,checkpoints,message" > "$csv"
declare -A sluice_eps sluice_rss flink_eps flink_rss

record() { # query engine input name rc
  local q="$1" engine="$2" in="$3" name="$4" rc="$5" status rows_in rows_out seconds checkpoints message
  IFS='|' read -r status rows_in rows_out seconds checkpoints message <<< "$(outcome "$out_dir/$name.err" "$rc")"
  local wall=0 user=0 sys=0 rss_kb=0 eps="" cpu rss_mb
  [ -s "$out_dir/$name.time" ] && read -r wall user sys rss_kb < <(tail -1 "$out_dir/$name.time") || true
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')"
  rss_mb="$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')"
  if [ "$status" = ok ]; then
    eps="$(awk -v e="$events" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0) ? e / s : 0 }')"
  else
    seconds=""; cpu=""; rss_mb=""
  fi
  if [ "$engine" = sluice ]; then sluice_eps[$q]="$eps"; sluice_rss[$q]="$rss_mb"; else flink_eps[$q]="$eps"; flink_rss[$q]="$rss_mb"; fi
  message="${message//\"/\'}"
  echo "$q,$engine,$in,$status,$events,$rows_in,$rows_out,$seconds,$eps,$cpu,$rss_mb,$checkpoints,\"$message\"" >> "$csv"
  printf '%-4s %-6s %-9s %s %s\n' "$q" "$engine" "$in" "$status" "${seconds:+$seconds s, $eps events/s}${message:+ $message}" >&2
}

for q in ${queries//,/ }; do
  [ -f "$nexmark/$q.sql" ] || { echo "nexmark.sh: no query $nexmark/$q.sql" >&2; exit 2; }
  ddl="$nexmark/ddl/sluice-generator.sql"
  [ "$input" = json ] && ddl="$nexmark/ddl/sluice-json.sql"
  {
    echo "SET 'parallelism.default' = '$parallelism';"
    [ -n "$checkpoint_interval" ] && echo "SET 'execution.checkpointing.interval' = '$checkpoint_interval';"
    substitute "$ddl" "$nexmark/$q.sql"
  } > "$out_dir/$q-sluice.sql"
  state_args=()
  if [ -n "$checkpoint_interval" ]; then
    rm -rf "$out_dir/state-$q"
    state_args=(--state-dir "$out_dir/state-$q")
  fi
  rc=0
  timed "$q-sluice" "${sluice[@]}" -f "$out_dir/$q-sluice.sql" "${state_args[@]}" || rc=$?
  record "$q" sluice "$input" "$q-sluice" "$rc"

  if $flink; then
    substitute "$nexmark/ddl/flink-json.sql" "$nexmark/$q.sql" > "$out_dir/$q-flink.sql"
    flink_args=(--parallelism "$parallelism")
    [ -n "$checkpoint_interval" ] && flink_args+=(--checkpoint-interval "$checkpoint_interval")
    rc=0
    timed "$q-flink" "${flink_run[@]}" "${flink_args[@]}" "$out_dir/$q-flink.sql" || rc=$?
    record "$q" flink json "$q-flink" "$rc"
  fi
done

# --- the table ----------------------------------------------------------------------------------

echo
echo "Nexmark: $events events, parallelism $parallelism, Sluice input: $input$($flink && echo ', Flink input: json')"
if $flink; then
  echo "query,sluice_events/s,flink_events/s,sluice/flink,sluice_rss_mb,flink_rss_mb" > "$out_dir/ratio.csv"
  for q in ${queries//,/ }; do
    ratio="$(awk -v a="${sluice_eps[$q]:-}" -v b="${flink_eps[$q]:-}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')"
    echo "$q,${sluice_eps[$q]:--},${flink_eps[$q]:--},$ratio,${sluice_rss[$q]:--},${flink_rss[$q]:--}" >> "$out_dir/ratio.csv"
  done
fi
cut -d, -f1-12 "$csv" | column -t -s,
awk -F'"' 'NR > 1 && $2 != "" { split($1, f, ","); print f[1] " (" f[2] "): " $2 }' "$csv"
if $flink; then
  echo
  column -t -s, "$out_dir/ratio.csv"
fi
echo
echo "CSV: $csv"

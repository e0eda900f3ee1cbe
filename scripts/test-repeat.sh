#!/usr/bin/env bash
# Runs the vitest suite several times in a row, each run in a different shuffled order (files and
# the tests inside them), optionally with the CPU kept busy, and prints one line per run: seed,
# passed/failed/total tests, duration. A test that passes in one order and fails in another, or only
# on a loaded machine, depends on timing or on another test: fix it (CONTRIBUTING.md, house rules).
#
#   scripts/test-repeat.sh                      # 5 shuffled runs of the whole suite
#   scripts/test-repeat.sh 3 --load             # 3 runs, one busy loop per CPU running beside them
#   scripts/test-repeat.sh 1 --seed 1234        # replay one order (the seed a failing run printed)
#   scripts/test-repeat.sh 10 -- packages/server/test/long-poll.test.ts   # repeat one file
#
# Exit status 0 when every run passed, 1 otherwise. Not part of `npm test` (one run, fixed order).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/test-repeat.sh [runs] [--load] [--seed N] [-- vitest arguments]" >&2
  exit 2
}

runs=5
load=false
seed=""
vitest_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --load) load=true ;;
    --seed)
      [ "$#" -ge 2 ] || usage
      seed="$2"
      shift
      ;;
    --) shift; vitest_args=("$@"); break ;;
    -h | --help) usage ;;
    *)
      [[ "$1" =~ ^[1-9][0-9]*$ ]] || { echo "test-repeat: runs must be a positive integer; got '$1'" >&2; usage; }
      runs="$1"
      ;;
  esac
  shift
done
if [ -n "$seed" ] && ! [[ "$seed" =~ ^[0-9]+$ ]]; then
  echo "test-repeat: --seed takes a non-negative integer; got '$seed'" >&2
  usage
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/swf-flow-test-repeat.XXXXXX")"
busy=()
run_group=""
# On exit, and when interrupted or killed, stop the busy loops and the vitest run in progress (it runs
# in a process group of its own, so its workers and the servers its tests started stop with it).
cleanup() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$run_group" ]; then kill -TERM -- "-$run_group" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$load" = true ]; then
  cpus="$(nproc 2>/dev/null || echo 2)"
  for _ in $(seq "$cpus"); do
    node -e 'for (;;) {}' &
    busy+=("$!")
  done
  echo "test-repeat: $cpus busy loops running beside the suite (pids ${busy[*]})"
fi

failed_runs=0
summary=()
for run in $(seq "$runs"); do
  if [ -n "$seed" ]; then
    this_seed=$((seed + run - 1))
  else
    this_seed=$(((RANDOM << 15) | RANDOM))
  fi
  log="$workdir/run-$run.log"
  json="$workdir/run-$run.json"
  echo "test-repeat: run $run/$runs, seed $this_seed (log: $log)"
  started=$(date +%s%N)
  status=0
  setsid npx vitest run --sequence.shuffle --sequence.seed="$this_seed" --reporter=default --reporter=json --outputFile.json="$json" \
    "${vitest_args[@]}" >"$log" 2>&1 &
  run_group=$!
  wait "$run_group" || status=$?
  run_group=""
  seconds=$(( ($(date +%s%N) - started) / 1000000000 ))
  if [ -f "$json" ]; then
    counts=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numTotalTests} total`);' "$json")
  else
    counts="no result (vitest exited $status before reporting)"
  fi
  line="run $run  seed $this_seed  $counts  ${seconds}s"
  if [ "$status" -ne 0 ]; then
    failed_runs=$((failed_runs + 1))
    line="$line  FAILED"
    grep -E '^ *(FAIL|×)' "$log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u | head -20 || true
  fi
  echo "test-repeat: $line"
  summary+=("$line")
done

echo
echo "test-repeat: $runs run(s)$([ "$load" = true ] && echo ' under CPU load'), $failed_runs failed; logs in $workdir"
printf '  %s\n' "${summary[@]}"
if [ "$failed_runs" -gt 0 ]; then
  echo "replay a failing order with: scripts/test-repeat.sh 1 --seed <seed>"
  exit 1
fi

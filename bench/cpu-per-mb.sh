#!/usr/bin/env bash
# Marginal CPU per MB of `migrate`: the same job on two data set sizes, each against a fresh
# standalone emulator (latency 0), the migrate process under /usr/bin/time -v. The difference of
# CPU seconds divided by the difference of bytes is the cost of moving one more MB: start-up, the
# preflight and the JIT's warm-up cancel out. The emulator's CPU (/proc) is given the same way.
# Not run in CI.
#   RUN ("java -jar $JAR"): how to start the application (see bench/startup.sh)
#   SMALL (60), LARGE (600): records of the two data sets, FILES (3) files each of MIN_SIZE (1 MiB)
#   to MAX_SIZE (4 MiB); CONCURRENCY (16); ROUNDS (3): how many times to run the pair
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAR=$(readlink -f "$JAR")
RUN=${RUN:-java -jar $JAR}
SMALL=${SMALL:-60}
LARGE=${LARGE:-600}
FILES=${FILES:-3}
MIN_SIZE=${MIN_SIZE:-1048576}
MAX_SIZE=${MAX_SIZE:-4194304}
CONCURRENCY=${CONCURRENCY:-16}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18184}
WORK=$(mktemp -d /tmp/bench-cpu-XXXX)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
echo "application: $RUN"

run_case() { # RECORDS ROUND: prints "bytes cpu-seconds emulator-cpu-seconds wall load"
	local dir=$WORK/$1-$2 load
	java -jar "$JAR" bench --write-files "$dir" --base-url "http://localhost:$PORT" --records "$1" \
		--files-per-record "$FILES" --min-size "$MIN_SIZE" --max-size "$MAX_SIZE" --concurrency "$CONCURRENCY" \
		--requests-per-second 1000 > /dev/null
	start_emulator "$PORT" "$dir/seed.yml"
	load=$(cut -d' ' -f1 /proc/loadavg)
	(cd "$dir" && exec /usr/bin/time -v -o "$dir/time.txt" $RUN migrate --job "$dir/job.yml" \
		--database "jdbc:h2:file:$dir/db/kam") > "$dir/migrate.out" 2>&1 || { cat "$dir/migrate.out" >&2; exit 1; }
	local emulator_cpu bytes
	emulator_cpu=$(emulator_cpu_seconds)
	stop_emulator
	# the last "N attachment(s) attached (B bytes)" line: the job totals (older jars printed it as
	# "Job 'x': ...", so RUN can be an older jar for a before row)
	bytes=$(sed -n 's/.* attachment(s) attached (\([0-9]*\) bytes).*/\1/p' "$dir/migrate.out" | tail -1)
	echo "$bytes $(cpu_seconds "$dir/time.txt") $emulator_cpu $(wall_seconds "$dir/time.txt") $load"
}

echo "| round | records | MB | migrate CPU s | emulator CPU s | wall s | load avg |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for round in $(seq "$ROUNDS"); do
	read -r b1 c1 e1 w1 l1 <<< "$(run_case "$SMALL" "$round")"
	echo "| $round | $SMALL | $(echo "scale=1; $b1 / 1000000" | bc) | $c1 | $e1 | $w1 | $l1 |"
	read -r b2 c2 e2 w2 l2 <<< "$(run_case "$LARGE" "$round")"
	echo "| $round | $LARGE | $(echo "scale=1; $b2 / 1000000" | bc) | $c2 | $e2 | $w2 | $l2 |"
	echo "round $round: migrate $(echo "scale=2; ($c2 - $c1) * 1000000000 / ($b2 - $b1)" | bc) ms/MB," \
		"emulator $(echo "scale=2; ($e2 - $e1) * 1000000000 / ($b2 - $b1)" | bc) ms/MB (MB = 10^6 bytes)" >> "$WORK/marginal"
	echo "$(echo "scale=4; ($c2 - $c1) * 1000000000 / ($b2 - $b1)" | bc)" >> "$WORK/rounds"
done
echo
cat "$WORK/marginal"
# one run's start-up and JIT vary by seconds of CPU; the median of the rounds is the figure to quote
echo "median of $ROUNDS round(s): migrate $(sort -n "$WORK/rounds" | awk '{v[NR] = $1} END {printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}') ms/MB"

#!/usr/bin/env bash
# Peak memory of the migration with one 1 GiB attachment against 1 MB attachments, the migration
# JVM at -Xmx128m. (a) The standalone emulator in its own process and `migrate` under
# /usr/bin/time -v: the RSS is the migrator's alone. (b) The bench command (emulator in the same
# JVM, also -Xmx128m), which checks every attachment by SHA-256. Needs the jar and jq. Not run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${PORT:-18181}
WORK=$(mktemp -d /tmp/bench-memory-XXXX)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
HEAP=${HEAP:--Xmx128m}

run_case() { # name records files-per-record size
	local name=$1 records=$2 files=$3 size=$4 dir=$WORK/$1
	java -jar "$JAR" bench --write-files "$dir" --base-url "http://localhost:$PORT" --records "$records" \
		--files-per-record "$files" --min-size "$size" --max-size "$size" --concurrency 4 > /dev/null
	start_emulator "$PORT" "$dir/seed.yml"
	timed "$dir/time.txt" java $HEAP -jar "$JAR" migrate --job "$dir/job.yml" \
		--database "jdbc:h2:file:$dir/db/bench" > "$dir/migrate.out" 2>&1 || { cat "$dir/migrate.out"; exit 1; }
	local total
	total=$(requests "$PORT")
	stop_emulator
	grep 'all executions: ' "$dir/migrate.out"
	echo "| $name (migrate, emulator in its own process) | $records x $files x $size B | $(wall_seconds "$dir/time.txt") | $total | $(( $(max_rss_kb "$dir/time.txt") / 1024 )) MiB |" >> "$WORK/table"
	java $HEAP -jar "$JAR" bench --records "$records" --files-per-record "$files" --min-size "$size" \
		--max-size "$size" --latency-ms 0 --concurrency 4 2>/dev/null | grep '^{' > "$dir/bench.json"
	jq -r --arg name "$name" '"| \($name) (bench, emulator in the same JVM) | \(.records) x \(.files/.records) x \(.bytes/.files) B | \(.wallSeconds) | \(.requests) | \(.peakRssBytes/1048576|round) MiB (heap peak \(.peakHeapBytes/1048576|round) MiB, verified \(.verified)) |"' "$dir/bench.json" >> "$WORK/table"
}

run_case "1 GiB file" 1 1 1073741824
run_case "1 MB files" 100 3 1048576
echo
echo "| run | data | wall s | requests | peak RSS |"
echo "| --- | --- | ---: | ---: | ---: |"
cat "$WORK/table"

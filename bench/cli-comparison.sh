#!/usr/bin/env bash
# The official kintone CLI (@kintone/cli) against our migration: same standalone emulator, same
# seeded data (bench --write-files), same latency. The CLI exports app 1 with --attachments-dir,
# then imports the CSV into app 2 with --attachments-dir --update-key legacy_id; we run `migrate`
# with the bench job file. Each side gets a fresh emulator; wall time and peak RSS come from
# /usr/bin/time -v, requests from the emulator's /__emulator/stats. Both results are checked by
# comparing (legacy_id, file name, size) of every attachment in app 2 with app 1. Not run in CI.
#   RECORDS (100), FILES (3), MIN_SIZE (10 KB), MAX_SIZE (5 MB), LATENCY_MS (50), CONCURRENCY (16)
#   BANDWIDTH (0 = none): bytes per second of each download body, as a real link's per-connection
#   throughput would (the emulator's --bandwidth; uploads are not capped)
#   CLI_DIR (/tmp/kcli-bench): where @kintone/cli is installed (npm install, once)
#   RUN ("java -jar $JAR"): how to start our migration, e.g. RUN=$PWD/target/kintone-attachment-migrator
#   (the launcher, README "Run it fast")
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RECORDS=${RECORDS:-100}
FILES=${FILES:-3}
MIN_SIZE=${MIN_SIZE:-10240}
MAX_SIZE=${MAX_SIZE:-5242880}
LATENCY_MS=${LATENCY_MS:-50}
BANDWIDTH=${BANDWIDTH:-0}
CONCURRENCY=${CONCURRENCY:-16}
CLI_VERSION=${CLI_VERSION:-1.19.2}
CLI_DIR=${CLI_DIR:-/tmp/kcli-bench}
RUN=${RUN:-java -jar $JAR}
PORT=${PORT:-18182}
BASE=http://localhost:$PORT
WORK=$(mktemp -d /tmp/bench-cli-XXXX)
trap 'stop_emulator; rm -rf "$WORK"' EXIT

if [ ! -x "$CLI_DIR/node_modules/.bin/cli-kintone" ]; then
	mkdir -p "$CLI_DIR"
	(cd "$CLI_DIR" && npm init -y > /dev/null && npm install --no-audit --no-fund "@kintone/cli@$CLI_VERSION" > /dev/null)
fi
CLI="$CLI_DIR/node_modules/.bin/cli-kintone"
echo "cli-kintone $("$CLI" --version); ours: $RUN"

java -jar "$JAR" bench --write-files "$WORK" --base-url "$BASE" --records "$RECORDS" --files-per-record "$FILES" \
	--min-size "$MIN_SIZE" --max-size "$MAX_SIZE" --concurrency "$CONCURRENCY" --requests-per-second 1000 > /dev/null

files_of() { # app token: "legacy_id name size" per attachment, sorted (pages of 500 records)
	local offset=0 page
	while :; do
		page=$(curl -s -H "X-Cybozu-API-Token: $2" \
			"$BASE/k/v1/records.json?app=$1&query=order%20by%20%24id%20asc%20limit%20500%20offset%20$offset")
		jq -r '.records[] | .legacy_id.value as $k | .attachments.value[] | "\($k) \(.name) \(.size)"' <<< "$page"
		[ "$(jq '.records | length' <<< "$page")" -eq 500 ] || break
		offset=$((offset + 500))
	done | sort
}

check() { # compares app 2 with app 1 on the running emulator
	if diff <(files_of 1 bench-source-token) <(files_of 2 bench-target-token) > /dev/null; then
		echo "ok ($(files_of 2 bench-target-token | wc -l) attachments)"
	else
		echo "MISMATCH"
	fi
}

# the official CLI
start_emulator "$PORT" "$WORK/seed.yml" --latency-ms "$LATENCY_MS" --bandwidth "$BANDWIDTH"
timed "$WORK/export.time" "$CLI" record export --base-url "$BASE" --api-token bench-source-token --app 1 \
	--attachments-dir "$WORK/attachments" > "$WORK/records.csv"
timed "$WORK/import.time" "$CLI" record import --base-url "$BASE" --api-token bench-target-token --app 2 \
	--attachments-dir "$WORK/attachments" --file-path "$WORK/records.csv" --update-key legacy_id
CLI_REQUESTS=$(requests "$PORT")
CLI_STATS=$(curl -s "$BASE/__emulator/stats" | jq -c '.apis')
CLI_CHECK=$(check)
CLI_EMULATOR_CPU=$(emulator_cpu_seconds)
stop_emulator
CLI_WALL=$(echo "$(wall_seconds "$WORK/export.time") + $(wall_seconds "$WORK/import.time")" | bc)
CLI_RSS=$(( $(max_rss_kb "$WORK/export.time") > $(max_rss_kb "$WORK/import.time") ? $(max_rss_kb "$WORK/export.time") : $(max_rss_kb "$WORK/import.time") ))

# our migration
start_emulator "$PORT" "$WORK/seed.yml" --latency-ms "$LATENCY_MS" --bandwidth "$BANDWIDTH"
timed "$WORK/migrate.time" $RUN migrate --job "$WORK/job.yml" --database "jdbc:h2:file:$WORK/db/bench" \
	> "$WORK/migrate.out" 2>&1 || { cat "$WORK/migrate.out"; exit 1; }
OUR_REQUESTS=$(requests "$PORT")
OUR_STATS=$(curl -s "$BASE/__emulator/stats" | jq -c '.apis')
OUR_CHECK=$(check)
OUR_EMULATOR_CPU=$(emulator_cpu_seconds)
stop_emulator
OUR_WALL=$(wall_seconds "$WORK/migrate.time")
OUR_RSS=$(max_rss_kb "$WORK/migrate.time")

BYTES=$(du -sb "$WORK/attachments" | cut -f1)
FILE_COUNT=$(find "$WORK/attachments" -type f | wc -l)
echo
echo "$RECORDS records x $FILES files ($FILE_COUNT files, $BYTES bytes), ${LATENCY_MS} ms latency, download bandwidth ${BANDWIDTH} B/s (0 = none), concurrency $CONCURRENCY (ours)"
echo
echo "| tool | wall s | files/s | requests | requests/file | peak RSS MiB | CPU s (tool) | CPU s (emulator) | target check |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf "| cli-kintone export + import | %s | %.2f | %s | %.3f | %d | %s | %s | %s |\n" "$CLI_WALL" \
	"$(echo "$FILE_COUNT / $CLI_WALL" | bc -l)" "$CLI_REQUESTS" "$(echo "$CLI_REQUESTS / $FILE_COUNT" | bc -l)" \
	$((CLI_RSS / 1024)) "$(echo "$(cpu_seconds "$WORK/export.time") + $(cpu_seconds "$WORK/import.time")" | bc)" \
	"$CLI_EMULATOR_CPU" "$CLI_CHECK"
printf "| kintone-attachment-migrator migrate | %s | %.2f | %s | %.3f | %d | %s | %s | %s |\n" "$OUR_WALL" \
	"$(echo "$FILE_COUNT / $OUR_WALL" | bc -l)" "$OUR_REQUESTS" "$(echo "$OUR_REQUESTS / $FILE_COUNT" | bc -l)" \
	$((OUR_RSS / 1024)) "$(cpu_seconds "$WORK/migrate.time")" "$OUR_EMULATOR_CPU" "$OUR_CHECK"
echo
echo "speed-up: $(echo "scale=2; $CLI_WALL / $OUR_WALL" | bc)x; requests: $(echo "scale=4; ($OUR_REQUESTS - $CLI_REQUESTS) * 100 / $CLI_REQUESTS" | bc)% vs the CLI"
echo "CLI requests by API: $CLI_STATS"
echo "our requests by API: $OUR_STATS"

#!/usr/bin/env bash
# Remote partitioning: the same data set moved by one process (`migrate`, partitions in-process),
# then by a manager (broker embedded) with 1, 2 and 4 worker processes, all on this machine.
# DOMAINS emulated domains (one standalone emulator each, LATENCY_MS on every request), one app
# pair per domain split in PARTITIONS $id ranges; the job repository and ledger in a private
# PostgreSQL cluster (.ci/postgresql), a fresh database per run. Prints one JSON line per run
# (kept in $OUT) and a Markdown table. Needs the jar (./mvnw package), jq, curl. Not run in CI.
#   RECORDS (40) per domain, 3 files each of MIN_SIZE..MAX_SIZE (10 KB..200 KB)
#   LATENCY_MS (80), DOMAINS (2), PARTITIONS (4) per pair, CONCURRENCY (8) per domain and process
#   CHUNK (10), WORKERS ("1 2 4"), HEAP (384m) per JVM
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAR=$(readlink -f "$JAR")
RECORDS=${RECORDS:-40}
MIN_SIZE=${MIN_SIZE:-10240}
MAX_SIZE=${MAX_SIZE:-204800}
LATENCY_MS=${LATENCY_MS:-80}
DOMAINS=${DOMAINS:-2}
PARTITIONS=${PARTITIONS:-4}
CONCURRENCY=${CONCURRENCY:-8}
CHUNK=${CHUNK:-10}
WORKERS=${WORKERS:-1 2 4}
HEAP=${HEAP:-384m}
OUT=${OUT:-$(mktemp /tmp/bench-remote-XXXX.jsonl)}
WORK=$(mktemp -d /tmp/bench-remote-XXXX)
chmod 755 "$WORK"
PIDS=()

cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	.ci/postgresql stop "$WORK/pg" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

options=$(.ci/postgresql start "$WORK/pg")
PG_PORT=$(cat "$WORK/pg/port")
psql_admin() { psql -h localhost -p "$PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 "$@"; }
export SPRING_DATASOURCE_USERNAME=kam_test SPRING_DATASOURCE_PASSWORD=kam_test

# the data set: one seed for every domain, one job file per domain
java -jar "$JAR" bench --records "$RECORDS" --files-per-record 3 --min-size "$MIN_SIZE" --max-size "$MAX_SIZE" \
	--concurrency "$CONCURRENCY" --chunk-size "$CHUNK" --seed 1 --write-files "$WORK/data" >/dev/null
PORTS=()
for d in $(seq 1 "$DOMAINS"); do
	PORTS+=("$(free_port)")
done

start_domains() { # fresh emulators (the target apps empty again)
	EMULATOR_PIDS=()
	for d in $(seq 1 "$DOMAINS"); do
		local port=${PORTS[$((d - 1))]}
		local log="$WORK/emulator-$d.log"
		java -Xmx512m -jar "$JAR" emulator --port "$port" --seed "$WORK/data/seed.yml" --latency-ms "$LATENCY_MS" \
			> "$log" 2>&1 &
		EMULATOR_PIDS+=($!)
		PIDS+=($!)
		until grep -q '"app":2' "$log" 2>/dev/null; do sleep 0.2; done
		sed -e "s|^name: .*|name: domain$d|" -e "s|http://localhost:18080|http://localhost:$port|" \
			"$WORK/data/job.yml" > "$WORK/domain$d.yml"
		echo "partitions: $PARTITIONS" >> "$WORK/domain$d.yml"
	done
}

stop_domains() {
	for pid in "${EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}

domain_stats() { # total requests and the highest peak in flight over the domains
	local total=0 peak=0
	for port in "${PORTS[@]}"; do
		local stats
		stats=$(curl -s "http://localhost:$port/__emulator/stats")
		total=$((total + $(jq '.totalRequests' <<< "$stats")))
		peak=$(( $(jq '.peakInFlight' <<< "$stats") > peak ? $(jq '.peakInFlight' <<< "$stats") : peak ))
	done
	echo "$total $peak"
}

jobs_args() { for d in $(seq 1 "$DOMAINS"); do printf -- '--job %s ' "$WORK/domain$d.yml"; done; }

run() { # NAME WORKERS: one measured run; WORKERS 0 = one process
	local name=$1 workers=$2 db="run_$1"
	psql_admin -c "CREATE DATABASE $db OWNER kam_test"
	local url="jdbc:postgresql://localhost:$PG_PORT/$db"
	start_domains
	local broker="tcp://127.0.0.1:$(free_port)" worker_pids=() started ended exit=0
	started=$(date +%s%N)
	if [ "$workers" = 0 ]; then
		# shellcheck disable=SC2046
		java -Xmx"$HEAP" -jar "$JAR" migrate $(jobs_args) --database "$url" --reports-dir "$WORK/reports-$name" \
			> "$WORK/$name.log" 2>&1 || exit=$?
	else
		for w in $(seq 1 "$workers"); do
			java -Xmx"$HEAP" -Dkam.chunk-size="$CHUNK" -Dspring.artemis.broker-url="$broker" -jar "$JAR" \
				migrate --role worker --database "$url" > "$WORK/$name-worker-$w.log" 2>&1 &
			worker_pids+=($!)
			PIDS+=($!)
		done
		# shellcheck disable=SC2046
		java -Xmx"$HEAP" -Dkam.remote.embedded-broker-url="$broker" -Dkam.remote.poll-interval=500ms -jar "$JAR" \
			migrate $(jobs_args) --database "$url" --role manager --embedded-broker \
			--reports-dir "$WORK/reports-$name" > "$WORK/$name.log" 2>&1 || exit=$?
	fi
	ended=$(date +%s%N)
	for pid in "${worker_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
	read -r requests peak <<< "$(domain_stats)"
	local verified=true
	for d in $(seq 1 "$DOMAINS"); do
		java -jar "$JAR" verify --job "$WORK/domain$d.yml" --database "$url" >> "$WORK/$name-verify.log" 2>&1 \
			|| verified=false
	done
	stop_domains
	local files=$((RECORDS * 3 * DOMAINS))
	jq -nc --arg name "$name" --argjson workers "$workers" --argjson exit "$exit" --argjson files "$files" \
		--argjson wall "$(echo "scale=3; ($ended - $started) / 1000000000" | bc)" \
		--argjson requests "$requests" --argjson peak "$peak" --argjson verified "$verified" \
		--argjson load "$(cut -d' ' -f1 /proc/loadavg)" \
		'{name: $name, workers: $workers, exit: $exit, files: $files, wallSeconds: $wall,
		  filesPerSecond: (($files / $wall) * 100 | round / 100), requests: $requests,
		  requestsPerFile: (($requests / $files) * 100 | round / 100), peakInFlightPerDomain: $peak,
		  verified: $verified, loadAverage: $load}' | tee -a "$OUT"
}

run local 0
for w in $WORKERS; do
	run "workers$w" "$w"
done

echo
echo "| run | workers | files | wall s | files/s | requests | requests/file | peak in flight per domain | verified | load avg |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"
jq -r '"| \(.name) | \(.workers) | \(.files) | \(.wallSeconds) | \(.filesPerSecond) | \(.requests) | \(.requestsPerFile) | \(.peakInFlightPerDomain) | \(.verified) | \(.loadAverage) |"' "$OUT"

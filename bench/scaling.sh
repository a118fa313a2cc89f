#!/usr/bin/env bash
# Scaling curves: the bench command over data sets x1, x4, x16 and concurrency 1, 4, 8, 16, at the
# same latency. Prints one JSON line per run (kept in $OUT) and a Markdown table at the end.
# Needs the jar (./mvnw package) and jq. Not run in CI.
#   BASE_RECORDS (15)  records of the x1 data set; 3 files each
#   MIN_SIZE/MAX_SIZE  file sizes (10 KB..500 KB: small enough for a shared 2-core machine)
#   LATENCY_MS (50)    emulated latency
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/kintone-attachment-migrator.jar}
BASE_RECORDS=${BASE_RECORDS:-15}
MIN_SIZE=${MIN_SIZE:-10240}
MAX_SIZE=${MAX_SIZE:-512000}
LATENCY_MS=${LATENCY_MS:-50}
OUT=${OUT:-$(mktemp /tmp/bench-scaling-XXXX.jsonl)}
for factor in 1 4 16; do
	for concurrency in 1 4 8 16; do
		java -jar "$JAR" bench --records $((BASE_RECORDS * factor)) --files-per-record 3 \
			--min-size "$MIN_SIZE" --max-size "$MAX_SIZE" --latency-ms "$LATENCY_MS" \
			--concurrency "$concurrency" --seed 1 2>/dev/null | grep '^{' | jq -c ". + {factor: $factor}" | tee -a "$OUT"
	done
done
echo
echo "| data set | files | MB | concurrency | wall s | active s | files/s (active) | MB/s (active) | requests/file | bound files/s | efficiency | mean in flight | load avg |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
jq -r '"| x\(.factor) | \(.files) | \(.bytes/1e6*10|round/10) | \(.concurrency) | \(.wallSeconds) | \(.activeSeconds) | \(.activeFilesPerSecond) | \(.activeMbPerSecond) | \(.requestsPerAttachment) | \(.boundFilesPerSecond) | \(.efficiency) | \(.meanInFlight) | \(.loadAverage) |"' "$OUT"

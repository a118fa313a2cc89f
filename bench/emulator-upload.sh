#!/usr/bin/env bash
# The emulator's CPU per MB of uploads: COUNT uploads of one SIZE-byte file (curl, one at a time)
# to a fresh standalone emulator; the emulator's CPU seconds (/proc) before and after, divided by
# the bytes. Each upload is checked to have been answered with a file key. Not run in CI.
#   SIZE (100 MiB), COUNT (10), PORT (18185)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
SIZE=${SIZE:-104857600}
COUNT=${COUNT:-10}
PORT=${PORT:-18185}
WORK=$(mktemp -d /tmp/bench-upload-XXXX)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
java -jar "$JAR" bench --write-files "$WORK" --base-url "http://localhost:$PORT" --records 1 --files-per-record 1 \
	--min-size 1024 --max-size 1024 > /dev/null
head -c "$SIZE" /dev/urandom > "$WORK/upload.bin"
start_emulator "$PORT" "$WORK/seed.yml"
# one upload first, so the JIT has compiled the upload path before the counting starts
curl -s -H "X-Cybozu-API-Token: bench-target-token" -F "file=@$WORK/upload.bin" \
	"http://localhost:$PORT/k/v1/file.json" > /dev/null
before=$(emulator_cpu_seconds)
start=$(date +%s%N)
for i in $(seq "$COUNT"); do
	curl -s -H "X-Cybozu-API-Token: bench-target-token" -F "file=@$WORK/upload.bin;filename=upload-$i.bin" \
		"http://localhost:$PORT/k/v1/file.json" | grep -q fileKey || { echo "upload $i failed" >&2; exit 1; }
done
wall=$(echo "scale=2; ($(date +%s%N) - $start) / 1000000000" | bc)
after=$(emulator_cpu_seconds)
echo "$COUNT uploads of $SIZE bytes in $wall s: emulator $(echo "scale=2; ($after - $before) * 1000000000 / ($COUNT * $SIZE)" | bc) ms/MB of CPU (load $(cut -d' ' -f1 /proc/loadavg))"

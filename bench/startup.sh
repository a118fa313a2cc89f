#!/usr/bin/env bash
# Start-up cost: wall and CPU seconds from process start to the first kintone request, for
# `migrate`, `plan` and the demo, and to the end of the process for `status` (which sends no
# kintone request: it reads the database only). Each command runs RUNS times; the script prints
# every run and the medians as a Markdown table. Not run in CI.
#
# How the first request is seen: the standalone emulator holds every request LATENCY_MS (1000)
# before answering, and the script polls its /__emulator/stats every 20 ms; as soon as a request
# is in flight (or done) it reads the command's CPU seconds (utime + stime of the process and
# its waited-for children, /proc/PID/stat) and the wall time since it launched the command, then
# kills the command. While the request is held the command waits, so the reading is the cost of
# getting there. The demo serves its own emulator in the same JVM: the script finds its port with ss and
# polls that one (no latency there, so the demo may have done a few ms
# more when it is caught).
#   RUN ("java -jar $JAR"): how to start the application, e.g. RUN=target/kintone-attachment-migrator
#       (the launcher) or RUN="java -XX:TieredStopAtLevel=1 -jar target/kintone-attachment-migrator.jar"
#   RUNS (5), RECORDS (20; the data set of the status run), LATENCY_MS (1000), PORT (18183)
#   COMMANDS ("migrate plan status demo")
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAR=$(readlink -f "$JAR")
RUN=${RUN:-java -jar $JAR}
RUNS=${RUNS:-5}
RECORDS=${RECORDS:-20}
LATENCY_MS=${LATENCY_MS:-1000}
PORT=${PORT:-18183}
COMMANDS=${COMMANDS:-migrate plan status demo}
BASE=http://localhost:$PORT
HZ=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/bench-startup-XXXX)
PROBE_PID=
trap '[ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null; stop_emulator; rm -rf "$WORK"' EXIT

now() { date +%s%N; }

cpu_of() { # PID: utime + stime + cutime + cstime in seconds
	awk -v hz="$HZ" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13 + $14 + $15) / hz}' "/proc/$1/stat"
}

requests_seen() { # PORT: requests the emulator on PORT has answered or holds; fails while it is busy
	local stats
	stats=$(curl -s --max-time 1 "http://localhost:$1/__emulator/stats" 2>/dev/null) || return 1
	jq '.totalRequests + .inFlight' <<< "$stats" 2>/dev/null
}

idle_requests() { # PORT: waits until the emulator holds no request (the last probe's), prints its total
	local stats
	until stats=$(curl -s --max-time 1 "http://localhost:$1/__emulator/stats") && [ "$(jq .inFlight <<< "$stats")" -eq 0 ]; do
		sleep 0.1
	done
	jq .totalRequests <<< "$stats"
}

# probe NAME LOG PORT|demo COMMAND...: runs the command until its first kintone request; appends
# "NAME wall cpu load" to $WORK/results.
probe() {
	local name=$1 log=$2 port=$3
	shift 3
	local load start cpu wall before=0 seen
	[ "$port" = demo ] || before=$(idle_requests "$port")
	load=$(cut -d' ' -f1 /proc/loadavg)
	start=$(now)
	(cd "$WORK" && exec "$@") > "$log" 2>&1 &
	PROBE_PID=$!
	if [ "$port" = demo ]; then # the port its emulator listens on (its output may still be buffered)
		until port=$(ss -ltnpH 2>/dev/null | grep "pid=$PROBE_PID," | awk '{print $4}' | sed 's/.*://' | head -1) \
			&& [ -n "$port" ]; do
			kill -0 "$PROBE_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
			sleep 0.02
		done
	fi
	until seen=$(requests_seen "$port") && [ "$seen" -gt "$before" ]; do
		kill -0 "$PROBE_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
		sleep 0.02
	done
	cpu=$(cpu_of "$PROBE_PID")
	wall=$(echo "scale=3; ($(now) - $start) / 1000000000" | bc)
	kill "$PROBE_PID" 2>/dev/null || true
	wait "$PROBE_PID" 2>/dev/null || true
	PROBE_PID=
	echo "$name $wall $cpu $load" | tee -a "$WORK/results"
}

# whole NAME LOG COMMAND...: wall and CPU of a whole run (for status), from /usr/bin/time -v.
whole() {
	local name=$1 log=$2 load
	shift 2
	load=$(cut -d' ' -f1 /proc/loadavg)
	(cd "$WORK" && exec /usr/bin/time -v -o "$log.time" "$@") > "$log" 2>&1 || { cat "$log" >&2; return 1; }
	echo "$name $(wall_seconds "$log.time") $(cpu_seconds "$log.time") $load" | tee -a "$WORK/results"
}

java -jar "$JAR" bench --write-files "$WORK" --base-url "$BASE" --records "$RECORDS" --files-per-record 1 \
	--min-size 1024 --max-size 4096 --concurrency 4 > /dev/null
echo "application: $RUN"

if [[ " $COMMANDS " == *" status "* ]]; then
	# a database with one completed run, for status to report on
	start_emulator "$PORT" "$WORK/seed.yml"
	(cd "$WORK" && $RUN migrate --job "$WORK/job.yml" --database "jdbc:h2:file:$WORK/status-db/kam") > "$WORK/status-setup.log" 2>&1 \
		|| { cat "$WORK/status-setup.log"; exit 1; }
	stop_emulator
fi
start_emulator "$PORT" "$WORK/seed.yml" --latency-ms "$LATENCY_MS"
for i in $(seq "$RUNS"); do
	for command in $COMMANDS; do
		case $command in
			migrate) probe migrate "$WORK/migrate.log" "$PORT" $RUN migrate --job "$WORK/job.yml" \
				--database "jdbc:h2:file:$WORK/db-$i/kam" ;;
			plan) probe plan "$WORK/plan.log" "$PORT" $RUN plan --job "$WORK/job.yml" ;;
			status) whole status "$WORK/status.log" $RUN status --job "$WORK/job.yml" \
				--database "jdbc:h2:file:$WORK/status-db/kam" ;;
			demo) probe demo "$WORK/demo.log" demo $RUN ;;
		esac
	done
done

echo
echo "| command | runs | wall s (median) | CPU s (median) | wall s (all) | CPU s (all) | load avg before |"
echo "| --- | ---: | ---: | ---: | --- | --- | --- |"
for command in $COMMANDS; do
	awk -v c="$command" '$1 == c' "$WORK/results" | sort -k1,1 > "$WORK/one"
	median() { cut -d' ' -f"$1" "$WORK/one" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
	all() { cut -d' ' -f"$1" "$WORK/one" | paste -sd' '; }
	echo "| $command$([ "$command" = status ] && echo ' (whole run)') | $(wc -l < "$WORK/one") | $(median 2) | $(median 3) | $(all 2) | $(all 3) | $(all 4) |"
done

#!/usr/bin/env bash
# Start-up cost, one command, one table: CPU and wall seconds from process start to the first
# kintone request for `migrate`, `plan` and the demo; the whole run for `status` (it sends no
# kintone request: it reads the database only) and for a small `migrate` (RECORDS x 1 file of
# 1-4 KB, against an emulator without latency, restarted for each run so every run moves the
# same files). Every command runs RUNS times in each way of starting it, the ways taking turns
# so that a change in the machine's load hits them alike; the table gives the medians and every
# run. Not run in CI.
#
#   bench/startup.sh                    # java -jar, the launcher, and the launcher on java 25 if found
#
# CPU seconds are utime + stime of the process and its waited-for children (/proc/PID/stat, or
# /usr/bin/time for whole runs), JIT compiler threads included. On a machine shared with other
# work they are far steadier than wall seconds; wall seconds mean something only on an idle
# machine (the table prints the load average before each run).
#
# How the first request is seen: the standalone emulator holds every request LATENCY_MS (1000)
# before answering, and the script polls its /__emulator/stats every 20 ms; as soon as a request
# is in flight (or done) it reads the command's CPU seconds and the wall time since it launched
# the command, then kills the command. While the request is held the command waits, so the
# reading is the cost of getting there. The demo serves its own emulator in the same JVM: the
# script finds its port with ss and polls that one (no latency there, so the demo may have done
# a few ms more when it is caught).
#
#   RUN: one way of starting the application instead of the default ways, e.g.
#       RUN="java -XX:TieredStopAtLevel=1 -jar target/kintone-attachment-migrator.jar"
#   JAVA25 (the first /usr/lib/jvm/*25* found; "none" for none): a JDK 25 for the third way, the
#       launcher with JAVA_HOME=$JAVA25 (it uses target/app/cds/<version>.aot when the build made
#       one: ./mvnw package -Dkam.aot.java=$JAVA25)
#   RUNS (5), RECORDS (20), LATENCY_MS (1000), PORT (18183; PORT+1 for the small migrate)
#   COMMANDS ("migrate plan status demo small-migrate")
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
JAR=$(readlink -f "$JAR")
LAUNCHER=$(readlink -f target/kintone-attachment-migrator)
RUNS=${RUNS:-5}
RECORDS=${RECORDS:-20}
LATENCY_MS=${LATENCY_MS:-1000}
PORT=${PORT:-18183}
FAST_PORT=$((PORT + 1))
COMMANDS=${COMMANDS:-migrate plan status demo small-migrate}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/*25* 2> /dev/null | head -1)}
HZ=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/bench-startup-XXXX)
PROBE_PID=
trap '[ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null; stop_emulator; rm -rf "$WORK"' EXIT

# the ways of starting the application: NAMES[i] started by WAYS[i]
NAMES=()
WAYS=()
if [ -n "${RUN:-}" ]; then
	NAMES+=("$RUN")
	WAYS+=("$RUN")
else
	NAMES+=("java -jar")
	WAYS+=("java -jar $JAR")
	[ -x "$LAUNCHER" ] && NAMES+=("launcher, java $(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)") \
		&& WAYS+=("$LAUNCHER")
	if [ -n "$JAVA25" ] && [ "$JAVA25" != none ] && [ -x "$LAUNCHER" ]; then
		version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$JAVA25/release")
		cache=$(ls target/app/cds/"$version".aot 2> /dev/null || true)
		NAMES+=("launcher, java $version$([ -n "$cache" ] && echo ', AOT cache' || echo ', no AOT cache')")
		WAYS+=("env JAVA_HOME=$JAVA25 $LAUNCHER")
	fi
fi

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

record() { # WAY COMMAND WALL CPU LOAD
	printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$WORK/results"
	printf '%-32s %-14s wall %7s s  CPU %6s s  load %s\n' "${NAMES[$1]}" "$2" "$3" "$4" "$5" >&2
}

# probe WAY NAME LOG PORT|demo COMMAND...: runs the command until its first kintone request
probe() {
	local way=$1 name=$2 log=$3 port=$4
	shift 4
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
	record "$way" "$name" "$wall" "$cpu" "$load"
}

# whole WAY NAME LOG COMMAND...: wall and CPU of a whole run, from /usr/bin/time -v
whole() {
	local way=$1 name=$2 log=$3 load
	shift 3
	load=$(cut -d' ' -f1 /proc/loadavg)
	(cd "$WORK" && exec /usr/bin/time -v -o "$log.time" "$@") > "$log" 2>&1 || { cat "$log" >&2; return 1; }
	record "$way" "$name" "$(wall_seconds "$log.time")" "$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log.time")" "$load"
}

has() { [[ " $COMMANDS " == *" $1 "* ]]; }

java -jar "$JAR" bench --write-files "$WORK" --base-url "http://localhost:$PORT" --records "$RECORDS" \
	--files-per-record 1 --min-size 1024 --max-size 4096 --concurrency 4 > /dev/null
java -jar "$JAR" bench --write-files "$WORK/fast" --base-url "http://localhost:$FAST_PORT" --records "$RECORDS" \
	--files-per-record 1 --min-size 1024 --max-size 4096 --concurrency 4 > /dev/null
first_load=$(cut -d' ' -f1 /proc/loadavg)

if has small-migrate; then
	for i in $(seq "$RUNS"); do
		for way in "${!WAYS[@]}"; do
			start_emulator "$FAST_PORT" "$WORK/fast/seed.yml"
			whole "$way" small-migrate "$WORK/small.log" ${WAYS[$way]} migrate --job "$WORK/fast/job.yml" \
				--database "jdbc:h2:file:$WORK/small-$i-$way/kam"
			stop_emulator
		done
	done
fi
if has status; then
	# a database with one completed run, for status to report on
	start_emulator "$FAST_PORT" "$WORK/fast/seed.yml"
	(cd "$WORK" && java -jar "$JAR" migrate --job "$WORK/fast/job.yml" --database "jdbc:h2:file:$WORK/status-db/kam") \
		> "$WORK/status-setup.log" 2>&1 || { cat "$WORK/status-setup.log"; exit 1; }
	stop_emulator
fi
start_emulator "$PORT" "$WORK/seed.yml" --latency-ms "$LATENCY_MS"
for i in $(seq "$RUNS"); do
	for command in $COMMANDS; do
		for way in "${!WAYS[@]}"; do
			# shellcheck disable=SC2086 # a way is words
			case $command in
				migrate) probe "$way" migrate "$WORK/migrate.log" "$PORT" ${WAYS[$way]} migrate --job "$WORK/job.yml" \
					--database "jdbc:h2:file:$WORK/db-$i-$way/kam" ;;
				plan) probe "$way" plan "$WORK/plan.log" "$PORT" ${WAYS[$way]} plan --job "$WORK/job.yml" ;;
				status) whole "$way" status "$WORK/status.log" ${WAYS[$way]} status --job "$WORK/job.yml" \
					--database "jdbc:h2:file:$WORK/status-db/kam" ;;
				demo) probe "$way" demo "$WORK/demo.log" demo ${WAYS[$way]} ;;
			esac
		done
	done
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo
echo "Start-up, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $first_load at the start and" \
	"$(cut -d' ' -f1 /proc/loadavg) at the end; medians of $RUNS runs. Wall seconds mean something only on an idle machine."
echo
echo "| command | how it starts | CPU s (median) | wall s (median) | CPU s (every run) | wall s (every run) | load avg before each |"
echo "| --- | --- | ---: | ---: | --- | --- | --- |"
for command in migrate plan status demo small-migrate; do
	has "$command" || continue
	case $command in
		migrate | plan | demo) label="\`$command\` to the first request" ;;
		status) label="\`status\` (whole run)" ;;
		small-migrate) label="\`migrate\`, $RECORDS files of 1-4 KB (whole run)" ;;
	esac
	for way in "${!WAYS[@]}"; do
		awk -F'\t' -v w="$way" -v c="$command" '$1 == w && $2 == c' "$WORK/results" > "$WORK/one"
		[ -s "$WORK/one" ] || continue
		echo "| $label | ${NAMES[$way]} | $(cut -f4 "$WORK/one" | median) | $(cut -f3 "$WORK/one" | median) |" \
			"$(cut -f4 "$WORK/one" | paste -sd' ') | $(cut -f3 "$WORK/one" | paste -sd' ') | $(cut -f5 "$WORK/one" | paste -sd' ') |"
	done
done

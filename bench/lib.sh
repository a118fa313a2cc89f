# Helpers shared by the bench scripts (sourced, not run).
JAR=${JAR:-target/kintone-attachment-migrator.jar}

# start_emulator PORT SEED [emulator options...]: serves the standalone emulator in the background,
# sets EMULATOR_PID and waits until it prints its apps.
start_emulator() {
	local port=$1 seed=$2
	shift 2
	EMULATOR_LOG=$(mktemp /tmp/bench-emulator-XXXX.log)
	java -jar "$JAR" emulator --port "$port" --seed "$seed" "$@" > "$EMULATOR_LOG" 2>&1 &
	EMULATOR_PID=$!
	until grep -q '"app":2' "$EMULATOR_LOG" 2>/dev/null; do
		kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$EMULATOR_LOG" >&2; return 1; }
		sleep 0.2
	done
}

emulator_cpu_seconds() { # user + system CPU seconds the running standalone emulator has used so far
	awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / hz}' "/proc/$EMULATOR_PID/stat"
}

cpu_seconds() { # from a /usr/bin/time -v report: user + system
	awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"
}

stop_emulator() {
	if [ -n "${EMULATOR_PID:-}" ]; then
		kill "$EMULATOR_PID" 2>/dev/null || true
		wait "$EMULATOR_PID" 2>/dev/null || true
		EMULATOR_PID=
	fi
}

# timed LOG command...: runs the command under /usr/bin/time -v (its report goes to LOG).
timed() {
	local log=$1
	shift
	/usr/bin/time -v -o "$log" "$@"
}

wall_seconds() { # from a /usr/bin/time -v report: h:mm:ss or m:ss.cc
	awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"
}

max_rss_kb() {
	awk -F': ' '/Maximum resident set size/ {print $2}' "$1"
}

requests() { # total requests the emulator on PORT has answered
	curl -s "http://localhost:$1/__emulator/stats" | jq '.totalRequests'
}

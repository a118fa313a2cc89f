#!/usr/bin/env bash
# Runs the official kintone CLI's record scenarios (ported from kintone/cli-kintone, MIT; see features/)
# against our emulator: installs @kintone/cli and cucumber-js at the versions pinned in package-lock.json
# into node_modules/ here, starts `emulator --seed seed.yml` on a free localhost port, writes
# .e2e-credentials.json from the seed, runs the scenarios and exits non-zero if any step fails or is
# undefined. Needs target/kintone-attachment-migrator.jar (./mvnw -B -q package -DskipTests), java, node 20+
# and npm. Arguments go to cucumber-js, e.g. `run.sh --tags @attachments`. See docs/emulator.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/target/kintone-attachment-migrator.jar"
if [[ ! -f "$jar" ]]; then
	echo "run.sh: $jar is missing; build it first with ./mvnw -B -q package -DskipTests" >&2
	exit 2
fi
for tool in java node npm; do
	if ! command -v "$tool" >/dev/null; then
		echo "run.sh: '$tool' is not on the PATH; install it (node 20 or later) and run again" >&2
		exit 2
	fi
done
cd "$here"
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.package-lock.json.source; then
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	cp package-lock.json node_modules/.package-lock.json.source
fi

work="$(mktemp -d)"
emulator_pid=""
stop() {
	if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
		kill "$emulator_pid"
		wait "$emulator_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap stop EXIT

# --port 0: the emulator binds a free localhost port itself and prints its base URL as the first line
java -jar "$jar" emulator --port 0 --seed seed.yml --data-dir "$work/data" >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
base_url=""
for _ in $(seq 1 240); do
	base_url="$(grep -s -m1 '^http://localhost:[0-9]*$' "$work/emulator.out" || true)"
	[[ -n "$base_url" ]] && break
	if ! kill -0 "$emulator_pid" 2>/dev/null; then
		echo "run.sh: the emulator did not start:" >&2
		cat "$work/emulator.err" >&2
		exit 1
	fi
	sleep 0.25
done
if [[ -z "$base_url" ]]; then
	echo "run.sh: the emulator printed no base URL within 60 seconds" >&2
	exit 1
fi
echo "emulator: $base_url (pid $emulator_pid)"

node write-credentials.js seed.yml >.e2e-credentials.json
status=0
TEST_KINTONE_BASE_URL="$base_url" E2E_WORK_DIR="$work" node_modules/.bin/cucumber-js features \
	--require 'features/**/*.js' --strict --format progress "$@" || status=$?
if [[ $status -ne 0 ]]; then
	echo "run.sh: cucumber-js failed (exit $status); emulator log:" >&2
	tail -n 50 "$work/emulator.err" >&2
fi
exit "$status"

#!/usr/bin/env bash
# Checks the emulator against a client we did not write: the official kintone CLI (@kintone/cli).
# Exports app 1 with its attachments, imports it into app 2 (add) and app 3 (--update-key), exports
# both again and compares the attachment bytes. Not run in CI. Needs the jar (./mvnw package) and
# cli-kintone (npm install @kintone/cli; set CLI_DIR to where it is installed).
# kintone's JavaScript clients refuse plain http to any host but localhost, so use http://localhost.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLI_DIR=${CLI_DIR:-/tmp/kcli}
WORK=$(mktemp -d)
PORT=${PORT:-18080}
BASE=http://localhost:$PORT
cli() { (cd "$CLI_DIR" && npx --no-install cli-kintone "$@" 2> >(grep -v nodedir >&2)); }

java -jar target/kintone-attachment-migrator.jar emulator --port "$PORT" \
	--seed docs/cli-kintone-check/seed.yml > "$WORK/emulator.out" &
EMULATOR=$!
trap 'kill $EMULATOR; rm -rf "$WORK"' EXIT
until grep -q '"app":3' "$WORK/emulator.out" 2>/dev/null; do sleep 0.2; done
cat "$WORK/emulator.out"

cli record export --base-url "$BASE" --api-token cli-source-token --app 1 --attachments-dir "$WORK/x" > "$WORK/out.csv"
cli record import --base-url "$BASE" --api-token cli-add-token --app 2 --attachments-dir "$WORK/x" --file-path "$WORK/out.csv"
cli record import --base-url "$BASE" --api-token cli-update-token --app 3 --attachments-dir "$WORK/x" \
	--file-path "$WORK/out.csv" --update-key legacy_id
cli record export --base-url "$BASE" --api-token cli-add-token --app 2 --attachments-dir "$WORK/y" > "$WORK/out2.csv"
cli record export --base-url "$BASE" --api-token cli-update-token --app 3 --attachments-dir "$WORK/z" > "$WORK/out3.csv"

diff -r "$WORK/x" "$WORK/y" && echo "app 2: every attachment arrived with identical bytes and paths"
hashes() { (cd "$1" && find . -type f -exec sha256sum {} + | awk '{print $1}' | sort); }
diff <(hashes "$WORK/x") <(hashes "$WORK/z") && echo "app 3: the same attachment contents after --update-key"
echo "files: $(find "$WORK/x" -type f | wc -l), bytes: $(du -sb "$WORK/x" | cut -f1)"
curl -s "$BASE/__emulator/stats"

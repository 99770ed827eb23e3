#!/usr/bin/env bash
# Runs the end-to-end tests: the real app (target/debug/tend-app), under its own Xvfb display,
# driven through tauri-driver + WebKitWebDriver. Screenshots land in target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

out=target/e2e
mkdir -p "$out"
rm -f "$out"/*.png

for tool in Xvfb tauri-driver WebKitWebDriver; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run scripts/setup.sh --test" >&2; exit 1; }
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true # tauri-driver's WebKitWebDriver
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# A display of our own, whatever the desktop has: same size every run, nothing pops up.
display=""
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "e2e: no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 2560x1440x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"

# A cache, a local-share and a temporary folder of the run's own: the encryption test looks in
# them (and in the journal) for any plaintext the app or WebKit left behind.
scratch=$(mktemp -d)
mkdir -p "$scratch/cache" "$scratch/share" "$scratch/tmp"
export XDG_CACHE_HOME="$scratch/cache" XDG_DATA_HOME="$scratch/share" TMPDIR="$scratch/tmp"
trap 'cleanup; rm -rf "$scratch"' EXIT

# No file manager opens during the tests: "Open this folder" reaches this stand-in for
# xdg-open, which notes what it was asked to open (the settings test reads it).
mkdir -p "$scratch/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"$TEND_E2E_OPENED"\n' >"$scratch/bin/xdg-open"
chmod +x "$scratch/bin/xdg-open"
rm -f "$out/opened.log"
export PATH="$scratch/bin:$PATH" TEND_E2E_OPENED="$PWD/$out/opened.log"

port=${TEND_E2E_PORT:-4444}
tauri-driver --port "$port" --native-port $((port + 1)) >"$out/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
export TEND_E2E_DRIVER="http://127.0.0.1:$port"

# One session at a time: the app and WebKitWebDriver are not shared between tests.
cargo test -p tend-e2e ${E2E_FILTER:+--test $E2E_FILTER} -- --test-threads=1 ${E2E_TEST:-}
echo "Screenshots: $(ls "$out"/*.png | wc -l) in $out/"

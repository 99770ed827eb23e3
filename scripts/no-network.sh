#!/usr/bin/env bash
# Proves that Tend opens no network socket: runs the real app (target/debug/tend-app) on its own
# Xvfb display and an empty data dir under `strace -f -e trace=network`, lets the window load,
# ends it, and fails on any socket() whose domain is not local.
#
# Allowed domains:
#   AF_UNIX     the X server, D-Bus, and WebKit's own processes talking to each other.
#   AF_NETLINK  kernel messages on this machine only (GLib's network monitor asks the kernel
#               about routes with NETLINK_ROUTE, udev listens for devices with
#               NETLINK_KOBJECT_UEVENT). A netlink socket cannot address another computer, so it
#               is no network connection; it is allowed, and its lines are shown for the record.
# Anything else fails: AF_INET, AF_INET6, AF_PACKET, a number strace could not name.
#
# The checker checks itself first: the script runs itself on a program that opens a TCP socket
# and must see itself fail, so a checker that stopped seeing sockets cannot pass.
#   TEND_NO_NETWORK_PROGRAM='python3 -c "import socket; socket.socket()"' scripts/no-network.sh
# traces that program instead of the app (it must fail).
set -euo pipefail
cd "$(dirname "$0")/.."
script="$PWD/scripts/no-network.sh"

APP=${CARGO_TARGET_DIR:-target}/debug/tend-app
SECONDS_TO_RUN=${TEND_NO_NETWORK_SECONDS:-8}
program=${TEND_NO_NETWORK_PROGRAM:-}

say() { echo "no-network: $*"; }
die() { echo "no-network: $*" >&2; exit 1; }

for tool in Xvfb strace xdotool; do
  command -v "$tool" >/dev/null || die "$tool is missing; run scripts/setup.sh --test"
done
[ -n "$program" ] || [ -x "$APP" ] || die "$APP is missing; build it first (make app)"

work=$(mktemp -d)
xvfb_pid=""
group=""
cleanup() {
  [ -n "$group" ] && kill -KILL -- "-$group" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The self-check, before the real run: the whole script, tracing a program that opens a TCP
# socket (bash's /dev/tcp: no other tool needed), must fail and name the AF_INET socket.
if [ -z "$program" ]; then
  say "self-check: a program that opens a TCP socket must fail this test"
  if out=$(TEND_NO_NETWORK_PROGRAM="bash -c 'exec 3<>/dev/tcp/127.0.0.1/9 || true'" "$script" 2>&1); then
    echo "$out" | sed 's/^/  | /'
    die "the self-check passed a program that opened a TCP socket: the checker is broken"
  fi
  echo "$out" | grep -q 'socket(AF_INET' ||
    die "the self-check failed, but not on its AF_INET socket: $out"
  say "self-check: failed as it should, on $(echo "$out" | grep -c 'socket(AF_INET') AF_INET socket(s)"
fi

# A display of our own (as in scripts/e2e.sh): same size every run, nothing pops up.
display=""
for n in $(seq 150 200); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || die "no free X display number"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X${display#:}" ] || die "Xvfb did not start on $display: $(cat "$work/xvfb.log")"
export DISPLAY="$display"
# Caches and settings WebKit writes go to the temporary folder, not the user's home.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/share"
mkdir -p "$work/data" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"

log="$work/strace.log"
if [ -n "$program" ]; then
  command=(bash -c "exec $program")
else
  command=("$APP" --data-dir "$work/data")
fi
# setsid: strace, the app and WebKit's processes in one process group of their own, ended together.
# --seccomp-bpf stops the processes only at network calls, so the app loads at its usual pace.
setsid strace -f --seccomp-bpf -e trace=network -o "$log" -- "${command[@]}" >"$work/app.log" 2>&1 &
group=$!

# Every process below `pid`, found through /proc (WebKit's children included).
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

window=""
webkit=""
started=$(date +%s%N)
ms() { echo $((($(date +%s%N) - started) / 1000000)); }
while [ "$(ms)" -lt $((SECONDS_TO_RUN * 1000)) ]; do
  kill -0 "$group" 2>/dev/null || break # the program ended by itself
  if [ -z "$program" ] && [ -z "$window" ]; then
    window=$(xdotool search --name '^Tend$' 2>/dev/null | head -n1 || true)
    [ -z "$window" ] || say "the window is up after $(ms) ms"
  fi
  if [ -z "$webkit" ]; then
    for pid in $(descendants "$group"); do
      case "$(cat "/proc/$pid/comm" 2>/dev/null)" in WebKitWebProces*) webkit=$pid ;; esac
    done
  fi
  sleep 0.1
done
still_running=false
kill -0 "$group" 2>/dev/null && still_running=true

# End it: SIGTERM to the app and its children (strace then exits, its log complete), then
# SIGKILL to the whole process group and to any child that left it.
pids=$(descendants "$group")
[ -n "$pids" ] && kill -TERM $pids 2>/dev/null || true
for _ in $(seq 30); do kill -0 "$group" 2>/dev/null || break; sleep 0.1; done
kill -KILL -- "-$group" $pids 2>/dev/null || true
wait "$group" 2>/dev/null || true
group=""
say "ended $(ms) ms after launch, $(grep -c 'killed by SIGKILL' "$log" || true) process(es) needed SIGKILL"

[ -s "$log" ] || die "strace wrote nothing: the program did not start ($(tail -n5 "$work/app.log"))"
if [ -z "$program" ]; then
  $still_running || die "the app ended within ${SECONDS_TO_RUN}s instead of running: $(tail -n20 "$work/app.log")"
  [ -n "$window" ] || die "no window titled Tend appeared within ${SECONDS_TO_RUN}s: $(tail -n20 "$work/app.log")"
  [ -n "$webkit" ] || die "no WebKitWebProcess started: the page was never loaded"
  grep -q 'socket(AF_UNIX' "$log" || die "no AF_UNIX socket traced (not even the X connection): was strace following the app?"
fi

# The trace is kept for a look, beside the app it traced.
kept="${CARGO_TARGET_DIR:-target}/no-network"
mkdir -p "$kept"
cp "$log" "$kept/${program:+self-check-}strace.log"

processes=$(awk '{print $1}' "$log" | sort -u | wc -l)
sockets=$(grep -c 'socket(' "$log" || true)
say "traced $processes processes and threads, $sockets socket calls"
netlink=$(grep -E '[^a-z_]socket\(AF_NETLINK' "$log" || true)
if [ -n "$netlink" ]; then
  say "allowed, local to this machine (first of each kind):"
  echo "$netlink" | sed -E 's/^[0-9]+ +//; s/ <unfinished \.\.\.>$/)/; s/ = [0-9]+$//' | sort -u | sed 's/^/  /'
fi

# socket(DOMAIN, …) with DOMAIN anything but AF_UNIX and AF_NETLINK. `[^a-z_]` keeps socketpair
# and the like out; `<... socket resumed>` lines carry no domain, their first half does.
offending=$(grep -E '[^a-z_]socket\(' "$log" | grep -vE '[^a-z_]socket\((AF_UNIX|AF_NETLINK),' || true)
if [ -n "$offending" ]; then
  echo "no-network: FAILED: sockets that could reach a network were opened:" >&2
  echo "$offending" | sed 's/^/  /' >&2
  exit 1
fi
say "passed: no socket outside AF_UNIX and AF_NETLINK (trace: $kept/strace.log)"

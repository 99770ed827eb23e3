#!/usr/bin/env python3
"""The app's figures for `make bench`: launch to first non-blank paint, launch to Today
complete, and memory after 5 s idle, for Tend on each corpus and for the bare Tauri window
(the floor), runs interleaved. Prints one JSON object: {name: {"paint": [ms...], "today":
[ms...], "rss": [MiB...], "pss": [MiB...]}}.

Method: on an Xvfb display of its own, start the program, find its window (xdotool), and dump
it (xwd) until its pixels are not all one colour: that is the first paint. Today complete is
the line the app prints when the page tells the core (TEND_BENCH_REPORT). Memory is RSS and
PSS from /proc/<pid>/smaps_rollup, summed over the app and every WebKit process under it.

Usage: app.py RUNS NAME=PROGRAM[:DATA_DIR] ...
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

IDLE_S = 5.0
TIMEOUT_S = 60.0


def start_display():
    """An Xvfb display of our own, once it answers (its socket can appear before the server
    takes connections: under load a program started then failed to open it). `-noreset`: by
    default Xvfb resets itself each time its last client leaves (the probe below, and every
    app the bench ends). The bench failed now and then between runs with "Failed to initialize
    GTK" while Xvfb ran; a start that met a reset is the one cause found, not proven (it did
    not recur in 16 tries by hand either way)."""
    for n in range(150, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            log = tempfile.TemporaryFile()
            xvfb = subprocess.Popen(
                ["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            env = dict(os.environ, DISPLAY=f":{n}")
            for _ in range(200):
                if xvfb.poll() is not None:
                    break
                answered = subprocess.run(
                    ["xdotool", "getdisplaygeometry"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                if answered.returncode == 0:
                    return xvfb, f":{n}", log
                time.sleep(0.05)
            xvfb.kill()
            xvfb.wait()
    sys.exit("bench: no free X display")


def window_of(pid, env):
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        env=env,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[-1] if out else None


def painted(window, env):
    """Whether the window's pixels are not all one colour."""
    dump = subprocess.run(["xwd", "-id", window, "-silent"], env=env, capture_output=True).stdout
    if len(dump) < 100:
        return False
    header = int.from_bytes(dump[0:4], "big")
    ncolors = int.from_bytes(dump[19 * 4 : 20 * 4], "big")
    bpp = int.from_bytes(dump[11 * 4 : 12 * 4], "big") // 8
    pixels = dump[header + ncolors * 12 :]
    if bpp <= 0 or len(pixels) < bpp:
        return False
    first = pixels[:bpp]
    return pixels.count(first) * bpp != len(pixels)


def tree(pid):
    """The process and every process under it."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def memory(pid):
    rss = pss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    name, value = line.split(":", 1) if ":" in line else (line, "")
                    if name == "Rss":
                        rss += int(value.split()[0])
                    elif name == "Pss":
                        pss += int(value.split()[0])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def one_run(program, data, env):
    args = [program] + (["--data-dir", data] if data else [])
    env = dict(env, TEND_BENCH_REPORT="1")
    launched = time.monotonic()
    errors = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=errors, start_new_session=True
    )
    today = {}

    def read():
        for line in proc.stdout:
            if b"today complete" in line and "at" not in today:
                today["at"] = time.monotonic()

    threading.Thread(target=read, daemon=True).start()
    paint = None
    window = None
    while time.monotonic() - launched < TIMEOUT_S:
        window = window or window_of(proc.pid, env)
        if window and painted(window, env):
            paint = time.monotonic()
            break
        time.sleep(0.005)
    if data:
        while "at" not in today and time.monotonic() - launched < TIMEOUT_S:
            time.sleep(0.01)
    settled = max(paint or launched, today.get("at", launched))
    time.sleep(max(0.0, settled + IDLE_S - time.monotonic()))
    ended = proc.poll()
    rss, pss = memory(proc.pid)
    try:
        # An app that ended early may leave WebKit's processes in its group.
        os.killpg(proc.pid, signal.SIGKILL if ended is not None else signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    time.sleep(0.5)  # WebKit's processes end after the app
    ms = lambda t: None if t is None else round((t - launched) * 1000)
    if ended is not None or paint is None:
        # Not a figure: say why, and let the caller run it again.
        errors.seek(0)
        tail = errors.read().decode(errors="replace")[-2000:]
        print(f"bench: {program} failed (exit {ended}, painted: {paint is not None}): {tail}",
              file=sys.stderr)
        return None
    return {"paint": ms(paint), "today": ms(today.get("at")), "rss": rss, "pss": pss}


def main():
    runs = int(sys.argv[1])
    targets = []
    for arg in sys.argv[2:]:
        name, spec = arg.split("=", 1)
        program, _, data = spec.partition(":")
        targets.append((name, program, data or None))
    for tool in ("Xvfb", "xdotool", "xwd"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing; run scripts/setup.sh --bench")
    xvfb, display, xvfb_log = start_display()
    env = dict(os.environ, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    results = {name: {"paint": [], "today": [], "rss": [], "pss": []} for name, _, _ in targets}
    try:
        # One untimed start each first: the disk cache warm for every program alike.
        for name, program, data in targets:
            one_run(program, data, env)
        for _ in range(runs):
            for name, program, data in targets:
                got = one_run(program, data, env) or one_run(program, data, env)
                if got is None:
                    # Say whether the display itself went, and why, if it said.
                    ended = xvfb.poll()
                    xvfb_log.seek(0)
                    said = xvfb_log.read().decode(errors="replace")[-1500:]
                    sys.exit(
                        f"bench: {name} failed twice in a row (Xvfb {display}: "
                        f"{'running' if ended is None else f'ended, {ended}'}) {said}"
                    )
                for key, value in got.items():
                    if value is not None:
                        results[name][key].append(value)
    finally:
        # SIGTERM, not SIGKILL: Xvfb then removes its socket and lock, which a later run would
        # otherwise step around (they had piled up to :152).
        xvfb.terminate()
        try:
            xvfb.wait(timeout=5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
    print(json.dumps(results))


if __name__ == "__main__":
    main()

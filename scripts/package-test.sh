#!/usr/bin/env bash
# make package-test (issue 26), as root: installs the .deb with apt-get, uses it as a person
# would (the command line from the PATH, its manual, its completion, the app started from its
# desktop entry's Exec line on a display of its own, with a screenshot of Today), removes it,
# and checks that her journal is byte for byte as it was. The .rpm is installed where rpm can;
# on Debian it cannot (its dependencies are Fedora's names), so its file list and dependencies
# are read instead, and the script says so. Any check that cannot run fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "package-test installs a package: run it as root (CI does)"
deb=$(ls "$PWD"/target/release/bundle/deb/*.deb) || die "no .deb: run make package"
rpm=$(ls "$PWD"/target/release/bundle/rpm/*.rpm) || die "no .rpm: run make package"
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
name=$(dpkg-deb -f "$deb" Package)
out="$PWD/target/package-test"
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
app_pid=""
xvfb_pid=""
cleanup() {
  # A failed run leaves no Tend installed on the machine.
  dpkg -s "$name" >/dev/null 2>&1 && apt-get purge -y -qq "$name" >/dev/null 2>&1 || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A person of her own: a home of the test's (never the machine's real one), and her journal
# where Tend keeps it by default, ~/.local/share/tend, written before the package by the tend
# built from this source (today's format).
home="$work/home"
mkdir -p "$home"
as_her() { env HOME="$home" XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= "$@"; }
journal="$home/.local/share/tend"
echo "Written before Tend was installed as a package." |
  as_her target/release/tend write --date 2026-11-23 >/dev/null
# Her first-run answer given already, so that the app opens on Today.
as_her target/release/tend settings --stance unsure --country GB >/dev/null
[ -d "$journal/entries" ] || die "the journal is not where Tend keeps it by default: $journal"
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
entries_before=$(sums "$journal/entries")

say "Installing $deb"
dpkg -s "$name" >/dev/null 2>&1 && apt-get remove -y -qq "$name" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ "$(command -v tend)" = /usr/bin/tend ] || die "tend is not /usr/bin/tend on the PATH"
[ "$(tend --version)" = "tend $version" ] || die "tend --version says $(tend --version), not $version"
prompt=$(as_her tend prompt)
[ -n "$prompt" ] || die "tend prompt printed nothing"
[ "$(man -w tend)" = /usr/share/man/man1/tend.1.gz ] || die "man -w tend: $(man -w tend)"
man -w tend-write >/dev/null || die "no manual page for tend write"
completed=$(bash -c 'source /usr/share/bash-completion/bash_completion
  source /usr/share/bash-completion/completions/tend
  COMP_WORDS=(tend wr); COMP_CWORD=1; COMP_LINE="tend wr"; COMP_POINT=${#COMP_LINE}
  _tend tend wr tend; printf "%s\n" "${COMPREPLY[@]}"')
[ "$completed" = write ] || die "bash completes 'tend wr' to '$completed', not 'write'"
say "tend $version from the PATH: prompt, man, and 'tend wr<TAB>' → write"

desktop=$(dpkg -L "$name" | grep '^/usr/share/applications/.*\.desktop$')
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
icon=$(sed -n 's/^Icon=//p' "$desktop")
ls /usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null 2>&1 || die "no icon $icon in hicolor"
grep -q '^Categories=Office;' "$desktop" || die "the desktop entry is not in Office"

say "Starting the installed app from its desktop entry ($exec_line) under Xvfb"
display=:97
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
# shellcheck disable=SC2086 # the Exec line is a command and its arguments
# Not through as_her: a function in the background is a subshell, and its pid not the app's.
DISPLAY=$display env HOME="$home" XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_CACHE_HOME= \
  $exec_line >"$out/app.log" 2>&1 &
app_pid=$!
# Today is on the screen when the window's picture holds the prompt's words' colours: wait
# until the screen has many colours (an empty window has a handful), for up to 30 s.
shot="$out/installed-today.png"
for _ in $(seq 60); do
  import -display "$display" -window root "$shot" 2>/dev/null || true
  colours=$(identify -format '%k' "$shot" 2>/dev/null || echo 0)
  [ "$colours" -gt 200 ] && break
  kill -0 "$app_pid" 2>/dev/null || die "the installed app ended: $(cat "$out/app.log")"
  sleep 0.5
done
[ "$colours" -gt 200 ] || die "the installed app showed no page within 30 s (see $shot)"
say "The installed app shows Today: $shot"
class=$(xprop -display "$display" -name Tend WM_CLASS) || die "no window titled Tend on $display"
grep -q '"app.tend.journal"' <<<"$class" || die "the window's class is not the app's id: $class"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""

[ "$(sums "$journal/entries")" = "$entries_before" ] ||
  die "the packaged app changed an entry written before it"
journal_before=$(sums "$journal")

# Today, for certain: the end-to-end test of the daily journal, on the installed app (it writes,
# restarts and finds the entry), in its own journal.
say "The journal's end-to-end test on the installed app"
TEND_APP=/usr/bin/tend-app E2E_FILTER=journal E2E_TEST=an_entry_written_today scripts/e2e.sh \
  >"$out/e2e.log" 2>&1 || die "the end-to-end test failed on the installed app (see $out/e2e.log)"

say "Removing $name (purged)"
apt-get purge -y -qq "$name" >/dev/null
[ ! -e /usr/bin/tend ] || die "/usr/bin/tend is still there after the removal"
journal_after=$(sums "$journal")
[ "$journal_after" = "$journal_before" ] ||
  die "removing the package changed her journal: $(diff <(echo "$journal_before") <(echo "$journal_after"))"
say "Removed; her journal is byte for byte as it was"

say "The .rpm: $rpm"
if rpm -i --test "$rpm" >/dev/null 2>&1; then
  die "rpm could install the .rpm here: extend this test to install it"
fi
echo "   rpm cannot install it on Debian (its dependencies are named for Fedora); reading it:"
files=$(rpm -qlp "$rpm")
requires=$(rpm -qRp "$rpm")
for f in /usr/bin/tend /usr/bin/tend-app /usr/share/man/man1/tend.1.gz \
  /usr/share/bash-completion/completions/tend /usr/share/zsh/site-functions/_tend \
  /usr/share/metainfo/app.tend.journal.metainfo.xml; do
  grep -qx "$f" <<<"$files" || die "the .rpm lacks $f"
done
grep -q "libwebkit2gtk-4.1" <<<"$requires" || die "the .rpm does not require WebKitGTK 4.1: $requires"
say "The .rpm holds the app, tend, its manual, completions and metainfo, and requires WebKitGTK 4.1"

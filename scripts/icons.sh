#!/usr/bin/env bash
# Writes every PNG of Tend's icon that the bundle and the desktop need from its one source,
# assets/icon/tend.svg, with rsvg-convert (Debian's librsvg2-bin; scripts/setup.sh --package
# installs it). Run it after changing the SVG, and commit what it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: scripts/setup.sh --package" >&2; exit 1; }
for size in 32 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" assets/icon/tend.svg -o "src-tauri/icons/${size}x${size}.png"
done
# The window's own icon (tauri.conf.json's first) at 512 pixels.
cp src-tauri/icons/512x512.png src-tauri/icons/icon.png

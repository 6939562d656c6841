#!/usr/bin/env python3
"""Browser test of `brief serve`: edit → reload, break → overlay, fix → recover, Ctrl-C → exit 0.

    python3 Tests/Browser/serve_test.py [path/to/brief]

Copies Content/ and Templates/ into a temp project, runs `brief serve --port 0` there, and drives
headless Chromium against it. Prints `N passed, M failed` last and exits 1 if any check failed.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
OVERLAY_ID = "brief-serve-problems"
WAIT = 5.0  # seconds; the issue asks for a reload within 2 s, reported below


def log(msg=""):
    print(msg, flush=True)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            log("PASS %s%s" % (name, (": " + detail) if detail else ""))
        else:
            self.failed += 1
            log("FAIL %s%s" % (name, (": " + detail) if detail else ""))
        return ok


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    return driver


def wait_for(predicate, timeout=WAIT, step=0.02):
    """Polls `predicate` until it returns a true value; returns (value, seconds) or (None, timeout)."""
    start = time.monotonic()
    while True:
        try:
            value = predicate()
        except Exception:  # the page may be mid-reload
            value = None
        elapsed = time.monotonic() - start
        if value:
            return value, elapsed
        if elapsed > timeout:
            return None, elapsed
        time.sleep(step)


def warns_for_host(brief_bin, project, host):
    """Starts serve on `host` with a free port, waits for its URL, stops it; True if it warned first."""
    proc = subprocess.Popen([brief_bin, "serve", "--host", host, "--port", "0"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        warning = proc.stderr.readline()
        proc.stdout.readline()  # the build line; the URL follows once it listens
        proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return "reachable from your network" in warning and "without authentication" in warning


def pick_brief(content):
    briefs = os.path.join(content, "briefs")
    for name in sorted(os.listdir(briefs)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(briefs, name), encoding="utf-8").read()
        front = text.split("---", 2)[1] if text.startswith("---") else ""
        if not re.search(r"^draft:\s*true", front, re.M):
            return name[:-3]
    raise SystemExit("no brief to test with")


def main(checks):
    brief_bin = os.path.join(REPO, ".build", "debug", "brief")
    if not os.path.exists(brief_bin):
        raise SystemExit("build brief first: swift build --product brief")
    work = tempfile.mkdtemp(prefix="brief-serve-browser-")
    project = os.path.join(work, "project")
    os.makedirs(project)
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(project, "Content"))
    shutil.copytree(os.path.join(REPO, "Templates"), os.path.join(project, "Templates"))
    slug = sys.argv[1] if len(sys.argv) > 1 else pick_brief(os.path.join(project, "Content"))
    md_path = os.path.join(project, "Content", "briefs", slug + ".md")

    server = subprocess.Popen([brief_bin, "serve", "--port", "0"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output = []
    url_holder = {}

    def read(stream, tag):
        for line in stream:
            output.append(tag + line.rstrip("\n"))
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if m and "url" not in url_holder:
                url_holder["url"] = m.group(1)

    threads = [threading.Thread(target=read, args=(server.stdout, ""), daemon=True),
               threading.Thread(target=read, args=(server.stderr, "stderr: "), daemon=True)]
    for t in threads:
        t.start()

    driver = None
    try:
        base, _ = wait_for(lambda: url_holder.get("url") or (server.poll() is not None and "exited"), timeout=120)
        if not checks.check("serve prints its URL", base and base != "exited", repr(base)):
            return
        log("serving at %s (brief: %s)" % (base, slug))
        page_url = base + "briefs/%s/" % slug

        driver = make_driver()
        driver.get(page_url)
        checks.check("the brief opens", "<h1" in driver.page_source.lower(), page_url)
        script_ok = driver.execute_script(
            "return !!document.querySelector('script[src=\"/__brief/live-reload.js\"]')")
        checks.check("served page carries the live-reload script", script_ok)

        # 1. Edit → reload with the new sentence.
        driver.execute_script("window.__briefServeMarker = 1;")
        sentence = "Serve test sentence %s." % uuid.uuid4().hex
        with open(md_path, "a", encoding="utf-8") as f:
            f.write("\n\n" + sentence + "\n")
        seen, took = wait_for(lambda: sentence in driver.find_element("tag name", "body").text)
        reloaded = driver.execute_script("return window.__briefServeMarker === undefined;")
        checks.check("edit → page reloads showing the new sentence", seen and reloaded,
                     "%.2f s from save to the sentence on screen (target < 2 s)" % took)
        checks.check("edit → reload within 2 s", seen and took < 2.0, "%.2f s" % took)

        # 2. Break the front matter → overlay with path:line:col.
        edited = open(md_path, encoding="utf-8").read()
        broken = re.sub(r"^title:.*$", "title: [unclosed", edited, count=1, flags=re.M)
        with open(md_path, "w", encoding="utf-8") as f:
            f.write(broken)
        pattern = re.compile(r"Content/briefs/%s\.md:\d+:\d+: error:" % re.escape(slug))

        def overlay_text():
            els = driver.find_elements("id", OVERLAY_ID)
            if els and els[0].is_displayed() and pattern.search(els[0].text):
                return els[0].text
            return None

        text, took = wait_for(overlay_text)
        checks.check("broken front matter → overlay shows path:line:col", text, "%.2f s; %r" % (
            took, (text or "").splitlines()[1:3]))
        lines = (text or "").splitlines()
        at = next((i for i, line in enumerate(lines) if pattern.search(line)), None)
        source_ok = (at is not None and at + 2 < len(lines) and lines[at + 1] in broken.splitlines()
                     and lines[at + 2].strip() == "^")
        checks.check("overlay shows the source line and a caret", source_ok, repr(lines[at + 1] if source_ok else lines))
        checks.check("overlay has no absolute path", text and work not in text)
        checks.check("the last good page stays on screen", sentence in driver.find_element("tag name", "body").text)

        driver.refresh()
        text, took = wait_for(overlay_text)
        checks.check("a page loaded while broken shows the overlay", text, "%.2f s" % took)

        # 3. Fix it → overlay gone, content back.
        driver.execute_script("window.__briefServeMarker = 1;")
        with open(md_path, "w", encoding="utf-8") as f:
            f.write(edited)

        def recovered():
            if driver.execute_script("return window.__briefServeMarker !== undefined;"):
                return False
            gone = not driver.find_elements("id", OVERLAY_ID)
            return gone and sentence in driver.find_element("tag name", "body").text

        ok, took = wait_for(recovered)
        checks.check("fixing the file → overlay gone and the page shows content", ok, "%.2f s" % took)

        # 4. The command line: a port in use is a clear error; a non-loopback host warns.
        port = re.search(r":(\d+)/", base).group(1)
        second = subprocess.run([brief_bin, "serve", "--port", port], cwd=project,
                                capture_output=True, text=True, timeout=120)
        checks.check("a port in use → exit 1 with a clear message",
                     second.returncode == 1 and "already in use" in second.stderr, second.stderr.strip()[-200:])
        checks.check("serve still answers after that", "<h1" in (driver.get(page_url) or driver.page_source).lower())
        checks.check("non-loopback --host warns (checked without starting)",
                     warns_for_host(brief_bin, project, "0.0.0.0"), "--host 0.0.0.0")
    finally:
        # 5. Ctrl-C (with the page still open on its events stream) → exit 0; nothing written.
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                code = server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                code = "hung"
            checks.check("SIGINT stops serve with exit code 0", code == 0, "exit %s" % code)
        else:
            checks.check("serve was still running at the end", False, "exit %s" % server.returncode)
        if driver is not None:
            driver.quit()
        for t in threads:
            t.join(timeout=2)
        checks.check("serve wrote no Output/ folder", not os.path.exists(os.path.join(project, "Output")))
        if checks.failed:
            log("--- brief serve output ---")
            for line in output[-40:]:
                log("  " + line)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    result = Checks()
    try:
        main(result)
    except Exception as error:  # a crash of the test itself counts as a failure
        import traceback
        traceback.print_exc()
        result.check("the test ran to the end", False, repr(error))
    log("%d passed, %d failed" % (result.passed, result.failed))
    sys.exit(1 if result.failed else 0)

#!/usr/bin/env python3
"""Mutation testing for Brief: plant each mutant of Tests/Mutation/mutants.txt in Sources/, one at a
time, rebuild incrementally, run the Swift tests, restore the file, and report.

A mutant is killed when a test fails, and fails again when run on its own (so a timing-dependent
test failing on a busy machine does not count). Its `tests:` filter runs first and stops at the
first failing test; only when that passes does the whole suite run (`swift test --skip-build`),
so a survivor has really passed every test. A mutant that no longer applies or does not compile
is reported as stale. The last line printed is
`N killed, M survived`; the exit status is 1 when any mutant survived or could not be applied.

Sources are restored after every mutant, on Ctrl-C and on SIGTERM; a copy of the original file
is kept in .build/mutate/ while a mutant is planted, and restored by the next run if this one
was killed outright.

Usage: Tests/Mutation/mutate.py [--list FILE] [--only NAME ...]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STATE = os.path.join(ROOT, ".build", "mutate")
BACKUP = os.path.join(STATE, "original")
BACKUP_PATH = os.path.join(STATE, "original.path")
SWIFT = os.environ.get("SWIFT", "swift")


class Mutant:
    def __init__(self, fields, line):
        self.name = fields.get("name", "")
        self.file = fields.get("file", "")
        self.find = fields.get("find")
        self.replace = fields.get("replace")
        self.tests = fields.get("tests")
        self.line = line
        missing = [k for k in ("name", "file", "find", "replace") if fields.get(k) is None]
        if missing:
            raise SystemExit(f"mutants list, block at line {line}: missing {', '.join(missing)}")


def parse(path):
    mutants, fields, start, last = [], {}, None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, line in enumerate(lines + [""], 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if fields:
                mutants.append(Mutant(fields, start))
            fields, start, last = {}, None, None
            continue
        if line.startswith("+ ") and last:
            fields[last] += "\n" + line[2:]
            continue
        key, sep, value = line.partition(": ")
        if not sep:
            raise SystemExit(f"{path}:{number}: expected 'key: value', got {line!r}")
        if start is None:
            start = number
        fields[key], last = value, key
    names = [m.name for m in mutants]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"{path}: duplicate mutant names: {', '.join(duplicates)}")
    return mutants


def restore_leftover():
    """Puts back a file left mutated by a run that was killed (SIGKILL, power loss)."""
    if os.path.exists(BACKUP) and os.path.exists(BACKUP_PATH):
        with open(BACKUP_PATH, encoding="utf-8") as f:
            target = f.read()
        shutil.copyfile(BACKUP, target)
        print(f"restored {os.path.relpath(target, ROOT)} from an interrupted run")
    for path in (BACKUP, BACKUP_PATH):
        if os.path.exists(path):
            os.remove(path)


class Planted:
    """The mutant's file, mutated for the duration of a `with` block and restored after."""

    def __init__(self, mutant):
        self.mutant = mutant
        self.path = os.path.join(ROOT, mutant.file)

    def __enter__(self):
        with open(self.path, encoding="utf-8") as f:
            self.original = f.read()
        count = self.original.count(self.mutant.find)
        if count != 1:
            raise ValueError(f"'find' occurs {count} times in {self.mutant.file} (must be once): the mutant is stale")
        os.makedirs(STATE, exist_ok=True)
        shutil.copyfile(self.path, BACKUP)
        with open(BACKUP_PATH, "w", encoding="utf-8") as f:
            f.write(self.path)
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.original.replace(self.mutant.find, self.mutant.replace))
        return self

    def __exit__(self, *exc):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.original)
        for path in (BACKUP, BACKUP_PATH):
            if os.path.exists(path):
                os.remove(path)
        return False


def log_size(log):
    return os.path.getsize(log)


def ran_no_tests(log, since):
    """Whether the test run logged after byte `since` ran no test at all."""
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(since)
        text = f.read()
    counts = [int(n) for n in re.findall(r"Test run with (\d+) tests?", text)]
    return not counts or max(counts) == 0


def run(command, log, stop_at_first_failure=False):
    """Runs `command` in ROOT, appending its output to `log`. Returns (exit status, first failure
    line). With stop_at_first_failure, the run is ended as soon as a test reports a failure."""
    first_failure = None
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, errors="replace", start_new_session=True)
        try:
            for line in process.stdout:
                out.write(line)
                if first_failure is None and line.startswith("✘ Test ") and " recorded an issue" in line:
                    first_failure = line.strip()
                    if stop_at_first_failure:
                        os.killpg(process.pid, signal.SIGTERM)
                        break
            status = process.wait()
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    return status, first_failure


def test_name(failure):
    """The function name of the test in a "✘ Test name(…) recorded an issue" line, if it has one."""
    match = re.match(r"✘ Test (\w+)\(", failure or "")
    return match.group(1) if match else None


def reproduces(failure, log):
    """Whether the failing test fails again when run on its own (a crash or a test without a
    function name counts as reproduced)."""
    name = test_name(failure)
    if name is None:
        return True
    status, repeat = run([SWIFT, "test", "--skip-build", "--filter", name], log, stop_at_first_failure=True)
    return bool(repeat) or status != 0


def whole_suite(log):
    """Runs every test against the planted mutant. A test that fails is run again on its own: a
    real kill fails again, while a test that passes then (a timing-dependent test on a busy
    machine) is skipped and the suite runs once more, so a flaky failure cannot hide a survivor."""
    skipped = []
    while True:
        command = [SWIFT, "test", "--skip-build"] + [arg for name in skipped for arg in ("--skip", name)]
        status, failure = run(command, log, stop_at_first_failure=True)
        if not failure and status == 0:
            note = f"; flaky, skipped: {', '.join(skipped)}" if skipped else ""
            return "survived", "every test passed" + note
        if reproduces(failure, log):
            return "killed", failure or f"the suite exited {status}"
        name = test_name(failure)
        if len(skipped) == 3:
            return "survived", f"only flaky tests failed: {', '.join(skipped + [name])}"
        skipped.append(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", default=os.path.join(ROOT, "Tests", "Mutation", "mutants.txt"))
    parser.add_argument("--only", nargs="*", help="run only these mutants (by name)")
    args = parser.parse_args()

    # Ctrl-C, SIGTERM and SIGHUP all unwind, so the `with` block restores the source. SIGINT is
    # set explicitly: Python leaves it ignored when started in the background.
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)

    restore_leftover()
    mutants = parse(args.list)
    if args.only:
        unknown = sorted(set(args.only) - {m.name for m in mutants})
        if unknown:
            raise SystemExit(f"unknown mutants: {', '.join(unknown)}")
        mutants = [m for m in mutants if m.name in args.only]
    os.makedirs(STATE, exist_ok=True)
    log = os.path.join(STATE, "log.txt")
    open(log, "w").close()
    print(f"mutate: {len(mutants)} mutants; build and test output in {os.path.relpath(log, ROOT)}")

    # The unmutated suite must build and pass first, or every mutant would look killed.
    started = time.monotonic()
    status, _ = run([SWIFT, "build", "--build-tests"], log)
    if status != 0:
        raise SystemExit("mutate: the unmutated package does not build; see the log")
    killed, survived, broken = [], [], []
    try:
        for index, mutant in enumerate(mutants, 1):
            began = time.monotonic()
            label = f"[{index}/{len(mutants)}] {mutant.name}"
            try:
                with Planted(mutant):
                    status, _ = run([SWIFT, "build", "--build-tests"], log)
                    if status != 0:
                        # A mutant that does not compile tests nothing: fix it in the list.
                        raise ValueError("it does not compile")
                    else:
                        verdict, how = "survived", "every test passed"
                        if mutant.tests:
                            mark = log_size(log)
                            status, failure = run([SWIFT, "test", "--skip-build", "--filter", mutant.tests], log,
                                                  stop_at_first_failure=True)
                            if (failure or status != 0) and reproduces(failure, log):
                                verdict, how = "killed", failure or f"focused tests exited {status}"
                            elif not failure and ran_no_tests(log, mark):
                                print(f"{label}: warning: 'tests: {mutant.tests}' matches no test", flush=True)
                        if verdict == "survived":
                            verdict, how = whole_suite(log)
            except ValueError as error:
                broken.append(mutant.name)
                print(f"{label}: NOT APPLIED: {error}", flush=True)
                continue
            seconds = time.monotonic() - began
            if verdict == "killed":
                killed.append(mutant.name)
                print(f"{label}: killed in {seconds:.0f} s ({how})", flush=True)
            else:
                survived.append(mutant.name)
                print(f"{label}: SURVIVED ({how}) in {seconds:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("\nmutate: interrupted; sources restored", flush=True)
        print(f"{len(killed)} killed, {len(survived)} survived")
        return 130
    # Leave the build matching the restored sources.
    try:
        run([SWIFT, "build", "--build-tests"], log)
    except KeyboardInterrupt:
        pass
    print(f"mutate: {time.monotonic() - started:.0f} s in all" +
          (f"; not applied (stale): {', '.join(broken)}" if broken else "") +
          (f"; survivors: {', '.join(survived)}" if survived else ""))
    print(f"{len(killed)} killed, {len(survived)} survived")
    return 1 if survived or broken else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nmutate: interrupted before any mutant was planted", flush=True)
        sys.exit(130)

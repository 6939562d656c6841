#!/usr/bin/env python3
"""README's "In CI" recipe, run step by step in a fresh clone of a two-commit repository.

The `run:` steps are read from README.md's workflow, in order, and run with bash as GitHub
Actions would (for a pull request from branch `edit` into `main`), except:
  - the apt-get step and `swift build` (the system packages are here, and the clone gets the
    `brief` this checkout built as its `.build/release/brief`);
  - `${{ … }}` expressions, substituted with what the runner would give them.
HOME is a temporary folder, so `git config --global` touches nothing of the user's.
Then it checks that the change report (the step summary and Output/changes/index.html) lists
the second commit's edit, and nothing else.

Usage: python3 Tests/CI/recipe_test.py path/to/brief
"""
import os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def recipe_steps():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    section = text.split("### In CI", 1)[1]
    block = section.split("```yaml", 1)[1].split("```", 1)[0]
    steps, condition = [], None
    for line in block.splitlines():
        m = re.match(r"\s*-\s+if:\s*(.+)$", line)
        if m:
            condition = m.group(1)
            continue
        m = re.match(r"\s*(?:-\s+)?run:\s*(.+)$", line)
        if m:
            steps.append((condition, m.group(1)))
        if re.match(r"\s*-\s", line):
            condition = None
    return steps


def sh(command, cwd, env):
    print(f"$ {command}", flush=True)
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        sys.exit(f"step failed ({result.returncode}): {command}")
    return result.stdout


def main():
    brief = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/brief"))
    work = tempfile.mkdtemp(prefix="brief-ci-recipe-")
    home = os.path.join(work, "home")
    os.makedirs(home)
    env = dict(os.environ, HOME=home, GIT_AUTHOR_NAME="CI", GIT_AUTHOR_EMAIL="ci@example.org",
               GIT_COMMITTER_NAME="CI", GIT_COMMITTER_EMAIL="ci@example.org", GIT_CONFIG_NOSYSTEM="1")
    try:
        # The repository: the starter site (commit 1 on main), then a pull request branch that
        # revises one figure of the dataset (commit 2).
        origin = os.path.join(work, "origin")
        sh(f'"{brief}" init origin', work, env)
        sh("git init -q -b main && git add -A && git commit -qm 'Starter site'", origin, env)
        sh("git checkout -qb edit", origin, env)
        csv = os.path.join(origin, "Content/data/sbp_trade_with_us.csv")
        data = open(csv, encoding="utf-8").read()
        assert "\nFY2021-22,6798.982," in data, "the starter dataset changed; update this test"
        open(csv, "w", encoding="utf-8").write(data.replace("\nFY2021-22,6798.982,", "\nFY2021-22,6900.5,"))
        sh("git commit -qam 'Revise FY2021-22 exports'", origin, env)

        # A fresh clone, as actions/checkout with fetch-depth 0 leaves it for the pull request.
        workspace = os.path.join(work, "workspace")
        sh(f'git clone -q "{origin}" workspace && cd workspace && git checkout -q edit', work, env)
        os.makedirs(os.path.join(workspace, ".build/release"))
        os.symlink(brief, os.path.join(workspace, ".build/release/brief"))
        summary = os.path.join(work, "step-summary.md")
        open(summary, "w").close()
        env.update(GITHUB_WORKSPACE=workspace, GITHUB_STEP_SUMMARY=summary)
        expressions = {
            "${{ steps.pages.outputs.base_url }}": "https://example.org/briefing",
            "${{ github.base_ref }}": "main",
        }
        ran = 0
        for condition, command in recipe_steps():
            if "apt-get" in command or command.startswith("swift build"):
                print(f"(skipped) {command}")
                continue
            if condition and condition != "github.event_name == 'pull_request'":
                sys.exit(f"unknown step condition: {condition}")
            for expression, value in expressions.items():
                command = command.replace(expression, value)
            if "${{" in command:
                sys.exit(f"unsubstituted expression in: {command}")
            sh(command, workspace, env)
            ran += 1
        assert ran >= 4, f"only {ran} steps ran"

        report = open(summary, encoding="utf-8").read()
        print(report)
        page = open(os.path.join(workspace, "Output/changes/index.html"), encoding="utf-8").read()
        expect = [
            (report, "## Brief: changes against origin/main"),
            (report, "| `sbp_trade_with_us.exports_to_us_musd[FY2021-22]` | 6,798.982 | 6,900.5 |"),
            (report, "](https://example.org/briefing/data/sbp_trade_with_us/): 0 rows added, 0 removed, 1 changed"),
            (page, "<del>6,798.982</del> → <ins>6,900.5</ins>"),
            (page, "<figcaption>Before</figcaption><svg"),
        ]
        for text, needle in expect:
            assert needle in text, f"missing from the report: {needle}"
        # Only the second commit's edit: no brief added, removed or edited.
        for absent in ("Briefs added", "Briefs removed", "Briefs edited"):
            assert absent not in report, f"unexpected in the report: {absent}"
        feed = open(os.path.join(workspace, "Output/feed.xml"), encoding="utf-8").read()
        assert 'href="https://example.org/briefing/feed.xml"' in feed
        print("CI recipe: OK (the report lists the second commit's edit)")
    finally:
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()

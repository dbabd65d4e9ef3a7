"""The pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit itself on a temporary repo.

The temporary repository's `.pre-commit-config.yaml` points at this checkout at its HEAD commit,
the way a user's config points at ours at a tag: pre-commit clones it and installs tarjama into
a fresh environment of its own (PRE_COMMIT_HOME under the test's tmp_path; about 10 s with the
wheels in pip's cache). It runs what is committed, so commit changes to the hooks before running
this test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
HOOKS = ("tarjama-glossary-lint", "tarjama-glossary-fmt", "tarjama-clean-check")

GOOD_GLOSSARY = """\
[[concept]]
id = "free-syrian-army"
type = "faction"
en.preferred = "Free Syrian Army"
"""
# loads, but has a lint finding (GLL008, trailing space) and keys out of the canonical order
BAD_GLOSSARY = """\
[[concept]]
en.preferred = "Syrian Democratic Forces "
type = "faction"
id = "syrian-democratic-forces"
"""
# a TOML file that is not a glossary: the glossary hooks must leave it alone
SETTINGS = '[tool]\nname = "not a glossary"\n'


def git(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def head_with_hooks() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        rev = git("rev-parse", "HEAD", cwd=CHECKOUT)
        git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml", cwd=CHECKOUT)
    except subprocess.CalledProcessError:
        pytest.skip("not a git checkout with .pre-commit-hooks.yaml committed")
    return rev


def pre_commit_run(repo: Path, home: Path) -> tuple[int, str]:
    git("add", "--all", cwd=repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout + done.stderr


def test_hooks_pass_on_good_files_and_fail_on_bad_ones(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    rev = head_with_hooks()
    repo = tmp_path / "texts"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    hooks = "".join(f"      - id: {hook}\n" for hook in HOOKS)
    config = f"repos:\n  - repo: {CHECKOUT.as_posix()}\n    rev: {rev}\n    hooks:\n{hooks}"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "glossaries").mkdir()
    (repo / "glossaries" / "factions.toml").write_text(GOOD_GLOSSARY, encoding="utf-8")
    (repo / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    (repo / "story.txt").write_text("The Free Syrian Army entered the town.\n", encoding="utf-8")

    code, out = pre_commit_run(repo, tmp_path / "pre-commit-home")
    assert code == 0, out
    for name in ("tarjama glossary lint", "tarjama glossary fmt", "tarjama clean --check"):
        line = next(line for line in out.splitlines() if line.startswith(name + "."))
        assert line.endswith("Passed"), out  # not "(no files to check)Skipped"

    (repo / "glossaries" / "sdf.toml").write_text(BAD_GLOSSARY, encoding="utf-8")
    (repo / "dirty.txt").write_text("The army  entered the town ..\n", encoding="utf-8")
    code, out = pre_commit_run(repo, tmp_path / "pre-commit-home")
    assert code == 1, out
    for hook in HOOKS:
        assert f"- hook id: {hook}\n- exit code: 1\n" in out, out
    assert "glossaries/sdf.toml:2:16: GLL008" in out
    assert "would reformat glossaries/sdf.toml" in out
    assert "would clean dirty.txt" in out
    assert "factions.toml" not in out and "story.txt" not in out

"""The HTML report: self-contained, and it renders its table and charts in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory, flores: dict[str, Path]) -> Path:
    from cleanup.score import read_segments
    from cleanup.score.synthetic import degrade

    out = tmp_path_factory.mktemp("report")
    ref = read_segments(flores["en"])[:300]
    src = read_segments(flores["ar"])[:300]
    (out / "ref.txt").write_text("\n".join(ref) + "\n", encoding="utf-8")
    (out / "src.txt").write_text("\n".join(src) + "\n", encoding="utf-8")
    (out / "a.txt").write_text("\n".join(degrade(ref, 1)) + "\n", encoding="utf-8")
    (out / "b.txt").write_text("\n".join(degrade(ref, 2, drop=0.03)) + "\n", encoding="utf-8")
    html = out / "report.html"
    cmd = [
        sys.executable,
        "-m",
        "cleanup",
        "score",
        "-r",
        str(out / "ref.txt"),
        "-i",
        str(out / "a.txt"),
        str(out / "b.txt"),
        "--src",
        str(out / "src.txt"),
        "-m",
        "bleu",
        "chrf",
        "ter",
        "terms",
        "--paired-bs",
        "--paired-n",
        "100",
        "--html",
        str(html),
        "-q",
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return html


def test_report_is_self_contained(report_html: Path) -> None:
    text = report_html.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "url(" not in text
    for section in ('id="scores"', 'class="chart"', 'id="worst"', 'id="qa"', 'id="terms"'):
        assert section in text
    assert "nrefs:1|bs:100|seed:12345" in text and "p = " in text
    assert "<ins>" in text and "<del>" in text


def test_report_renders_in_headless_chromium(report_html: Path, tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium not installed (apt-get install chromium); runs under CI")
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--dump-dom",
            report_html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
    # the inline script ran after layout: a chart per metric (BLEU, chrF, TER and, like any
    # metric, terms) with real width
    assert attrs.get("data-rendered") == "yes"
    assert attrs.get("data-charts") == "4"
    assert int(attrs["data-chart-width"]) > 900
    assert dom.count('<rect class="bar"') >= 30 and 'id="scores"' in dom
    png = tmp_path / "shot.png"
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1200,1600",
            report_html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert png.stat().st_size > 20_000  # a rendered page, not a blank one


def test_qa_html(tmp_path: Path) -> None:
    src = tmp_path / "src.txt"
    hyp = tmp_path / "hyp.txt"
    src.write_text("قتل ٢٥٥ شخصا في حلب\n", encoding="utf-8")
    hyp.write_text("25 people were killed in حلب\n", encoding="utf-8")
    html = tmp_path / "qa.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cleanup",
            "qa",
            "--src",
            str(src),
            "-i",
            str(hyp),
            "--html",
            str(html),
            "-q",
        ],
        check=False,
    )
    text = html.read_text(encoding="utf-8")
    assert 'id="qa-counts"' in text and "<mark>حلب</mark>" in text and "NUM01" in text


def test_report_honours_worst_by(report_html: Path, tmp_path: Path) -> None:
    """The HTML names the same metric as the text's --worst, whichever --worst-by says."""
    # the default: the first metric computed (bleu), as the text output
    assert "Worst segments by BLEU" in report_html.read_text(encoding="utf-8")
    base = report_html.parent
    for metric, name in (("ter", "TER"), ("chrf", "chrF2")):
        html = tmp_path / f"{metric}.html"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "cleanup",
                "score",
                "-r",
                str(base / "ref.txt"),
                "-i",
                str(base / "a.txt"),
                "-m",
                "bleu",
                "chrf",
                "ter",
                "--worst",
                "2",
                "--worst-by",
                metric,
                "--html",
                str(html),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert f": {name} = " in proc.stdout
        assert f"Worst segments by {name}" in html.read_text(encoding="utf-8")


def test_every_text_of_the_data_is_escaped() -> None:
    """System names, segments, findings and glossary labels go through the template's
    autoescaping: markup in them is shown, never run."""
    from cleanup.qa import QAOptions, run_qa
    from cleanup.report import render_html
    from cleanup.score import score

    evil = '<script>alert("x")</script><img src=x onerror=1>'
    ref = ["The army entered the town.", "Fighters withdrew."]
    hyp = [f"The army {evil} entered.", 'He said "fighters withdrew.']
    src = ["دخل الجيش البلدة", "قال إن «المقاتلين انسحبوا»"]
    report = score([ref], {evil: hyp}, metrics=["chrf"], sources=src, segments=True)
    qa = {evil: run_qa(src, hyp, QAOptions(language_detect=False))}
    page = render_html(score=report, qa=qa)
    assert evil not in page and "<img src=x" not in page
    assert page.count("<script>") == 1  # the report's own
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page

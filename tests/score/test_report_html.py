"""The HTML report: self-contained, and it renders its table and charts in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


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


def test_report_renders_in_headless_chromium(
    report_html: Path, tmp_path: Path, chromium: Any
) -> None:
    profile = tmp_path / "profile"
    dom = chromium.dom(report_html.as_uri(), profile)
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
    chromium.run(profile, f"--screenshot={png}", "--window-size=1200,1600", report_html.as_uri())
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


# --- the report a QA lead reads: findings of every system, evidence, filters, regressions ---

N_NTREX = 200
SYSTEMS = ("a.txt", "b.txt", "a.txt (cleaned)", "b.txt (cleaned)")


@dataclass
class NtrexReport:
    html: Path
    src: list[str]
    ref: list[str]
    outputs: dict[str, list[str]]  # system name -> its segments (cleaned ones as cleaned)


@pytest.fixture(scope="module")
def ntrex_report(
    tmp_path_factory: pytest.TempPathFactory, ntrex: dict[str, Path], systems: dict[str, Path]
) -> NtrexReport:
    """`tarjama score --clean --html` on the first NTREX-128 segments, with the two systems
    derived from the human English (sys_b drops fewer words but is seeded differently)."""
    from cleanup.cli.score import clean_lines
    from cleanup.score import read_segments

    out = tmp_path_factory.mktemp("ntrex-report")
    src = read_segments(ntrex["ar"])[:N_NTREX]
    ref = read_segments(ntrex["en"])[:N_NTREX]
    hyps = {
        "a.txt": read_segments(systems["sys_a"])[:N_NTREX],
        "b.txt": read_segments(systems["sys_b"])[:N_NTREX],
    }
    for name, lines in (("src.txt", src), ("ref.txt", ref), *hyps.items()):
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "cleanup", "score", "-r", "ref.txt", "-i", "a.txt", "b.txt"]
    cmd += ["--src", "src.txt", "-m", "chrf", "bleu", "--clean", "--html", "report.html", "-q"]
    subprocess.run(cmd, cwd=out, check=True, capture_output=True)
    outputs = dict(hyps)
    for name, lines in hyps.items():
        outputs[f"{name} (cleaned)"] = clean_lines(lines, segmented=False)
    return NtrexReport(out / "report.html", src, ref, outputs)


class ReportPage(HTMLParser):
    """What the tests read in a report page (its HTML or Chromium's DOM): the finding rows
    with their evidence lines, the regressions, the lines of the diffs and the filter boxes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[dict[str, Any]] = []
        self.regressions: list[dict[str, Any]] = []
        self.diff_lines: list[dict[str, Any]] = []  # label, the tags inside, text
        self.boxes: dict[tuple[str, str], bool] = {}
        self.body: dict[str, str] = {}
        self._system = ""
        self._snip: dict[str, Any] | None = None
        self._spans: list[str] = []
        self._mark = False
        self._line: dict[str, Any] | None = None
        self._seg: dict[str, Any] | None = None
        self._seg_depth = 0
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        if tag == "body":
            self.body = a
        elif tag == "table" and "findings" in cls:
            self._system = a["data-system"]
        elif tag == "tr" and "finding" in cls:
            row = {k[5:]: v for k, v in a.items() if k.startswith("data-")}
            self.findings.append(
                {**row, "system": self._system, "hidden": "hidden" in a, "texts": {}}
            )
        elif tag == "div" and "ctx" in cls:
            kind = next(c[4:] for c in cls if c.startswith("ctx-"))
            self._snip = {"text": "", "marks": [], "cut_before": False, "cut_after": False}
            self.findings[-1]["texts"][kind] = self._snip
        elif tag == "div" and "seg" in cls:
            self._seg = {**a, "head": None}
            self._seg_depth = self._depth + 1
            if "regression" in cls:
                self.regressions.append(self._seg)
        elif tag == "div" and self._seg is not None:
            self._line = {"label": "", "tags": [], "text": ""}
        elif tag == "input" and a.get("type") == "checkbox":
            self.boxes[(a["name"], a["value"])] = "checked" in a
        if tag == "span":
            self._spans.append(" ".join(cls))
        elif tag in ("ins", "del", "mark") and self._line is not None:
            self._line["tags"].append(tag)
        if tag == "mark" and self._snip is not None:
            self._mark = True
            self._snip["marks"].append("")
        if tag == "div":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._spans:
            self._spans.pop()
        elif tag == "mark":
            self._mark = False
        elif tag == "div":
            self._depth -= 1
            if self._snip is not None:
                self._snip = None
            elif self._line is not None:
                self.diff_lines.append(self._line)
                if self._seg is not None and self._seg["head"] is None:
                    self._seg["head"] = self._line["text"]
                self._line = None
            elif self._seg is not None and self._depth < self._seg_depth:
                self._seg = None

    def handle_data(self, data: str) -> None:
        label = bool(self._spans) and self._spans[-1] == "lab"
        if self._line is not None:
            self._line["label" if label else "text"] += data
        if self._snip is None or label:
            return
        if self._spans and self._spans[-1] == "cut":
            self._snip["cut_before" if not self._snip["text"] else "cut_after"] = True
            return
        self._snip["text"] += data
        if self._mark:
            self._snip["marks"][-1] += data


def whole_words(snip: dict[str, Any], full: str) -> bool:
    """The shown text is a run of whole words of ``full``, starting and ending where the
    ellipses say: at the text's ends when there is none, at a space when there is one."""
    text = snip["text"]
    stripped = full.strip()
    first = len(full) - len(full.lstrip())
    last = first + len(stripped)
    p = full.find(text)
    while p >= 0 and text:
        q = p + len(text)
        head = p > first and full[p - 1].isspace() if snip["cut_before"] else p == first
        tail = q < last and full[q].isspace() if snip["cut_after"] else q == last
        if head and tail:
            return True
        p = full.find(text, p + 1)
    return False


def check_findings(page: ReportPage, data: NtrexReport) -> None:
    """Findings of every system, the cleaned ones too, each with its source, output and
    reference shown as whole words of the segment."""
    by_system = Counter(f["system"] for f in page.findings)
    assert set(by_system) == set(SYSTEMS) and min(by_system.values()) > 0, by_system
    for f in page.findings:
        k = int(f["line"]) - 1
        full = {"source": data.src[k], "output": data.outputs[f["system"]][k]}
        full["reference"] = data.ref[k]
        assert set(f["texts"]) == set(full), f
        for kind, snip in f["texts"].items():
            assert whole_words(snip, full[kind]), (f["code"], kind, snip, full[kind])
    # a span the check gives in the output is marked there (DUP01: the doubled word)
    dup = [f for f in page.findings if f["code"] == "DUP01"]
    assert dup and all(len(f["texts"]["output"]["marks"]) == 1 for f in dup)
    # a number missing from the output is marked in the source, never in the output
    missing = [f for f in page.findings if f["code"] == "NUM01"]
    assert missing and all(not f["texts"]["output"]["marks"] for f in missing)
    assert any(f["texts"]["source"]["marks"] for f in missing)
    # long segments are shown in part: the ellipses are used, and were checked above
    assert any(
        s["cut_before"] or s["cut_after"] for f in page.findings for s in f["texts"].values()
    )


def chrf_drops(data: NtrexReport, system: str) -> dict[int, float]:
    """Sentence chrF of the baseline minus the system's, per 1-based line, from sacrebleu."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    base, hyps = data.outputs["a.txt"], data.outputs[system]
    return {
        k + 1: chrf.sentence_score(base[k], [r]).score - chrf.sentence_score(hyps[k], [r]).score
        for k, r in enumerate(data.ref)
    }


def check_regressions(page: ReportPage, data: NtrexReport) -> None:
    """The regressions of b.txt against a.txt by chrF are exactly the segments 10 or more
    points below it (computed here with sacrebleu), the largest drop first."""
    from cleanup.report.html import MAX_REGRESSIONS, REGRESSION_DROP

    drops = chrf_drops(data, "b.txt")
    expected = sorted(
        (k for k, d in drops.items() if d >= REGRESSION_DROP), key=lambda k: -drops[k]
    )
    listed = [r for r in page.regressions if r["data-system"] == "b.txt"]
    assert expected and [int(r["data-line"]) for r in listed] == expected[:MAX_REGRESSIONS]
    shown = [float(re.search(r"drop ([\d.]+)", r["head"]).group(1)) for r in listed]  # type: ignore[union-attr]
    assert shown == sorted(shown, reverse=True)
    assert abs(shown[0] - drops[expected[0]]) < 0.06


def test_ntrex_report_content(ntrex_report: NtrexReport) -> None:
    """The HTML as written (no browser): findings of both systems and both cleaned ones with
    whole-word evidence, the regressions, every finding shown before any filter."""
    page = ReportPage(ntrex_report.html.read_text(encoding="utf-8"))
    check_findings(page, ntrex_report)
    check_regressions(page, ntrex_report)
    assert not any(f["hidden"] for f in page.findings)
    assert all(page.boxes.values()) and ("code", "DUP01") in page.boxes


def test_ntrex_report_in_chromium(ntrex_report: NtrexReport, tmp_path: Path, chromium: Any) -> None:
    """The same in Chromium's DOM after the page's script ran: nothing hidden, the count of
    shown findings set."""
    dom = chromium.dom(ntrex_report.html.as_uri(), tmp_path / "profile")
    page = ReportPage(dom)
    check_findings(page, ntrex_report)
    check_regressions(page, ntrex_report)
    assert not any(f["hidden"] for f in page.findings)
    assert page.body["data-findings-shown"] == str(len(page.findings))


def two_codes(page: ReportPage) -> tuple[str, str]:
    counts = Counter(f["code"] for f in page.findings)
    (one, _), (two, _) = counts.most_common(2)
    return one, two


def test_filter_from_the_address(ntrex_report: NtrexReport, tmp_path: Path, chromium: Any) -> None:
    """#code=...&severity=... read on load: only findings of the listed codes and severities
    are shown, and the boxes say so."""
    one, two = two_codes(ReportPage(ntrex_report.html.read_text(encoding="utf-8")))
    uri = ntrex_report.html.as_uri() + f"#code={two}"
    page = ReportPage(chromium.dom(uri, tmp_path / "p1"))
    shown = [f for f in page.findings if not f["hidden"]]
    assert shown and {f["code"] for f in shown} == {two}
    assert all(f["hidden"] for f in page.findings if f["code"] != two)
    assert {f["system"] for f in shown} >= {"a.txt", "b.txt"}
    assert page.boxes[("code", two)] and not page.boxes[("code", one)]
    assert page.body["data-findings-shown"] == str(len(shown))
    severity = Counter(f["severity"] for f in page.findings).most_common(1)[0][0]
    uri = ntrex_report.html.as_uri() + f"#code={one},{two}&severity={severity}"
    page = ReportPage(chromium.dom(uri, tmp_path / "p2"))
    for f in page.findings:
        assert f["hidden"] != (f["code"] in (one, two) and f["severity"] == severity), f


def test_filter_by_ticking_a_box(ntrex_report: NtrexReport, tmp_path: Path, chromium: Any) -> None:
    """Unticking a code (as a user would: the box changes, the form hears it) hides its
    findings, keeps the others, and writes the filter into the address."""
    text = ntrex_report.html.read_text(encoding="utf-8")
    one, _ = two_codes(ReportPage(text))
    script = (
        f"<script>var b=document.querySelector('input[name=code][value=\"{one}\"]');"
        "b.checked=false;b.dispatchEvent(new Event('change',{bubbles:true}));"
        "document.body.setAttribute('data-hash',location.hash);</script></body>"
    )
    page_path = ntrex_report.html.parent / "ticked.html"
    page_path.write_text(text.replace("</body>", script), encoding="utf-8")
    page = ReportPage(chromium.dom(page_path.as_uri(), tmp_path / "profile"))
    assert any(f["code"] == one for f in page.findings)
    for f in page.findings:
        assert f["hidden"] == (f["code"] == one), f
    others = [c for (k, c) in page.boxes if k == "code" and c != one]
    assert page.body["data-hash"] == "#code=" + ",".join(others)


# --- the same, piece by piece, without a browser ---


def test_snippet_and_occurrences_doctests() -> None:
    import doctest

    import cleanup.report.html

    assert doctest.testmod(cleanup.report.html).failed == 0


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="abcXYZ.,'\u0627\u0644\u062d\u0628-", min_size=1, max_size=12),
        min_size=1,
        max_size=80,
    ),
    seps=st.lists(st.sampled_from([" ", "  ", "\t", " \u00a0"]), min_size=80, max_size=80),
    a=st.integers(0, 900),
    n=st.integers(1, 30),
    context=st.integers(0, 120),
)
def test_snippet_is_whole_words(
    words: list[str], seps: list[str], a: int, n: int, context: int
) -> None:
    from cleanup.report.html import snippet

    full = "".join(w + s for w, s in zip(words, seps, strict=False)).strip()
    a = min(a, max(0, len(full) - 1))
    b = min(len(full), a + n)
    s = snippet(full, [(a, b)] if full[a:b].strip() else [], context=context, plain=context)
    text = "".join(t for t, _ in s["parts"])
    assert whole_words({**s, "text": text}, full), (full, a, b, s)
    if full[a:b].strip():
        assert [t for t, m in s["parts"] if m] == [full[a:b]]


def test_occurrences_of_evidence() -> None:
    from cleanup.report.html import occurrences

    assert occurrences("in 2025, 25 of 1,255 (25.5%) and 25%", "25") == [(9, 11), (33, 35)]
    assert occurrences("قتل ٢٥٥ شخصا و١٢٥٥", "٢٥٥") == [(4, 7)]
    assert occurrences("زار وحلب أمس", "حلب") == [(5, 8)]  # a clitic in front
    assert occurrences("the the army", "the the") == [(0, 7)]
    assert occurrences("a" * 70, "a" * 65) == []  # a quote of the segment, not a span


def _qa_page(src: list[str], hyp: list[str], ref: list[str] | None) -> ReportPage:
    from cleanup.qa import QAOptions, run_qa
    from cleanup.report import render_html

    options = QAOptions(select=("NUM", "DUP01", "LEN01"), language_detect=False)
    qa = {"sys": run_qa(src, hyp, options, references=ref)}
    page = render_html(qa=qa, sources=src, references=ref, hypotheses={"sys": hyp})
    return ReportPage(page)


def test_number_findings_mark_the_number_where_it_is() -> None:
    """A number missing from the output is marked in the source (and in the reference when it
    is written the same there); a number not in the source is marked in the output."""
    src = ["قتل 255 شخصا في حلب يوم الأحد", "قتل ٢٥٥ شخصا"]
    hyp = ["25 people were killed in Aleppo on Sunday", "255 people were killed"]
    ref = ["255 people were killed in Aleppo on Sunday.", "255 people were killed."]
    page = _qa_page(src, hyp, ref)
    num01 = [f for f in page.findings if f["code"] == "NUM01"]
    num02 = [f for f in page.findings if f["code"] == "NUM02"]
    assert len(num01) == 1 and len(num02) == 1
    texts = num01[0]["texts"]
    assert texts["source"]["marks"] == ["255"] and texts["reference"]["marks"] == ["255"]
    assert texts["output"]["marks"] == []
    assert num02[0]["texts"]["output"]["marks"] == ["25"]
    assert num02[0]["texts"]["source"]["marks"] == []


def test_long_evidence_is_cut_between_words(ntrex: dict[str, Path]) -> None:
    """A doubled word in the middle of a long output: its context is whole words, with an
    ellipsis on each side, and the marked span is the doubled word; no reference, no REF."""
    from cleanup.report.html import CONTEXT
    from cleanup.score import read_segments

    en = read_segments(ntrex["en"])
    long = " ".join(en[:6])
    words = long.split()
    middle = len(words) // 2
    hyp = " ".join([*words[:middle], "the", "the", *words[middle:]])
    page = _qa_page(["خبر طويل"], [hyp], None)
    (dup,) = [f for f in page.findings if f["code"] == "DUP01" and f["texts"]["output"]["marks"]]
    out = dup["texts"]["output"]
    assert out["cut_before"] and out["cut_after"] and out["marks"] == ["the the"]
    assert whole_words(out, hyp) and len(out["text"]) < 2 * CONTEXT + 60 < len(hyp)
    assert set(dup["texts"]) == {"source", "output"}


def _score_report(worse: set[int], n: int = 12) -> Any:
    from cleanup.score import score

    ref = [
        f"Segment {k}: the army entered the town of Saraqib after heavy shelling." for k in range(n)
    ]
    base = list(ref)
    new = [("the the army" if k in worse else r) for k, r in enumerate(ref)]
    return score([ref], {"base": base, "new": new}, metrics=["bleu", "chrf", "ter"], segments=True)


def test_regressions_against_the_baseline() -> None:
    """Exactly the segments where the second system is 10+ points below the first, by chrF
    (default), TER (rising) or BLEU (--worst-by), the largest drop first; a higher threshold
    lists fewer."""
    from cleanup.report import render_html
    from cleanup.report.html import regression_metric, regressions

    report = _score_report({2, 7})
    assert regression_metric(report) == "chrf" and regression_metric(report, "ter") == "ter"
    for key in ("chrf", "ter", "bleu"):
        (new,) = regressions(report, key)
        assert {s["line"] for s in new["segments"]} == {3, 8} and new["n_worse"] == 2
        drops = [s["drop"] for s in new["segments"]]
        assert drops == sorted(drops, reverse=True) and min(drops) >= 10
    assert regressions(report, "chrf", drop=101.0)[0]["segments"] == []
    page = ReportPage(render_html(score=report, worst_by="ter"))
    assert {int(r["data-line"]) for r in page.regressions} == {3, 8}
    assert all("rise" in r["head"] for r in page.regressions)
    same = ReportPage(render_html(score=_score_report(set())))
    assert same.regressions == []


def test_worst_by_orders_the_worst_segments() -> None:
    from cleanup.report import render_html

    report = _score_report({1, 4, 9})
    text = render_html(score=report, worst=3, worst_by="ter")
    assert "Worst segments by TER" in text and "with the highest TER" in text
    section = text.split('id="worst"')[1].split("</section>")[0]
    lines = [int(x) for x in re.findall(r"<b>#(\d+)</b>", section)]
    assert lines == [k + 1 for k in report.worst(0, 3, "ter")] + [2, 5, 10]
    assert "Regressions against the baseline by TER" in text
    with pytest.raises(ValueError, match="worst_by"):
        render_html(score=report, worst_by="meteor")


def test_diff_colours_mean_one_thing(ntrex_report: NtrexReport) -> None:
    """Output lines carry only <ins> (not in the reference), reference lines only <del>
    (missing from the output); the legend shows both with their meaning; the QA evidence
    mark is never a diff mark; the three have distinct colours."""
    text = ntrex_report.html.read_text(encoding="utf-8")
    page = ReportPage(text)
    lines = [line for line in page.diff_lines if line["label"]]
    assert {"SRC", "REF", "HYP", "BASE", "SYS"} == {line["label"] for line in lines}
    for line in lines:
        allowed = {"REF": {"del"}, "SRC": set()}.get(line["label"], {"ins"})
        assert set(line["tags"]) <= allowed, line
    assert {"ins", "del"} <= {t for line in lines for t in line["tags"]}
    legend = re.findall(r'<p class="diff-legend">(.*?)</p>', text)
    assert len(legend) == 2  # regressions and worst segments
    assert "<ins>word</ins> in the output, not in the reference" in legend[0]
    assert "<del>word</del> in the reference, not in the output" in legend[0]
    css = (Path(__file__).parents[2] / "cleanup/report/templates/report.css").read_text()
    colours = [
        re.search(rf"\b{tag}\{{background:(#[0-9a-f]+)", css) for tag in ("ins", "del", "mark")
    ]
    assert all(colours) and len({m.group(1) for m in colours if m}) == 3

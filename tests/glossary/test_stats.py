"""`tarjama glossary stats`: mentions per concept and variant, unlisted spellings, mentions left
alone; text, JSON and an HTML page. Counts are checked against `annotate` and `clean` output
on the same real text (the sample wire and NTREX-128 news)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cleanup.annotate import MentionRecord
from cleanup.cli import main
from cleanup.glossary.cache import compiled
from cleanup.report.glossary_stats import render_stats_html
from cleanup.stats import STATUSES, CorpusStats, Example

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "aleppo-wire.txt"
GOLF = "Jordan Spieth won.\n"


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["glossary", *args], input=input)


def stats_json(*args: str, input: str | None = None) -> dict[str, Any]:
    res = invoke("stats", "--isolated", "-f", "json", *args, input=input)
    assert res.exit_code == 0, res.output
    doc: dict[str, Any] = json.loads(res.stdout)
    return doc


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> list[Path]:
    """The sample wire, the English side of NTREX-128 (CRLF, news that names the United
    States, Syria, Russia and, without evidence, Jordan and Turkey) and a golf result."""
    golf = tmp_path_factory.mktemp("stats") / "golf.txt"
    golf.write_text(GOLF, encoding="utf-8")
    return [SAMPLE, shared_data / "ntrex128" / "newstest2019-src.eng.txt", golf]


@pytest.fixture(scope="module")
def doc(corpus: list[Path]) -> dict[str, Any]:
    return stats_json(*map(str, corpus))


def annotate_rows(*args: str) -> list[dict[str, Any]]:
    res = invoke("annotate", "--isolated", *args)
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def by_concept(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["concept"]: c for c in doc["concepts"]}


# -- counts -----------------------------------------------------------------------------------


def test_counts_equal_annotate_on_real_text(corpus: list[Path], doc: dict[str, Any]) -> None:
    rows = annotate_rows(*map(str, corpus))
    lines = {str(p): raw_lines(p) for p in corpus}
    mentions: Counter[str] = Counter()
    variants: Counter[tuple[str, str]] = Counter()
    unlisted: set[tuple[str, str]] = set()
    for r in rows:
        written = lines[r["file"]][r["record"]][r["raw_start"] : r["raw_end"]]
        mentions[r["concept"]] += 1
        variants[(r["concept"], written)] += 1
        if r.get("unlisted"):
            unlisted.add((r["concept"], written))
    assert len(mentions) > 20 and sum(mentions.values()) > 150

    got = by_concept(doc)
    assert {k: c["mentions"] for k, c in got.items()} == dict(mentions)
    got_variants: Counter[tuple[str, str]] = Counter()
    for c in doc["concepts"]:
        for v in c["variants"]:
            got_variants[(c["concept"], v["text"])] += v["count"]
            assert (v["status"] == "unlisted") == ((c["concept"], v["text"]) in unlisted)
    assert got_variants == variants
    t = doc["totals"]
    assert t["mentions"] == len(rows) and t["concepts"] == len(mentions)
    assert t["variants"] == sum(len(c["variants"]) for c in doc["concepts"])
    # concepts most mentioned first
    counts = [c["mentions"] for c in doc["concepts"]]
    assert counts == sorted(counts, reverse=True)


def test_totals_count_the_corpus(corpus: list[Path], doc: dict[str, Any]) -> None:
    lines = [raw_lines(p) for p in corpus]
    t = doc["totals"]
    assert doc["files"] == [str(p) for p in corpus]
    assert t["documents"] == len(corpus)  # plain text: one document per file
    assert t["records"] == sum(len(ls) - (ls[-1] == "") for ls in lines)
    assert t["characters"] == sum(len(line) for ls in lines for line in ls)


def test_variant_status_is_that_of_the_glossary_term(doc: dict[str, Any]) -> None:
    glossary = compiled().glossary
    terms = {c.id: {t.text.casefold(): t for t in c.terms} for c in glossary.concepts}
    checked = 0
    for c in doc["concepts"]:
        for v in c["variants"]:
            term = terms[c["concept"]].get(v["text"].casefold())
            if term is not None:
                assert v["status"] == ("arabic" if term.lang == "ar" else term.status), (c, v)
                checked += 1
    assert checked > 30


def test_deprecated_variant_is_counted_under_its_concept() -> None:
    doc = stats_json(str(SAMPLE))
    rows = annotate_rows(str(SAMPLE))
    lines = raw_lines(SAMPLE)
    written = Counter(
        lines[r["record"]][r["raw_start"] : r["raw_end"]]
        for r in rows
        if r["concept"] == "jabhat-al-nusra"
    )
    assert written["Al-Nusra Front"] >= 2  # the wire's deprecated spelling
    nusra = by_concept(doc)["jabhat-al-nusra"]
    v = {x["text"]: x for x in nusra["variants"]}
    assert v["Al-Nusra Front"]["status"] == "deprecated"
    assert v["Al-Nusra Front"]["count"] == written["Al-Nusra Front"]
    # the cleaned name is the preferred one: counted as a mention of the concept, not as a
    # variant of its own
    assert nusra["label"] == "Nusra Front" and "Nusra Front" not in v


# -- left alone -------------------------------------------------------------------------------


def gl05_by_concept(paths: list[Path], tmp_path: Path) -> Counter[str]:
    """GL05 findings of `tarjama clean`, by the concept id its message names."""
    found: Counter[str] = Counter()
    for p in paths:
        res = CliRunner().invoke(
            main,
            [
                "clean",
                "--isolated",
                "-f",
                "json",
                "--all-findings",
                "-o",
                str(tmp_path / "x"),
                str(p),
            ],
        )
        assert res.exit_code == 0, res.output
        for line in res.stderr.splitlines():
            if line.startswith("{"):
                f = json.loads(line)
                if f["code"] == "GL05":
                    m = re.search(r"\(([a-z0-9-]+)\), but", f["message"])
                    assert m is not None, f
                    found[m.group(1)] += 1
    return found


def test_left_alone_equals_gl05_findings(
    corpus: list[Path], doc: dict[str, Any], tmp_path: Path
) -> None:
    expected = gl05_by_concept(corpus, tmp_path)
    assert expected["jordan"] >= 3  # NTREX's Jordans and the golfer
    got = {a["concept"]: a["count"] for a in doc["left_alone"]}
    assert got == dict(expected)
    assert doc["totals"]["left_alone"] == sum(expected.values())
    for c in doc["concepts"]:
        assert c["left_alone"] == expected.get(c["concept"], 0)


def test_ambiguous_name_without_evidence_is_left_alone() -> None:
    doc = stats_json("-", input=GOLF)
    assert doc["concepts"] == [] and doc["totals"]["mentions"] == 0
    (jordan,) = doc["left_alone"]
    assert jordan["concept"] == "jordan" and jordan["count"] == 1
    assert jordan["example"] == {
        "file": "-",
        "line": 1,
        "before": "",
        "text": "Jordan",
        "after": " Spieth won.",
    }
    # with evidence in its paragraph, the same name is a mention
    doc = stats_json("-", input="Jordan and Syria closed the border.\n")
    assert by_concept(doc)["jordan"]["mentions"] == 1 and doc["left_alone"] == []


# -- unlisted spellings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Unlisted(MentionRecord):
    """A mention as annotate reports a spelling the glossary does not list (GL06)."""

    unlisted: bool = True


def test_unlisted_spelling_is_counted_from_the_record() -> None:
    matcher = compiled()
    raw = "Rebels entered Lattakiya and Latakia port."
    cleaned = "Rebels entered Latakia and Latakia port."
    first, second = matcher.find(cleaned)
    assert first.concept.id == second.concept.id == "latakia"
    stats = CorpusStats(matcher)
    a, b = raw.index("Lattakiya"), raw.index("Latakia")
    stats.add_mention(
        Unlisted(4, first.start, first.end, a, a + 9, "Latakia", first), raw, "wire.txt"
    )
    stats.add_mention(
        MentionRecord(4, second.start, second.end, b, b + 7, "Latakia", second), raw, "wire.txt"
    )
    doc = stats.to_json()
    (latakia,) = doc["concepts"]
    assert latakia["mentions"] == 2
    assert sorted((v["text"], v["status"], v["count"]) for v in latakia["variants"]) == [
        ("Latakia", "preferred", 1),
        ("Lattakiya", "unlisted", 1),
    ]
    assert doc["totals"]["unlisted"] == 1
    (u,) = doc["unlisted"]
    assert (u["concept"], u["text"], u["count"]) == ("latakia", "Lattakiya", 1)
    assert (
        u["example"]
        == Example("wire.txt", 5, "Rebels entered ", "Lattakiya", " and Latakia port.").to_json()
    )
    text = render_stats_html(doc)
    assert "Lattakiya" in text.split('id="unlisted"')[1]


# -- inputs -------------------------------------------------------------------------------------


def test_jsonl_records_are_documents(shared_data: Path, tmp_path: Path) -> None:
    lines = raw_lines(shared_data / "ntrex128" / "newstest2019-src.eng.txt")[:600]
    lines = [line.rstrip("\r") for line in lines]
    jsonl = "".join(json.dumps({"body": line, "n": k}) + "\n" for k, line in enumerate(lines))
    doc = stats_json("--input-format", "jsonl", "--field", "body", "-", input=jsonl)
    path = tmp_path / "ntrex.jsonl"
    path.write_text(jsonl, encoding="utf-8")
    rows = annotate_rows("--input-format", "jsonl", "--field", "body", str(path))
    assert rows
    assert {c["concept"]: c["mentions"] for c in doc["concepts"]} == dict(
        Counter(r["concept"] for r in rows)
    )
    t = doc["totals"]
    assert t["documents"] == t["records"] == len(lines)
    assert t["characters"] == sum(map(len, lines))


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--input-format", "jsonl"], '{"text": "Aleppo"}\n{"text": \n', "bad:2: invalid JSON"),
        (["--input-format", "jsonl"], '{"text": "Aleppo"}\n[1]\n', "bad:2: invalid JSON"),
        ([], b"Aleppo\n\xff\n", "bad:2: invalid UTF-8"),
        (["--input-format", "jsonl", "--strict-field"], '{"x": 1}\n', "bad:1: no field 'text'"),
    ],
)
def test_bad_input_exits_2_with_file_and_line(
    tmp_path: Path, args: list[str], content: str | bytes, message: str
) -> None:
    bad = tmp_path / "bad"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    res = invoke("stats", "--isolated", *args, str(bad))
    assert res.exit_code == 2
    assert f"tarjama: error: {tmp_path}/{message}" in res.stderr, res.stderr
    assert res.stdout == "" and "Traceback" not in res.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    res = invoke("stats", "--isolated", str(tmp_path / "missing.txt"))
    assert res.exit_code == 2 and "missing.txt: no such file" in res.stderr
    res = invoke("stats", "--isolated", "--strict-field", "-", input=GOLF)
    assert res.exit_code == 2 and "--strict-field needs" in res.stderr
    res = invoke("stats", "--isolated", "-f", "tsv", "-", input=GOLF)
    assert res.exit_code == 2 and "--output-format" in res.stderr
    res = invoke("stats", "--isolated", "-o", str(tmp_path / "no" / "x.html"), "-", input=GOLF)
    assert res.exit_code == 2 and "no such folder" in res.stderr


def test_help_has_an_example() -> None:
    res = invoke("stats", "--help")
    assert res.exit_code == 0
    assert "tarjama glossary stats wires/*.txt" in res.stdout and "-f html" in res.stdout
    assert "stats" in invoke("--help").stdout


def test_progress_bar_on_stderr() -> None:
    res = invoke("stats", "--isolated", "--progress", str(SAMPLE))
    assert res.exit_code == 0
    assert "aleppo-wire.txt: 100%" in res.stderr and "aleppo-wire.txt" not in res.stdout


# -- outputs ------------------------------------------------------------------------------------


def test_json_document_fields(doc: dict[str, Any], corpus: list[Path]) -> None:
    assert set(doc) == {"files", "totals", "top", "concepts", "unlisted", "left_alone"}
    assert set(doc["totals"]) == {
        "documents",
        "records",
        "characters",
        "mentions",
        "concepts",
        "variants",
        "unlisted",
        "left_alone",
    }
    for c in doc["concepts"]:
        assert set(c) == {"concept", "label", "type", "mentions", "left_alone", "variants"}
        assert sum(v["count"] for v in c["variants"]) == c["mentions"]
        for v in c["variants"]:
            assert set(v) == {"text", "status", "count"} and v["status"] in STATUSES
    for a in doc["left_alone"]:
        assert set(a) == {"concept", "label", "type", "count", "example"}
        assert set(a["example"]) == {"file", "line", "before", "text", "after"}
    top = stats_json("--top", "3", *map(str, corpus))
    assert top["top"] == 3 and top["concepts"] == doc["concepts"][:3]
    assert top["totals"] == doc["totals"] and top["left_alone"] == doc["left_alone"]


def test_text_table(corpus: list[Path], doc: dict[str, Any]) -> None:
    res = invoke("stats", "--isolated", "--top", "5", *map(str, corpus))
    assert res.exit_code == 0, res.output
    out = res.stdout
    t = doc["totals"]
    assert out.startswith(f"3 files, 3 documents, {t['records']:,} records")
    assert f"{t['mentions']} mentions of {t['concepts']} concepts" in out
    assert "The 5 most mentioned concepts:" in out
    first = doc["concepts"][0]
    assert re.search(
        rf"(?m)^ +{first['mentions']} +{first['left_alone']} +{first['label']} \(", out
    )
    left = out.split("left alone for lack of evidence (GL05):")[1]
    assert re.search(r"(?m)^ +\d+  Jordan \(jordan\)\n +\S+:\d+: .*\[Jordan\]", left)


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "stats.json"
    res = invoke("stats", "--isolated", "-f", "json", "-o", str(out), str(SAMPLE))
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["mentions"] > 30


def test_html_escapes_every_text(doc: dict[str, Any]) -> None:
    evil = json.loads(json.dumps(doc))
    evil["concepts"][0]["label"] = "<script>alert(1)</script>"
    evil["concepts"][0]["variants"][0]["text"] = '"><img src=x onerror=alert(2)>'
    evil["left_alone"][0]["example"]["after"] = "</td><b>x</b>"
    page = render_stats_html(evil)
    assert "<script>alert" not in page and "<img" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the report's own


def test_html_page_renders_in_headless_chromium(
    corpus: list[Path], doc: dict[str, Any], tmp_path: Path, chromium: Any
) -> None:
    page = tmp_path / "stats.html"
    res = invoke("stats", "--isolated", "-f", "html", "-o", str(page), *map(str, corpus))
    assert res.exit_code == 0, res.output
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "url(" not in text
    dom = chromium.dom(page.as_uri(), tmp_path / "profile")
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
    # the page's script ran after layout and found one chart with a real width
    assert attrs.get("data-rendered") == "yes" and attrs.get("data-charts") == "1"
    assert int(attrs["data-chart-width"]) > 500
    chart = dom.split('id="mentions-chart"')[1].split("</svg>")[0]
    top = doc["concepts"][0]
    assert f'data-concept="{top["concept"]}"' in chart
    assert chart.count('<g class="concept-bar"') == min(25, len(doc["concepts"]))
    assert chart.count('<rect class="bar"') >= chart.count('<g class="concept-bar"')
    table = dom.split('id="concepts"')[1].split("</table>\n</section>")[0]
    nusra = table.split('<tr data-concept="jabhat-al-nusra">')[1].split("<tr data-concept=")[0]
    assert "Al-Nusra Front" in nusra and "deprecated" in nusra
    left = dom.split('id="left-alone"')[1]
    jordan = left.split('<tr data-concept="jordan">')[1].split("</tr>")[0]
    assert "<mark>Jordan</mark>" in jordan

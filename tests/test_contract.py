"""The contract every command keeps with its user: one option vocabulary, one error style,
1-based line numbers, no quiet data loss, file modes, closed pipes, record ids.

Each test drives the command line (in process with click's runner, or as a real process where
pipes, signals and modes matter) and checks exit code, stdout, stderr and the files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import Config, ConfigError, clean
from cleanup.cli import main

DIRTY = "Aleppo، Idlib  and Hama ,in “northern” Syria\u200f.\n"
TARJAMA = [sys.executable, "-m", "cleanup"]


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


# -- one vocabulary of options --------------------------------------------------------------


def test_clean_has_no_short_i_and_never_rewrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "mt.en"
    src.write_text(DIRTY, encoding="utf-8")
    code, out, err = run(["clean", "-i", str(src)])
    assert code == 2 and out == ""
    assert err.startswith("tarjama: error: No such option '-i'")
    assert src.read_text(encoding="utf-8") == DIRTY
    code, _, _ = run(["clean", "--no-glossary", "--in-place", str(src)])
    assert code == 0 and src.read_text(encoding="utf-8") == clean(DIRTY, Config(glossary=False))


def test_input_format_everywhere_and_format_is_a_deprecated_alias() -> None:
    record = '{"id": 7, "text": "Idlib  ,today"}\n'
    code, out, err = run(["clean", "--no-glossary", "--input-format", "jsonl", "-"], record)
    assert code == 0 and json.loads(out)["text"] == "Idlib, today" and err == ""
    code, out2, err = run(["clean", "--no-glossary", "--format", "jsonl", "-"], record)
    assert code == 0 and out2 == out
    assert "tarjama: warning: --format is deprecated; use --input-format" in err
    code, out, err = run(["glossary", "annotate", "--format", "jsonl", "-"], record)
    assert code == 0 and json.loads(out)["concept"] == "idlib" and "deprecated" in err
    code, _, err = run(["clean", "--input-format", "xml", "-"], "x\n")
    assert code == 2 and "tarjama: error:" in err and "'--input-format'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["rules"],
        ["glossary", "lint"],
        ["glossary", "codes"],
        ["clean", "--no-glossary", "--statistics", "-"],
    ],
)
@pytest.mark.parametrize("flag", ["-f", "--output-format"])
def test_output_format_everywhere(args: list[str], flag: str) -> None:
    stdin = DIRTY if args[-1] == "-" else None
    code, out, err = run([*args, flag, "json"], stdin)
    assert code == 0, err
    stream = err if "--statistics" in args else out
    json.loads(stream.strip().splitlines()[-1] if "--statistics" in args else stream)
    code, out, err = run([*args, flag, "tsv"], stdin)
    assert code == 0, err
    lines = (err if "--statistics" in args else out).strip().splitlines()
    assert "\t" in lines[0] and all(len(x.split("\t")) == len(lines[0].split("\t")) for x in lines)


def test_output_format_on_diff_mine_qa_and_score(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    a.write_text('[[concept]]\nid = "homs"\ntype = "city"\nen.preferred = "Homs"\n', "utf-8")
    b = tmp_path / "b.toml"
    b.write_text(a.read_text("utf-8") + 'en.deprecated = ["Hims"]\n', "utf-8")
    code, out, _ = run(["glossary", "diff", "-f", "json", str(a), str(b)])
    assert code == 1 and json.loads(out)[0]["concept"] == "homs"
    code, out, _ = run(["glossary", "diff", "-f", "tsv", str(a), str(b)])
    assert out.splitlines()[0] == "kind\tconcept\twhat"
    wire = tmp_path / "w.txt"
    wire.write_text("Fighters entered Hamaa and Hamaa again.\n", encoding="utf-8")
    code, out, _ = run(["glossary", "mine", "-f", "tsv", str(wire)])
    assert code == 0 and out.splitlines()[0] == "text\tcount\tconcept\tnearest\tdistance"
    src, hyp, ref = tmp_path / "s.ar", tmp_path / "h.en", tmp_path / "r.en"
    src.write_text("قتل ٢٥٥ شخصا\n", encoding="utf-8")
    hyp.write_text("Many people were killed\n", encoding="utf-8")
    ref.write_text("255 people were killed\n", encoding="utf-8")
    code, out, _ = run(["qa", "--src", str(src), "-i", str(hyp), "-f", "json"])
    assert code == 1 and json.loads(out)[str(hyp)]["findings"][0]["line"] == 1
    code, out, err = run(["score", str(ref), "-i", str(hyp), "-m", "chrf", "-f", "tsv"])
    assert code == 0, err
    assert out.splitlines()[0].split("\t")[:3] == ["system", "metric", "score"]
    code, out, err = run(
        ["score", "-r", str(ref), "-i", str(hyp), "-m", "chrf", "--format", "json"]
    )
    assert code == 0 and "systems" in json.loads(out) and "--format is deprecated" in err


def test_score_reads_the_system_from_stdin_and_prints_score_only(tmp_path: Path) -> None:
    ref = tmp_path / "r.en"
    ref.write_text("The cat sat on the mat.\nIt slept.\n", encoding="utf-8")
    code, out, err = run(
        ["score", str(ref), "-m", "chrf", "-b"], "The cat sat on a mat.\nIt slept.\n"
    )
    assert code == 0, err
    from sacrebleu.metrics.chrf import CHRF

    refs = [ref.read_text("utf-8").split("\n")[:2]]
    want = CHRF().corpus_score(["The cat sat on a mat.", "It slept."], refs)
    assert out == f"{want.score:.2f}\n"


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "--quotes", "fancy", "-"], "Invalid value for '--quotes'"),
        (["clean", "--no-such-flag"], "No such option '--no-such-flag'"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["clean", "nope.txt"], "nope.txt: no such file"),
        (["score", "-i", "x.txt"], "no reference"),
    ],
)
def test_one_error_style(args: list[str], message: str) -> None:
    proc = subprocess.run([*TARJAMA, *args], input=b"x\n", capture_output=True)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith("tarjama: error: ") and message in err.splitlines()[0]
    assert "Error:" not in err and "Traceback" not in err


def test_input_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a"}\n{"text": broken}\n', encoding="utf-8")
    code, _, err = run(["clean", "--input-format", "jsonl", str(bad)])
    assert code == 2 and err.startswith(f"tarjama: error: {bad}:2: invalid JSON")


# -- line numbers ----------------------------------------------------------------------------


def test_every_json_output_says_line_1_based(tmp_path: Path) -> None:
    src = tmp_path / "w.txt"
    src.write_text("clean line\n" + DIRTY, encoding="utf-8")
    log = tmp_path / "edits.jsonl"
    code, _, err = run(
        ["clean", "--no-glossary", "--explain", str(log), "-o", os.devnull, str(src)]
    )
    assert code == 0, err
    edits = [json.loads(x) for x in log.read_text("utf-8").splitlines()]
    assert {e["line"] for e in edits} == {2} and {e["record"] for e in edits} == {1}
    code, out, _ = run(["glossary", "annotate", str(src)])
    mentions = [json.loads(x) for x in out.splitlines()]
    assert mentions[0]["line"] == 2 and mentions[0]["record"] == 1
    code, _, err = run(
        ["clean", "-f", "json", "-"], "a\n" + "هذا نص عربي غير مترجم في السطر الثاني\n"
    )
    found = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert found and all(f["line"] == 2 and f["record"] == 1 for f in found)


# -- rules, --check, --diff --------------------------------------------------------------------


def test_rules_lists_a_group_or_a_prefix() -> None:
    code, out, _ = run(["rules", "quotes"])
    assert code == 0
    codes = sorted(line.split()[0].rstrip("*") for line in out.splitlines())
    assert codes == ["QT01", "QT02", "QT03"]
    code, out, _ = run(["rules", "SP"])
    assert code == 0 and all(line.startswith("SP") for line in out.splitlines())
    code, out, _ = run(["rules", "QT03"])
    assert out.startswith("QT03 (")
    code, _, err = run(["rules", "nothing"])
    assert code == 2 and err.startswith("tarjama: error: no rule or group 'nothing'")


def test_check_names_each_file_that_would_change(tmp_path: Path) -> None:
    dirty, tidy = tmp_path / "dirty.txt", tmp_path / "tidy.txt"
    dirty.write_text(DIRTY, encoding="utf-8")
    tidy.write_text("A tidy line.\n", encoding="utf-8")
    code, out, err = run(["clean", "--check", str(tidy), str(dirty)])
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert f"would clean {dirty}" in lines and f"would clean {tidy}" not in lines
    assert lines.index(f"would clean {dirty}") < lines.index("1 file(s) would be changed")


def test_diff_exit_code_is_documented() -> None:
    _, out, _ = run(["clean", "--help"])
    assert "--diff" in out and "exit 0; with --check, exit 1" in " ".join(out.split())
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert "`--diff` exits 0" in readme


# -- Config ----------------------------------------------------------------------------------


def test_config_accepts_strings_and_lists() -> None:
    assert Config(select="QT01").select == ("QT01",)
    assert Config(select=["QT"]).select == ("QT",)  # type: ignore[arg-type]
    assert Config(ignore="QT01, SP").ignore == ("QT01", "SP")
    assert Config(glossary_paths="house.toml").glossary_paths == ("house.toml",)
    assert Config(glossary_paths=[Path("a.toml")]).glossary_paths == ("a.toml",)  # type: ignore[arg-type]
    assert hash(Config(select=["QT"])) == hash(Config(select=("QT",)))  # type: ignore[arg-type]
    assert clean("a ,b", Config(select="SP", glossary=False)) == "a, b"
    with pytest.raises(ConfigError, match="select: expected strings"):
        Config(select=[1])  # type: ignore[list-item]
    with pytest.raises(ConfigError, match="segmented must be True or False"):
        Config(segmented="yes")  # type: ignore[arg-type]


def test_pyproject_glossary_paths_and_the_old_key(tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(
        '[[concept]]\nid = "x-town"\ntype = "town"\nen.preferred = "Xtown"\n'
        'en.deprecated = ["Ex Town"]\n',
        "utf-8",
    )
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.tarjama]\nglossary-paths = ["house.toml"]\n', "utf-8")
    code, out, err = run(["clean", "--config", str(cfg), "-"], "We drove to Ex Town.\n")
    assert (code, out, err) == (0, "We drove to Xtown.\n", "")
    cfg.write_text('[tool.tarjama]\nglossary = ["house.toml"]\n', "utf-8")
    code, out, err = run(["clean", "--config", str(cfg), "-"], "We drove to Ex Town.\n")
    assert code == 0 and out == "We drove to Xtown.\n"
    assert "tarjama: warning:" in err and "glossary-paths" in err


# -- no quiet data loss ------------------------------------------------------------------------


def _exported_csv(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "g.csv"
    code, _, err = run(
        ["glossary", "export", "--to", "csv", "--csv-layout", "terms", "-o", str(path)]
    )
    assert code == 0, err
    return path, path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda row: ",".join(row.split(",")[:4]), "too few columns (4, the header has 16)"),
        (lambda row: row.replace(",preferred,", ",bogus,", 1), "unknown status 'bogus'"),
        (
            lambda row: row.replace(",preferred,Hayat Tahrir al-Sham,", ",preferred,,", 1),
            "empty term",
        ),
    ],
)
def test_glossary_import_refuses_a_malformed_row(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path, lines = _exported_csv(tmp_path)
    k = next(i for i, x in enumerate(lines) if ",preferred,Hayat Tahrir al-Sham," in x)
    lines[k] = damage(lines[k])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "imported.toml"
    code, _, err = run(["glossary", "import", str(path), "-o", str(out)])
    assert code == 2 and not out.exists()
    assert err.startswith(f"tarjama: error: {path}:{k + 1}: {message}")


def test_tbx_import_errors_keep_the_xml_line(tmp_path: Path) -> None:
    tbx = tmp_path / "g.tbx"
    code, _, _ = run(["glossary", "export", "--to", "tbx", "-o", str(tbx)])
    lines = tbx.read_text(encoding="utf-8").splitlines()
    k = next(i for i, x in enumerate(lines) if "<term>Hayat Tahrir al-Sham</term>" in x)
    lines[k] = lines[k].replace("Hayat Tahrir al-Sham", "")
    tbx.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(["glossary", "import", str(tbx)])
    assert code == 2 and err.startswith(f"tarjama: error: {tbx}:{k}: a termSec without a term")
    tbx.write_text("\n".join(lines[:k]) + "\n<oops\n", encoding="utf-8")
    code, _, err = run(["glossary", "import", str(tbx)])
    assert code == 2 and err.startswith(f"tarjama: error: {tbx}:{k + 1}: invalid XML")


def test_an_overlay_that_fails_lint_is_refused(tmp_path: Path) -> None:
    house = tmp_path / "house.toml"
    house.write_text(
        '[[concept]]\nid = "house-is"\ntype = "jihadist-group"\n'
        'en.preferred = "Islamic State group"\nen.admitted = ["IS"]\n',
        "utf-8",
    )
    code, out, err = run(["clean", "--glossary", str(house), "-"], "Is it true?\n")
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {house}:") and "glossary lint" in err
    assert "GLL011" in err and "GLL004" in err  # every error, one per line
    code, out, err = run(
        ["clean", "--glossary", str(house), "--glossary-unchecked", "-"], "Is it true?\n"
    )
    assert code == 0 and "tarjama: warning:" in err and "GLL011" in err


def test_a_field_no_record_has_is_a_warning_or_an_error() -> None:
    records = '{"body": "a ,b"}\n{"body": "c"}\n\n{"text": 5}\n'
    code, out, err = run(["clean", "--input-format", "jsonl", "--field", "text", "-"], records)
    assert code == 0 and out == records
    assert "2 of 4 records have no field 'text'" in err
    assert "1 of 4 records have a field 'text' that is not a string" in err
    code, out, err = run(
        ["clean", "--input-format", "jsonl", "--field", "text", "--strict-field", "-"], records
    )
    assert code == 2 and err.startswith("tarjama: error: -:1: no field 'text' (--strict-field)")


def test_written_files_get_the_umask_mode_and_in_place_keeps_it(tmp_path: Path) -> None:
    src = tmp_path / "w.txt"
    src.write_text(DIRTY, encoding="utf-8")
    os.chmod(src, 0o604)
    out, log, exported = tmp_path / "o.txt", tmp_path / "e.jsonl", tmp_path / "g.csv"
    code = subprocess.run(
        f"umask 027 && {sys.executable} -m cleanup clean --explain {log} -o {out} {src} && "
        f"{sys.executable} -m cleanup glossary export --to csv -o {exported} && "
        f"{sys.executable} -m cleanup clean --in-place {src}",
        shell=True,
        capture_output=True,
    ).returncode
    assert code == 0
    for p in (out, log, exported):
        assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert stat.S_IMODE(src.stat().st_mode) == 0o604


def test_one_atomic_writer() -> None:
    root = Path(__file__).resolve().parents[1] / "cleanup"
    writers = []
    for f in root.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        if f.name != "atomic.py" and ("os.replace(" in text or "mkstemp(" in text):
            writers.append(f.name)
    assert writers == []


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(DIRTY * 200_000, encoding="utf-8")
    for args in (
        ["clean", "--no-glossary", str(big)],
        ["clean", "--diff", "--no-glossary", str(big)],
    ):
        proc = subprocess.Popen([*TARJAMA, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait() == 0
        assert err == b""


def test_repeated_findings_are_capped(tmp_path: Path) -> None:
    arabic = "هذا نص عربي غير مترجم في هذا السطر\n"
    text = "An English line.\n" + arabic * 30
    code, _, err = run(["clean", "--no-glossary", "-"], text)
    assert code == 0
    lines = err.splitlines()
    assert sum(": LG01 " in x for x in lines) == 20
    assert "tarjama: warning: 10 more LG01 findings not shown (--all-findings shows all)" in lines
    code, _, err = run(["clean", "--no-glossary", "--all-findings", "-"], text)
    assert code == 0
    assert sum(": LG01 " in x for x in err.splitlines()) == 30


# -- record ids ------------------------------------------------------------------------------


def test_id_field_goes_into_the_edit_log_findings_and_mentions(tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(
        '{"id": "a-1", "text": "fine"}\n'
        '{"id": "b-2", "text": "Aleppo، Idlib ,today. هذا نص عربي غير مترجم في السطر"}\n',
        encoding="utf-8",
    )
    log = tmp_path / "edits.jsonl"
    code, _, err = run(
        ["clean", "--input-format", "jsonl", "--id-field", "id", "--explain", str(log),
         "-f", "json", "-o", os.devnull, str(src)]
    )  # fmt: skip
    assert code == 0
    edits = [json.loads(x) for x in log.read_text("utf-8").splitlines()]
    assert edits and all(e["id"] == "b-2" and e["line"] == 2 for e in edits)
    found = [json.loads(x) for x in err.splitlines() if x.startswith("{")]
    assert found and all(f["id"] == "b-2" for f in found)
    code, out, _ = run(
        ["glossary", "annotate", "--input-format", "jsonl", "--id-field", "id", str(src)]
    )
    mentions = [json.loads(x) for x in out.splitlines()]
    assert {m["id"] for m in mentions} == {"b-2"} and {m["line"] for m in mentions} == {2}
    code, _, err = run(["clean", "--id-field", "id", str(src)])
    assert code == 2 and "--id-field needs --input-format jsonl" in err

"""TBX v2 (``<martif type="TBX">``): export, import, round trips through v3, errors with the
file and line, hostile XML refused."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary import load_glossary
from cleanup.glossary.formats import export_tbx, export_tbx2, import_tbx2
from cleanup.glossary.formats.tbx2 import is_tbx2
from cleanup.glossary.loader import parse_text

from .conftest import FIXTURES, SMALL


def _run(args: list[str]) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, args)
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    return r.exit_code, r.stdout, r.stderr


def test_tbx2_round_trips_the_shipped_glossary() -> None:
    g = load_glossary()
    tbx2 = export_tbx2(g)
    assert '<martif type="TBX"' in tbx2 and "<termEntry" in tbx2 and "<tig id=" in tbx2
    assert "conceptEntry" not in tbx2 and "termSec" not in tbx2
    parsed = parse_text(import_tbx2(tbx2, "g.tbx"), "back.toml")
    assert parsed.problems == []
    assert tuple(parsed.concepts) == g.concepts


def test_tbx2_structure_is_martif_without_namespace() -> None:
    g = load_glossary([SMALL], include_default=False)
    root = ET.fromstring(export_tbx2(g))
    assert root.tag == "martif" and root.get("type") == "TBX"
    assert [c.tag for c in root] == ["martifHeader", "text"]
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [c.id for c in g.concepts]
    first = entries[0]
    assert first.find("descrip[@type='subjectField']").text == g.concepts[0].type  # type: ignore[union-attr]
    statuses = {n.text for n in root.iter("termNote") if n.get("type") == "administrativeStatus"}
    assert statuses <= {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
    }
    assert "preferredTerm-admn-sts" in statuses and "deprecatedTerm-admn-sts" in statuses
    for tig in root.iter("tig"):
        assert tig.find("term") is not None


def test_v3_to_files_to_v2_to_files_is_lossless(tmp_path: Path) -> None:
    for src in (SMALL, FIXTURES / "ambiguous.toml", FIXTURES / "dated.toml"):
        v3, a, v2, b = (tmp_path / n for n in ("g.tbx", "a.toml", "g2.tbx", "b.toml"))
        assert _run(["glossary", "export", str(src), "--to", "tbx", "-o", str(v3)])[0] == 0
        assert _run(["glossary", "import", str(v3), "-o", str(a)])[0] == 0
        code, _, err = _run(["glossary", "export", str(a), "--to", "tbx2", "-o", str(v2)])
        assert code == 0 and err == ""  # v2 holds everything: nothing said dropped
        assert v2.read_text("utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif')
        assert _run(["glossary", "import", str(v2), "--from", "tbx2", "-o", str(b)])[0] == 0
        want = load_glossary([src], include_default=False).concepts
        assert load_glossary([b], include_default=False).concepts == want
        assert b.read_text("utf-8").split("\n", 1)[1] == a.read_text("utf-8").split("\n", 1)[1]


def test_import_detects_martif_without_from(tmp_path: Path) -> None:
    g = load_glossary([SMALL], include_default=False)
    f = tmp_path / "g.xml"
    decl, rest = export_tbx2(g).split("\n", 1)
    f.write_text(f"{decl}\n<!-- from a CAT tool -->\n{rest}", "utf-8")
    assert is_tbx2(f.read_text("utf-8")) and not is_tbx2(export_tbx(g))
    code, out, _ = _run(["glossary", "import", str(f)])
    assert code == 0
    assert parse_text(out, "x").concepts == list(g.concepts)


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The small glossary as TBX v2 with the first ``old`` replaced by ``new``, and its line."""
    text = export_tbx2(load_glossary([SMALL], include_default=False))
    lines = text.splitlines()
    k = next(i for i, line in enumerate(lines) if old in line)
    lines[k] = lines[k].replace(old, new)
    f = tmp_path / "bad.tbx"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return f, k + 1


def test_unknown_status_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "admittedTerm-admn-sts", "proposedTerm-admn-sts")
    code, out, err = _run(["glossary", "import", str(f)])
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {f}:{line}: unknown administrativeStatus")


def test_tig_without_term_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, "<term>", "<descrip>")
    f.write_text(f.read_text("utf-8").replace("</term>", "</descrip>", 1), "utf-8")
    code, out, err = _run(["glossary", "import", str(f), "--from", "tbx2"])
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {f}:{line - 1}: a tig without a term")


def test_bad_language_names_file_and_line(tmp_path: Path) -> None:
    f, line = _broken(tmp_path, '<langSet xml:lang="en">', '<langSet xml:lang="fr">')
    code, out, err = _run(["glossary", "import", str(f)])
    assert code == 2 and out == ""
    assert err.startswith(f"tarjama: error: {f}:{line + 1}: language 'fr' of term")


def test_hostile_tbx2_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "xxe.tbx"
    f.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<martif type="TBX"><text><body><termEntry id="x">\n'
        '<descrip type="subjectField">city</descrip>\n'
        '<langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>\n'
        "</termEntry></body></text></martif>\n",
        "utf-8",
    )
    code, out, err = _run(["glossary", "import", str(f), "--from", "tbx2"])
    assert code == 2 and out == ""
    assert f"tarjama: error: {f}:2: refused XML:" in err and "root:" not in err

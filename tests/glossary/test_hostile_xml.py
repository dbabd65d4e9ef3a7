"""Hostile TBX files (billion laughs, an external entity to a local file, a 100 MB attribute)
are refused with a clear error naming the file: exit 2, no traceback, bounded time and memory."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.glossary.formats.draft import MAX_IMPORT_BYTES

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx type="TBX-Basic"><text><body><conceptEntry id="x"><note>&lol9;</note>
</conceptEntry></body></text></tbx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Basic"><text><body><conceptEntry id="x">
<descrip type="subjectField">city</descrip><note>&xxe;</note>
<langSec xml:lang="en"><termSec><term>&xxe;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


def _import(path: Path) -> tuple[int, str, str]:
    start = time.perf_counter()
    r = CliRunner().invoke(main, ["glossary", "import", str(path)])
    assert time.perf_counter() - start < 10
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    return r.exit_code, r.stdout, r.stderr


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "laughs.tbx"
    f.write_text(BILLION_LAUGHS, "utf-8")
    code, out, err = _import(f)
    assert code == 2 and out == ""
    assert f"tarjama: error: {f}:2: refused XML:" in err and "DOCTYPE lolz" in err
    assert "lol" * 10 not in err


def test_external_entity_to_a_local_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "xxe.tbx"
    f.write_text(EXTERNAL_ENTITY, "utf-8")
    code, out, err = _import(f)
    assert code == 2 and out == ""
    assert f"{f}:2: refused XML:" in err and "DTD or entities" in err
    assert "root:" not in out + err  # nothing of /etc/passwd


def test_a_100_mb_attribute_is_refused_unread(tmp_path: Path) -> None:
    f = tmp_path / "huge.tbx"
    with f.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0"?>\n<tbx type="')
        chunk = "A" * 2**20
        for _ in range(100):
            fh.write(chunk)
        fh.write('"><text><body/></text></tbx>\n')
    assert f.stat().st_size > MAX_IMPORT_BYTES
    code, out, err = _import(f)
    assert code == 2 and out == ""
    assert f"tarjama: error: {f}: larger than 64 MiB" in err and "refused" in err
    assert len(err) < 500


def test_hostile_file_through_the_command_line(tmp_path: Path) -> None:
    import subprocess

    f = tmp_path / "laughs.tbx"
    f.write_text(BILLION_LAUGHS, "utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "cleanup", "glossary", "import", str(f)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stdout == ""
    assert f"{f}:2: refused XML" in r.stderr and "Traceback" not in r.stderr

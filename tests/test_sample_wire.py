"""The sample wire the project was specified from (docs/examples/aleppo-wire.txt): every
artefact named in the issue is fixed and the layout is kept."""

from __future__ import annotations

from cleanup import Config, apply_edits, clean_and_explain

NO_GLOSSARY = Config(glossary=False)


def test_layout_is_kept(sample_wire: str) -> None:
    result = clean_and_explain(sample_wire, NO_GLOSSARY)
    assert len(result.text.split("\n")) == len(sample_wire.split("\n")) == 18
    assert result.text.split("\n")[1] == ""  # the blank line after the headline
    assert result.text.endswith("\n") == sample_wire.endswith("\n")
    assert apply_edits(sample_wire, result.edits) == result.text


def test_artefacts_are_fixed(sample_wire: str) -> None:
    result = clean_and_explain(sample_wire, NO_GLOSSARY)
    out = result.text
    lines = out.split("\n")
    # One quote style: straight by default.
    assert not any(c in out for c in "“”‘’«»")
    # The dangling opening quote and the stray closing quote are removed, and logged.
    assert "Al-Nusra Front. In the region." in lines[2]
    assert lines[16].endswith("Tens of thousands of safe civilians.")
    removed = [e for e in result.edits if e.rules == ("QT03",)]
    assert [e.before for e in removed] == ['"', "\u201d"]
    # Apostrophes in names take one form.
    assert "Hay’at" not in out
    assert out.count("Hay'at Tahrir al-Sham") == 4
    # Every paragraph's double quotes pair up.
    for line in lines:
        assert line.count('"') % 2 == 0, line


def test_curly_style(sample_wire: str) -> None:
    out = clean_and_explain(sample_wire, Config(glossary=False, quotes="curly")).text
    assert '"' not in out
    assert "the “Salvation Government” that" in out
    assert "the regime’s mobilization" in out
    assert out.count("“") == out.count("”")

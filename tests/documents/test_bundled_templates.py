"""The bundled templates are what the layout code writes, byte for byte."""

from __future__ import annotations

from nominations.documents.bundled import BUILDERS, TEMPLATES, write_all


def test_the_committed_templates_are_the_layout_codes_output(tmp_path):
    written = write_all(tmp_path)
    assert {path.stem for path in written} == set(BUILDERS)
    for path in written:
        # Rebuilding gives the same bytes (fixed zip times), so a changed layout that was not
        # rebuilt and committed shows here.
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), path.name

"""data/build.py regenerates data/ exactly from the reference pack (the provenance record).

The reference pack sits beside the repository (``../shared/reference``) on maintainers' machines and
in CI; students do not have it, so the test is skipped without it."""

import importlib.util
from pathlib import Path

import pytest

from natocourse import data

DATA = Path(data.DEFAULT_DIR)
REFERENCE = DATA.parent.parent / "shared" / "reference"


def _build_module():
    spec = importlib.util.spec_from_file_location("natocourse_data_build", DATA / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (REFERENCE / "SOURCES.md").exists(), reason="reference pack ../shared/reference not present")
def test_build_reproduces_every_file_in_data(tmp_path):
    written = _build_module().build(REFERENCE, tmp_path)
    assert {p.name for p in written} == {p.name for p in DATA.iterdir() if p.suffix in {".csv", ".json"}}
    for path in written:
        assert path.read_bytes() == (DATA / path.name).read_bytes(), f"{path.name} differs: run python data/build.py"


def test_build_without_the_reference_pack_says_where_it_looked(tmp_path):
    with pytest.raises(SystemExit, match="reference pack not found"):
        _build_module().build(tmp_path / "nowhere", tmp_path)

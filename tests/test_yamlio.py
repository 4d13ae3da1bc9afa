"""The fast YAML reader gives exactly what ``yaml.safe_load`` gives, errors included."""

from __future__ import annotations

import pytest
import yaml

from geo import DATA_DIR, yamlio
from geo.registry import RegistryError, registry_from_files

BUNDLED = sorted([*DATA_DIR.glob("*.yaml"), *DATA_DIR.glob("indicators/*.yaml")])


def test_the_c_parser_is_used_when_pyyaml_has_it() -> None:
    assert (yamlio.FAST_LOADER is not None) == bool(yaml.__with_libyaml__)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_read_the_same(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlio.safe_load(text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [2, 3\n",  # unclosed flow sequence
        "a: 1\n  b: 2\n",  # bad indentation
        "key: 'unterminated\n",
        "- !!python/object:os.system ls\n",  # unsafe tag: refused, never constructed
    ],
)
def test_malformed_documents_raise_the_python_parsers_error(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as slow:
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as fast:
        yamlio.safe_load(text)
    assert str(fast.value) == str(slow.value)


def test_registry_reports_a_broken_projects_file_with_its_line() -> None:
    files = {p.name: p.read_bytes() for p in DATA_DIR.iterdir() if p.is_file()}
    files["projects.yaml"] = b"projects:\n  a: [1, 2\n"
    with pytest.raises(RegistryError) as error:
        registry_from_files(files)
    issues = error.value.issues
    assert any(i.file == "projects.yaml" and "not valid YAML" in str(i.message) for i in issues)

"""Run the app through AppTest and keep every deferred download's builder (tests only)."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
#: Taken at import: a spy left by an earlier run must not record into this one.
_ADD_DEFERRED = MediaFileManager.add_deferred


def run_with_downloads(monkeypatch, params: dict[str, str]) -> tuple[AppTest, dict]:
    """Run the app with ``params`` in the URL; return it and every deferred download's
    builder (a callable returning the file's bytes) by file name."""
    files: dict[str, object] = {}
    original = _ADD_DEFERRED

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, files

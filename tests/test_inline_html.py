"""Linked scripts and stylesheets replaced by their text (geo.inline_html)."""

from __future__ import annotations

from geo.inline_html import inline_element, inline_files

PAGE = (
    '<html><head><link rel="stylesheet" href="/s/a.css?v=1">'
    '<script defer src="/s/a.js?v=1"></script></head><body></body></html>'
)


def test_each_link_becomes_its_text_and_missing_ones_are_named() -> None:
    html, missing = inline_files(
        PAGE,
        scripts={"/s/a.js?v=1": "run()", "/s/b.js": "never"},
        stylesheets={"/s/a.css?v=1": "p{}"},
    )
    assert missing == ["/s/b.js"]
    assert "<script>run()</script>" in html and "<style>p{}</style>" in html
    assert "src=" not in html and "href=" not in html and "never" not in html


def test_text_cannot_close_its_element_early() -> None:
    assert inline_element("script", 'a("</script><b>")') == '<script>a("<\\/script><b>")</script>'
    assert inline_element("style", "/* </STYLE> */") == "<style>/* <\\/STYLE> */</style>"

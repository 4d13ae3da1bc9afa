"""The files a rendered page links to (scripts, stylesheets) replaced by their text, so
the page works as one file, offline."""

from __future__ import annotations

import re
from collections.abc import Mapping


def script_tag(url: str) -> re.Pattern[str]:
    """A ``<script src="url"></script>`` element, whatever its other attributes."""
    return re.compile(
        r"<script\b[^>]*\bsrc\s*=\s*[\"']" + re.escape(url) + r"[\"'][^>]*>\s*</script\s*>",
        re.IGNORECASE,
    )


def stylesheet_tag(url: str) -> re.Pattern[str]:
    """A ``<link href="url">`` element, whatever its other attributes."""
    return re.compile(
        r"<link\b[^>]*\bhref\s*=\s*[\"']" + re.escape(url) + r"[\"'][^>]*>", re.IGNORECASE
    )


def inline_element(tag: str, text: str) -> str:
    """``<tag>text</tag>``, with any ``</tag`` inside the text escaped so that it cannot
    end the element early."""
    escaped = re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)
    return f"<{tag}>{escaped}</{tag}>"


def inline_files(
    html: str, *, scripts: Mapping[str, str], stylesheets: Mapping[str, str]
) -> tuple[str, list[str]]:
    """Replace the first link to each URL by the file's text.

    Parameters
    ----------
    html : str
        The rendered page.
    scripts, stylesheets : mapping of str to str
        URL as linked in the page -> the file's text.

    Returns
    -------
    tuple of (str, list of str)
        The page, and the URLs it does not link (left as they were: nothing to replace).
    """
    missing = []
    wanted = [(script_tag(u), u, inline_element("script", t)) for u, t in scripts.items()]
    wanted += [(stylesheet_tag(u), u, inline_element("style", t)) for u, t in stylesheets.items()]
    for pattern, url, element in wanted:
        html, n = pattern.subn(lambda _m, element=element: element, html, count=1)
        if n != 1:
            missing.append(url)
    return html, missing

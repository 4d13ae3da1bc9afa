"""Text of PDF pages as a viewer reads it, with PDFium (pypdfium2), Chromium's engine.

pypdf parses a page's content stream in Python: a page with a map (tens of thousands of
path operators) takes one to two seconds to read; PDFium reads it in milliseconds. pypdf
still checks structure (pages, sizes, fonts, metadata) where a test needs it.
"""

from __future__ import annotations

import pypdfium2 as pdfium


def page_texts(data: bytes) -> list[str]:
    """The text of every page of the PDF ``data``, lines separated by ``\\n``."""
    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()

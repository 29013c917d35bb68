"""The .docx converts to PDF with LibreOffice headless; page 1 rendered by pdftoppm is a printed page."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from cchc.reports.renderers.docx import render_docx
from cchc.reports.renderers.pdf import PdfConversionError, render_pdf, soffice_path
from cchc.reports.renderers.sample import sample_context

needs_converter = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftoppm") is None,
    reason="needs LibreOffice (soffice, Debian libreoffice-writer-nogui) and pdftoppm (poppler-utils): make browser",
)


def _png_gray(data: bytes) -> tuple[int, int, bytes]:
    """Decode an 8-bit grayscale or RGB PNG (pdftoppm writes either): width, height, one gray byte per pixel."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, bpp = 8, b"", 0, 1
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (0, 2), "expected an 8-bit grayscale or RGB PNG"
            bpp = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    stride = width * bpp
    raw, pixels, previous = zlib.decompress(idat), bytearray(), bytearray(stride)
    for row in range(height):
        line = raw[row * (stride + 1) : (row + 1) * (stride + 1)]
        kind, current = line[0], bytearray(line[1:])
        for x in range(stride):
            left = current[x - bpp] if x >= bpp else 0
            up, up_left = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                current[x] = (current[x] + left) & 0xFF
            elif kind == 2:
                current[x] = (current[x] + up) & 0xFF
            elif kind == 3:
                current[x] = (current[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                current[x] = (current[x] + predictor) & 0xFF
        pixels += current if bpp == 1 else bytes(sum(current[i : i + 3]) // 3 for i in range(0, stride, 3))
        previous = current
    return width, height, bytes(pixels)


@pytest.mark.pdf
@needs_converter
def test_report_converts_to_a_pdf_whose_first_page_is_printed(tmp_path: Path):
    pdf = render_pdf(render_docx(sample_context()))
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            "40",
            "-gray",
            "-png",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("p*.png"))
    width, height, pixels = _png_gray(page.read_bytes())
    # A4 at 40 dpi is about 331 x 468 pixels, portrait.
    assert abs(width - 331) <= 2 and abs(height - 468) <= 2
    ink = sum(1 for value in pixels if value < 128) / len(pixels)
    assert 0.01 < ink < 0.5, f"page 1 looks blank or black ({ink:.2%} dark pixels)"
    # Text begins near the top (header blocks) and fills the page down to the bottom margin.
    top_rows = pixels[int(height * 0.05) * width : int(height * 0.2) * width]
    bottom_rows = pixels[int(height * 0.75) * width : int(height * 0.9) * width]
    assert any(v < 128 for v in top_rows) and any(v < 128 for v in bottom_rows)
    # Nothing is printed in the left margin (30 mm: about 47 pixels).
    left_margin = [pixels[row * width + col] for row in range(height) for col in range(40)]
    assert min(left_margin) > 200


def test_missing_libreoffice_gives_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfConversionError, match="libreoffice-writer-nogui"):
        render_pdf(render_docx(sample_context()))

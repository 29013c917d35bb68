"""PDF from the .docx through LibreOffice headless, so the PDF is the very document the .docx describes.

Each conversion runs with its own temporary LibreOffice profile (-env:UserInstallation): concurrent
conversions (tests in parallel, two staff members at once) would otherwise fight over one profile lock,
and a first run on a fresh machine would otherwise write into the service user's home.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class PdfConversionError(RuntimeError):
    """LibreOffice is missing or could not convert the document; the message says which."""


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(docx_bytes: bytes) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes) with `soffice --headless --convert-to pdf`."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfConversionError(
            "LibreOffice (soffice) is not installed: install the Debian package libreoffice-writer-nogui "
            "(make browser does) to produce PDF reports"
        )
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(docx_bytes)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfConversionError(f"LibreOffice did not finish the conversion in {TIMEOUT_SECONDS} s") from exc
        target = work / "out" / "report.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()
            raise PdfConversionError(f"LibreOffice could not convert the report (exit {done.returncode}): {detail}")
        return target.read_bytes()

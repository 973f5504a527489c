"""QR codes for links, with segno: pure Python, no dependencies, well maintained, and it
writes PNG and SVG itself (no Pillow needed)."""

from __future__ import annotations

import io

import segno

__all__ = ["qr_png", "qr_svg"]


def qr_png(text: str, *, scale: int = 8, border: int = 2) -> bytes:
    """A QR code as PNG bytes (error correction M: readable from a projector).

    Examples
    --------
    >>> qr_png("http://localhost:8501/simulador?minimo=40")[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=border)
    return out.getvalue()


def qr_svg(text: str, *, scale: int = 8, border: int = 2) -> bytes:
    """A QR code as SVG bytes."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, border=border)
    return out.getvalue()

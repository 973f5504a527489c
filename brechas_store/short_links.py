"""Short links: a short code that expands to a page's full query (the scenario's link).

The same query always gets the same code (its sha256 is unique), so sharing one scenario
many times stores one row. Codes use the workshops' alphabet (no 0/O, 1/I/L), upper case,
so a room can type one read off a projector. Only queries that the app wrote are stored;
they are read back with the scenario's strict parser like any link.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from brechas_core.i18n import _
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from brechas_store.db import Store
from brechas_store.schema import now, short_links
from brechas_store.workshops import CODE_ALPHABET

__all__ = ["CODE_LENGTH", "MAX_QUERY", "ShortLinkError", "expand", "normalize", "shorten"]

CODE_LENGTH = 6
#: A link's query longer than this is refused (the scenario's own parser caps each
#: parameter at 600 characters; a comparison of four scenarios fits well below this).
MAX_QUERY = 4000
_PATH = re.compile(r"^[a-z_]{0,30}$")


class ShortLinkError(ValueError):
    """A short link that cannot be made, with a Spanish message for the user."""


def normalize(text: str | None) -> str | None:
    """A typed code, upper case, without spaces or dashes; None if it cannot be one.

    Examples
    --------
    >>> normalize(" k7m-2qx "), normalize("abc"), normalize("<b>x</b>")
    ('K7M2QX', None, None)
    """
    code = re.sub(r"[\s\-]", "", str(text or "")).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def _digest(path: str, query: str) -> str:
    return hashlib.sha256(f"{path}?{query}".encode()).hexdigest()


def shorten(store: Store, path: str, query: str) -> str:
    """The code for a page path and its query string, created on first use."""
    if not _PATH.match(path):
        raise ShortLinkError(_("Esta página no admite enlaces cortos."))
    if len(query) > MAX_QUERY:
        raise ShortLinkError(
            _("El enlace es demasiado largo para acortarlo; use el enlace completo.")
        )
    digest = _digest(path, query)
    t = short_links
    with store.read() as conn:
        found = conn.execute(select(t.c.code).where(t.c.digest == digest)).scalar()
    if found:
        return found
    for _attempt in range(8):
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        try:
            with store.write() as conn:
                conn.execute(
                    insert(t).values(
                        code=code,
                        digest=digest,
                        path=path,
                        query=query,
                        created_at=now(),
                        uses=0,
                    )
                )
            return code
        except IntegrityError:
            # Another process stored the same query meanwhile, or the code was taken.
            with store.read() as conn:
                found = conn.execute(select(t.c.code).where(t.c.digest == digest)).scalar()
            if found:
                return found
    raise ShortLinkError(_("No se pudo crear un código libre; inténtelo de nuevo."))


def expand(store: Store, code: str | None) -> dict[str, str] | None:
    """The query parameters a code stands for (None for an unknown code)."""
    from urllib.parse import parse_qsl

    code = normalize(code)
    if code is None:
        return None
    t = short_links
    with store.read() as conn:
        query = conn.execute(select(t.c.query).where(t.c.code == code)).scalar()
    if query is None:
        return None
    with store.write() as conn:
        conn.execute(update(t).where(t.c.code == code).values(uses=t.c.uses + 1))
    return dict(parse_qsl(query, keep_blank_values=False))

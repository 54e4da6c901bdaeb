"""Text folding for search: the same answers as PostgreSQL's ``unaccent`` on Vietnamese text.

On SQLite the function is registered as ``unaccent`` on every new connection (see ``apps.py``),
so ``name__unaccent__icontains`` behaves alike on both databases.
"""

import unicodedata

# Letters that carry no combining mark in Unicode and so survive NFD decomposition.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"})


def _unaccent_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# Every letter of the Latin blocks (Vietnamese among them) and the combining marks, folded once:
# a translate() per string instead of a Python loop per character (imports fold every cell).
_TABLE = {
    code: _unaccent_slow(chr(code)) or None
    for code in (*range(0x00C0, 0x0250), *range(0x0300, 0x0370), *range(0x1E00, 0x1F00))
    if _unaccent_slow(chr(code)) != chr(code)
}


def unaccent(text):
    """``Quảng Nam`` → ``Quang Nam``, ``Đà Nẵng`` → ``Da Nang`` (case kept; None stays None)."""
    if text is None:
        return None
    text = str(text)
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFC", text).translate(_TABLE)
    return folded if folded.isascii() else _unaccent_slow(text)


def fold(text) -> str:
    """Diacritics removed, case folded and spaces collapsed: the key used to compare labels."""
    return " ".join(unaccent(text or "").casefold().split())


def register_sqlite_unaccent(sender=None, connection=None, **kwargs) -> None:
    """``connection_created`` receiver: give SQLite an ``unaccent(text)`` SQL function."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, unaccent, deterministic=True)

"""A bounded, process-wide memo for the hot path of a rerun (issue 12, scale).

Streamlit's ``st.cache_resource`` hashes every argument with its own hasher and inspects the
function's signature on each call: about a tenth of a millisecond per call, paid several
times in every rerun of the Simulador. A :class:`Memo` is a dict lookup, for values keyed by
something already hashable (strings, tuples of them, numbers) that are shared read-only.

Entries leave oldest first when the memo is full. Two threads that miss the same key at once
may both compute it; the values are equal (pure functions of the key), and the last one is
kept. :func:`clear_all` empties every memo (tests, and a server whose ``data/`` changed).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")
_ALL: weakref.WeakSet[Memo] = weakref.WeakSet()


class Memo(Generic[_V]):
    """At most ``size`` values by key, oldest out first.

    >>> squares = Memo(2)
    >>> squares.get(3, lambda: 9), squares.get(3, lambda: -1)
    (9, 9)
    >>> squares.get(4, lambda: 16), squares.get(5, lambda: 25), len(squares)
    (16, 25, 2)
    >>> squares.get(3, lambda: 0)  # 3 was the oldest: computed again
    0
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a memo holds at least one value")
        self.size = size
        self._values: dict[Hashable, _V] = {}
        self._lock = threading.Lock()
        _ALL.add(self)

    def get(self, key: Hashable, compute: Callable[[], _V]) -> _V:
        """The value for ``key``, from ``compute()`` the first time."""
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            if key not in self._values and len(self._values) >= self.size:
                self._values.pop(next(iter(self._values)))  # the oldest
            self._values[key] = value
        return value

    def get_for(self, anchors: tuple, key: Hashable, compute: Callable[[], _V]) -> _V:
        """The value for ``key`` computed from ``anchors``, objects that cannot be hashed
        (data frames, say), which are keyed by identity. The entry keeps them alive, so
        their ids cannot be reused by other objects while it lives.

        >>> tables = Memo(4)
        >>> frame = [1, 2]  # not hashable
        >>> tables.get_for((frame,), "es", lambda: sum(frame))
        3
        >>> tables.get_for((frame,), "es", lambda: -1), tables.get_for(([1, 2],), "es", lambda: 0)
        (3, 0)
        """
        entry = self.get((tuple(map(id, anchors)), key), lambda: (anchors, compute()))
        return entry[1]  # type: ignore[index]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def clear_all() -> None:
    """Empty every memo of the process."""
    for memo in list(_ALL):
        memo.clear()

"""Root pytest settings shared by the doctests of brechas_core and the tests.

Mutation testing (scripts/mutation.py) copies every function of a mutated module once per
mutant, docstring included. The doctest finder skips those copies (their names contain
``__mutmut_``): the doctests of the real functions run once, against the active mutant, and
a module with 1,300 mutants is not parsed 1,300 times over. Outside mutation testing no name
contains ``__mutmut_`` and this changes nothing.
"""

from __future__ import annotations

import doctest

_find = doctest.DocTestFinder._find


def _find_skipping_mutant_copies(self, tests, obj, name, *args, **kwargs):
    if "__mutmut_" in name:
        return None
    return _find(self, tests, obj, name, *args, **kwargs)


doctest.DocTestFinder._find = _find_skipping_mutant_copies

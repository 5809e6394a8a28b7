"""The public verbs on texts: citations, their resolution, the catalog.

    from graphbuild import get_citations
    get_citations("Thực hiện Nghị quyết số 49-NQ/TW ...")

The verbs on a corpus and a graph (``build_corpus``, ``read_graph``, ``write_graph``,
``sync_graph``) are in :mod:`graphbuild.build`; both are exported from ``graphbuild``.  This
module imports only the parser and the resolver (not NetworkX), so a program that only
parses starts fast.  It is never compiled with mypyc (a compiled function has no
``__doc__``), so ``help()`` works in every build.
"""

from __future__ import annotations

import os
from typing import Union

from graphbuild.models import Citation
from graphbuild.parse import find
from graphbuild.resolve import resolver
from graphbuild.resolve.catalog import Catalog

PathLike = Union[str, "os.PathLike[str]"]


def get_citations(text: str, tokenizer=None) -> list[Citation]:
    """Every citation in ``text`` (a ``str``), in text order.

    Each :class:`~graphbuild.models.Citation` has ``start``/``end`` offsets into ``text``
    itself (``text[c.start:c.end] == c.text``), the ``kind`` (party, state, named), the
    ``type`` word, ``number``, canonical ``symbol``, ``year``, ISO ``date``, ``issuer``,
    ``term``, ``subject``, ``name`` and the instrument ``id``.  ``tokenizer`` finds the type
    words (:mod:`graphbuild.parse.tokenizers`); the fastest available is used by default.

    >>> [c.symbol for c in get_citations("Thực hiện Nghị quyết số 49-NQ/TW của Bộ Chính trị")]
    ['49-NQ/TW']
    """
    return find.get_citations(text, tokenizer)


def resolve_citations(citations: list[Citation], *, doc_date: str | None = None,
                      catalog: Catalog | None = None) -> list[resolver.Mention]:
    """Resolve ``citations`` (from :func:`get_citations`, of ONE document) to instruments.

    Returns one :class:`~graphbuild.resolve.resolver.Mention` per citation, in the same order,
    with the instrument ``key`` (``27-NQ/TW@2022``; ``@?`` when no year is known), the
    ``status`` (resolved, ambiguous or unresolved), the ``rule`` that decided and, for an
    ambiguous one, its ``candidates``.  ``doc_date`` (ISO) dates yearless mentions;
    ``catalog`` defaults to the shipped catalog of known instruments.
    """
    return resolver.resolve_citations(citations, doc_date=doc_date,
                                      catalog=catalog if catalog is not None else Catalog.load())


def load_catalog(catalog: Catalog | PathLike | None = None) -> Catalog:
    """A catalog of known instruments: the shipped one (``catalog`` None), a JSON file, or
    ``catalog`` itself if it already is a :class:`~graphbuild.resolve.catalog.Catalog`.

    ``Catalog()`` is the empty catalog (resolution without one).  Raises ``ValueError`` for a
    file that is not a catalog, ``OSError`` for one that cannot be read.
    """
    if isinstance(catalog, Catalog):
        return catalog
    return Catalog.load(None if catalog is None else os.fspath(catalog))

"""graphbuild: a cross-reference graph of the instruments Vietnamese texts cite.

Public API (verbs): :func:`get_citations` parses a text.
"""

from graphbuild.parse.find import get_citations
from graphbuild.models import Citation, Document

__all__ = ["get_citations", "Citation", "Document"]
__version__ = "0.1.0"

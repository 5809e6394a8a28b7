"""Shared fixtures: where ../shared lives, the seed graph built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must sit beside the repository")
    return path


@pytest.fixture(scope="session")
def seeds_graph():
    from graphbuild import build_corpus
    return build_corpus(shared_path("seeds"), jobs=1)


@pytest.fixture(scope="session")
def sample_graph():
    from graphbuild import build_corpus
    return build_corpus(REPO / "data" / "corpus", jobs=1)

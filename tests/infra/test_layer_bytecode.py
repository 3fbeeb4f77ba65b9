"""The layer ships compiled: Lambda mounts it read-only, so bytecode it lacks is compiled at every cold start.

The tests' copy of the layer is built by shared/Makefile's build-SharedLayer,
the target `sam build` runs (tests/support/lambda_layer.py), so what is
checked here is what a deploy uploads: its third-party packages (the tests
import podcast_digest from the worktree; bench/bench_cold_start.py counts
the compiled podcast_digest of the arm64 layer).
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.support.lambda_layer import lambda_paths

TAG = sys.implementation.cache_tag  # cpython-311: the runtime's, as the Makefile insists
UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, not checked against the source


@pytest.fixture(scope="module")
def layer() -> Path:
    return lambda_paths().layer


def pyc_flags(source: Path) -> int:
    compiled = Path(importlib.util.cache_from_source(str(source)))
    assert compiled.is_file(), f"{source.relative_to(source.parents[2])}: no {compiled.name} in the layer"
    return int.from_bytes(compiled.read_bytes()[4:8], "little")


@pytest.mark.parametrize(
    "module",
    ["pydantic/main.py", "aws_lambda_powertools/logging/logger.py", "aws_xray_sdk/core/recorder.py",
     "openai/_client.py", "jinja2/environment.py", "feedparser/api.py"],
)  # fmt: skip
def test_every_module_carries_bytecode_that_zip_timestamps_cannot_stale(layer: Path, module: str) -> None:
    assert TAG == "cpython-311"
    assert pyc_flags(layer / module) == UNCHECKED_HASH


def test_no_source_file_in_the_layer_lacks_its_bytecode(layer: Path) -> None:
    missing = [
        str(p.relative_to(layer))
        for p in layer.rglob("*.py")
        if not Path(importlib.util.cache_from_source(str(p))).is_file()
    ]
    assert missing == []


def test_numpy_ships_without_its_own_test_suites(layer: Path) -> None:
    assert (layer / "numpy" / "__init__.py").is_file()
    assert sorted(str(p.relative_to(layer)) for p in layer.glob("numpy/**/tests")) == []

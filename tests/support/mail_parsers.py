"""Read raw mail with third-party parsers (npm mailparser and postal-mime, run with node), not Python's email.

`make mail-parser-deps` installs them into tests/support/mail_parser/node_modules;
tests skip with that instruction when node or the packages are missing.
"""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

FOLDER = Path(__file__).parent / "mail_parser"


def require_node_parsers() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: apt-get install nodejs, then `make mail-parser-deps`")
    if (
        not (FOLDER / "node_modules" / "mailparser").is_dir()
        or not (FOLDER / "node_modules" / "postal-mime").is_dir()
    ):
        pytest.skip("the npm mail parsers are not installed: run `make mail-parser-deps`")
    return node


def parse_with_node(raw_messages: list[bytes], folder: Path) -> list[dict[str, Any]]:
    """Each raw message as mailparser and postal-mime read it ({"mailparser": …, "postal": …})."""
    node = require_node_parsers()
    paths = []
    for n, raw in enumerate(raw_messages):
        path = folder / f"raw-{n}.eml"
        path.write_bytes(raw)
        paths.append(str(path))
    done = subprocess.run(
        [node, str(FOLDER / "parse.mjs"), *paths], capture_output=True, check=True, timeout=60, cwd=FOLDER
    )
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed

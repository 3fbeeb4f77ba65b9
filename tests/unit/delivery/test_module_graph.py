"""Delivery is its own module: the notify step and the roundups both use it, and the pipeline and
subscriptions no longer import each other's steps (no import cycle, no import hidden in a function)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "shared" / "podcast_digest"


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def modules_under(folder: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): imports_of(p) for p in (PACKAGE / folder).rglob("*.py")}


def test_no_subscriptions_or_delivery_module_imports_the_notify_step():
    for folder in ("subscriptions", "delivery"):
        for name, imported in modules_under(folder).items():
            assert "podcast_digest.pipeline.notify" not in imported, name


def test_the_notify_step_imports_no_subscriptions_module_and_delivers_through_delivery():
    imported = imports_of(PACKAGE / "pipeline" / "notify.py")
    assert not {m for m in imported if m.startswith("podcast_digest.subscriptions")}
    assert "podcast_digest.delivery" in imported


def test_roundups_deliver_through_the_same_module():
    assert "podcast_digest.delivery" in imports_of(PACKAGE / "subscriptions" / "roundup.py")


def test_the_delivery_core_needs_nothing_from_subscriptions():
    # Only links.py (who may unsubscribe, with which token) builds on subscriptions.
    for name, imported in modules_under("delivery").items():
        if name != "delivery/links.py":
            assert not {m for m in imported if m.startswith("podcast_digest.subscriptions")}, name

"""Routes registered with the methods they answer, so a wrong method gets 405, not "not found".

Powertools' resolver only knows "no route matched". Every GET route also
answers HEAD (the body is dropped on the way out).
"""

import re
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

_PARAMETER = re.compile(r"<\w+>")


class RouteTable:
    """Which methods each registered path answers."""

    def __init__(self) -> None:
        self._rules: list[tuple[re.Pattern[str], set[str]]] = []

    def add(self, rule: str, methods: set[str]) -> None:
        pattern = re.compile("^" + "[^/]+".join(re.escape(part) for part in _PARAMETER.split(rule)) + "$")
        for known, known_methods in self._rules:
            if known.pattern == pattern.pattern:
                known_methods.update(methods)
                return
        self._rules.append((pattern, set(methods)))

    def allowed(self, path: str) -> set[str]:
        return {m for pattern, methods in self._rules if pattern.match(path) for m in methods}


class Routes:
    """A Powertools Router whose every route is also written in the table."""

    def __init__(self, table: RouteTable) -> None:
        self.router = Router()
        self.table = table

    def get(self, rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        self.table.add(rule, {"GET", "HEAD"})
        return self.router.route(rule, method=["GET", "HEAD"])

    def post(self, rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        self.table.add(rule, {"POST"})
        return self.router.post(rule)

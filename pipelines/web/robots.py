"""robots.txt rules as RFC 9309 defines them.

Not `urllib.robotparser`: it applies the first rule in file order instead of the longest match and reads `*` and
`$` literally, so a site's `Disallow: /*?print=` would not stop us. This module matches by the longest pattern
(ties go to Allow), supports `*` and `$`, merges every group naming our product token, falls back to `*`, and
reads the common non-standard `Crawl-delay`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one host for one user agent: (allow?, pattern) pairs and an optional crawl delay."""

    rules: tuple[tuple[bool, str], ...] = ()
    crawl_delay: float | None = None

    def allows(self, path: str) -> bool:
        """Whether `path` (path plus query, starting with "/") may be fetched."""
        if path.split("?", 1)[0] == "/robots.txt":
            return True
        target = _normalise(path or "/")
        best: tuple[int, bool] | None = None
        for allow, pattern in self.rules:
            if _pattern_regex(pattern).match(target):
                candidate = (len(pattern), allow)
                if best is None or candidate > best:
                    best = candidate
        return True if best is None else best[1]


ALLOW_ALL = RobotsRules()
DISALLOW_ALL = RobotsRules(rules=((False, "/"),))


def product_token(user_agent: str) -> str:
    """The name robots.txt groups address: "releases-bot" of "releases-bot/1.0 (+https://...)"."""
    head = user_agent.strip().split()
    return head[0].split("/", 1)[0].lower() if head else "*"


def parse_robots(text: str, user_agent: str) -> RobotsRules:
    """The rules that apply to `user_agent`: its own groups if any name it, else the `*` groups."""
    token = product_token(user_agent)
    groups: list[tuple[set[str], list[tuple[bool, str]], list[float]]] = []
    agents: set[str] = set()
    collecting_agents = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (part.strip() for part in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            if not collecting_agents:
                agents = set()
                groups.append((agents, [], []))
                collecting_agents = True
            agents.add(value.lower())
            continue
        collecting_agents = False
        if not groups:
            continue
        if field in ("allow", "disallow") and value:
            groups[-1][1].append((field == "allow", _normalise(value)))
        elif field == "crawl-delay":
            try:
                groups[-1][2].append(float(value))
            except ValueError:
                pass
    chosen = [group for group in groups if token in group[0]] or [group for group in groups if "*" in group[0]]
    rules = tuple(rule for group in chosen for rule in group[1])
    delays = [delay for group in chosen for delay in group[2] if delay >= 0]
    return RobotsRules(rules=rules, crawl_delay=max(delays) if delays else None)


def _normalise(path: str) -> str:
    """One spelling for comparison: percent-encoding decoded and re-encoded, keeping `*` and `$` literal."""
    return quote(unquote(path), safe="/?&=:;@+$,*!~'()[]")


_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    compiled = _REGEX_CACHE.get(pattern)
    if compiled is None:
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(part) for part in body.split("*"))
        compiled = re.compile(regex + ("$" if anchored else ""), re.DOTALL)
        _REGEX_CACHE[pattern] = compiled
    return compiled

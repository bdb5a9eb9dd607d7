"""Cross-release identity: which spellings of a name, seen in different releases, are one person (or organisation).

Entity resolution in the usual three steps. Names are normalised (honorifics, diacritics, case) and folded
word by word with the transliteration rules of `transliteration_folds.csv`, so "Matviyenko"/"Matvienko" and
"Yermekbayev"/"Ermekbaev" meet. Blocking keeps the work near-linear: only names that share a folded word and the
initials of their other words are compared. Each pair is scored from its words (equal after folding, initials,
one-edit typos, Jaro-Winkler, swapped order) and the evidence around the names (office, country, organisation).
Pairs at or above `SAME` merge, pairs in the band below land in the review list; two names in one release are two
persons (the release already resolved its own references). `identity_judgements.csv` overrides all of this.
Organisation names go through the same steps with their own form (an order-free word set) and score.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Literal

from pipelines.extraction.reference import DEFAULT_REFERENCE_DIR, load_rows

SAME = 0.90  # a pair scoring this or more is one entity
REVIEW = 0.70  # a pair between REVIEW and SAME is listed for a person to judge
MAX_BLOCK = 400  # names in one block at most: all pairs of a block are scored

Decision = Literal["same", "review", "not_same", "unsure"]
Verdict = Literal["same", "not_same", "unsure"]

_SPLIT = re.compile(r"[\s.,;()]+")
_APOSTROPHES = "'’ʼ`´"


@dataclass(frozen=True)
class NameEvidence:
    """One distinct name as extracted, with what the releases say about its bearer."""

    name: str
    release_ids: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    preferred: bool = False  # a spelling from reference data: wins as the cluster's representative


@dataclass(frozen=True)
class Judgement:
    """A person's verdict on a pair of names; applied before and over any score."""

    entity_type: str
    name_a: str
    name_b: str
    verdict: Verdict
    note: str = ""


@dataclass(frozen=True)
class IdentityAssignment:
    """A name and the key of the entity it belongs to (the cluster's representative name)."""

    name: str
    key: str
    rule: str  # "representative", "singleton", or the rule of the strongest accepted link
    score: float


@dataclass(frozen=True)
class ReviewPair:
    """A compared pair at or above REVIEW, or a judged pair: what was decided and why."""

    entity_type: str
    name_a: str
    name_b: str
    score: float
    rule: str
    evidence: str
    decision: Decision
    decided_by: str  # "score", "judgement", "same_release"
    release_ids: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    assignments: tuple[IdentityAssignment, ...]
    pairs: tuple[ReviewPair, ...]


@dataclass(frozen=True)
class FoldRules:
    """Transliteration folding rules, in file order (order matters: "ye" before "y")."""

    honorifics: tuple[tuple[str, ...], ...]
    letters: tuple[tuple[str, str], ...]
    substrings: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    org_words: dict[str, str] = field(default_factory=dict)  # organisation words: British -> one spelling
    org_stopwords: frozenset[str] = frozenset()

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> FoldRules:
        rows = load_rows("transliteration_folds.csv", reference_dir)

        def pairs(kind: str) -> tuple[tuple[str, str], ...]:
            return tuple((r["from"], r["to"]) for r in rows if r["kind"] == kind)

        honorifics = tuple(sorted({tuple(r["from"].split()) for r in rows if r["kind"] == "honorific"},
                                  key=lambda h: (-len(h), h)))
        return cls(honorifics, pairs("letter"), pairs("substring"), pairs("suffix"), dict(pairs("org_word")),
                   frozenset(r["from"] for r in rows if r["kind"] == "org_stopword"))


@dataclass(frozen=True)
class NameForm:
    """A name as comparable tokens: `tokens` plain (lower case, no accents), `keys` folded; an initial's key
    keeps its dot ("v."), so a name word that folds to one letter ("Yi" -> "i") is not taken for an initial."""

    tokens: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def has_initial(self) -> bool:
        return any(k.endswith(".") for k in self.keys)


def plain_words(text: str, rules: FoldRules) -> tuple[str, ...]:
    """Lower case, accents removed, split on spaces, dots and hyphens."""
    text = text.lower()
    for source, target in rules.letters:
        text = text.replace(source, target)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("-", " ")
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    return tuple(t for t in _SPLIT.split(text) if t)


def plain_tokens(name: str, rules: FoldRules) -> tuple[str, ...]:
    """A person's name as plain words, honorifics removed."""
    tokens = plain_words(name, rules)
    stripped = True
    while stripped:
        stripped = False
        for honorific in rules.honorifics:
            if len(tokens) > len(honorific) and tokens[: len(honorific)] == honorific:
                tokens, stripped = tokens[len(honorific):], True
                break
    return tokens


def fold_token(token: str, rules: FoldRules) -> str:
    """The transliteration-free key of one token: the rules in order, then doubled letters collapsed."""
    for source, target in rules.substrings:
        token = token.replace(source, target)
    for source, target in rules.suffixes:
        if token.endswith(source) and len(token) > len(source) + 1:
            token = token[: -len(source)] + target
    return re.sub(r"(.)\1+", r"\1", token)


def name_form(name: str, rules: FoldRules) -> NameForm:
    tokens = plain_tokens(name, rules)
    return NameForm(tokens, tuple(t + "." if len(t) == 1 else fold_token(t, rules) for t in tokens))


# ---- string similarity ----------------------------------------------------------------------------------------

def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]: tolerant of transpositions, rewards a shared prefix."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    matched_b = [False] * len(b)
    a_matches = []
    for i, ch in enumerate(a):
        stop = min(len(b), i + window + 1)
        j = b.find(ch, max(0, i - window), stop)
        while j != -1 and matched_b[j]:
            j = b.find(ch, j + 1, stop)
        if j != -1:
            matched_b[j] = True
            a_matches.append(ch)
    m = len(a_matches)
    if m == 0:
        return 0.0
    b_matches = [b[j] for j in range(len(b)) if matched_b[j]]
    transpositions = sum(x != y for x, y in zip(a_matches, b_matches, strict=True)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def within_one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or adjacent transposition turns a into b."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def token_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two folded tokens and the rule that found it; 0 when they are different words."""
    if a == b:
        return 1.0, "equal"
    if a.endswith(".") or b.endswith("."):
        return (0.9, "initial") if a[0] == b[0] else (0.0, "different")
    if a + "a" == b or b + "a" == a:
        return 0.0, "gendered"  # Ivanov / Ivanova, Aleksandr / Aleksandra: two persons, not a typo
    if min(len(a), len(b)) >= 4 and within_one_edit(a, b):
        return 0.92, "one_edit"
    if min(len(a), len(b)) >= 5 and a[0] == b[0]:  # a first-letter typo is caught by one_edit above
        similarity = jaro_winkler(a, b)
        if similarity >= 0.92:
            return similarity, "jaro_winkler"
    return 0.0, "different"


# ---- pair scoring ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PairScore:
    score: float
    rule: str
    evidence: str


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, list[str]] | None:
    """Score two token lists: last with last (the family name, or given name for a swapped Chinese name), first
    with first, the shorter name's middle tokens in order with the longer's; unmatched middles cost a little."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return None
    last, last_rule = token_similarity(short[-1], long_[-1])
    first, first_rule = token_similarity(short[0], long_[0])
    if last < 0.9 or first == 0.0:
        return None
    rules = [last_rule, first_rule]
    sims = [first]
    cursor = 1
    for token in short[1:-1]:
        best = 0.0
        while cursor < len(long_) - 1 and best == 0.0:
            best, rule = token_similarity(token, long_[cursor])
            cursor += 1
        if best == 0.0:
            return None
        sims.append(best)
        rules.append(rule)
    unmatched = len(long_) - len(short)
    score = 0.55 * last + 0.45 * (sum(sims) / len(sims)) - 0.02 * unmatched
    if unmatched:
        rules.append("extra_names")
    return score, rules


def name_score(a: NameForm, b: NameForm) -> PairScore:
    """How alike two names are, from their tokens alone."""
    if not a.keys or not b.keys:
        return PairScore(0.0, "empty", "")
    if a.keys == b.keys:
        same_plain = a.tokens == b.tokens
        rule = "plain_equal" if same_plain else "folded_equal"
        return PairScore(1.0, rule, "same name" if same_plain else f"same after folding: {' '.join(a.keys)}")
    if sorted(a.keys) == sorted(b.keys):
        return PairScore(0.95, "order_swap", f"same names in another order: {' '.join(a.keys)}")
    candidates = []
    aligned = _align(a.keys, b.keys)
    if aligned:
        candidates.append((aligned[0], aligned[1], ""))
    if len(a.keys) == 2:
        swapped = _align(tuple(reversed(a.keys)), b.keys)
        if swapped:
            candidates.append((swapped[0] - 0.03, swapped[1], "order_swap+"))
    if not candidates:
        return PairScore(0.0, "different", "")
    score, rules, prefix = max(candidates, key=lambda c: (c[0], c[1]))
    kinds = sorted({r for r in rules if r != "equal"})
    rule = prefix + ("+".join(kinds) or "equal")
    return PairScore(round(score, 4), rule, f"{' '.join(a.keys)} ~ {' '.join(b.keys)} ({', '.join(kinds)})")


def evidence_adjustment(a: NameEvidence, b: NameEvidence) -> tuple[float, list[str]]:
    """Shared office, country or organisation raise a score a little; two different states lower it."""
    delta, notes = 0.0, []
    if a.offices & b.offices:
        delta += 0.03
        notes.append("shared office: " + "; ".join(sorted(a.offices & b.offices)))
    if a.countries and b.countries:
        if a.countries & b.countries:
            delta += 0.02
            notes.append("same country: " + ",".join(sorted(a.countries & b.countries)))
        else:
            delta -= 0.15
            notes.append(f"different countries: {','.join(sorted(a.countries))} vs {','.join(sorted(b.countries))}")
    if a.orgs & b.orgs:
        delta += 0.02
        notes.append("shared organisation: " + "; ".join(sorted(a.orgs & b.orgs)))
    return delta, notes


# ---- blocking and clustering ----------------------------------------------------------------------------------

def blocking_keys(form: NameForm) -> set[str]:
    """A name's blocks: each full name word with the first letter of each other word ("norov|v" for "Vladimir
    Norov", "V. Norov" and "Vladimor Norov"). Spellings of one name share a word and the other words' initials;
    names that share only a common given name or family name do not meet."""
    words = [k for k in form.keys if not k.endswith(".")]
    if len(form.keys) == 1:
        return set(words)
    return {f"{word}|{other[0]}" for i, word in enumerate(form.keys) if not word.endswith(".")
            for j, other in enumerate(form.keys) if i != j}


def candidate_pairs(forms: dict[str, NameForm]) -> list[tuple[str, str]]:
    """Pairs of names that share a block; a block larger than MAX_BLOCK is left out (its names are too common to
    tell apart by these keys), so the work stays near-linear in the number of names."""
    return _pairs_within_blocks(forms, blocking_keys)


def _pairs_within_blocks(
    forms: dict[str, NameForm],
    keys_of: Callable[[NameForm], Iterable[str]],
    kind_of: Callable[[NameForm], object] = lambda form: None,
) -> list[tuple[str, str]]:
    """Every pair of names that share a key, from blocks of at most MAX_BLOCK names, sorted; only names of one
    `kind_of` are paired (names of two kinds cannot score anything)."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in sorted(forms):
        for key in sorted(keys_of(forms[name])):
            blocks[key].append(name)
    pairs: set[tuple[str, str]] = set()
    for names in blocks.values():
        if len(names) <= MAX_BLOCK:
            kinds: dict[object, list[str]] = defaultdict(list)
            for name in names:
                kinds[kind_of(forms[name])].append(name)
            for same_kind in kinds.values():
                pairs.update(combinations(same_kind, 2))
    return sorted(pairs)


class _Clusters:
    """Union-find whose clusters remember their releases: two names of one release never merge by score."""

    def __init__(self, evidence: dict[str, NameEvidence], separate_releases: bool) -> None:
        self.parent = {name: name for name in evidence}
        self.releases = {name: set(e.release_ids) if separate_releases else set() for name, e in evidence.items()}
        self.blocked: set[frozenset[str]] = set()

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def can_merge(self, a: str, b: str, members: dict[str, set[str]]) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.releases[ra] & self.releases[rb]:
            return False
        return not any(frozenset((x, y)) in self.blocked for x in members[ra] for y in members[rb])

    def union(self, a: str, b: str, members: dict[str, set[str]]) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return
        self.parent[rb] = ra
        self.releases[ra] |= self.releases.pop(rb)
        members[ra] |= members.pop(rb)


def _representative(names: Iterable[str], evidence: dict[str, NameEvidence], forms: dict[str, NameForm]) -> str:
    """Reference spelling first, then full names over initials, the most frequent form, the accented form,
    then the lexicographically first: deterministic whatever the input order."""
    def rank(name: str) -> tuple:
        accented = any(ord(c) > 127 for c in name)
        return (not evidence[name].preferred, forms[name].has_initial, -len(evidence[name].release_ids),
                not accented, name)
    return min(names, key=rank)


# ---- organisations --------------------------------------------------------------------------------------------

StateSplitter = Callable[[str], tuple[str | None, str]]  # name -> (ISO code of the state it names, the rest)


def organisation_form(name: str, rules: FoldRules, split_state: StateSplitter | None = None) -> NameForm:
    """An organisation name as an order-free set of folded words, the state as one "@iso3" word and the kind of body
    (the words before the first "of": "^council", "^secretariat") as one "^" word: "Ministry of Foreign Affairs of
    the Republic of Kazakhstan" and "Kazakh Ministry of Foreign Affairs" have one key, "Secretariat of the X" and
    "X" do not."""
    iso3, rest = split_state(name) if split_state else (None, name)
    words: set[str] = set()
    body: list[str] = []
    for word in plain_words(rest, rules):
        if word == "of":
            body.append("")
        folded = [w for w in rules.org_words.get(word, word).split() if w not in rules.org_stopwords]
        words.update(folded)
        if "" not in body:
            body.extend(folded)
    marks = ("^" + " ".join(w for w in body if w),) + ((f"@{iso3.lower()}",) if iso3 else ())
    return NameForm(plain_words(name, rules), tuple(sorted(words)) + marks)


def organisation_score(a: NameForm, b: NameForm) -> PairScore:
    """Dice overlap of the two word sets, a word also matching its one-edit typo; 0 for two kinds of body or two
    states."""
    if a.keys == b.keys:
        return PairScore(1.0, "same_words", f"same words: {' '.join(a.keys)}")
    marks_a, marks_b = {k for k in a.keys if k[0] in "@^"}, {k for k in b.keys if k[0] in "@^"}
    if marks_a != marks_b:
        return PairScore(0.0, "different_body_or_state", "")
    unmatched = [k for k in b.keys if k not in a.keys]
    matched = len(b.keys) - len(unmatched)
    typos = [k for k in a.keys if k not in b.keys and len(k) >= 5
             and any(len(u) >= 5 and within_one_edit(k, u) for u in unmatched)]
    matched += len(typos)
    dice = round(2 * matched / (len(a.keys) + len(b.keys)), 4)
    extra = sorted(set(a.keys) ^ set(b.keys))
    return PairScore(dice, "one_edit" if typos else "word_overlap", f"words differ: {' '.join(extra)}")


def _organisation_marks(form: NameForm) -> tuple[str, ...]:
    """The kind-of-body and state marks of an organisation's form: names with other marks score 0."""
    return tuple(k for k in form.keys if k[0] in "@^")


def organisation_pairs(forms: dict[str, NameForm]) -> list[tuple[str, str]]:
    """Organisations sharing a word of at least five letters (common words make blocks too large and drop out), of the
    same kind of body and state."""
    return _pairs_within_blocks(forms, lambda form: {k for k in form.keys if len(k) >= 5 and k[0] not in "@^"},
                                _organisation_marks)


@dataclass(frozen=True)
class _Strategy:
    """How one entity type is compared: its forms, its blocks, its pair score, its evidence."""

    form: Callable[[str], NameForm]
    pairs: Callable[[dict[str, NameForm]], list[tuple[str, str]]]
    score: Callable[[NameForm, NameForm], PairScore]
    adjust: Callable[[NameEvidence, NameEvidence], tuple[float, list[str]]]
    separate_releases: bool  # persons: two names of one release are two persons; organisations: not so


def _no_adjustment(a: NameEvidence, b: NameEvidence) -> tuple[float, list[str]]:
    return 0.0, []


def _strategy(entity_type: str, rules: FoldRules, split_state: StateSplitter | None) -> _Strategy:
    if entity_type == "organisation":
        return _Strategy(lambda name: organisation_form(name, rules, split_state), organisation_pairs,
                         organisation_score, _no_adjustment, separate_releases=False)
    return _Strategy(lambda name: name_form(name, rules), candidate_pairs, name_score, evidence_adjustment,
                     separate_releases=True)


def load_judgements(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> tuple[Judgement, ...]:
    return tuple(
        Judgement(r["entity_type"], r["name_a"], r["name_b"], r["verdict"], r.get("note", ""))  # type: ignore[arg-type]
        for r in load_rows("identity_judgements.csv", reference_dir)
        if r["verdict"] in ("same", "not_same", "unsure")
    )


def resolve(
    names: Iterable[NameEvidence],
    *,
    entity_type: str = "person",
    rules: FoldRules | None = None,
    judgements: Iterable[Judgement] = (),
    split_state: StateSplitter | None = None,
) -> Resolution:
    """Cluster the names of one entity type (person, organisation) into entities; every name gets the key of its
    cluster, doubtful pairs are listed. `split_state` reads the state out of an organisation name."""
    rules = rules or FoldRules.load()
    strategy = _strategy(entity_type, rules, split_state)
    evidence = {e.name: e for e in names if e.name and e.name.strip()}
    forms = {name: strategy.form(name) for name in evidence}
    by_plain: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in sorted(evidence):
        by_plain[forms[name].tokens].append(name)

    def names_like(written: str) -> list[str]:
        return by_plain.get(strategy.form(written).tokens, [])

    judged: dict[frozenset[str], Judgement] = {}
    for judgement in sorted((j for j in judgements if j.entity_type == entity_type),
                            key=lambda j: (j.name_a, j.name_b, j.verdict)):
        for a in names_like(judgement.name_a):
            for b in names_like(judgement.name_b):
                if a != b:
                    judged[frozenset((a, b))] = judgement

    clusters = _Clusters(evidence, strategy.separate_releases)
    members = {name: {name} for name in evidence}
    clusters.blocked = {pair for pair, j in judged.items() if j.verdict in ("not_same", "unsure")}
    reviews: list[ReviewPair] = []
    best_link: dict[str, tuple[float, str]] = {}

    def release_ids(a: str, b: str) -> tuple[str, ...]:
        return tuple(sorted(evidence[a].release_ids | evidence[b].release_ids))

    def link(a: str, b: str, score: float, rule: str) -> None:
        clusters.union(a, b, members)
        for name in (a, b):
            if best_link.get(name, (-1.0, ""))[0] < score:
                best_link[name] = (score, rule)

    # Judgements first: they hold whatever the scores say.
    for pair in sorted(judged, key=sorted):
        a, b = sorted(pair)
        judgement = judged[pair]
        scored = strategy.score(forms[a], forms[b])
        if judgement.verdict == "same":
            link(a, b, 1.0, "judgement")
        reviews.append(ReviewPair(entity_type, a, b, scored.score, scored.rule,
                                  f"judgement: {judgement.note}".strip(), judgement.verdict, "judgement",
                                  release_ids(a, b)))

    scored_pairs = []
    for a, b in strategy.pairs(forms):
        if frozenset((a, b)) in judged:
            continue
        base = strategy.score(forms[a], forms[b])
        if base.score < REVIEW:
            continue
        delta, notes = strategy.adjust(evidence[a], evidence[b])
        score = round(min(1.0, base.score + delta), 4)
        text = "; ".join([base.evidence, *notes])
        scored_pairs.append((score, a, b, base.rule, text))

    # An initial ("V. Norov") that fits several full names is not resolved by score.
    initial_fits: dict[str, int] = defaultdict(int)
    for score, a, b, rule, _ in scored_pairs:
        if "initial" in rule and score >= SAME:
            initial_fits[a if forms[a].has_initial else b] += 1

    for score, a, b, rule, text in sorted(scored_pairs, key=lambda p: (-p[0], p[1], p[2])):
        decision: Decision = "review"
        decided_by = "score"
        if score >= SAME:
            shorter = a if forms[a].has_initial else b
            if "initial" in rule and initial_fits[shorter] > 1:
                text += f"; the initials fit {initial_fits[shorter]} names"
            elif clusters.can_merge(a, b, members):
                decision = "same"
                link(a, b, score, rule)
            else:
                decision, decided_by = "not_same", "same_release"
                text += "; both names in one release, or a judged pair between the clusters"
        reviews.append(ReviewPair(entity_type, a, b, score, rule, text, decision, decided_by, release_ids(a, b)))

    assignments = []
    for root in sorted(members):
        group = members[root]
        key = _representative(group, evidence, forms)
        for name in sorted(group):
            if len(group) == 1:
                assignments.append(IdentityAssignment(name, key, "singleton", 1.0))
            elif name == key:
                assignments.append(IdentityAssignment(name, key, "representative", 1.0))
            else:
                score, rule = best_link[name]
                assignments.append(IdentityAssignment(name, key, rule, score))
    return Resolution(
        tuple(sorted(assignments, key=lambda x: x.name)),
        tuple(sorted(reviews, key=lambda r: (r.entity_type, r.name_a, r.name_b))),
    )

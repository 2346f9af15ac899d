"""Loading and validating the rules kept as data under ``rules/``.

Layout of a rules folder:

- ``cues.json``: reporting verbs by lemma (grouped), noun and preposition cues;
- ``speakers.json``: words that tell a speaker's kind, anonymity and gender;
- ``chains.json``: relay relations ("as per", "cited ... as saying") and media names;
- ``frames.json``: the frames a quote can have ("speech", "thought", ...), how a cue and a source
  decide it, and the named scopes ("speech", "attribution");
- ``conventions.json``: how a kind of corpus delimits quotes (where an indirect content ends,
  whether link headlines count): PolNeAR's univocal attributions, the Gender Gap Tracker's news;
- ``patterns/*.json``: spaCy DependencyMatcher patterns, each with an id, a description and
  examples. A ``"$name"`` string inside a pattern stands for a verb group of ``cues.json``.

``load_rules(extra)`` reads the packaged rules and overlays a user folder on them: a pattern with
the id of a packaged one replaces it, a new id is added; lexicon lists are merged, or replaced when
the user's file says ``"replace": true``. Loading builds fresh objects every time it reads a folder
(results are cached per folder), so no caller can change another caller's rules.
"""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Union

from .model import QUOTE_TYPES

LEXICON_FILES = ("cues.json", "speakers.json", "chains.json", "frames.json", "conventions.json")
PATTERN_KEYS = {"id", "description", "pattern", "examples"}
# What a pattern may say about how to build the quote from its matched nodes.
# "speaker": "agent" takes the speaker from a passive cue's "by" phrase, "possessor" from a noun
# cue's possessor ("his claim that"), "predicate_subject" from the subject of the verb that an
# adjective or noun cue completes ("the senator has been critical of", "Warren is a critic of") or
# the noun an appositive cue describes ("Warren, a critic of ..."); any of them may be missing, and
# the quote then has no speaker.
# "gerund_subject" takes the subject of the clause that a gerund after a preposition hangs on
# ("the union answered by criticizing the offer", "the council was united in opposing the toll").
# "phrase_subject" takes the subject of the clause that a prepositional phrase holding the cue noun
# hangs on ("the council voted in favor of X", "toured the towns in hopes of winning aid").
SPEAKER_SPECIAL = ("agent", "possessor", "predicate_subject", "gerund_subject", "phrase_subject")
PATTERN_OPTIONAL = {"content", "speaker", "addressee", "type", "priority", "exclude", "requires", "note", "cue", "frame"}
# A pattern's "frame" is one of frames.json's frames, or "cue": from the cue word (the default).
FRAME_FROM_CUE = "cue"
# Conditions a pattern may require of a match (its "requires" list); quotes/indirect.py checks them.
REQUIREMENTS = {
    "speaker": "the speaker was found",
    "pronoun_object_has_complement": "'called him' says nothing; 'called him a liar' does (but a verb of cues.json 'person_stance' takes a pronoun alone: 'endorsed her')",
    "content_starts_before_cue": "the content opens before the cue ('CLAUSE, X said')",
    "content_after_cue": "the content follows the cue ('said so'; 'Even so, he said' is the writer's)",
    "cue_opens_clause": "the cue is the first word of the content's clause ('In a new poll, ...')",
    "cue_without_object": "the cue has no direct object or dative",
    "cue_without_content": "the cue has no clause, object or infinitive of its own",
    "active_cue": "the cue is not passive ('was asked to leave': the subject was asked)",
    "topic_frame": "the cue's preposition is one cues.json lists for it under topic_<preposition>",
    # Where the cue stands relative to its content (rules/patterns/positions.json: cues after or
    # inside their content); quotes/requirements.py _position_fits checks them.
    "cue_after_comma": "the cue's clause opens right after a comma or a dash ('CLAUSE, X said'; not 'CLAUSE and X said')",
    "cue_before_content_head": "the cue comes before the verb of the content it is hung on ('If A, she said, B')",
    "comma_after_cue_clause": "a comma closes the cue's clause ('..., she said, B')",
    "finite_content": "the content's verb is not a to-infinitive ('which he said left', not 'which he wanted to leave')",
    "cue_without_particle": "the cue verb has no particle ('calling off classes', 'backing up a claim' are other verbs than 'call' and 'back')",
    "speaker_is_agent": "the speaker is a person, a group or an organisation (a name, a pronoun of people, a noun of speakers.json kinds), not a thing ('the world expects ...')",
    # Headlines (rules/patterns/headlines.json); quotes/requirements.py on_headline_line checks it.
    "headline_topic_frame": "the cue's preposition is one cues.json lists for it under headline_topic_<preposition> ('swipes at', 'piles on', 'goes after')",
    "cue_in_headline": "the cue stands on a headline line: the text's first line, or a line of at most cues.json headlines 'line_max_words' words that does not end as a sentence does ('Mayor rips stadium plan')",
}
CONTENT_KEYS = {"nodes", "exclude", "with_children", "with_cue", "whole_sentence_if_last", "whole_sentence",
                "after_prenominal_cue", "topic_preposition"}
WITH_CHILDREN_KEYS = {"deps", "preps", "conj_clauses", "rest_of_clause"}


class RulesError(ValueError):
    """A rules file is missing, unreadable or malformed. The message names the file and rule."""


@dataclass(frozen=True)
class Pattern:
    id: str
    description: str
    pattern: list
    examples: list
    spec: dict = field(default_factory=dict)  # content/speaker/addressee/exclude/... options
    file: str = ""


@dataclass(frozen=True)
class Rules:
    cues: dict
    speakers: dict
    chains: dict
    frames: dict
    conventions: dict
    patterns: tuple
    checksum: str
    sources: tuple  # folders the rules came from
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: Any, build: Callable[[], Any]) -> Any:
        """What a module compiles from these rules (a word set, a lexicon), built once and kept
        with them, so that no per-document code rebuilds it."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def verbs(self, group: str) -> frozenset:
        """Lemmas of a verb group ("$cue_verbs") or of one category ("speech"); empty when a
        user's replacing cues.json does not define it."""
        def build() -> frozenset:
            try:
                return _verb_group(self.cues, group)
            except KeyError:
                return frozenset()

        return self.derived(("verbs", group), build)


def packaged_rules_dir() -> Path:
    """The rules folder shipped inside the installed package."""
    return Path(str(resources.files("quotes").joinpath("rules")))


def load_rules(extra: Union[str, Path, None] = None) -> Rules:
    """The packaged rules, overlaid with the folder ``extra`` when given."""
    base = packaged_rules_dir()
    if extra is None:
        return _load((str(base),))
    extra_path = Path(extra).expanduser()
    if not extra_path.is_dir():
        raise RulesError(f"rules folder {str(extra)!r} does not exist or is not a folder; pass a folder holding "
                         f"cues.json, speakers.json, chains.json and/or patterns/*.json")
    return _load((str(base), str(extra_path.resolve())))


@lru_cache(maxsize=8)
def _load(folders: tuple) -> Rules:
    lex: dict[str, dict] = {name: {} for name in LEXICON_FILES}
    patterns: dict[str, Pattern] = {}
    digest = hashlib.sha256()
    for i, folder in enumerate(folders):
        root = Path(folder)
        for name in LEXICON_FILES:
            path = root / name
            if path.exists():
                data = _read_json(path)
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
                lex[name] = _merge_lexicon(lex[name], data, path) if i else data
            elif i == 0:
                raise RulesError(f"packaged rules file {path} is missing; reinstall quotes")
        for path in sorted((root / "patterns").glob("*.json")):
            data = _read_json(path)
            digest.update(b"patterns/" + path.name.encode() + b"\0" + path.read_bytes())
            for p in _read_patterns(data, path):
                patterns[p.id] = p  # a user's pattern with a packaged id replaces it
    cues = lex["cues.json"]
    _check_frames(lex["frames.json"], lex["conventions.json"], patterns.values(), folders)
    _check_conventions(lex["conventions.json"])
    resolved = tuple(_resolve_pattern(p, cues) for p in patterns.values())
    return Rules(cues=cues, speakers=lex["speakers.json"], chains=lex["chains.json"], frames=lex["frames.json"],
                 conventions=lex["conventions.json"], patterns=resolved, checksum=digest.hexdigest(), sources=folders)


def _check_frames(frames: dict, conventions: dict, patterns: Any, folders: tuple) -> None:
    """frames.json names only frames it defines and conventions that conventions.json defines,
    and every pattern's "frame" is one of them: a typo fails when the rules load."""
    where = " + ".join(str(Path(f) / "frames.json") for f in folders)
    known = frames.get("frames")
    if not isinstance(known, dict) or not known:
        raise RulesError(f"{where}: 'frames' must be an object naming at least one frame")
    for item in frames.get("verb_groups", []):
        # A group that a user's replacing cues.json leaves out is simply empty (Rules.verbs).
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise RulesError(f"{where}: each 'verb_groups' entry is a [cue group, frame] pair, got {item!r}")
        if item[1] not in known:
            raise RulesError(f"{where}: verb group {item[0]!r} names frame {item[1]!r}, which 'frames' does not "
                             f"define (known: {', '.join(known)})")
    for name, members in (frames.get("lemmas") or {}).items():
        if name != "description" and name not in known:
            raise RulesError(f"{where}: 'lemmas' names frame {name!r}, which 'frames' does not define "
                             f"(known: {', '.join(known)})")
    known_conventions = conventions.get("conventions") or {}
    for name, scope in (frames.get("scopes") or {}).items():
        if name == "description":
            continue
        members = scope.get("frames") if isinstance(scope, dict) else None
        if not isinstance(members, list):
            raise RulesError(f"{where}: scope {name!r} must be an object with a 'frames' list and a 'convention' name")
        bad = [m for m in members if m not in known]
        if bad:
            raise RulesError(f"{where}: scope {name!r} names unknown frame(s) {', '.join(map(str, bad))} "
                             f"(known: {', '.join(known)})")
        if scope.get("convention") not in known_conventions:
            raise RulesError(f"{where}: scope {name!r} follows convention {scope.get('convention')!r}, which "
                             f"conventions.json does not define (known: {', '.join(known_conventions)})")
    for p in patterns:
        frame = p.spec.get("frame", FRAME_FROM_CUE)
        if frame != FRAME_FROM_CUE and frame not in known:
            raise RulesError(f"{p.file}, rule {p.id!r}: frame {frame!r} is not one of frames.json's frames "
                             f"({', '.join(known)}) or {FRAME_FROM_CUE!r} (from the cue word)")


def _check_conventions(conventions: dict) -> None:
    """Every key a convention sets is one that conventions.json "keys" describes: a misspelt key
    ("weak_host") would otherwise be read as absent, and the convention silently not applied."""
    described = set(conventions.get("keys") or {})
    for name, convention in (conventions.get("conventions") or {}).items():
        unknown = sorted(k for k in (convention if isinstance(convention, dict) else {})
                         if k not in ("description", "examples") and k not in described)
        if unknown:
            raise RulesError(f"conventions.json: convention {name!r} sets {', '.join(map(repr, unknown))}, which "
                             f"'keys' does not describe (known: {', '.join(sorted(described))}); fix the spelling "
                             f"or describe the key in 'keys'")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise RulesError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    except UnicodeDecodeError as e:
        raise RulesError(f"{path}: not UTF-8 (byte {e.start}); save rules files as UTF-8 JSON") from None
    except OSError as e:
        raise RulesError(f"{path}: cannot read ({e.strerror})") from None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "number"
    return {dict: "object", list: "list", str: "string", type(None): "null"}.get(type(value), type(value).__name__)


def _check_shape(packaged: Any, user: Any, path: Path, where: str = "") -> None:
    """A user's lexicon has the packaged one's shape wherever both have a key: an object where it
    has an object, a list where a list (of strings where its lists hold strings), a string where a
    string. ``where`` is the key path so far ("verbs.speech")."""
    name = where or "the file"
    if isinstance(packaged, dict):
        if not isinstance(user, dict):
            raise RulesError(f"{path}: {repr(name) if where else name} must be an object (as in the packaged "
                             f"{path.name}), got a {_kind(user)}")
        for k, v in user.items():
            if k in packaged:
                _check_shape(packaged[k], v, path, f"{where}.{k}" if where else repr(k)[1:-1])
    elif isinstance(packaged, list):
        if not isinstance(user, list):
            raise RulesError(f"{path}: {name!r} must be a list (as in the packaged {path.name}), got a {_kind(user)}"
                             f"{f': {user!r:.60}' if isinstance(user, str) else ''}")
        kinds = {_kind(x) for x in packaged}
        if len(kinds) == 1:
            for i, x in enumerate(user):
                if _kind(x) not in kinds:
                    raise RulesError(f"{path}: {name!r} item {i + 1} must be a {kinds.pop()} (as in the packaged "
                                     f"{path.name}), got a {_kind(x)}: {x!r:.60}")
                if isinstance(x, (list, dict)) and packaged:
                    _check_shape(packaged[0], x, path, f"{where}[{i}]")
    elif _kind(packaged) in ("string", "number", "true or false") and user is not None \
            and _kind(user) != _kind(packaged):
        raise RulesError(f"{path}: {name!r} must be a {_kind(packaged)} (as in the packaged {path.name}), "
                         f"got a {_kind(user)}")


def _merge_lexicon(base: dict, extra: dict, path: Path) -> dict:
    """Merge a user's lexicon into the packaged one: lists are unioned, dicts merged key by key,
    scalars replaced; ``"replace": true`` at the top replaces the whole file."""
    if not isinstance(extra, dict):
        raise RulesError(f"{path}: a lexicon file must hold a JSON object")
    _check_shape(base, {k: v for k, v in extra.items() if k != "replace"}, path)
    if extra.get("replace"):
        return copy.deepcopy(extra)

    def merge(a: Any, b: Any) -> Any:
        if isinstance(a, dict) and isinstance(b, dict):
            out = dict(a)
            for k, v in b.items():
                out[k] = merge(a[k], v) if k in a else copy.deepcopy(v)
            return out
        if isinstance(a, list) and isinstance(b, list):
            return list(a) + [x for x in b if x not in a]
        return copy.deepcopy(b)

    return merge(base, extra)


def _read_patterns(data: Any, path: Path) -> list[Pattern]:
    items = data.get("patterns") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise RulesError(f"{path}: a patterns file holds {{\"patterns\": [...]}} or a JSON list of patterns")
    out = []
    for n, item in enumerate(items):
        rid = item.get("id") if isinstance(item, dict) else None
        where = f"{path}, rule {rid!r}" if rid else f"{path}, rule #{n + 1}"
        if not isinstance(item, dict):
            raise RulesError(f"{where}: a rule must be a JSON object")
        missing = PATTERN_KEYS - item.keys()
        if missing:
            raise RulesError(f"{where}: missing {', '.join(sorted(missing))} (every rule needs {', '.join(sorted(PATTERN_KEYS))})")
        unknown = item.keys() - PATTERN_KEYS - PATTERN_OPTIONAL
        if unknown:
            raise RulesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                             f"{', '.join(sorted(PATTERN_KEYS | PATTERN_OPTIONAL))}")
        if not isinstance(item["pattern"], list) or not item["pattern"]:
            raise RulesError(f"{where}: 'pattern' must be a non-empty list of DependencyMatcher nodes")
        if not isinstance(item["examples"], list) or not item["examples"]:
            raise RulesError(f"{where}: 'examples' must be a non-empty list; every rule needs a working example")
        node_ids = {node.get("RIGHT_ID") for node in item["pattern"] if isinstance(node, dict)}
        _check_types(where, item, node_ids)
        for role in ("content", "speaker", "addressee"):
            spec = item.get(role)
            nodes = spec.get("nodes", []) if isinstance(spec, dict) else ([spec] if isinstance(spec, str) else [])
            for node in nodes:
                if node not in node_ids and not (role == "speaker" and node in SPEAKER_SPECIAL):
                    raise RulesError(f"{where}: {role} names node {node!r}, which the pattern does not define "
                                     f"(nodes: {', '.join(sorted(x for x in node_ids if x))})")
        if "cue" not in node_ids and "cue" not in item:
            raise RulesError(f"{where}: the pattern needs a node with RIGHT_ID 'cue' (the reporting word)")
        spec = {k: item[k] for k in PATTERN_OPTIONAL if k in item}
        _check_spec(where, spec, node_ids)
        out.append(Pattern(id=item["id"], description=item["description"], pattern=item["pattern"],
                           examples=item["examples"], spec=spec, file=str(path)))
    return out


# The JSON type of each key a pattern may have (None: may be null), and of its "content" object's.
_STR, _STRS = (str,), "strings"
PATTERN_TYPES = {"id": _STR, "description": _STR, "note": _STR, "frame": _STR, "type": _STR,
                 "speaker": (str, None), "addressee": (str, None), "priority": (int, float),
                 "requires": _STRS, "exclude": _STRS, "content": (dict,), "cue": (dict,), "examples": (list,)}
CONTENT_TYPES = {"nodes": _STRS, "exclude": _STRS, "with_children": (dict,), "with_cue": (bool,),
                 "whole_sentence_if_last": (bool,), "topic_preposition": _STR}
WITH_CHILDREN_TYPES = {"deps": _STRS, "preps": _STRS, "conj_clauses": (bool,), "rest_of_clause": (bool,)}


def _check_types(where: str, item: dict, node_ids: set) -> None:
    """Every option has the JSON type the finders read it as, so that a rule file that loads
    cannot fail later, on a document."""
    def check(name: str, value: Any, expected: Any) -> None:
        if expected == _STRS:
            ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
            what = "a list of strings"
        else:
            ok = any(value is None if t is None else (isinstance(value, t) and not (t in (int, float) and isinstance(value, bool)))
                     for t in expected)
            names = list(dict.fromkeys("null" if t is None else _kind(t()) for t in expected))
            what = " or ".join(("an " if n[0] in "aeiou" else "a ") + n if n != "null" else n for n in names)
        if not ok:
            raise RulesError(f"{where}: {name!r} must be {what}, got {_kind(value)} {value!r:.60}")

    for key, expected in PATTERN_TYPES.items():
        if key in item:
            check(key, item[key], expected)
    if not item["id"]:
        raise RulesError(f"{where}: 'id' must not be empty")
    if "type" in item and item["type"] not in QUOTE_TYPES:
        raise RulesError(f"{where}: 'type' must be one of {', '.join(QUOTE_TYPES)}, got {item['type']!r}")
    content = item.get("content", {})
    for key, expected in CONTENT_TYPES.items():
        if key in content:
            check(f"content.{key}", content[key], expected)
    for key, expected in WITH_CHILDREN_TYPES.items():
        if key in (content.get("with_children") or {}):
            check(f"content.with_children.{key}", content["with_children"][key], expected)
    cue = item.get("cue")
    if cue is not None:
        if not (isinstance(cue.get("nodes"), list) and cue["nodes"] and all(isinstance(x, str) for x in cue["nodes"])):
            raise RulesError(f"{where}: 'cue' must be an object with a non-empty 'nodes' list of node names")
        unknown = [n for n in cue["nodes"] if n not in node_ids]
        if unknown:
            raise RulesError(f"{where}: cue names node(s) {', '.join(map(repr, unknown))}, which the pattern does not define")
        if "lemma" in cue:
            check("cue.lemma", cue["lemma"], _STR)
    for n, ex in enumerate(item["examples"], 1):
        if not (isinstance(ex, str) or isinstance(ex, dict) and isinstance(ex.get("text"), str)):
            raise RulesError(f"{where}: example {n} must be an object with a string 'text', got {_kind(ex)}")


def _check_spec(where: str, spec: dict, node_ids: set) -> None:
    """A typo in a pattern's options fails when the rules load, naming the file and the rule."""
    unknown = set(spec.get("requires", [])) - REQUIREMENTS.keys()
    if unknown:
        raise RulesError(f"{where}: unknown requirement(s) {', '.join(sorted(unknown))}; known: "
                         f"{', '.join(sorted(REQUIREMENTS))}")
    content = spec.get("content", {})
    unknown = set(content) - CONTENT_KEYS | set(content.get("with_children") or {}) - WITH_CHILDREN_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown content option(s) {', '.join(sorted(unknown))}; known: "
                         f"{', '.join(sorted(CONTENT_KEYS | WITH_CHILDREN_KEYS))}")
    if "topic_preposition" in content and content["topic_preposition"] not in node_ids:
        raise RulesError(f"{where}: content.topic_preposition names node {content['topic_preposition']!r}, "
                         f"which the pattern does not define")
    for req in ("topic_frame", "headline_topic_frame"):
        if req in spec.get("requires", []) and "prep" not in node_ids:
            raise RulesError(f"{where}: {req!r} needs a pattern node named 'prep' (the preposition)")


def _verb_group(cues: dict, group: str) -> frozenset:
    verbs = cues.get("verbs", {})
    if group in verbs:
        return frozenset(verbs[group])
    cats = cues.get("groups", {}).get(group)
    if cats is None:
        raise KeyError(group)
    out: set = set()
    nouns, adjectives = cues.get("nouns", {}), cues.get("adjectives", {})
    for cat in cats:
        # A group gathers verb categories, or word lists of the "nouns" or "adjectives" sections
        # ("$claim_nouns", "$stance_adjectives").
        out.update(verbs.get(cat) or (nouns.get(cat) if isinstance(nouns.get(cat), list) else [])
                   or (adjectives.get(cat) if isinstance(adjectives.get(cat), list) else []))
    return frozenset(out)


def _resolve_pattern(p: Pattern, cues: dict) -> Pattern:
    """Replace "$group" strings in the pattern with the lemmas of that verb group, and check the
    pattern with spaCy's own validator so a typo fails at load time with the rule's id."""

    def sub(x: Any) -> Any:
        if isinstance(x, str) and x.startswith("$"):
            try:
                return sorted(_verb_group(cues, x))
            except KeyError:
                raise RulesError(f"{p.file}, rule {p.id!r}: unknown verb group {x!r}; define it under "
                                 f"'groups' or 'verbs' in cues.json") from None
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        if isinstance(x, list):
            return [sub(v) for v in x]
        return x

    resolved = sub(p.pattern)
    _validate_dependency_pattern(p, resolved)
    return Pattern(id=p.id, description=p.description, pattern=resolved, examples=p.examples,
                   spec=p.spec, file=p.file)


@lru_cache(maxsize=1)
def _blank_vocab():
    from spacy.vocab import Vocab

    return Vocab()


def _validate_dependency_pattern(p: Pattern, pattern: list) -> None:
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(_blank_vocab(), validate=True)
    try:
        matcher.add(p.id, [pattern])
    except Exception as e:  # spaCy raises ValueError/MatchPatternError with its own long text
        msg = " ".join(str(e).split())
        raise RulesError(f"{p.file}, rule {p.id!r}: invalid DependencyMatcher pattern: {msg}") from None

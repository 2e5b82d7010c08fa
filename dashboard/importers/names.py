"""Ids for the parties and outlets an export names: one id per distinct name, never two
names on one id without saying so.

A name's id is the slug of its Latin spelling: Cyrillic, Greek and Arabic-script letters
are transliterated by the table below (enough for readable, distinct ids; not a
scholarly romanisation), accents folded, at most ``SLUG_LIMIT`` characters cut at a word
boundary. Letters of other scripts are left out, and 8 hex digits of the name's SHA-1
are added instead (a name with no letter or digit at all is ``party-`` or ``outlet-``
and those digits). Spellings of one name (``Reuters``, ``reuters``: case, accents and
punctuation aside, see ``same_name_key``) are one party or outlet, listed as a warning.
Different names whose ids would meet (cut at the limit, or transliterated alike) keep
the id in turn: the first in sorted order gets it, the others ``-2``, ``-3`` … (skipping
ids already taken), and each is a warning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from dashboard.contract.problems import Problem, shortened
from dashboard.contract.slugs import slug_words

SLUG_LIMIT = 60  # characters in a party or outlet id before the collision suffix

_PAIRS = (  # letter=latin, '=' alone: left out (hard and soft signs, ain, hamza)
    # Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian)
    "а=a б=b в=v г=g д=d е=e ё=e ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=iu я=ia є=ie і=i ї=i ґ=g ђ=dj "
    "ј=j љ=lj њ=nj ћ=c џ=dz ѓ=gj ќ=kj ѕ=dz ў=u ү=u "
    # Greek
    "α=a β=v γ=g δ=d ε=e ζ=z η=i θ=th ι=i κ=k λ=l μ=m ν=n ξ=x ο=o π=p ρ=r σ=s ς=s τ=t "
    "υ=y φ=f χ=ch ψ=ps ω=o "
    # Arabic, Persian, Pashto, Urdu
    "ا=a أ=a إ=i آ=a ٱ=a ب=b ت=t ث=th ج=j ح=h خ=kh د=d ذ=dh ر=r ز=z س=s ش=sh ص=s ض=d "
    "ط=t ظ=z ع= غ=gh ف=f ق=q ك=k ل=l م=m ن=n ه=h و=w ي=y ى=a ة=a ء= ؤ= ئ= پ=p چ=ch ژ=zh "
    "گ=g ک=k ی=y ټ=t ډ=d ړ=r ښ=sh ږ=zh ځ=dz څ=ts ڼ=n ې=e ۍ=ay ٹ=t ڈ=d ڑ=r ں=n ہ=h ھ=h ے=e "
    # Latin letters that do not decompose into a letter and an accent
    "ł=l ø=o đ=d ß=ss æ=ae œ=oe þ=th ð=d ı=i"
)
_ARABIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)}
_PERSIAN_DIGITS = {chr(0x06F0 + d): str(d) for d in range(10)}
LATIN = str.maketrans(
    dict(pair.split("=") for pair in _PAIRS.split()) | _ARABIC_DIGITS | _PERSIAN_DIGITS
)


def transliterate(text: str) -> str:
    """'Бригада 5' -> 'brigada 5', 'Αθήνα' -> 'athina', 'الشباب' -> 'alshbab' (lower case;
    letters of other scripts are left as they are)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).translate(LATIN)


def whole_slug(name: str) -> str:
    """The slug of a name's Latin spelling, not cut: names with the same one are one.
    When letters of a script the table does not know were left out, 8 hex digits of the
    name's SHA-1 follow, so that two such names never meet."""
    latin = transliterate(name)
    words = slug_words(latin)
    if words and not _letters_left_out(latin):
        return words
    digest = _digest(name)
    return f"{words}-{digest}" if words else ""


def slug(name: str) -> str:
    """A party or outlet id from its name alone (cut to ``SLUG_LIMIT``; '' when it has no
    letter or digit at all)."""
    return _cut(whole_slug(name))


def same_name_key(name: str) -> str:
    """What two spellings of one name share, in the name's own script: 'Reuters' and
    'reuters', 'Côte d’Ivoire' and 'Cote d'Ivoire' (case, accents, punctuation and
    spacing aside). Transliteration is not used here: it may bring distinct names together."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def _letters_left_out(latin: str) -> bool:
    return any(ch.isalnum() and not ch.isascii() for ch in latin)


def _digest(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    return hashlib.sha1(folded.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Renamed:
    """A name whose id was changed or shared: ``kind`` 'collision' (a different name
    would have had the same id; this one got ``party_id``) or 'spelling' (read as the
    same party as ``other``, the spelling shown)."""

    name: str
    other: str
    party_id: str
    kind: str


@dataclass(frozen=True)
class NameIds:
    """name -> id, id -> the spelling shown, and every name that was renamed or merged."""

    id_of: dict[str, str]
    shown: dict[str, str]
    renamed: list[Renamed]


def ids_for_names(counts: pd.Series, fallback_prefix: str) -> NameIds:
    """Unique ids for the names in ``counts`` (how often each spelling occurs). A name
    with no letter or digit the table knows gets ``prefix-`` and 8 hex digits of its
    SHA-1. Each id's shown spelling is its most frequent (ties: the first in sorted order)."""
    spellings: dict[str, list[tuple[int, str]]] = {}
    for name, count in counts.items():
        spellings.setdefault(same_name_key(name), []).append((-int(count), name))
    by_base: dict[str, list[str]] = {}
    for key in spellings:
        whole = whole_slug(key) or f"{fallback_prefix}-{_digest(key)}"
        by_base.setdefault(_cut(whole), []).append(key)
    taken = set(by_base)
    id_of_whole: dict[str, str] = {}
    renamed: list[Renamed] = []
    for base, wholes in sorted(by_base.items()):
        first, *others = sorted(wholes)
        id_of_whole[first] = base
        number = 2
        for whole in others:
            while f"{base}-{number}" in taken:
                number += 1
            id_of_whole[whole] = f"{base}-{number}"
            taken.add(id_of_whole[whole])
            renamed.append(
                Renamed(
                    _shown(spellings[whole]),
                    _shown(spellings[first]),
                    id_of_whole[whole],
                    "collision",
                )
            )
    id_of: dict[str, str] = {}
    shown: dict[str, str] = {}
    for whole, options in spellings.items():
        party_id = id_of_whole[whole]
        shown[party_id] = _shown(options)
        for _, name in sorted(options):
            id_of[name] = party_id
            if name != shown[party_id]:
                renamed.append(Renamed(name, shown[party_id], party_id, "spelling"))
    return NameIds(id_of, shown, renamed)


def renamed_problems(
    file_name: str, names: NameIds, appearances: pd.DataFrame, column: str, noun: str
) -> list[Problem]:
    """A warning for each name whose id was changed or shared, on the line where it first
    appears (``appearances``: ``name`` and ``line``, and ``column`` when it varies)."""
    if not names.renamed:
        return []
    first = appearances.sort_values("line", kind="stable").drop_duplicates("name")
    first = first.set_index("name")
    problems = []
    for renamed in names.renamed:
        line = int(first.at[renamed.name, "line"])
        where = str(first.at[renamed.name, "column"]) if "column" in first else column
        if renamed.kind == "collision":
            message = (
                f"{noun} {renamed.name!r} would get the same id as {renamed.other!r} (the ids "
                f"are cut at the same place, or the names are alike in Latin letters): "
                f"imported as "
                f"{renamed.party_id}"
            )
        else:
            message = (
                f"{noun} {renamed.name!r} is read as {renamed.other!r} (the same name apart "
                f"from case, accents and punctuation): one {noun}, {renamed.party_id}"
            )
        shown = shortened(renamed.name)
        problems.append(Problem(file_name, line, where, shown, f"{noun}-id", message, "warning"))
    return problems


def _cut(whole: str) -> str:
    """At most ``SLUG_LIMIT`` characters cut at a word boundary, a digest kept whole."""
    if len(whole) <= SLUG_LIMIT:
        return whole
    head, _, tail = whole.rpartition("-")
    if len(tail) == 8 and all(ch in "0123456789abcdef" for ch in tail):
        return f"{slug_words(head, SLUG_LIMIT - 9)}-{tail}"
    return slug_words(whole, SLUG_LIMIT)


def _shown(options: list[tuple[int, str]]) -> str:
    return min(options)[1]

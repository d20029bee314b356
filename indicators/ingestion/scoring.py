"""Score the extractor against answer keys: how close `extract()` comes to an editor.

An answer key is a pair of files in one folder: `NAME.txt`, a press text,
and `NAME.json`, what an editor would record from it (the format is in
README.md, "Importing a press text"). Pure, like the extraction modules: no
Django, no database, so the corpus can be scored anywhere.

How a key is compared with an extraction:

- Figures are paired one to one by value and unit. Values are compared as
  numbers after moving a leading scale word of the unit into the value
  ("3.12 million piles" is 3,120,000 "piles"). Units are compared without
  case and spacing, "percent" as "%"; a unit also matches the same unit with
  words in front ("piles" and "charging piles"). A pair whose extracted
  quote holds the key's sentence is preferred, so a value stated in two
  sentences pairs with the right one.
- Of the paired figures: the share with the key's qualifier, with the key's
  period (same first and last day), and with an acceptable name. A name is
  acceptable when it is not bare (only scale or function words, or no word
  at all: "Million", "Amount", "(1)") and it equals the key's name or holds
  its head noun (see `head_noun`), singular or plural.
- An invented value is an extracted value that is written nowhere in the
  text, digit grouping ("48 500", "48,500") and number words aside.
- Actions: a text scores when the number of actions found equals the key's.
  A key may list words from each action instead of a count; the actions
  found in the same order that hold them are reported too.
- Titles: a text scores when the title found equals the key's, spacing aside.
"""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import Extraction, extract
from .numbers import CARDINAL_WORDS, CHINESE_SCALES, ORDINAL_WORDS, chinese_numeral

# The classes of the issue a corpus must cover, each with what it means.
COVERS = {
    "grouped-numbers": 'digits grouped with spaces or thin spaces ("48 500 jobs")',
    "digits-in-name": 'a name with digits after the number ("415,000 5G base stations")',
    "scale-unit-noun": 'a scale word and a unit noun ("3.12 million charging piles")',
    "currency-hkd": 'Hong Kong dollars written "HK$"',
    "currency-bare-dollar": 'a bare "$" in a Hong Kong text (Hong Kong dollars)',
    "currency-usd": 'US dollars written "US$"',
    "currency-rmb": 'yuan written "RMB"',
    "currency-euro": 'euros written "€"',
    "noun-phrase-name": 'a figure named by a noun phrase ("the number of licensed '
    'childcare places")',
    "title-after-credits": "a title after photo credits, bylines or site navigation",
    "repeated-figure": "the same figure stated twice (suggested once)",
    "actions-first-second": '"First, we will …; Second, …"',
    "actions-one-is-to": '"One is to …; the second is to …"',
    "actions-firstly-finally": '"Firstly, … Finally, …"',
    "actions-parenthesised": '"(1) … (2) …"',
    "actions-bullets": 'bullets after "next, we will focus on"',
    "findings-not-actions": "a numbered list of findings, which are not actions",
    "actions-cut-off": "a list of actions cut off at the end of the text",
    "period-this-last-year": '"this year" and "last year", dated by the day held',
    "period-end-of-month": '"by the end of November"',
    "period-five-year-plan": '"the 14th Five-Year Plan period (2021-2025)"',
    "period-first-quarters": '"the first three quarters"',
    "period-target-year": 'a target year ("by 2025")',
    # Chinese texts (issue 21).
    "zh-scale-unit": 'a number, a scale and a unit ("10万亿元", "337.7万个", "46.8万辆")',
    "zh-qualifiers": '"超过", "突破", "约", "近", "达到", "以上", "余"',
    "zh-growth-rate": '"同比增长8.3%", "同比下降2.8%": a rate, not a level',
    "zh-periods": '"上半年", "1-6月", "一季度", "2023年", "截至2023年6月", "年底"',
    "zh-respectively": '"A和B分别达到55.7%和75.1%"',
    "zh-title-after-credits": "a Chinese title after a source and date line",
    "zh-actions-yi-shi": '"一是……；二是……"',
    "zh-actions-di-yi": '"第一，……第二，……"',
    "zh-actions-parenthesised": '"（一）……（二）……"',
    "zh-actions-numbered": '"1. ……2. ……"',
    "zh-findings-not-actions": '"一是……规模继续扩大": findings, which are not actions',
}
QUALIFIERS = {
    "exact",
    "more_than",
    "exceeded",
    "nearly",
    "about",
    "at_least",
    "less_than",
    "up_to",
}
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# A name made only of these says nothing about what was counted.
FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "and",
    "or",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "which",
    "there",
    "they",
    "we",
    "our",
    "total",
    "figure",
    "number",
    "amount",
    "rank",
    "percent",
    "them",
}
# Units that say how a thing is measured, not what is counted.
MEASURE_WORDS = {
    "%",
    "percentage",
    "points",
    "basis",
    "rank",
    "yuan",
    "dollars",
    "euros",
    "pounds",
    "yen",
    "per",
    "km",
    "meters",
    "tons",
    "kg",
    "hectares",
    "mu",
    "kw",
    "kwh",
    "mw",
    "gw",
    "twh",
    "gwh",
    "teu",
    "mbps",
    "gbps",
    "times",
    "degrees",
}
_FRACTION_VALUES = {"50", "25", "75", "33.3", "66.7"}  # "half", "a quarter" …
# Chinese units beside their English equivalents, so that a figure compares
# across languages: 10 "万亿元" is 10 "trillion yuan" (the extractor keeps
# the English scale in Chinese units, see numbers.in_english_scale).
_CHINESE_UNITS = {
    "元": "yuan",
    "个百分点": "percentage points",
    "百分点": "percentage points",
    "位": "rank",
    "％": "%",
}
_CHINESE_SCALE = re.compile(
    "^(?P<scale>" + "|".join(sorted(CHINESE_SCALES, key=len, reverse=True)) + ")(?=.)"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Digits and the Chinese scale after them ("3800亿", "337.7万"), and "九成".
_CHINESE_SCALED = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)(?P<scale>"
    + "|".join(sorted(CHINESE_SCALES, key=len, reverse=True))
    + ")"
)
_TENTHS = re.compile(r"(?P<n>[一二两三四五六七八九十]|\d)成")
_CHINESE_ORDINAL = re.compile(r"第(?P<n>[一二两三四五六七八九十]{1,3})")
# Chinese names made only of these say nothing about what was counted.
CHINESE_FUNCTION_WORDS = {
    "数值",
    "其中",
    "合计",
    "总计",
    "共计",
    "累计",
    "数量",
    "总数",
    "金额",
    "规模",
    "排名",
}
TARGETS = {
    "f1": 0.95,
    "qualifier": 0.95,
    "period": 0.90,
    "bare_names": 0,
    "invented": 0,
    "actions_exact": 0.90,
}
_KEY_FIELDS = {"held_on", "title", "covers", "figures", "actions", "notes"}
_FIGURE_FIELDS = {
    "value",
    "unit",
    "qualifier",
    "period",
    "name",
    "head",
    "sentence",
    "note",
}
_FIGURE_REQUIRED = {"value", "unit", "qualifier", "period", "name", "sentence"}
_HEAD_CUT = re.compile(r"\s+(?:of|in|for|from|with|per|by|on|at|to)\s+|\s*\(")
_GROUPED = re.compile(r"\d{1,3}(?:[,\s\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


class MalformedKey(ValueError):
    """An answer key that cannot be read; the message names the file."""


@dataclass(frozen=True)
class KeyFigure:
    value: Decimal
    unit: str
    qualifier: str
    period: tuple[datetime.date, datetime.date] | None
    name: str
    sentence: str
    head: str = ""


@dataclass(frozen=True)
class AnswerKey:
    name: str  # the file name without extension
    path: Path  # of the .json file
    text: str
    held_on: datetime.date | None
    title: str
    covers: tuple[str, ...]
    figures: tuple[KeyFigure, ...]
    actions: int
    # Words from each action, in order, when the key lists them.
    action_openings: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        """Return "zh" for a text mostly in Chinese characters, else "en"."""
        return text_language(self.text)


@dataclass
class TextScore:
    name: str
    expected: int  # figures in the key
    found: int  # figures extracted
    matched: list = field(default_factory=list)  # (KeyFigure, Figure)
    missed: list = field(default_factory=list)  # KeyFigure
    extra: list = field(default_factory=list)  # Figure
    wrong_qualifier: list = field(default_factory=list)  # (KeyFigure, Figure)
    wrong_period: list = field(default_factory=list)
    wrong_name: list = field(default_factory=list)
    bare_names: list = field(default_factory=list)  # Figure
    invented: list = field(default_factory=list)  # Figure
    actions_expected: int = 0
    actions_found: int = 0
    action_openings_right: int | None = None  # None: the key lists no openings
    title_expected: str = ""
    title_found: str = ""

    @property
    def actions_exact(self) -> bool:
        return self.actions_expected == self.actions_found

    @property
    def title_exact(self) -> bool:
        return _spaces(self.title_expected) == _spaces(self.title_found)


@dataclass
class Report:
    texts: list[TextScore]

    def _sum(self, attribute) -> int:
        return sum(len(getattr(t, attribute)) for t in self.texts)

    @property
    def expected(self) -> int:
        return sum(t.expected for t in self.texts)

    @property
    def found(self) -> int:
        return sum(t.found for t in self.texts)

    @property
    def matched(self) -> int:
        return self._sum("matched")

    @property
    def precision(self) -> float:
        return _share(self.matched, self.found)

    @property
    def recall(self) -> float:
        return _share(self.matched, self.expected)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def qualifier(self) -> float:
        return _share(self.matched - self._sum("wrong_qualifier"), self.matched)

    @property
    def period(self) -> float:
        return _share(self.matched - self._sum("wrong_period"), self.matched)

    @property
    def name(self) -> float:
        return _share(self.matched - self._sum("wrong_name"), self.matched)

    @property
    def bare_names(self) -> int:
        return self._sum("bare_names")

    @property
    def invented(self) -> int:
        return self._sum("invented")

    @property
    def actions_exact(self) -> float:
        return _share(sum(t.actions_exact for t in self.texts), len(self.texts))

    @property
    def title_exact(self) -> float:
        return _share(sum(t.title_exact for t in self.texts), len(self.texts))

    def targets(self) -> list[tuple[str, str, str, bool]]:
        """Return (measure, value, target, met) for each target of the issue."""
        return [
            ("value+unit F1", f"{self.f1:.2f}", "≥ 0.95", self.f1 >= TARGETS["f1"]),
            (
                "right qualifier",
                _percent(self.qualifier),
                "≥ 95%",
                self.qualifier >= TARGETS["qualifier"],
            ),
            (
                "right period",
                _percent(self.period),
                "≥ 90%",
                self.period >= TARGETS["period"],
            ),
            (
                "bare scale/function-word names",
                str(self.bare_names),
                "0",
                self.bare_names <= TARGETS["bare_names"],
            ),
            (
                "invented values",
                str(self.invented),
                "0",
                self.invented <= TARGETS["invented"],
            ),
            (
                "texts with the exact action count",
                _percent(self.actions_exact),
                "≥ 90%",
                self.actions_exact >= TARGETS["actions_exact"],
            ),
        ]


# ------------------------------------------------------------------ loading


def text_language(text: str) -> str:
    """Return "zh" when most letters of a text are Chinese characters, else "en"."""
    letters = [c for c in text[:5000] if c.isalpha()]
    chinese = sum(1 for c in letters if _CJK.match(c))
    return "zh" if letters and chinese > len(letters) / 2 else "en"


def load_keys(directory, language: str | None = None) -> list[AnswerKey]:
    """Return every answer key of a folder, by file name; raise MalformedKey.

    With `language` ("en" or "zh"), only the keys whose text is in it.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise MalformedKey(f"{directory}: not a folder of answer keys")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise MalformedKey(f"{directory}: no answer keys (NAME.json) in it")
    keys = [load_key(path) for path in paths]
    if language is not None:
        keys = [key for key in keys if key.language == language]
    return keys


def load_key(path) -> AnswerKey:
    """Read NAME.json and its NAME.txt; raise MalformedKey naming the file."""
    path = Path(path)

    def fail(problem: str):
        raise MalformedKey(f"{path}: {problem}")

    text_path = path.with_suffix(".txt")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot be read ({error})")
    except json.JSONDecodeError as error:
        fail(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        )
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"its press text {text_path.name} cannot be read ({error})")
    if not isinstance(data, dict):
        fail("must hold a JSON object")
    unknown = set(data) - _KEY_FIELDS
    if unknown:
        fail(f"unknown field(s) {', '.join(sorted(unknown))}")
    for required in ("title", "figures", "actions", "covers"):
        if required not in data:
            fail(f"the field {required!r} is missing")
    held_on = _date(data.get("held_on"), "held_on", fail, optional=True)
    if not isinstance(data["title"], str) or not data["title"].strip():
        fail("'title' must be a non-empty string")
    covers = data["covers"]
    if not isinstance(covers, list) or not all(isinstance(c, str) for c in covers):
        fail("'covers' must be a list of class names")
    unknown_classes = [c for c in covers if c not in COVERS]
    if unknown_classes:
        fail(
            f"unknown class(es) in 'covers': {', '.join(unknown_classes)} "
            f"(known: {', '.join(COVERS)})"
        )
    if not isinstance(data["figures"], list):
        fail("'figures' must be a list")
    figures = tuple(
        _figure(item, f"figures[{index}]", fail)
        for index, item in enumerate(data["figures"])
    )
    actions = data["actions"]
    openings: tuple[str, ...] = ()
    if isinstance(actions, list):
        if not all(isinstance(a, str) and a.strip() for a in actions):
            fail("'actions' must be a count or a list of the actions' opening words")
        openings = tuple(actions)
        actions = len(actions)
    elif isinstance(actions, bool) or not isinstance(actions, int) or actions < 0:
        fail("'actions' must be a count (0 or more) or a list of opening words")
    return AnswerKey(
        name=path.stem,
        path=path,
        text=text,
        held_on=held_on,
        title=data["title"],
        covers=tuple(covers),
        figures=figures,
        actions=actions,
        action_openings=openings,
    )


def _date(value, where, fail, optional=False):
    if value is None and optional:
        return None
    if not isinstance(value, str):
        fail(f"{where} must be a date as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        fail(f"{where} must be a date as YYYY-MM-DD, not {value!r}")


def _figure(item, where, fail) -> KeyFigure:
    if not isinstance(item, dict):
        fail(f"{where} must be an object")
    missing = _FIGURE_REQUIRED - set(item)
    if missing:
        fail(f"{where} lacks {', '.join(sorted(missing))}")
    unknown = set(item) - _FIGURE_FIELDS
    if unknown:
        fail(f"{where} has unknown field(s) {', '.join(sorted(unknown))}")
    value = item["value"]
    if not isinstance(value, str):
        fail(f'{where}.value must be a string of digits, as "48500" or "-0.3"')
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        fail(f"{where}.value {value!r} is not a number")
    for name in ("unit", "name", "sentence"):
        if not isinstance(item[name], str) or not item[name].strip():
            fail(f"{where}.{name} must be a non-empty string")
    if item["qualifier"] not in QUALIFIERS:
        fail(
            f"{where}.qualifier {item['qualifier']!r} is not one of "
            f"{', '.join(sorted(QUALIFIERS))}"
        )
    period = item["period"]
    if period is not None:
        if not isinstance(period, list) or len(period) != 2:
            fail(f"{where}.period must be null or [first day, last day]")
        period = tuple(_date(d, f"{where}.period", fail) for d in period)
        if period[0] > period[1]:
            fail(f"{where}.period ends before it starts")
    head = item.get("head", "")
    if not isinstance(head, str):
        fail(f"{where}.head must be a string")
    return KeyFigure(
        value=number,
        unit=item["unit"],
        qualifier=item["qualifier"],
        period=period,
        name=item["name"],
        sentence=item["sentence"],
        head=head,
    )


def problems(key: AnswerKey) -> list[str]:
    """Return what makes a loaded key unfit for the corpus (quotes not in the text …)."""
    found = []
    flat = _spaces(key.text)
    if _spaces(key.title) not in flat:
        found.append(f"{key.path}: the title is not in the text")
    for index, figure in enumerate(key.figures):
        if figure.sentence not in key.text:
            found.append(f"{key.path}: figures[{index}].sentence is not in the text")
        if not written_in(key.text, figure.value, figure.unit):
            found.append(f"{key.path}: figures[{index}].value is not in the text")
    for index, opening in enumerate(key.action_openings):
        if _spaces(opening) not in flat:
            found.append(f"{key.path}: actions[{index}] is not in the text")
    return found


# ------------------------------------------------------------------ scoring


def score_keys(keys, extractor=extract) -> Report:
    """Run the extractor on every key's text and score what it finds."""
    return Report(
        [score_text(key, extractor(key.text, held_on=key.held_on)) for key in keys]
    )


def score_text(key: AnswerKey, extraction: Extraction) -> TextScore:
    """Compare one extraction with its answer key."""
    score = TextScore(
        name=key.name,
        expected=len(key.figures),
        found=len(extraction.figures),
        actions_expected=key.actions,
        actions_found=len(extraction.actions),
        title_expected=key.title,
        title_found=extraction.title,
    )
    remaining = list(extraction.figures)
    pairs = {}
    # Same sentence first, so a value stated twice pairs with its own sentence.
    for same_sentence in (True, False):
        for index, wanted in enumerate(key.figures):
            if index in pairs:
                continue
            for figure in remaining:
                if not same_value_and_unit(wanted, figure):
                    continue
                if same_sentence and wanted.sentence not in figure.quote:
                    continue
                pairs[index] = figure
                remaining.remove(figure)
                break
    for index, wanted in enumerate(key.figures):
        figure = pairs.get(index)
        if figure is None:
            score.missed.append(wanted)
            continue
        score.matched.append((wanted, figure))
        if wanted.qualifier != figure.qualifier:
            score.wrong_qualifier.append((wanted, figure))
        found_period = (
            (figure.period.start, figure.period.end) if figure.period else None
        )
        if wanted.period != found_period:
            score.wrong_period.append((wanted, figure))
        if not acceptable_name(wanted, figure.name):
            score.wrong_name.append((wanted, figure))
    score.extra = remaining
    score.bare_names = [f for f in extraction.figures if is_bare_name(f.name)]
    score.invented = [
        f
        for f in extraction.figures
        if not written_in(extraction.text, f.value, f.unit)
    ]
    if key.action_openings:
        score.action_openings_right = sum(
            _spaces(opening).lower() in _spaces(action.text).lower()
            for action, opening in zip(
                extraction.actions, key.action_openings, strict=False
            )
        )
    return score


def normal_quantity(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Return (value, unit) with a leading scale word moved into the value."""
    unit = _spaces(unit).lower()
    unit = re.sub(r"\b(?:per\s*cent|percent|pct)\b", "%", unit)
    if _CJK.search(unit):
        if scale := _CHINESE_SCALE.match(unit):
            value = value.scaleb(CHINESE_SCALES[scale.group("scale")])
            unit = unit[scale.end() :]
        unit = _CHINESE_UNITS.get(unit, unit)
    words = unit.split()
    if words and words[0] in SCALES:
        value = value.scaleb(SCALES[words[0]])
        unit = " ".join(words[1:])
    return value.normalize(), unit


def same_value_and_unit(wanted: KeyFigure, figure) -> bool:
    key_value, key_unit = normal_quantity(wanted.value, wanted.unit)
    value, unit = normal_quantity(figure.value, figure.unit)
    if key_value != value:
        return False
    if key_unit == unit:
        return True
    # "piles" and "charging piles": the same unit, one with words in front.
    shorter, longer = sorted((key_unit, unit), key=len)
    return bool(shorter) and longer.endswith(" " + shorter)


def is_bare_name(name: str) -> bool:
    """Return whether a name holds only scale or function words ("Million", "(1)")."""
    words = [w for w in _words(name) if re.search(r"[^\W\d_]", w)]
    return all(
        w in SCALES or w in FUNCTION_WORDS or w in CHINESE_FUNCTION_WORDS for w in words
    )


def head_noun(wanted: KeyFigure) -> str:
    """Return the word an acceptable name must hold.

    The key's `head` when given; else the counted noun of the unit ("jobs"
    for 48,500 "jobs"); else, for money, measures and percentages, the last
    word of the key's name before "of", "in", "for" … ("revenue" in "Revenue
    of the software industry").
    """
    if wanted.head:
        return wanted.head.lower()
    _, unit = normal_quantity(wanted.value, wanted.unit)
    unit_words = _words(unit)
    if _CJK.search(unit) or _CJK.search(wanted.name):
        # "个", "家": a Chinese measure word says nothing of what is counted.
        return wanted.name.lower()
    if unit_words and not (set(unit_words) & MEASURE_WORDS):
        return unit_words[-1]
    core = _HEAD_CUT.split(wanted.name, maxsplit=1)[0]
    words = _words(core) or _words(wanted.name)
    return words[-1] if words else ""


def acceptable_name(wanted: KeyFigure, name: str) -> bool:
    """Return whether an extracted name would do for the key's figure."""
    if is_bare_name(name):
        return False
    if _spaces(name).lower() == _spaces(wanted.name).lower():
        return True
    head = head_noun(wanted)
    if _CJK.search(head):
        # Chinese writes no spaces: the head is a part of the name.
        return head in _spaces(name).lower()
    head = _singular(head)
    return any(_singular(word) == head for word in _words(name))


def written_in(text: str, value: Decimal, unit: str = "") -> bool:
    """Return whether a value is written in the text, grouping and sign aside.

    With its unit's scale word, either form counts: 7.15 "million TEU" is
    written as "7.15 million" or as "7 150 000".
    """
    numbers = written_numbers(text)
    scaled, _ = normal_quantity(abs(value), unit)
    return abs(value).normalize() in numbers or scaled in numbers


def written_numbers(text: str) -> set[Decimal]:
    """Return every number the text writes: in digits, grouped or not, or in words."""
    text = unicodedata.normalize("NFKC", text)
    found = set()
    for pattern in (_GROUPED, _PLAIN):
        for match in pattern.finditer(text):
            digits = re.sub(r"[,\s\u00a0\u2009\u202f]", "", match.group())
            found.add(Decimal(digits).normalize())
    lower = text.lower()
    for words in (CARDINAL_WORDS, ORDINAL_WORDS):
        for word, number in words.items():
            if re.search(rf"\b{word}\b", lower):
                found.add(Decimal(number).normalize())
    if re.search(r"\b(?:a|one)\s+million\b|\ba\s+(?:billion|trillion)\b", lower):
        found.add(Decimal(1))
    if re.search(r"\bhalf\b|\bquarters?\b|\bthirds?\b", lower):
        found |= {Decimal(v).normalize() for v in _FRACTION_VALUES}
    for match in _CHINESE_SCALED.finditer(text):
        power = CHINESE_SCALES[match.group("scale")]
        found.add(Decimal(match.group("num")).scaleb(power).normalize())
    for match in _TENTHS.finditer(text):
        found.add(Decimal(chinese_numeral(match.group("n")) * 10).normalize())
    for match in _CHINESE_ORDINAL.finditer(text):
        if (number := chinese_numeral(match.group("n"))) is not None:
            found.add(Decimal(number))
    return found


# ------------------------------------------------------------------ helpers


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w%’'-]+", text.lower())


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _percent(share: float) -> str:
    return f"{share:.0%}"

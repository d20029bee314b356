"""Find the periods a press text talks about: "from January to June" -> Jan–Jun.

Pure and deterministic. A phrase without a year ("in the first half of the
year") takes the reference year: the year of the announcement's date when
known, else the year the text itself names first. A part of a year that
would end after the announcement's date is last year's ("in the fourth
quarter", said in January).

Labels follow the wording: "from January to June" gives "Jan–Jun 2022",
"the first half of the year" gives "2022 H1", the same dates. A period that
a figure inherits from context gets the canonical label of its dates.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, replace

from .cleaning import dateline_end
from .numbers import CARDINAL_WORDS, chinese_numeral

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_ABBR = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
# Month names are proper nouns: matched case-sensitively, so the verb "may"
# and "march" are not months.
_MONTH = r"(?-i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d{2}"
_COUNTS = CARDINAL_WORDS
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
# "of 2022", "of this year", "of the year", "this year", "2022".
_YEAR_TAIL = (
    r"(?:,?\s+(?:of\s+)?(?:(?P<year>" + _YEAR + r")|the\s+(?:current\s+)?year|"
    r"(?P<rel>this|last|the\s+previous|the\s+current|the\s+same)\s+year))?"
)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str


@dataclass(frozen=True)
class PeriodMatch:
    """A period phrase found in a sentence, as a span of that sentence.

    `period` is None for a phrase whose year cannot be told; `comparison` is
    set for a base of comparison ("the same period last year"), which is not
    the period of any figure; `is_target` for a deadline ("by 2025", "by the
    end of the year" followed by "will"), which dates a goal, not a figure.
    """

    start: int
    end: int
    period: Period | None
    comparison: bool = False
    # "By 2025, the share will reach 50 percent": the date a goal is set
    # for, not the period a figure was measured over.
    is_target: bool = False
    # "in the same year", "in the same period": the period stated before it
    # ("year": that period's whole year). `period` is None until the reader
    # of the sentence, who knows what came before, fills it in.
    refers_back: str = ""


@dataclass(frozen=True)
class YearContext:
    year: int | None = None
    held_on: datetime.date | None = None

    def resolve(self, explicit, relative) -> tuple[int | None, bool]:
        """Return (year, stated) for a phrase's year words."""
        if explicit:
            return int(explicit), True
        if relative:
            word = relative.split()[-1].lower()
            base = self.held_on.year if self.held_on else self.year
            if word in {"last", "previous"}:
                return (base - 1 if base else None), True
            if word in {"this", "current"} and base:
                # Stated: "the fourth quarter of this year", said in January,
                # is this year's, not the one just past.
                return base, True
        return self.year, False

    def settle(self, year, stated, start_month, end_month):
        """Return the year, moved back when an unstated one lies well ahead.

        "In the fourth quarter", said in January, is last year's quarter;
        said in July it is this year's, still to come.
        """
        if year is None or stated or self.held_on is None:
            return year
        if (datetime.date(year, start_month, 1) - self.held_on).days > 150:
            return year - 1
        return year


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def months(year: int, first: int, last: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, first, 1), _month_end(year, last)


def canonical_label(start: datetime.date, end: datetime.date) -> str:
    """Return the usual label for these dates: "2022", "2022 H1", "2022 Q2"…"""
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        year, first, last = start.year, start.month, end.month
        if (first, last) == (1, 12):
            return str(year)
        if (first, last) in {(1, 6), (7, 12)}:
            return f"{year} H{1 if first == 1 else 2}"
        if last == first + 2 and first % 3 == 1:
            return f"{year} Q{(first + 2) // 3}"
        if first == 1 and last == 9:
            return f"{year} Q1–Q3"
        if first == last:
            return f"{MONTH_ABBR[first]} {year}"
        return f"{MONTH_ABBR[first]}–{MONTH_ABBR[last]} {year}"
    if whole_months and (start.month, end.month) == (1, 12):
        return f"{start.year}–{end.year}"

    def day(d):
        return f"{d.day} {MONTH_ABBR[d.month]} {d.year}"

    return f"{day(start)} – {day(end)}"


def cumulative_label(start: datetime.date, end: datetime.date) -> str:
    """Return the label of a running total from `start`: "Jan–Nov 2023 (cumulative)".

    "By the end of November" counts from January: the canonical label of the
    same dates ("2023 H1" for June) would read as a flow over that part of
    the year, so the word says what the figure is.
    """
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        first, last = MONTH_ABBR[start.month], MONTH_ABBR[end.month]
        span = f"{first} {end.year}" if first == last else f"{first}–{last} {end.year}"
    else:
        span = canonical_label(start, end)
    return f"{span} (cumulative)"


# ------------------------------------------------------------------ patterns

_FLAGS = re.IGNORECASE


def _p(pattern):
    return re.compile(pattern, _FLAGS)


MONTH_RANGE = _p(
    r"\b(?:(?P<from>from|between)\s+)?(?P<m1>"
    + _MONTH
    + r")(?:\s+(?P<y1>"
    + _YEAR
    + r"))?"
    r"\s*(?P<sep>to|through|till|until|and|-|–|—|~)\s*"
    r"(?P<m2>" + _MONTH + r")(?!\s+\d{1,2}\b)" + _YEAR_TAIL
)
HALF = _p(
    r"\b(?:the\s+)?(?P<which>first|second|1st|2nd)[\s-]+half(?:[\s-]+(?:of\s+the\s+)?year)?"
    + _YEAR_TAIL
)
HALF_SHORT = re.compile(
    r"\b(?:(?P<y1>"
    + _YEAR
    + r")\s*)?H(?P<which>[12])(?:\s*(?P<year>"
    + _YEAR
    + r"))?\b"
)
QUARTER = _p(
    r"\b(?:the\s+)?(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    + _YEAR_TAIL
)
QUARTER_SHORT = re.compile(
    r"\b(?:(?P<y1>"
    + _YEAR
    + r")\s*)?Q(?P<which>[1-4])(?:\s*(?P<year>"
    + _YEAR
    + r"))?\b"
)
FIRST_QUARTERS = _p(
    r"\b(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters" + _YEAR_TAIL
)
FIRST_MONTHS = _p(
    r"\b(?:the\s+)?first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\d{1,2})\s+months" + _YEAR_TAIL
)
END_OF = _p(
    r"\b(?:by|as\s+of|as\s+at|at|until|till|up\s+to)\s+the\s+end\s+of\s+"
    r"(?:(?P<month>"
    + _MONTH
    + r")"
    + _YEAR_TAIL.replace("year>", "year2>").replace("rel>", "rel2>")
    + r"|(?P<rel>this|last|the\s+previous|the)\s+year|(?P<year>"
    + _YEAR
    + r"))"
)
AS_OF_DATE = _p(
    r"\b(?:as\s+of|as\s+at|by|until|up\s+to)\s+(?P<month>" + _MONTH + r")\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>" + _YEAR + r"))?"
)
SINGLE_MONTH = _p(
    r"\b(?:(?:in|during|for|of|throughout)\s+)(?P<month>"
    + _MONTH
    + r")(?!\s+\d{1,2}\b)"
    + _YEAR_TAIL
)
MONTH_YEAR = _p(r"\b(?P<month>" + _MONTH + r")\s+(?P<year>" + _YEAR + r")\b")
YEAR_RANGE = _p(
    r"\b(?:(?:from|between)\s+)?(?P<y1>" + _YEAR + r")\s*(?:-|–|—|to|and|through)\s*"
    r"(?P<y2>" + _YEAR + r")\b"
)
_PLAN_ORDINALS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
}


def _plan_years(first, last):
    """ "(2021-2025)" after a plan's name: its years as the text states them."""
    return (
        r"(?:\s*[(（]\s*(?P<" + first + r">" + _YEAR + r")\s*(?:-|–|—|~|to)\s*"
        r"(?P<" + last + r">" + _YEAR + r")\s*[)）])?"
    )


# "during the 14th Five-Year Plan period (2021-2025)", "the Fourteenth
# Five-Year Plan (2021-2025) period", "by the end of the 14th FYP".
FIVE_YEAR_PLAN = _p(
    # The lookahead skips most words quickly: this runs on every sentence.
    r"\b(?=[\dbtef])(?:by\s+the\s+end\s+of\s+)?(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(_PLAN_ORDINALS)
    + r"))\s+(?:Five[-‑–\s]Year\s+Plan|FYP)"
    + _plan_years("p1", "p2")
    + r"(?:\s+period)?"
    + _plan_years("q1", "q2")
)
TO_DATE = _p(
    r"\b(?:so\s+far\s+this\s+year|since\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year|"
    r"year\s+to\s+date)\b"
)
LAST_YEAR = _p(
    r"\b(?:(?:in|during|for|throughout)\s+)?(?:last|the\s+previous)\s+year\b"
)
THIS_YEAR = _p(r"\b(?:(?:in|during|for|throughout)\s+)?(?:this|the\s+current)\s+year\b")
LAST_MONTH = _p(r"\blast\s+month\b")
# "in the same year" after a year was named; not "the same period last
# year", a base of comparison.
SAME = _p(
    r"\b(?:in|during|for|over|throughout|within)\s+the\s+same\s+(?P<same>year|period)\b"
    r"(?!\s+(?:of\s+)?(?:last|a|the|previous|\d))"
)
SINCE_YEAR = _p(r"\bsince\s+(?P<year>" + _YEAR + r")\b")
YEAR = _p(
    r"\b(?:(?:in|for|during|throughout|by|of)\s+(?:the\s+(?:year\s+)?)?)?"
    r"(?P<year>" + _YEAR + r")\b(?!\s*(?:-|–|—)\s*\d)(?!,\d{3})"
)
# Phrases that make a period a base of comparison, not a figure's period.
_COMPARISON_BEFORE = _p(
    r"(?:same\s+period(?:\s+of)?|than(?:\s+(?:in|that\s+of|the))?|compared\s+(?:with|to)"
    r"(?:\s+(?:that\s+of|the))?|over(?:\s+the)?|versus|vs\.?|from|against|relative\s+to|"
    r"up\s+from|down\s+from)\s*$"
)


def find_periods(sentence: str, context: YearContext) -> list[PeriodMatch]:
    """Return the period phrases of a sentence, earliest first, not overlapping."""
    found = []
    # "HONG KONG, October 16, 2024 -- …": the day the text was filed.
    news = dateline_end(sentence)
    lower = sentence.lower()
    for finder in _FINDERS:
        if not _may_match(finder[0], sentence, lower):
            continue
        for match in finder[0].finditer(sentence, news):
            result = finder[1](match, context)
            if result is False:
                continue
            found.append((match.start(), match.end(), result, ""))
    for match in SAME.finditer(sentence, news):
        found.append((match.start(), match.end(), None, match["same"].lower()))
    chinese = _CJK.search(sentence) is not None
    if chinese:
        found += _chinese_periods(sentence, context)
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    matches = []
    last_end = -1
    for start, end, period, refers_back in found:
        if start < last_end:
            continue
        if refers_back:
            matches.append(PeriodMatch(start, end, None, refers_back=refers_back))
            last_end = end
            continue
        if chinese and _CJK.search(sentence, start, end):
            matches.append(_chinese_match(sentence, start, end, period, context))
            last_end = end
            continue
        comparison = _COMPARISON_BEFORE.search(sentence[max(0, start - 40) : start])
        if comparison and sentence[start : start + 5].lower().startswith("from "):
            comparison = None  # "from January to June" is the period itself
        if comparison and _NO_LATER.search(sentence[max(0, start - 40) : start]):
            comparison = None  # "no later than 2026" is a deadline, not a base
        target = _is_target(sentence, start, end, period, context)
        matches.append(
            PeriodMatch(start, end, period, comparison is not None, is_target=target)
        )
        last_end = end
    return matches


# "by 2025", "by the end of November", "before 2025", "no later than 2025".
_DEADLINE = _p(r"(?:by|before|no\s+later\s+than)\b")
_NO_LATER = _p(r"\bno\s+later\s+than\s*$")
_DEADLINE_BEFORE = _p(r"\b(?:by|before|no\s+later\s+than)\s+$")
_TARGET_BEFORE = _p(r"\b(?:targets?|goals?|objectives?)\s+(?:(?:for|of)\s*)?$")
_GOAL_WORDS = _p(
    r"\b(?:will|shall|aims?\s+to|plans?\s+to|strives?\s+to|seeks?\s+to|is\s+to|are\s+to|"
    r"expected\s+to|targets?|goals?|must|should|strive|striving|aim(?:ing)?\s+(?:to|for))\b"
)


def _is_target(sentence, start, end, period, context) -> bool:
    """Return whether a period phrase dates a goal rather than a measured figure.

    "By 2025, the share will reach 50 percent" sets a target; "by the end of
    2022, 2.3 million base stations had been built", said in 2023, reports a
    total. A deadline is a target when it lies after the announcement or its
    clause says what will be done.
    """
    if _TARGET_BEFORE.search(sentence[max(0, start - 30) : start]):
        return True
    if not (
        _DEADLINE.match(sentence, start)
        or _DEADLINE_BEFORE.search(sentence[max(0, start - 20) : start])
    ):
        return False
    if period is not None:
        if context.held_on is not None and period.end > context.held_on:
            return True
        if context.held_on is None and context.year and period.end.year > context.year:
            return True
    clause_start = max(sentence.rfind(";", 0, start), sentence.rfind("；", 0, start))
    clause_end = min(
        (i for i in (sentence.find(";", end), sentence.find("；", end)) if i != -1),
        default=len(sentence),
    )
    return _GOAL_WORDS.search(sentence, clause_start + 1, clause_end) is not None


def _year_of(match, context, first_month, last_month):
    groups = match.groupdict()
    year, stated = context.resolve(groups.get("year"), groups.get("rel"))
    if groups.get("y1") and not groups.get("year"):
        year, stated = int(groups["y1"]), True
    return context.settle(year, stated, first_month, last_month)


def _month_range(match, context):
    if match["sep"].lower() == "and" and (match["from"] or "").lower() != "between":
        return False
    first, last = MONTHS[match["m1"].rstrip(".")], MONTHS[match["m2"].rstrip(".")]
    if match["y1"] and match["year"] and match["y1"] != match["year"]:
        start = datetime.date(int(match["y1"]), first, 1)
        end = _month_end(int(match["year"]), last)
        return Period(start, end, canonical_label(start, end))
    if last < first:
        return False
    year = _year_of(match, context, first, last)
    if year is None:
        return None
    start, end = months(year, first, last)
    return Period(start, end, f"{MONTH_ABBR[first]}–{MONTH_ABBR[last]} {year}")


def _half(match, context):
    which = 1 if match["which"].lower() in {"first", "1st", "1"} else 2
    first = 1 if which == 1 else 7
    year = _year_of(match, context, first, first + 5)
    if year is None:
        return None
    return Period(*months(year, first, first + 5), f"{year} H{which}")


def _quarter(match, context):
    which = _ORDINALS.get(match["which"].lower()) or int(match["which"])
    first = 3 * which - 2
    year = _year_of(match, context, first, first + 2)
    if year is None:
        return None
    return Period(*months(year, first, first + 2), f"{year} Q{which}")


def _first_quarters(match, context):
    n = _COUNTS.get(match["n"].lower()) or int(match["n"])
    year = _year_of(match, context, 1, 3 * n)
    if year is None:
        return None
    start, end = months(year, 1, 3 * n)
    return Period(start, end, f"{year} Q1–Q{n}" if n == 3 else f"{year} H1")


def _first_months(match, context):
    n = _COUNTS.get(match["n"].lower()) or int(match["n"])
    if not 2 <= n <= 12:
        return False
    year = _year_of(match, context, 1, n)
    if year is None:
        return None
    start, end = months(year, 1, n)
    label = str(year) if n == 12 else f"Jan–{MONTH_ABBR[n]} {year}"
    return Period(start, end, label)


def _end_of(match, context):
    if match["month"]:
        month = MONTHS[match["month"].rstrip(".")]
        year, stated = context.resolve(match["year2"], match["rel2"])
        year = context.settle(year, stated, 1, month)
        if year is None:
            return None
        start, end = months(year, 1, month)
        return Period(start, end, cumulative_label(start, end))
    if match["year"]:
        year = int(match["year"])
    else:
        year, _ = context.resolve(None, match["rel"] if match["rel"] else None)
    if year is None:
        return None
    start, end = months(year, 1, 12)
    return Period(start, end, str(year))


def _as_of_date(match, context):
    month, day = MONTHS[match["month"].rstrip(".")], int(match["day"])
    year, stated = context.resolve(match["year"], None)
    year = context.settle(year, stated, 1, month)
    if year is None:
        return None
    try:
        end = datetime.date(year, month, day)
    except ValueError:
        return False
    start = datetime.date(year, 1, 1)
    return Period(start, end, cumulative_label(start, end))


def _single_month(match, context):
    month = MONTHS[match["month"].rstrip(".")]
    year = _year_of(match, context, month, month)
    if year is None:
        return None
    return Period(*months(year, month, month), f"{MONTH_ABBR[month]} {year}")


def _year_range(match, context):
    first, last = int(match["y1"]), int(match["y2"])
    if not first < last <= first + 30:
        return False
    start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    return Period(start, end, f"{first}–{last}")


def _five_year_plan(match, context):
    n = int(match["n"]) if match["n"] else _PLAN_ORDINALS[match["word"].lower()]
    stated = (match["p1"], match["p2"]) if match["p1"] else (match["q1"], match["q2"])
    if stated[0]:
        first, last = int(stated[0]), int(stated[1])
        if not first < last <= first + 5:
            return False
    elif n < 6:
        return None
    else:
        # The 6th plan was 1981–1985; every plan since has run five years.
        first = 1981 + 5 * (n - 6)
        last = first + 4
    return Period(
        datetime.date(first, 1, 1),
        datetime.date(last, 12, 31),
        f"{first}–{last}",
    )


def _to_date(match, context):
    if context.held_on is None:
        return None
    start = datetime.date(context.held_on.year, 1, 1)
    return Period(start, context.held_on, f"{context.held_on.year} to date")


def _last_year(match, context):
    year, _ = context.resolve(None, "last")
    if year is None:
        return None
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


def _this_year(match, context):
    year = context.held_on.year if context.held_on else context.year
    if year is None:
        return None
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


def _last_month(match, context):
    if context.held_on is None:
        return None
    end = context.held_on.replace(day=1) - datetime.timedelta(days=1)
    start = end.replace(day=1)
    return Period(start, end, canonical_label(start, end))


def _since_year(match, context):
    first = int(match["year"])
    end = context.held_on or (
        datetime.date(context.year, 12, 31) if context.year else None
    )
    if end is None or end.year < first:
        return None
    start = datetime.date(first, 1, 1)
    return Period(start, end, f"{first}–{end.year}")


def _year(match, context):
    year = int(match["year"])
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


_FINDERS = [
    (MONTH_RANGE, _month_range),
    (HALF, _half),
    (HALF_SHORT, _half),
    (QUARTER, _quarter),
    (QUARTER_SHORT, _quarter),
    (FIRST_QUARTERS, _first_quarters),
    (FIRST_MONTHS, _first_months),
    (END_OF, _end_of),
    (AS_OF_DATE, _as_of_date),
    (SINGLE_MONTH, _single_month),
    (MONTH_YEAR, _single_month),
    (YEAR_RANGE, _year_range),
    (FIVE_YEAR_PLAN, _five_year_plan),
    (TO_DATE, _to_date),
    (LAST_YEAR, _last_year),
    (THIS_YEAR, _this_year),
    (LAST_MONTH, _last_month),
    (SINCE_YEAR, _since_year),
    (YEAR, _year),
]


def resolve_same(match: PeriodMatch, before: Period | None) -> PeriodMatch:
    """Return "in the same year" dated by the period stated `before` it."""
    if not match.refers_back or before is None:
        return match
    if match.refers_back == "year":
        year = before.end.year
        before = Period(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year)
        )
    return replace(match, period=before)


# Words each pattern cannot match without: most sentences name no period,
# and a substring test is far cheaper than running the pattern. Month names
# and "H1", "Q2" are matched in their case; the rest in lower case.
_MONTH_WORDS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_YEAR_DIGITS = ("19", "20")
_NEEDLES = {
    MONTH_RANGE: (_MONTH_WORDS, True),
    AS_OF_DATE: (_MONTH_WORDS, True),
    SINGLE_MONTH: (_MONTH_WORDS, True),
    MONTH_YEAR: (_MONTH_WORDS, True),
    HALF: (("half",), False),
    HALF_SHORT: (("H1", "H2"), True),
    QUARTER: (("quarter",), False),
    QUARTER_SHORT: (("Q1", "Q2", "Q3", "Q4"), True),
    FIRST_QUARTERS: (("quarters",), False),
    FIRST_MONTHS: (("months",), False),
    END_OF: (("end",), False),
    YEAR_RANGE: (_YEAR_DIGITS, True),
    FIVE_YEAR_PLAN: (("plan", "fyp"), False),
    TO_DATE: (("year",), False),
    LAST_YEAR: (("year",), False),
    THIS_YEAR: (("year",), False),
    LAST_MONTH: (("month",), False),
    SINCE_YEAR: (("since",), False),
    YEAR: (_YEAR_DIGITS, True),
}


def _may_match(pattern: re.Pattern, sentence: str, lower: str) -> bool:
    needles, in_case = _NEEDLES[pattern]
    text = sentence if in_case else lower
    return any(needle in text for needle in needles)


def previous_full_year(context: YearContext) -> Period | None:
    """Return the last complete calendar year before the announcement."""
    base = context.held_on.year if context.held_on else context.year
    if base is None:
        return None
    year = base - 1
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year))


# ------------------------------------------------------------------ Chinese

# Issue 21: the periods of a Chinese press text. "上半年" is the first half of
# the reference year, "1-6月" January to June, "一季度" the first quarter,
# "2023年" the year, "截至2023年6月" and "6月底" a running total from
# January ("Jan–Jun 2023 (cumulative)", as "by the end of June" in English),
# "年底" and "2023年底" the whole year, "今年"/"去年" this and last year,
# "今年以来" the year to the day held, "“十四五”时期" 2021–2025, "当年" the
# year named before. "比上年同期", "较2022年底" are bases of comparison; "到
# 2025年" dates a target.
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_Y = r"(?:(?P<year>(?:19|20)\d{2})\s*年(?:度)?|(?P<rel>今年|本年|去年|上年|明年))?"
_ZH_M = r"(?:1[0-2]|0?[1-9])"
_ZH_DATE_AFTER = r"(?!\s*\d{1,2}\s*[日号])"
_ZH_RELATIVE = {
    "今年": "this",
    "本年": "this",
    "今": "this",
    "本": "this",
    "去年": "last",
    "上年": "last",
    "去": "last",
    "上": "last",
}
_ZH_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

ZH_HALF = re.compile(_ZH_Y + r"(?P<which>上|下)半年")
ZH_FIRST_QUARTERS = re.compile(_ZH_Y + r"前(?P<n>[二两三23])个?季度(?P<end>末|底)?")
ZH_QUARTER = re.compile(_ZH_Y + r"第?(?P<which>[一二三四1-4])季度(?P<end>末|底)?")
ZH_MONTH_RANGE = re.compile(
    _ZH_Y
    + r"(?P<m1>"
    + _ZH_M
    + r")月?份?\s*(?:-|—|–|－|~|～|至|到)\s*(?P<m2>"
    + _ZH_M
    + r")月(?:份)?"
    + _ZH_DATE_AFTER
)
ZH_FIRST_MONTHS = re.compile(
    _ZH_Y + r"前(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})个月"
)
ZH_YEAR_END = re.compile(
    r"(?:截至|截止到?)?(?<![半\d])(?:(?P<year>(?:19|20)\d{2})\s*|(?P<rel>今|本|去|上|明))?"
    r"年(?:底|末)(?!尾)"
)
ZH_MONTH_END = re.compile(
    r"(?P<asof>截至|截止到?)?" + _ZH_Y + r"(?P<month>" + _ZH_M + r")月(?:底|末)"
)
ZH_AS_OF = re.compile(
    r"(?:截至|截止到?)\s*" + _ZH_Y + r"(?P<month>" + _ZH_M + r")月"
    r"(?:(?P<day>\d{1,2})\s*[日号])?(?!\d|底|末|初|份?[上中下]旬)"
)
ZH_TO_DATE = re.compile(r"(?:截至|截止到?)(?:目前|当前)|今年以来|年初以来|年初至今")
ZH_SINCE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年以来")
ZH_SINGLE_MONTH = re.compile(
    _ZH_Y + r"(?P<month>" + _ZH_M + r")月(?:份)?" + _ZH_DATE_AFTER + r"(?![底末初])"
    r"(?!\s*(?:-|—|–|－|~|～|至|到)\s*\d)"
)
ZH_YEAR_RANGE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:-|—|–|－|~|～|至|到)\s*(?P<y2>(?:19|20)\d{2})\s*年"
)
ZH_YEAR = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?:度)?"
    r"(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])(?![底末初])"
)
ZH_RELATIVE_YEAR = re.compile(r"(?P<rel>今年|本年|去年|上年)(?!以来|[底末初])")
ZH_PLAN = re.compile(r"“?十(?P<n>[一二三四五六])五”?(?:规划)?(?:时期|期间)?")
ZH_SAME = re.compile(r"(?:当年|同年)")
# A base of comparison: "比上年同期", "较2022年底", "与去年相比", "上年同期".
_ZH_COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同|对比|相比|高于|低于)\s*$")
_ZH_COMPARISON_AFTER = re.compile(r"\s*(?:同期|相比|相较)")
# "到2025年", "力争到年底": a deadline; with a goal in its clause, a target.
_ZH_DEADLINE_AFTER = re.compile(r"\s*(?:之|以)?前")
_ZH_DEADLINE_BEFORE = re.compile(r"(?:到|至|力争|争取|目标)\s*$")
_ZH_GOAL_WORDS = re.compile(r"将|力争|争取|目标|预计|计划|确保|拟")


def _zh_year(match, context, first_month, last_month):
    """Return the year of a Chinese period phrase ("2023年", "去年", or none)."""
    groups = match.groupdict()
    rel = groups.get("rel")
    if rel in {"明年", "明"}:
        base = context.held_on.year if context.held_on else context.year
        return base + 1 if base else None
    relative = _ZH_RELATIVE.get(rel or "")
    year, stated = context.resolve(groups.get("year"), relative)
    return context.settle(year, stated, first_month, last_month)


def _zh_half(match, context):
    which = 1 if match["which"] == "上" else 2
    first = 1 if which == 1 else 7
    year = _zh_year(match, context, first, first + 5)
    if year is None:
        return None
    return Period(*months(year, first, first + 5), f"{year} H{which}")


def _zh_quarter(match, context):
    which = _ZH_QUARTERS.get(match["which"]) or int(match["which"])
    first = 3 * which - 2
    year = _zh_year(match, context, first, first + 2)
    if year is None:
        return None
    if match["end"]:  # "三季度末": the total at the end of September
        start, end = months(year, 1, first + 2)
        return Period(start, end, cumulative_label(start, end))
    return Period(*months(year, first, first + 2), f"{year} Q{which}")


def _zh_first_quarters(match, context):
    n = {"二": 2, "两": 2, "三": 3}.get(match["n"]) or int(match["n"])
    year = _zh_year(match, context, 1, 3 * n)
    if year is None:
        return None
    start, end = months(year, 1, 3 * n)
    return Period(start, end, f"{year} Q1–Q{n}" if n == 3 else f"{year} H1")


def _zh_month_range(match, context):
    first, last = int(match["m1"]), int(match["m2"])
    if last < first:
        return False
    year = _zh_year(match, context, first, last)
    if year is None:
        return None
    start, end = months(year, first, last)
    if first == last:
        return Period(start, end, f"{MONTH_ABBR[first]} {year}")
    return Period(start, end, f"{MONTH_ABBR[first]}–{MONTH_ABBR[last]} {year}")


def _zh_first_months(match, context):
    n = chinese_numeral(match["n"])
    if n is None or not 2 <= n <= 12:
        return False
    year = _zh_year(match, context, 1, n)
    if year is None:
        return None
    start, end = months(year, 1, n)
    return Period(start, end, str(year) if n == 12 else f"Jan–{MONTH_ABBR[n]} {year}")


def _zh_year_end(match, context):
    if match["year"]:
        year = int(match["year"])
    else:
        year = _zh_year(match, context, 12, 12) if match["rel"] else context.year
    if year is None:
        return None
    return Period(*months(year, 1, 12), str(year))


def _zh_as_of(match, context):
    month = int(match["month"])
    year = _zh_year(match, context, 1, month)
    if year is None:
        return None
    start = datetime.date(year, 1, 1)
    if match.groupdict().get("day"):
        try:
            end = datetime.date(year, month, int(match["day"]))
        except ValueError:
            return False
    else:
        end = _month_end(year, month)
    return Period(start, end, cumulative_label(start, end))


def _zh_since(match, context):
    return _since_year(match, context)


def _zh_single_month(match, context):
    month = int(match["month"])
    year = _zh_year(match, context, month, month)
    if year is None:
        return None
    return Period(*months(year, month, month), f"{MONTH_ABBR[month]} {year}")


def _zh_relative_year(match, context):
    year, _ = context.resolve(None, _ZH_RELATIVE[match["rel"]])
    if year is None:
        return None
    return Period(*months(year, 1, 12), str(year))


def _zh_plan(match, context):
    n = 10 + _ZH_PLAN_DIGITS[match["n"]]
    first = 1981 + 5 * (n - 6)
    return Period(
        datetime.date(first, 1, 1),
        datetime.date(first + 4, 12, 31),
        f"{first}–{first + 4}",
    )


_ZH_PLAN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}

_ZH_FINDERS = [
    (ZH_HALF, _zh_half),
    (ZH_FIRST_QUARTERS, _zh_first_quarters),
    (ZH_QUARTER, _zh_quarter),
    (ZH_MONTH_RANGE, _zh_month_range),
    (ZH_FIRST_MONTHS, _zh_first_months),
    (ZH_YEAR_END, _zh_year_end),
    (ZH_MONTH_END, _zh_as_of),
    (ZH_AS_OF, _zh_as_of),
    (ZH_TO_DATE, _to_date),
    (ZH_SINCE, _zh_since),
    (ZH_SINGLE_MONTH, _zh_single_month),
    (ZH_YEAR_RANGE, _year_range),
    (ZH_YEAR, _year),
    (ZH_RELATIVE_YEAR, _zh_relative_year),
    (ZH_PLAN, _zh_plan),
]


def _chinese_periods(sentence: str, context: YearContext) -> list[tuple]:
    """Return (start, end, period, refers_back) of each Chinese period phrase."""
    found = []
    for pattern, read in _ZH_FINDERS:
        for match in pattern.finditer(sentence):
            if match.start() == match.end():
                continue
            result = read(match, context)
            if result is not False:
                found.append((match.start(), match.end(), result, ""))
    for match in ZH_SAME.finditer(sentence):
        found.append((match.start(), match.end(), None, "year"))
    return found


def _chinese_match(sentence, start, end, period, context) -> PeriodMatch:
    """Return a Chinese period phrase as a match: a base of comparison, a target?"""
    before = sentence[max(0, start - 6) : start]
    comparison = bool(
        _ZH_COMPARISON_BEFORE.search(before)
        or _ZH_COMPARISON_AFTER.match(sentence, end)
    )
    target = False
    as_of = sentence.startswith(("截至", "截止"), start) or before.endswith(
        ("截至", "截止")
    )
    deadline = _ZH_DEADLINE_BEFORE.search(before) or _ZH_DEADLINE_AFTER.match(
        sentence, end
    )
    if deadline and not (comparison or as_of):
        if period is not None and context.held_on is not None:
            target = period.end > context.held_on
        elif period is not None and context.year:
            target = period.end.year > context.year
        clause = re.split(r"[；;]", sentence[end:], maxsplit=1)[0]
        target = target or bool(
            _ZH_GOAL_WORDS.search(sentence[max(0, start - 8) : end] + clause)
        )
    return PeriodMatch(start, end, period, comparison, is_target=target)


_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>" + _YEAR + r")-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"(?P<year>" + _YEAR + r")年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    re.compile(
        r"\b(?P<mname>"
        + _MONTH
        + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,\s*(?P<year>"
        + _YEAR
        + r")\b"
    ),
    re.compile(
        r"\b(?P<day>\d{1,2})\s+(?P<mname>" + _MONTH + r")\s+(?P<year>" + _YEAR + r")\b"
    ),
]


def find_date(text: str) -> datetime.date | None:
    """Return the first full date in the text (a dateline or "Published:")."""
    best = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best[0]):
            continue
        groups = match.groupdict()
        month = (
            MONTHS[groups["mname"].rstrip(".")]
            if groups.get("mname")
            else int(groups["month"])
        )
        try:
            best = (
                match.start(),
                datetime.date(int(groups["year"]), month, int(groups["day"])),
            )
        except ValueError:
            continue
    return best[1] if best else None

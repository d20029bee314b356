"""Find the figures of a text in its sanitised HTML and mark them. Pure.

A figure is found through the sentence it came from (its quote): the sentence
is looked up in the text of the body with tags and line breaks ignored, then
the number is looked up in that sentence. A number is marked only where it
stands whole inside one text node (never across tags, never inside a link);
what cannot be matched exactly is left as it is. A figure whose sentence was
found but whose number was not gets an empty anchor at the sentence's start,
so a link to it still lands on the sentence. A figure without a quote (entered
by hand) is marked only where its number occurs exactly once in the body.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

# Chinese writes the scale right after the number ("10万亿元", "337.7万个")
# and its ranks as 第一, 第二.
CHINESE_SCALES = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}
CHINESE_ORDINALS = {char: rank for rank, char in enumerate("一二三四五六七八九十", 1)}

# Digits and Latin letters bound a number; Chinese characters, which are word
# characters to `\w`, do not ("超过10万亿元").
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?:%|per ?cent))?"
    r"(?:\s(?P<scale>thousand|million|billion|trillion)\b|(?P<chinese_scale>万亿|亿|万|千))?"
    r"(?![A-Za-z0-9_])"
)
ORDINAL = re.compile(
    r"\b(?P<word>" + "|".join(ORDINALS) + r")\b"
    r"|第(?P<chinese>["
    + "".join(CHINESE_ORDINALS)
    + r"])(?![一二三四五六七八九十百千万])",
    re.IGNORECASE,
)
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# A sentence never runs across these; a figure is never marked inside the
# elements of NO_MARKS.
BLOCKS = {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "br", "div",
}  # fmt: skip
NO_MARKS = {"a", "code", "pre"}
BARRIER = "\x00"


@dataclass(frozen=True)
class Figure:
    """What finding a figure needs: its key, sentence and amount."""

    key: int
    quote: str
    amount: Decimal  # the value times the unit's scale ("trillion yuan": 10**12)
    rank: bool = False


def amount_of(value: Decimal, unit: str) -> Decimal:
    """Return a value in units of one: 10 "trillion yuan" -> 10**13."""
    first = (unit or "").strip().lower().split(" ", 1)[0]
    return Decimal(value) * SCALES.get(first, Decimal(1))


@dataclass
class _Text:
    """The text of the body: tags dropped, whitespace runs made one space."""

    chars: list[str] = field(default_factory=list)
    # For each character: (segment index, offset in the unescaped segment),
    # or None for a barrier.
    where: list[tuple[int, int] | None] = field(default_factory=list)

    def add(self, char: str, at: tuple[int, int] | None) -> None:
        if char.isspace():
            if not self.chars or self.chars[-1] in " " + BARRIER:
                return
            char = " "
        self.chars.append(char)
        self.where.append(at)

    def barrier(self) -> None:
        if self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.where.pop()
        if not self.chars or self.chars[-1] != BARRIER:
            self.chars.append(BARRIER)
            self.where.append(None)

    def __str__(self) -> str:
        return "".join(self.chars)


def normalise(text: str) -> str:
    return " ".join(text.replace("**", "").replace("__", "").split())


def _parse(match) -> Decimal | None:
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        return None
    if match["chinese_scale"]:
        return number * CHINESE_SCALES[match["chinese_scale"]]
    return number * SCALES.get((match["scale"] or "").lower(), Decimal(1))


@dataclass
class Marked:
    html: str
    # Figure key -> "mark" (its number is marked) or "sentence" (an anchor at
    # its sentence); a figure absent here was not found.
    found: dict[int, str]


def mark_figures(
    body_html: str,
    figures: list[Figure],
    *,
    render_mark: Callable[[Figure, str], tuple[str, str]],
    anchor: Callable[[Figure], str],
    sentence_class: str = "figure-sentence",
) -> Marked:
    """Return the body with each figure marked where it can be matched exactly.

    `render_mark(figure, escaped_number_text)` returns the opening and closing
    HTML put around the number; `anchor(figure)` returns the HTML of the empty
    anchor put at a sentence whose number was not matched. Found sentences are
    wrapped, piece by piece within text nodes, in spans of `sentence_class`.
    """
    segments = TAG.split(body_html)
    tags = TAG.findall(body_html)
    texts = [html.unescape(s) for s in segments]
    text = _Text()
    markable = []  # per segment: may a mark go here?
    open_no_marks = 0
    for index, segment in enumerate(texts):
        markable.append(open_no_marks == 0)
        for offset, char in enumerate(segment):
            text.add(char, (index, offset))
        if index < len(tags):
            tag = tags[index]
            name_match = TAG_NAME.match(tag)
            name = name_match[1].lower() if name_match else ""
            if name in BLOCKS:
                text.barrier()
            if name in NO_MARKS and not tag.endswith("/>"):
                open_no_marks += -1 if tag.startswith("</") else 1
                open_no_marks = max(open_no_marks, 0)
    flat = str(text)

    inserts: dict[int, list[tuple[int, int, str]]] = {}
    taken: list[tuple[int, int]] = []  # spans of marked numbers, in flat text
    wrapped: list[tuple[int, int]] = []  # spans of wrapped sentences
    found: dict[int, str] = {}

    def insert(position: int, priority: int, markup: str, *, after=False) -> None:
        if after:
            segment, offset = text.where[position - 1]
            offset += 1
        else:
            segment, offset = text.where[position]
        inserts.setdefault(segment, []).append((offset, priority, markup))

    def one_segment(start: int, end: int) -> bool:
        places = text.where[start:end]
        if any(place is None for place in places):
            return False
        return places[0][0] == places[-1][0] and markable[places[0][0]]

    def numbers(figure: Figure, start: int, end: int):
        window = flat[start:end]
        for match in NUMBER.finditer(window):
            if _parse(match) == figure.amount:
                yield start + match.start(), start + match.end()
        if figure.rank:
            for match in ORDINAL.finditer(window):
                rank = (
                    CHINESE_ORDINALS[match["chinese"]]
                    if match["chinese"]
                    else ORDINALS[match["word"].lower()]
                )
                if rank == figure.amount:
                    yield start + match.start(), start + match.end()

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def mark(figure: Figure, start: int, end: int) -> None:
        segment = text.where[start][0]
        shown = html.escape(
            texts[segment][text.where[start][1] : text.where[end - 1][1] + 1],
            quote=False,
        )
        opening, closing = render_mark(figure, shown)
        insert(start, 3, opening)
        insert(end, 0, closing, after=True)
        taken.append((start, end))
        found[figure.key] = "mark"

    def wrap_sentence(start: int, end: int) -> None:
        if (start, end) in wrapped or not all(
            e <= start or s >= end for s, e in wrapped
        ):
            return
        wrapped.append((start, end))
        position = start
        while position < end:
            segment = text.where[position][0]
            last = position
            while (
                last + 1 < end
                and text.where[last + 1] is not None
                and text.where[last + 1][0] == segment
            ):
                last += 1
            insert(position, 2, f'<span class="{sentence_class}">')
            insert(last + 1, 1, "</span>", after=True)
            position = last + 1
            while position < end and text.where[position] is None:
                position += 1

    for figure in figures:
        quote = normalise(figure.quote)
        if quote:
            start = flat.find(quote)
            if start < 0 or BARRIER in quote:
                continue
            end = start + len(quote)
            wrap_sentence(start, end)
            for number_start, number_end in numbers(figure, start, end):
                if one_segment(number_start, number_end) and free(
                    number_start, number_end
                ):
                    mark(figure, number_start, number_end)
                    break
            else:
                insert(start, 3, anchor(figure))
                found[figure.key] = "sentence"
        else:
            places = [
                (s, e)
                for s, e in numbers(figure, 0, len(flat))
                if one_segment(s, e) and free(s, e)
            ]
            if len(places) == 1:
                mark(figure, *places[0])

    if not inserts:
        return Marked(body_html, found)
    out = []
    for index, segment in enumerate(segments):
        if index in inserts:
            raw = texts[index]
            pieces, previous = [], 0
            for offset, _priority, markup in sorted(
                inserts[index], key=lambda item: (item[0], item[1])
            ):
                pieces.append(html.escape(raw[previous:offset], quote=False))
                pieces.append(markup)
                previous = offset
            pieces.append(html.escape(raw[previous:], quote=False))
            out.append("".join(pieces))
        else:
            out.append(segment)
        if index < len(tags):
            out.append(tags[index])
    return Marked("".join(out), found)


def figure_of(observation, *, by_number_only=False) -> Figure:
    """Return what finding an Observation (with its indicator) needs."""
    return Figure(
        key=observation.pk,
        quote="" if by_number_only else observation.quote or "",
        amount=amount_of(observation.value, observation.indicator.unit_key),
        rank=observation.indicator.is_rank,
    )


def _no_mark(figure: Figure, shown: str) -> tuple[str, str]:
    return "", ""


def _anchor(figure: Figure) -> str:
    return f'<span class="figure-anchor" id="figure-{int(figure.key)}"></span>'


def find_observations(
    body_html: str, observations, *, render_mark=None, by_number_only=False
) -> Marked:
    """Find the observations of one text in its body, always in the same order
    (by indicator name, then period), so that the text's page and an
    indicator's page agree on what is found.

    `by_number_only`: the body is a translation, where the figures' quotes
    (sentences of the original) are not; each is marked where its number
    stands exactly once.
    """
    ordered = sorted(
        observations,
        key=lambda o: (o.indicator.name, o.period_start, o.period_end, o.pk),
    )
    return mark_figures(
        body_html or "",
        [figure_of(o, by_number_only=by_number_only) for o in ordered],
        render_mark=render_mark or _no_mark,
        anchor=_anchor,
    )

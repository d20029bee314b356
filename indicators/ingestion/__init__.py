"""Press-text ingestion: turn a pasted press text into suggestions for editors.

The public API is one function, `extract(text, held_on=None) -> Extraction`:
pure, deterministic, no network and no model. It returns the title, the
body as Markdown paragraphs with site boilerplate removed, the source name
("IT House learned that …"), the figures (value, unit, qualifier, period,
quote, name) and the enumerated measures ("The first is to …").

`held_on` is the announcement's date; it dates "last year" and "the first
half of the year". Without it, a date near the top of the text is used
("BEIJING, July 19, 2022 (Xinhua) --", "2022-07-19"), and failing that the
year the text names first.

Every figure's `quote` is an exact substring of `Extraction.text`, which is
the input itself for plain text (for HTML, the visible text of the page).

A text in Chinese reads the same way (issue 21): "1-6月……合计收入超过10万亿
元" is 10 "万亿元", more than, January to June; "一是……；二是……" lists
measures. Chinese values keep the English scale, so one fact gives one value
in both languages (see `numbers.in_english_scale`).

The database writes live in `importer` (import_press_text, accept_suggestions).
"""

import datetime
import re
from dataclasses import dataclass, field, replace

from .actions import CHINESE_ORG, Action, find_actions, organisation_name
from .cleaning import MAX_BYTES, CleanText, UnreadableText, clean, decode_bytes
from .figures import Figure, document_currency, find_quantities, sentence_figures
from .figures_zh import find_quantities as find_chinese_quantities
from .figures_zh import is_chinese
from .periods import Period, YearContext, find_date, find_periods

__all__ = [
    "MAX_BYTES",
    "Action",
    "Extraction",
    "Figure",
    "Period",
    "UnreadableText",
    "decode_bytes",
    "extract",
]

_ORGANIZER = re.compile(
    r"\b(?P<org>(?:[A-Z][\w&’'-]*\s+){1,8}?(?:Office|Ministry|Commission|"
    r"Administration|Council|Bureau|Department|Government)(?:\s+of(?:\s+[A-Z][\w&’'-]*|\s+and)+)?)"
    r"\s+(?:held|hosted|organized|organised|convened)\s+an?\s+(?:[\w-]+\s+){0,2}?(?P<kind>press\s+conference|"
    r"news\s+conference|press\s+briefing|briefing)",
)

# "国务院新闻办公室1月19日上午举行新闻发布会": who held a Chinese press conference.
_PRESS_CONFERENCE_ZH = re.compile(r"新闻发布会|发布会|吹风会|新闻通气会|记者会")
_ORGANIZER_ZH = re.compile(
    CHINESE_ORG.pattern
    + r"[^。；]{0,40}?(?:举行|召开|举办)[^。；]{0,30}?(?:"
    + _PRESS_CONFERENCE_ZH.pattern
    + r")"
)


@dataclass(frozen=True)
class Extraction:
    title: str
    paragraphs: tuple[str, ...]  # Markdown, one per paragraph
    source_name: str
    text: str  # what the spans and quotes refer to
    held_on: datetime.date | None
    organizer: str = ""
    is_press_conference: bool = False
    figures: tuple[Figure, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())

    @property
    def body(self) -> str:
        """Return the cleaned body as Markdown."""
        return "\n\n".join(self.paragraphs)

    def as_dict(self) -> dict:
        """Return the JSON shape of `manage.py extract_press_text --json`."""
        return {
            "title": self.title,
            "source_name": self.source_name,
            "held_on": self.held_on.isoformat() if self.held_on else None,
            "paragraphs": len(self.paragraphs),
            "figures": [figure_dict(f) for f in self.figures],
            "actions": [action_dict(a) for a in self.actions],
        }


def figure_dict(figure: Figure) -> dict:
    return {
        "name": figure.name,
        "value": format(figure.value, "f"),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "period_label": figure.period_label,
        "period_start": figure.period_start.isoformat() if figure.period else None,
        "period_end": figure.period_end.isoformat() if figure.period else None,
        "quote": figure.quote,
        "restated_in": list(figure.restated_in),
        "target": figure.is_target,
    }


def action_dict(action: Action) -> dict:
    return {
        "ordinal": action.ordinal,
        "title": action.title,
        "text": action.text,
        "detail": action.detail,
        "responsible_body": action.responsible_body,
    }


def extract(text: str, held_on: datetime.date | None = None) -> Extraction:
    """Return what a press text says: title, Markdown body, figures and actions."""
    cleaned = clean(text)
    lead = cleaned.text[:1500]
    held_on = held_on or find_date(lead)
    context = YearContext(year=_reference_year(cleaned, held_on), held_on=held_on)
    default = _document_period(cleaned, context)
    currency = document_currency(cleaned.text)
    figures = []
    for paragraph in cleaned.paragraphs:
        inherited = default
        for start, end in paragraph.sentences:
            sentence = cleaned.text[start:end]
            periods = find_periods(sentence, context)
            found, inherited = sentence_figures(
                sentence,
                start,
                periods,
                context,
                inherited,
                currency=currency,
                find=find_chinese_quantities
                if is_chinese(sentence)
                else find_quantities,
            )
            figures.extend(found)
    opening = cleaned.text[:3000]
    if organizer := _ORGANIZER.search(" ".join(opening.split())):
        organizer = organisation_name(organizer.group("org"))
    elif organizer := _ORGANIZER_ZH.search(opening):
        organizer = organizer.group("org")
    return Extraction(
        title=cleaned.title,
        paragraphs=tuple(cleaned.markdown_paragraphs()),
        source_name=cleaned.source_name,
        text=cleaned.text,
        held_on=held_on,
        organizer=(organizer or "")[:300],
        is_press_conference=bool(
            re.search(r"\b(?:press|news)\s+conference|briefing\b", opening, re.I)
            or _PRESS_CONFERENCE_ZH.search(opening)
        ),
        figures=tuple(merge_restatements(figures)),
        actions=tuple(find_actions(cleaned)),
    )


def _lead_sentences(cleaned: CleanText, paragraphs: int = 2):
    yield cleaned.title
    for paragraph in cleaned.paragraphs[:paragraphs]:
        for start, end in paragraph.sentences:
            yield cleaned.text[start:end]


def _reference_year(cleaned: CleanText, held_on) -> int | None:
    """Return the year a phrase like "the first half of the year" means."""
    if held_on is not None:
        return held_on.year
    for sentence in _lead_sentences(cleaned):
        for match in find_periods(sentence, YearContext()):
            if match.period is not None and not (match.comparison or match.is_target):
                return match.period.end.year
    years = re.findall(r"\b(?:19|20)\d{2}\b", cleaned.text[:20000]) or re.findall(
        r"(?<!\d)(?:19|20)\d{2}(?=\s*年)", cleaned.text[:20000]
    )
    return int(years[0]) if years else None


def _document_period(cleaned: CleanText, context: YearContext) -> Period | None:
    """Return the period the whole text reports on: the first one in its lead.

    "A press conference on … in the first half of 2022": figures that state
    no period of their own belong to it.
    """
    for sentence in _lead_sentences(cleaned):
        for match in find_periods(sentence, context):
            if match.period is not None and not (match.comparison or match.is_target):
                return match.period
    return None


def merge_restatements(figures: list[Figure]) -> list[Figure]:
    """Return the figures with each one stated again later in the text merged in.

    A text often repeats its headline figure (in the lead and again in the
    body): one suggestion, carrying every sentence that states it, not two.
    Only the same measure merges: two measures that happen to share a value
    ("exports and imports each grew 5%") stay apart by name.
    """
    first: dict[tuple, int] = {}
    merged: list[Figure] = []
    for figure in figures:
        key = (
            figure.name.casefold(),
            figure.value,
            figure.unit.casefold(),
            figure.qualifier,
            figure.period_start,
            figure.period_end,
            figure.kind,
        )
        if key not in first:
            first[key] = len(merged)
            merged.append(figure)
            continue
        kept = merged[first[key]]
        if figure.quote != kept.quote and figure.quote not in kept.restated_in:
            merged[first[key]] = replace(
                kept, restated_in=(*kept.restated_in, figure.quote)
            )
    return merged

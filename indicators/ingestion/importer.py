"""The database side of ingestion: import a press text, accept suggestions.

Both writes are atomic: a failed import leaves no announcement behind, and
accepting either creates every ticked observation and action or none.
Nothing here publishes: the announcement stays a draft until an editor
publishes it.
"""

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from announcements.models import Announcement, ImportSuggestion
from core.i18n import CJK, site_languages

from ..models import Indicator, Observation, PolicyAction
from . import (
    MAX_BYTES,
    Extraction,
    UnreadableText,
    action_dict,
    decode_bytes,
    extract,
    figure_dict,
)
from .figures_zh import english_unit

# An existing indicator is offered as the default only above this similarity.
MATCH_THRESHOLD = 0.75


class EmptyPressText(ValueError):
    """The text has nothing left once page boilerplate is removed."""


@dataclass(frozen=True)
class ImportResult:
    announcement: Announcement
    extraction: Extraction
    date_from: str  # "given", "text" or "today": where held_on came from


@dataclass(frozen=True)
class AcceptResult:
    observations: list
    actions: list
    indicators_created: list


def read_press_file(path) -> str:
    """Return the text of a press-text file, or raise UnreadableText saying why."""
    path = Path(path)
    if not path.exists():
        raise UnreadableText(f"No such file: {path}")
    if not path.is_file():
        raise UnreadableText(f"Not a file: {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnreadableText(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB. Import one press text at a time."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableText(f"Cannot read {path}: {error.strerror}") from None
    return decode_bytes(data)


# ------------------------------------------------------------------ import


def unique_slug(model, text: str, *, fallback: str, max_length: int = 80) -> str:
    """Return a slug for `text` no row of `model` has yet ("title-2", "title-3"…)."""
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _language(text: str) -> str:
    letters = [c for c in text[:5000] if c.isalpha()]
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff")
    if letters and cjk > len(letters) / 2:
        return Announcement.Language.CHINESE
    return Announcement.Language.ENGLISH


@transaction.atomic
def import_press_text(
    text: str,
    *,
    held_on: datetime.date | None = None,
    source_url: str = "",
    user=None,
) -> ImportResult:
    """Create a draft announcement from a press text, with its suggestions stored."""
    if source_url:
        URLValidator(schemes=["http", "https"])(source_url)
    extraction = extract(text, held_on=held_on)
    if not extraction.paragraphs:
        raise EmptyPressText(_("The text is empty once page boilerplate is removed."))
    if held_on is not None:
        date_from = "given"
    elif extraction.held_on is not None:
        held_on, date_from = extraction.held_on, "text"
    else:
        held_on, date_from = timezone.localdate(), "today"
    title = extraction.title or _("Untitled press text")
    announcement = Announcement(
        title=title,
        slug=unique_slug(Announcement, title, fallback="press-text"),
        kind=(
            Announcement.Kind.PRESS_CONFERENCE
            if extraction.is_press_conference
            else Announcement.Kind.PRESS_RELEASE
        ),
        held_on=held_on,
        organizer=extraction.organizer,
        body=extraction.body,
        source_name=extraction.source_name,
        source_url=source_url,
        language=_language(extraction.text),
        status=Announcement.Status.DRAFT,
        created_by=user,
        updated_by=user,
    )
    announcement.save()
    suggestions = [
        ImportSuggestion(
            announcement=announcement,
            kind=ImportSuggestion.Kind.FIGURE,
            position=position,
            data=data,
        )
        for position, data in enumerate(
            merge_repeated_figures([figure_dict(f) for f in extraction.figures]),
            start=1,
        )
    ] + [
        ImportSuggestion(
            announcement=announcement,
            kind=ImportSuggestion.Kind.ACTION,
            position=position,
            data=action_dict(action),
        )
        for position, action in enumerate(extraction.actions, start=1)
    ]
    ImportSuggestion.objects.bulk_create(suggestions)
    return ImportResult(announcement, extraction, date_from)


def merge_repeated_figures(figures: list[dict]) -> list[dict]:
    """Return the figures with each one stated again in another sentence merged in.

    The same figure is the same value, unit, qualifier and period (issue 17);
    the extractor merges restatements under the same name, and this also
    merges those it named differently. Two figures of one sentence stay apart:
    "exports and imports each grew 5%" states two measures.
    """
    merged: list[dict] = []
    first: dict[tuple, dict] = {}
    for figure in figures:
        key = (
            figure["value"],
            normalise(figure["unit"]),
            figure["qualifier"],
            figure["period_start"],
            figure["period_end"],
        )
        kept = first.get(key)
        if kept is None or figure["quote"] == kept["quote"]:
            merged.append(figure)
            first.setdefault(key, figure)
            continue
        for sentence in [figure["quote"], *figure.get("restated_in", [])]:
            if sentence != kept["quote"] and sentence not in kept["restated_in"]:
                kept["restated_in"].append(sentence)
    return merged


# ------------------------------------------------------------------ indicators


def normalise(text: str) -> str:
    """Return a name or unit folded for comparison: case, quotes, punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "")
    text = re.sub(r"[^\w%'+& ]+", " ", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()))
    return text


def _in_every_language(indicator, field: str) -> list[str]:
    """Return an indicator's value of a field in each language it has one."""
    values = [
        getattr(indicator, build_localized_fieldname(field, code), None)
        for code in site_languages()
    ]
    return [value for value in values if value] or [getattr(indicator, field)]


def _similarity(wanted: str, other: str) -> float:
    if other == wanted:
        return 1.0
    ratio = difflib.SequenceMatcher(None, wanted, other).ratio()
    words, other_words = set(wanted.split()), set(other.split())
    overlap = len(words & other_words) / max(1, len(words | other_words))
    return max(ratio, overlap)


def indicator_candidates(
    name: str, unit: str, indicators=None
) -> list[tuple[float, Indicator]]:
    """Return indicators with the same unit, best name match first, with scores.

    Name and unit are compared in each language the indicator has (issue
    21): a figure from a Chinese text ("合计收入", "万亿元") finds the
    indicator whose Chinese name and unit are those.
    """
    if indicators is None:
        indicators = Indicator.objects.all()
    wanted_unit = normalise(unit)
    wanted_name = normalise(name)
    scored = []
    for indicator in indicators:
        units = {normalise(u) for u in _in_every_language(indicator, "unit")}
        if wanted_unit not in units:
            continue
        score = max(
            _similarity(wanted_name, normalise(other))
            for other in _in_every_language(indicator, "name")
        )
        scored.append((score, indicator))
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return scored


def match_indicator(name: str, unit: str, indicators=None) -> Indicator | None:
    """Return the existing indicator a figure would attach to, if one matches."""
    candidates = indicator_candidates(name, unit, indicators)
    if candidates and candidates[0][0] >= MATCH_THRESHOLD:
        return candidates[0][1]
    return None


def _named(**values: str) -> dict:
    """Return translated fields for names in the language they are written in.

    An English name goes in the English field, as before. A figure or
    action of a Chinese text is named in Chinese (issue 21): its words go in
    the Chinese fields ("name_zh_hans"), and English gets only a unit that
    translates without an editor ("万亿元" is "trillion yuan", "%" is "%"),
    so the scale and kind of its values are known in both languages.
    """
    if not any(CJK.search(value) for value in values.values() if value):
        return values
    fields = {
        build_localized_fieldname(field, "zh-hans"): value
        for field, value in values.items()
    }
    if english := english_unit(values.get("unit", "")):
        fields[build_localized_fieldname("unit", "en")] = english
    return fields


def _english_to_translate(named: dict) -> list[str]:
    """Return the English fields `_named` left for an editor to translate."""
    chinese = [field for field in named if field.endswith("_zh_hans")]
    return [field.removesuffix("_zh_hans") + "_en" for field in chinese]


def _frequency(start: datetime.date, end: datetime.date) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day != 1:
        return Indicator.Frequency.IRREGULAR
    return {
        1: Indicator.Frequency.MONTHLY,
        3: Indicator.Frequency.QUARTERLY,
        6: Indicator.Frequency.HALF_YEARLY,
        12: Indicator.Frequency.ANNUAL,
    }.get(months, Indicator.Frequency.IRREGULAR)


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return min(6, max(0, -exponent)) if isinstance(exponent, int) else 0


# ------------------------------------------------------------------ accept


@transaction.atomic
def accept_suggestions(
    announcement, *, figures=(), actions=(), user=None, reject=(), title=None
) -> AcceptResult:
    """Create the observations and actions an editor ticked, all or none.

    `figures`: dicts with suggestion, name, value, unit, qualifier,
    period_label, period_start, period_end, quote and indicator (an Indicator,
    or None to create one). `actions`: dicts with suggestion, ordinal, title,
    text, responsible_body. `reject`: suggestions the editor turned down in
    the same step; `title`: the text's corrected title. Raises
    ValidationError, listing every problem, before anything is written.
    """
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    errors = _check_still_pending(figures, actions, reject)
    errors += _check_indicators_exist(figures)
    errors += _check(announcement, figures, actions)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if title is not None and title.strip() and title.strip() != announcement.title:
        announcement.title = title.strip()
        announcement.updated_by = user
        announcement.full_clean(validate_unique=False, validate_constraints=False)
        announcement.save()
    created_indicators = {}
    observations = []
    for figure in figures:
        indicator = figure.get("indicator")
        if indicator is None:
            key = (normalise(figure["name"]), normalise(figure["unit"]))
            indicator = created_indicators.get(key)
            if indicator is None:
                indicator = Indicator.objects.create(
                    **_named(name=figure["name"], unit=figure["unit"]),
                    slug=unique_slug(Indicator, figure["name"], fallback="indicator"),
                    frequency=_frequency(figure["period_start"], figure["period_end"]),
                    decimals=_decimals(figure["value"]),
                    description=_("Created from the import of “%(title)s”.")
                    % {"title": announcement.title[:150]},
                )
                created_indicators[key] = indicator
        observation = Observation(
            indicator=indicator,
            announcement=announcement,
            period_start=figure["period_start"],
            period_end=figure["period_end"],
            period_label=figure["period_label"],
            value=figure["value"],
            qualifier=figure["qualifier"],
            quality=Observation.Quality.REPORTED,
            quote=" ".join(figure.get("quote", "").split()),
        )
        observation.full_clean()
        observation.save()
        observations.append(observation)
    created_actions = []
    for action in actions:
        title = action["title"]
        named = _named(
            title=title,
            description=action.get("text", ""),
            responsible_body=action.get("responsible_body", "")[:300],
        )
        policy_action = PolicyAction(
            announcement=announcement,
            ordinal=action["ordinal"],
            **named,
            slug=unique_slug(
                PolicyAction,
                f"{announcement.held_on:%Y-%m} {title}",
                fallback=f"{announcement.held_on:%Y-%m}-action",
            ),
        )
        # A Chinese text's action has no English title until an editor writes
        # one; the site shows the Chinese, marked, meanwhile (core.i18n).
        policy_action.full_clean(exclude=_english_to_translate(named))
        policy_action.save()
        created_actions.append(policy_action)
    accepted = [
        item["suggestion"].pk for item in (*figures, *actions) if item.get("suggestion")
    ]
    ImportSuggestion.objects.filter(pk__in=accepted).update(
        accepted=True, accepted_at=now, accepted_by=user
    )
    ImportSuggestion.objects.filter(pk__in=[s.pk for s in reject]).update(
        rejected_at=now, rejected_by=user
    )
    return AcceptResult(
        observations, created_actions, list(created_indicators.values())
    )


def _check_still_pending(figures, actions, reject) -> list[str]:
    """Return a message if another editor decided on these suggestions meanwhile.

    Called under the text's row lock, so of two editors accepting the same
    suggestions at once, the second is told and writes nothing.
    """
    chosen = [
        item["suggestion"].pk for item in (*figures, *actions) if item.get("suggestion")
    ]
    chosen += [suggestion.pk for suggestion in reject]
    decided = ImportSuggestion.objects.filter(pk__in=chosen).exclude(
        accepted=False, rejected_at__isnull=True
    )
    gone = len(set(chosen)) - ImportSuggestion.objects.filter(pk__in=chosen).count()
    if gone or decided.exists():
        return [
            _(
                "Another editor accepted or rejected some of these suggestions "
                "meanwhile. Nothing was saved: reload the page to see what is left."
            )
        ]
    return []


def _check_indicators_exist(figures) -> list[str]:
    """Return a message per figure whose chosen indicator was deleted meanwhile."""
    chosen = {f["indicator"].pk for f in figures if f.get("indicator") is not None}
    existing = set(
        Indicator.objects.select_for_update()
        .filter(pk__in=chosen)
        .values_list("pk", flat=True)
    )
    return [
        _(
            "Figure %(n)d: the indicator “%(name)s” was deleted meanwhile. Choose "
            "another or create a new one."
        )
        % {"n": number, "name": figure["indicator"].name}
        for number, figure in enumerate(figures, start=1)
        if figure.get("indicator") is not None
        and figure["indicator"].pk not in existing
    ]


def _check(announcement, figures, actions) -> list[str]:
    """Return what would make accepting fail, in the editor's terms."""
    errors = []
    periods = set()
    for number, figure in enumerate(figures, start=1):
        start, end = figure.get("period_start"), figure.get("period_end")
        if start is None or end is None or not figure.get("period_label"):
            errors.append(
                _("Figure %(n)d needs a period (label, start and end).") % {"n": number}
            )
            continue
        if end < start:
            errors.append(
                _("Figure %(n)d: the period ends before it starts.") % {"n": number}
            )
            continue
        indicator = figure.get("indicator")
        key = (
            indicator.pk
            if indicator
            else (normalise(figure["name"]), normalise(figure["unit"])),
            start,
            end,
        )
        taken = key in periods or (
            indicator is not None
            and Observation.objects.filter(
                indicator=indicator,
                announcement=announcement,
                period_start=start,
                period_end=end,
            ).exists()
        )
        if taken:
            errors.append(
                _(
                    "Figure %(n)d: this text already gives a value for that indicator and "
                    "period. Choose another indicator or period, or leave it unticked."
                )
                % {"n": number}
            )
        periods.add(key)
    ordinals = set(announcement.actions.values_list("ordinal", flat=True))
    for number, action in enumerate(actions, start=1):
        if action["ordinal"] in ordinals:
            errors.append(
                _("Action %(n)d: number %(ordinal)d is already used in this text.")
                % {"n": number, "ordinal": action["ordinal"]}
            )
        ordinals.add(action["ordinal"])
    return errors

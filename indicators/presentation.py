"""What the public pages show of figures, charts and actions.

Plain functions, registered as globals of the Jinja2 environment
(settings TEMPLATES: `app_globals`): figures with their qualifier, charts,
action ordinals.
"""

import functools
import html

import nh3
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jinja2 import pass_environment
from markupsafe import Markup

from announcements.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from indicators import charts, marks


def observation_value(observation):
    """Render a figure as stated, qualifier included: "> 10 trillion yuan".

    Built with format_html rather than an included template: tables call it
    once per row, and an inclusion tag costs a template render each time.
    """
    if observation.qualifier == "exact":
        return format_html(
            '<data class="figure" value="{}">{}</data>',
            str(observation.value),
            observation.display_value,
        )
    return format_html(
        '<data class="figure figure--qualified" value="{}" title="{}">{}</data>',
        str(observation.value),
        observation.Qualifier(observation.qualifier).label,
        observation.display_value,
    )


def _render(env, template_name: str, values: dict) -> Markup:
    # The partial sees only its own values (and the environment's globals), as
    # the template of an inclusion tag did; its output is HTML, escaped there.
    return Markup(env.get_template(template_name).render(values))


@pass_environment
def sparkline(env, series, indicator=None, width=120, height=32, label=None):
    """Render a small trend line of observations, oldest first, as inline SVG.

    Points stand on a time scale (by period end). With `label`, the line is an
    image with that name; without, it is decoration beside figures in words.
    """
    series = list(series or [])
    rank = bool(indicator is not None and indicator.is_rank)
    dates = [getattr(o, "period_end", None) for o in series]
    return _render(
        env,
        "indicators/_sparkline.html",
        {
            "points": charts.sparkline(
                [o.value for o in series],
                width=width,
                height=height,
                rank=rank,
                dates=dates if all(dates) else None,
            ),
            "label": label,
            "width": width,
            "height": height,
            "series": series,
            "latest": series[-1] if series else None,
            "indicator": indicator,
        },
    )


@pass_environment
def line_chart(env, series, indicator, chart_id="chart"):
    """Render a line chart of current observations with axes, as inline SVG."""
    series = list(series or [])
    suffix = "%" if indicator.is_percent else ""
    chart = charts.line_chart(
        [(o.reader_period_label, o.value, o) for o in series],
        rank=indicator.is_rank,
        suffix=suffix,
        dates=[o.period_end for o in series],
    )
    values = sorted(series, key=lambda o: o.value)
    return _render(
        env,
        "indicators/_line_chart.html",
        {
            "chart": chart,
            "indicator": indicator,
            "chart_id": chart_id,
            "first": series[0] if series else None,
            "latest": series[-1] if series else None,
            "lowest": values[0] if values else None,
            "highest": values[-1] if values else None,
            "count": len(series),
            "has_qualified": any(o.qualifier != "exact" for o in series),
            "has_revised": any(getattr(o, "is_revision", False) for o in series),
        },
    )


def ordinal_label(action):
    """Return "2nd of 5" (or "2nd" without a sibling count) for a policy action."""
    return _ordinal_label(
        action.ordinal, getattr(action, "sibling_count", None), get_language()
    )


@functools.lru_cache(maxsize=1024)
def _ordinal_label(nth: int, total: int | None, language: str | None) -> str:
    # Django's ordinal() translates all ten suffixes on every call; the
    # tracker shows fifty ordinals a page, drawn from a handful of values.
    if total is None:
        return ordinal(nth)
    return _("%(nth)s of %(total)d") % {"nth": ordinal(nth), "total": total}


# --- Figures marked in a text's body -------------------------------------------


def mark_label(observation, shown: str) -> str:
    """Return a mark's accessible name: the number as the text gives it, the
    indicator and period, and whether a later text revised it."""
    label = _("%(figure)s: %(indicator)s, %(period)s") % {
        "figure": shown,
        "indicator": observation.indicator.name,
        "period": observation.reader_period_label,
    }
    newer = getattr(observation, "revised_by", None)
    if newer is not None:
        label += "; " + _("revised later: now %(value)s") % {
            "value": newer.display_value
        }
    return label


def _sanitised(body: str) -> str:
    # The sanitiser runs last, over the marks too: what it would not let
    # through from an editor, it does not let through from here either.
    attributes = {name: set(allowed) for name, allowed in ALLOWED_ATTRIBUTES.items()}
    attributes["a"] |= {"class", "id", "aria-label", "rel"}
    attributes["span"] = {"class", "id"}
    attributes["small"] = {"class"}
    return nh3.clean(
        body,
        tags=ALLOWED_TAGS | {"span", "small"},
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def marked_body(announcement, figures):
    """Return the text's body with its figures marked, as safe HTML.

    Each figure found in its sentence links to its indicator's row for the
    period; each figure gets `sentence_anchor`, the id of its place in the
    body (None when its sentence is no longer there: the page then puts that
    id on the figure's row in the table, so a link to it never breaks).
    """
    by_key = {figure.pk: figure for figure in figures}

    def render_mark(figure, shown):
        observation = by_key[figure.key]
        revised = getattr(observation, "revised_by", None) is not None
        label = mark_label(observation, " ".join(html.unescape(shown).split()))
        opening = format_html(
            '<a class="figure-mark{}" id="figure-{}" href="{}#observation-{}" '
            'title="{}" aria-label="{}">',
            " figure-mark--revised" if revised else "",
            observation.pk,
            observation.indicator.get_absolute_url(),
            observation.pk,
            label,
            label,
        )
        closing = "</a>"
        if revised:
            closing += format_html(
                ' <small class="figure-flag">({})</small>', _("revised later")
            )
        return opening, closing

    found = marks.find_observations(
        announcement.body_html,
        figures,
        render_mark=render_mark,
        by_number_only=bool(announcement.translation_of_id),
    )
    for figure in figures:
        figure.sentence_anchor = (
            f"figure-{figure.pk}" if figure.pk in found.found else None
        )
    return Markup(_sanitised(found.html))

"""What the public pages show of figures, charts and actions.

Plain functions, registered as globals of the Jinja2 environment
(settings TEMPLATES: `app_globals`): figures with their qualifier, charts,
action ordinals.
"""

import functools

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jinja2 import pass_environment
from markupsafe import Markup

from indicators import charts


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
def sparkline(env, series, indicator=None, width=120, height=32):
    """Render a small trend line of observations, oldest first, as inline SVG."""
    series = list(series or [])
    rank = bool(indicator is not None and indicator.is_rank)
    return _render(
        env,
        "indicators/_sparkline.html",
        {
            "points": charts.sparkline(
                [o.value for o in series], width=width, height=height, rank=rank
            ),
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
    suffix = "%" if indicator.unit.strip() == "%" else ""
    chart = charts.line_chart(
        [(o.period_label, o.value, o) for o in series],
        rank=indicator.is_rank,
        suffix=suffix,
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

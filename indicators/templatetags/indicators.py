"""{% load indicators %}: figures with their qualifier, charts, action ordinals."""

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.html import format_html
from django.utils.translation import gettext as _

from indicators import charts

register = template.Library()


@register.simple_tag
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
        observation.get_qualifier_display(),
        observation.display_value,
    )


@register.inclusion_tag("indicators/_sparkline.html")
def sparkline(series, indicator=None, width=120, height=32):
    """Render a small trend line of observations, oldest first, as inline SVG."""
    series = list(series or [])
    rank = bool(indicator is not None and indicator.is_rank)
    return {
        "points": charts.sparkline(
            [o.value for o in series], width=width, height=height, rank=rank
        ),
        "width": width,
        "height": height,
        "series": series,
        "latest": series[-1] if series else None,
        "indicator": indicator,
    }


@register.inclusion_tag("indicators/_line_chart.html")
def line_chart(series, indicator, chart_id="chart"):
    """Render a line chart of current observations with axes, as inline SVG."""
    series = list(series or [])
    suffix = "%" if indicator.unit.strip() == "%" else ""
    chart = charts.line_chart(
        [(o.period_label, o.value, o) for o in series],
        rank=indicator.is_rank,
        suffix=suffix,
    )
    values = sorted(series, key=lambda o: o.value)
    return {
        "chart": chart,
        "indicator": indicator,
        "chart_id": chart_id,
        "first": series[0] if series else None,
        "latest": series[-1] if series else None,
        "lowest": values[0] if values else None,
        "highest": values[-1] if values else None,
        "count": len(series),
        "has_qualified": any(o.qualifier != "exact" for o in series),
    }


@register.simple_tag
def ordinal_label(action):
    """Return "2nd of 5" (or "2nd" without a sibling count) for a policy action."""
    total = getattr(action, "sibling_count", None)
    if total is None:
        return ordinal(action.ordinal)
    return _("%(nth)s of %(total)d") % {"nth": ordinal(action.ordinal), "total": total}

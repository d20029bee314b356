"""{% load announcements %}: structured data and small helpers for text pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The escapes of django.utils.html.json_script: "<", ">" and "&" become \uXXXX,
# so no string in the data can close the <script> element it sits in.
_JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
}


@register.simple_tag
def json_ld(data):
    """Return a schema.org data block: JSON a browser keeps but never runs."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.filter
def reply_count(comment):
    """Return how many approved replies a prefetched comment has."""
    return len(comment.replies.all())

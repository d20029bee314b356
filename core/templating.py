"""The Jinja2 environment of the public pages.

Readers' pages are rendered with Jinja2, which compiles a template to Python
and renders a page several times faster than Django's template language
(variable lookups, loops and filters are plain Python here). The admin keeps
Django's templates. Translations come from the same gettext catalogue: the
`{% trans %}` blocks produce the same message ids as `{% blocktranslate %}`.
"""

import functools
import json
from urllib.parse import quote

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import formats, timezone, translation
from django.utils.html import format_html, linebreaks
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from jinja2 import Environment, pass_context

from core.i18n import tr, url_in_language
from core.urlpaths import fixed_path

# The escapes of django.utils.html.json_script: "<", ">" and "&" become \uXXXX,
# so no string in the data can close the <script> element it sits in.
_JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
}


def url(name: str, *args, **kwargs) -> str:
    """Return the path of a named URL, as `{% url %}` does."""
    if not args and not kwargs:
        # A page links a dozen fixed URLs: reversed once, not on each render.
        return fixed_path(name)
    return reverse(name, args=args or None, kwargs=kwargs or None)


@pass_context
def date(context, value, format_name: str = "DATE_FORMAT") -> str:
    """Format a date or datetime like Django's `date` filter, in local time.

    Aware datetimes are shown in the site's time zone, as Django's templates
    do before they format them.
    """
    if value in (None, ""):
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _formatted_date(value, format_name, render_language(context))


@functools.lru_cache(maxsize=4096)
def _formatted_date(value, format_name: str, language: str | None) -> str:
    # A list page shows the same few dates over and over, and formatting one
    # (month names through gettext) costs more than looking it up.
    return formats.date_format(value, format_name)


@pass_context
def gettext(context, message: str) -> str:
    """Django's gettext, remembered per language: templates ask for the same
    labels hundreds of times a page, and the catalogues never change while
    the process runs."""
    return _translated(message, render_language(context))


def render_language(context) -> str | None:
    """Return the language a page renders in.

    The i18n context processor's LANGUAGE_CODE, read once per render: asking
    Django (`get_language()`, a context-local lookup) for each of a page's
    hundreds of labels and dates cost a few milliseconds. A template
    rendered without that processor asks Django.
    """
    return context.get("LANGUAGE_CODE") or translation.get_language()


@functools.lru_cache(maxsize=4096)
def _translated(message: str, language: str | None) -> str:
    return translation.gettext(message)


def truncatechars(value, length: int) -> str:
    return Truncator(value or "").chars(int(length))


def linebreaks_filter(value) -> str:
    """Paragraphs and <br> from plain text, the text itself escaped."""
    return mark_safe(linebreaks(value or "", autoescape=True))  # noqa: S308 - escaped


def floatformat1(value) -> str:
    """One decimal place, never localised: SVG coordinates."""
    return f"{float(value):.1f}"


def json_ld(data) -> str:
    """Return a schema.org data block: JSON a browser keeps but never runs."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@pass_context
def querystring(context, **changes) -> str:
    """Return the current query string with some parameters set or removed.

    Django's `{% querystring %}` tag: a value of None removes the parameter.
    """
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


def language_links(request) -> list[dict]:
    """Return this page in each of the site's languages, the current one marked.

    Each is the same page's URL with that language's prefix (English has
    none), its query string kept, so a link, not a cookie, changes language.
    """
    current = translation.get_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name_local": translation.get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def environment(*, app_globals: dict[str, str] | None = None, **options) -> Environment:
    """Return the public pages' environment.

    `app_globals` (the backend's OPTIONS, set in settings) names the apps'
    own template helpers by dotted path: the apps sit above this module and
    register what their pages need without it importing them.
    """
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(
        gettext,
        translation.ngettext,
        newstyle=False,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.globals.update(
        url=url,
        static=static,
        json_ld=json_ld,
        querystring=querystring,
        language_links=language_links,
        get_current_language=translation.get_language,
        url_in_language=url_in_language,
    )
    env.globals.update(
        {name: import_string(path) for name, path in (app_globals or {}).items()}
    )
    env.filters.update(
        date=date,
        truncatechars=truncatechars,
        linebreaks=linebreaks_filter,
        floatformat1=floatformat1,
        tr=tr,
        intcomma=intcomma,
        urlencode=lambda value: quote(str(value), safe="/"),
        urlencode_params=urlencode,
    )
    return env

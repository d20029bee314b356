"""URL paths of pages and API resources, built without walking the resolver.

`reverse()` matches the URL configuration on every call, and a list page or
API page builds a hundred links. The path of a named URL is the same for
every slug but the slug itself, so it is reversed once with a marker and the
marker replaced afterwards. Anything but a plain ASCII slug takes the
ordinary road through `reverse()`.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "zzpressroomslugzz"


def path_for(name: str, slug: str) -> str:
    """Return the path of the URL `name` whose only argument is `slug`."""
    if isinstance(slug, str) and PLAIN_SLUG.fullmatch(slug):
        return _pattern(name, *_url_context()).replace(MARKER, slug, 1)
    return reverse(name, kwargs={"slug": slug})


def _url_context() -> tuple:
    # Everything that can shape a path: the URL configuration (a test or a
    # request may swap it), the script prefix, and the language.
    return (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
    )


@functools.lru_cache(maxsize=256)
def _pattern(name: str, urlconf: str, script_prefix: str, language: str | None) -> str:
    path = reverse(name, kwargs={"slug": MARKER})
    if path.count(MARKER) != 1:
        raise ValueError(f"URL {name!r} does not hold its slug exactly once")
    return path


def fixed_path(name: str) -> str:
    """Return the path of a URL that takes no arguments."""
    return _fixed(name, *_url_context())


@functools.lru_cache(maxsize=256)
def _fixed(name: str, urlconf: str, script_prefix: str, language: str | None) -> str:
    return reverse(name)

"""Sitemap sections whose entries name their other-language versions (hreflang)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation

X_DEFAULT = "x-default"


class EveryLanguageSitemap(Sitemap):
    """Each object once per language the site serves, with its alternates.

    Topics, indicators and actions have one page per language, the same
    path under each language's prefix. Django's own `i18n = True` reads a
    section's every row into a list to page through it; this reads one
    page of rows per language instead.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        per_language = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                per_language[code] = super().get_urls(page, site, protocol)
        urls = []
        for entries in zip(*per_language.values(), strict=True):
            alternates = [
                {"lang_code": code, "location": entry["location"]}
                for code, entry in zip(per_language, entries, strict=True)
            ]
            default = next(
                a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE
            )
            alternates.append({"lang_code": X_DEFAULT, "location": default["location"]})
            for entry in entries:
                urls.append({**entry, "alternates": alternates})
        return urls

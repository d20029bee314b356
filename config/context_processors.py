from django.conf import settings

# First path segment -> the navigation entry it belongs to.
NAV_SECTIONS = {
    "announcements": "announcements",
    "indicators": "indicators",
    "actions": "actions",
    "topics": "topics",
}


def site(request):
    """Expose the site's name, the admin path and the current navigation section."""
    first_segment = request.path.strip("/").split("/", 1)[0] if request else ""
    return {
        "SITE_NAME": "Pressroom",
        "ADMIN_URL": "/" + settings.ADMIN_URL,
        "nav_section": NAV_SECTIONS.get(first_segment, ""),
    }

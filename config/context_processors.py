from django.conf import settings


def site(request):
    """Expose the few settings templates need."""
    return {"SITE_NAME": "Pressroom", "ADMIN_URL": "/" + settings.ADMIN_URL}

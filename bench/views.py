"""Views the benchmark measures beside the real pages (BENCH_VIEWS only)."""

from django.http import HttpResponse
from django.shortcuts import render

from announcements.models import Announcement


def hello(request):
    """Return a constant page: the benchmark's baseline."""
    return HttpResponse("hello")


def floor(request):
    """Return the site's page frame around eight one-row reads.

    What any uncached public page costs before it shows anything of its own:
    eight queries through the ORM (the most a page may run) and the header,
    navigation and footer every page renders. The benchmark reports it beside
    the real pages, as the floor under their figures.
    """
    public = Announcement.objects.public().only("slug", "title").order_by("pk")
    texts, last_pk = [], 0
    for _ in range(8):
        text = public.filter(pk__gt=last_pk).first()
        if text is None:
            break
        texts.append(text)
        last_pk = text.pk
    return render(request, "bench_floor.html", {"texts": texts})

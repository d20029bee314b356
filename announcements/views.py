"""Public pages of announcements and topics, and the comment box's POST."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.db.models import Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from core.cache import members_key, object_key, shows
from core.clients import is_cross_site
from core.i18n import named_with_all
from core.paging import OneQueryPaginator, first_rows

from .forms import AnnouncementSearchForm, CommentForm
from .models import Announcement, Comment, Speaker, Topic
from .moderation import (
    ClientInfo,
    CommentsClosed,
    RateLimited,
    comment_notice_requested,
    submit_comment,
)
from .querysets import search_words

DETAIL_TEMPLATE = "announcements/announcement_detail.html"
TOPICS_NAMED_LIMIT = 10


class AnnouncementListView(ListView):
    template_name = "announcements/announcement_list.html"
    context_object_name = "announcements"
    paginate_by = 20

    def get_queryset(self):
        public = Announcement.objects.public()
        self.search_form = AnnouncementSearchForm(
            self.request.GET, years=year_choices(public)
        )
        if self.search_form.value_of("q"):
            # A search finds what matches in any language: a Chinese query
            # finds Chinese texts on the English pages too.
            return self.search_form.filter(public.for_listing())
        return self.search_form.filter(public.in_language(get_language()).for_listing())

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.search_form.value_of("q"):
            return OneQueryPaginator(
                queryset,
                per_page,
                rows_for=lambda keys: Announcement.objects.for_listing().filter(
                    pk__in=keys
                ),
                **kwargs,
            )
        return super().get_paginator(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(self.search_form.page_number())
        except InvalidPage as error:
            raise Http404(_("There is no such page.")) from error
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        shows(Announcement, Topic, Speaker)
        context = super().get_context_data(**kwargs)
        context["search_form"] = self.search_form
        # A search also names the topics (and, through the indicators app's
        # `indicators_named`, the indicators) called by its words.
        context["search_words"] = search_words(self.search_form.value_of("q"))
        context["matching_topics"] = (
            named_with_all(Topic.objects.order_by("name"), context["search_words"])[
                :TOPICS_NAMED_LIMIT
            ]
            if context["search_words"]
            else []
        )
        return context


def year_choices(public):
    """Return the years from the newest public text back to the oldest.

    Two index lookups (the first and last dates) in one query, instead of a
    DISTINCT over every public text; a year without texts just lists none.
    """
    first = public.order_by("held_on").values("held_on")[:1]
    last = public.order_by("-held_on").values("held_on")[:1]
    # Any one row carries the two subqueries; an empty table has no years.
    bounds = (
        Announcement.objects.annotate(first=Subquery(first), last=Subquery(last))
        .order_by()
        .values_list("first", "last")
        .first()
    )
    if not bounds or None in bounds:
        return []
    first_day, last_day = bounds
    return list(range(last_day.year, first_day.year - 1, -1))


class AnnouncementDetailView(DetailView):
    template_name = DETAIL_TEMPLATE
    context_object_name = "announcement"

    def get_queryset(self):
        return announcement_for_page(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(detail_context(self.request, self.object))
        return context


def announcement_for_page(user):
    """Return the texts this user may open, with what their page shows."""
    return Announcement.objects.visible_to(user).with_tags().prefetch_related("changes")


def detail_context(request, announcement, *, comment_form=None):
    """Return the page's versions, comments and comment form.

    Every part is one query (or two with a prefetch) whatever its size, so the
    page costs the same with 1 comment or 300. The figures and actions the
    text announced come from the indicators app's template helpers
    (`figures_of`, `actions_of`).
    """
    versions = list(other_versions(announcement))
    # Its comments change under the text's own key; an original and its
    # translations list each other.
    shows(
        announcement,
        *announcement.topic_list,
        *announcement.speaker_list,
        *versions,
        *(
            [object_key(Announcement, announcement.translation_of_id)]
            if announcement.translation_of_id
            else []
        ),
    )
    comments = Comment.objects.thread_for(announcement)
    if comment_form is None:
        parent = reply_target(request, comments)
        comment_form = CommentForm(
            announcement=announcement,
            initial={"parent": parent.pk if parent else None},
        )
    else:
        parent = comment_form.cleaned_data.get("parent")
    return {
        "versions": versions,
        "comments": comments,
        "comment_count": sum(1 + len(c.shown_replies) for c in comments),
        "accepts_comments": announcement.accepts_comments(),
        "comment_form": comment_form,
        "replying_to": parent,
        "news_article": news_article(request, announcement),
    }


def reply_target(request, comments):
    """Return the shown top-level comment that `?replyto=` names, if any."""
    raw = request.GET.get("replyto", "")
    if not (raw.isascii() and raw.isdigit()):
        return None
    return next((comment for comment in comments if comment.pk == int(raw)), None)


def other_versions(announcement):
    """Return the public texts in other languages: original and translations."""
    original_id = announcement.translation_of_id or announcement.pk
    # Two index lookups (the primary key, announcement_translation_idx).
    return (
        Announcement.objects.public()
        .filter(Q(pk=original_id) | Q(translation_of_id=original_id))
        .exclude(pk=announcement.pk)
        .only("slug", "title", "language")
        .order_by("language", "pk")
    )


def news_article(request, announcement):
    """Return the schema.org NewsArticle description of the text."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": announcement.title[:110],
        "description": announcement.summary,
        "inLanguage": announcement.language,
        "url": request.build_absolute_uri(announcement.get_absolute_url()),
        "dateCreated": announcement.held_on.isoformat(),
        "publisher": {
            "@type": "Organization",
            "name": announcement.organizer or "Pressroom",
        },
        "author": [
            {"@type": "Person", "name": speaker.name, "jobTitle": speaker.position}
            for speaker in announcement.speaker_list
        ]
        or [{"@type": "Organization", "name": announcement.organizer or "Pressroom"}],
        "about": [topic.name for topic in announcement.topic_list],
    }
    if announcement.published_at:
        data["datePublished"] = announcement.published_at.isoformat()
    data["dateModified"] = announcement.updated_at.isoformat()
    if announcement.source_url:
        data["isBasedOn"] = announcement.source_url
    return data


@csrf_exempt
@require_POST
def post_comment(request, slug):
    """Take a comment from the page's form (no JavaScript needed).

    The page a reader got from a shared cache carries no CSRF token: an
    anonymous comment acts with no one's authority, and is guarded by the
    signed timestamp, the honeypot, the rate limit and moderation, and by
    refusing a post another site's page sent. A signed-in reader's page is
    never shared and carries a token, which is checked (README, Security).
    """
    if request.user.is_authenticated:
        return csrf_protect(_post_comment)(request, slug)
    return _post_comment(request, slug)


def _post_comment(request, slug):
    """Hand a comment to the moderation service, then redirect (post/redirect/get)."""
    announcement = get_object_or_404(announcement_for_page(request.user), slug=slug)
    if is_cross_site(request):
        return comment_refused(
            request,
            announcement,
            status=403,
            title=_("Comment not accepted"),
            message=_(
                "The comment came from a form on another site. Please use the "
                "form on this page."
            ),
        )
    if not announcement.accepts_comments():
        return comment_refused(
            request,
            announcement,
            status=403,
            title=_("Comments are closed"),
            message=_("This text does not take new comments."),
        )
    form = CommentForm(request.POST, announcement=announcement)
    if form.is_valid():
        client = ClientInfo.from_request(
            request,
            honeypot=form.cleaned_data["homepage"],
            form_timestamp=form.cleaned_data["timestamp"],
        )
        try:
            comment = submit_comment(
                announcement=announcement, client=client, **form.comment_fields()
            )
        except ValidationError as error:
            form.add_model_errors(error)
        except CommentsClosed:
            return comment_refused(
                request,
                announcement,
                status=403,
                title=_("Comments are closed"),
                message=_("This text does not take new comments."),
            )
        except RateLimited as limited:
            response = comment_refused(
                request,
                announcement,
                status=429,
                title=_("Too many comments"),
                message=_(
                    "You have sent several comments in a short time. Please wait "
                    "a few minutes and send yours again; your text was not saved."
                ),
            )
            response["Retry-After"] = str(limited.retry_after)
            return response
        else:
            if (
                form.cleaned_data.get("notify")
                and comment.status != Comment.Status.SPAM
            ):
                comment_notice_requested.send(
                    sender=Comment, comment=comment, language=get_language()
                )
            # Spam gets the same answer as a held comment: a bot learns nothing.
            if comment.status == Comment.Status.APPROVED:
                messages.success(request, _("Your comment is published."))
            else:
                messages.info(request, _("Your comment is awaiting moderation."))
            return redirect(f"{announcement.get_absolute_url()}#comments")
    context = {"announcement": announcement, "object": announcement}
    context.update(detail_context(request, announcement, comment_form=form))
    return render(request, DETAIL_TEMPLATE, context, status=400)


def comment_refused(request, announcement, *, status, title, message):
    context = {"announcement": announcement, "title": title, "message": message}
    return render(request, "announcements/comment_refused.html", context, status=status)


class TopicListView(ListView):
    template_name = "announcements/topic_list.html"
    context_object_name = "topics"
    queryset = Topic.objects.all()

    def get_context_data(self, **kwargs):
        shows(Topic)
        return super().get_context_data(**kwargs)


class TopicDetailView(DetailView):
    """A topic's latest texts, indicators and actions, each list bounded.

    Each list shows its first `limit` rows and links to the full, paginated
    and filtered list page when there are more. The indicators and actions
    come from the indicators app's template helpers (`topic_indicators`,
    `topic_actions`).
    """

    template_name = "announcements/topic_detail.html"
    context_object_name = "topic"
    queryset = Topic.objects.all()
    limit = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.object
        context["announcements"], context["more_announcements"] = first_rows(
            Announcement.objects.public()
            .in_language(get_language())
            .for_listing()
            .filter(topics=topic)
            .order_by("-held_on", "-published_at", "-id"),
            self.limit,
        )
        # A text tagged, published or retitled changes the topic's list of
        # texts; one shown here changing (or deleted) changes its own key.
        shows(
            topic,
            members_key(Topic, topic.pk, Announcement),
            *context["announcements"],
            Topic,
            Speaker,
        )
        return context

from django.views.generic import DetailView, ListView

from indicators.models import Observation, PolicyAction

from .models import Announcement, Comment, Topic


class AnnouncementListView(ListView):
    template_name = "announcements/announcement_list.html"
    context_object_name = "announcements"
    paginate_by = 20

    def get_queryset(self):
        return Announcement.objects.public().for_listing()


class AnnouncementDetailView(DetailView):
    template_name = "announcements/announcement_detail.html"
    context_object_name = "announcement"

    def get_queryset(self):
        return (
            Announcement.objects.visible_to(self.request.user)
            .prefetch_related("topics", "speakers", "changes", "translations")
            .select_related("translation_of")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        announcement = self.object
        context["figures"] = (
            Observation.objects.filter(announcement=announcement)
            .select_related("indicator")
            .with_revision_flags()
            .order_by("indicator__name", "period_start")
        )
        context["actions"] = PolicyAction.objects.filter(
            announcement=announcement
        ).order_by("ordinal")
        context["comments"] = Comment.objects.thread_for(announcement)
        return context


class TopicListView(ListView):
    template_name = "announcements/topic_list.html"
    context_object_name = "topics"
    queryset = Topic.objects.all()


class TopicDetailView(DetailView):
    template_name = "announcements/topic_detail.html"
    context_object_name = "topic"
    queryset = Topic.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.object
        context["announcements"] = (
            Announcement.objects.public().for_listing().filter(topics=topic)[:50]
        )
        context["indicators"] = topic.indicators.public()
        context["actions"] = (
            PolicyAction.objects.public()
            .filter(topics=topic)
            .select_related("announcement")
        )
        return context

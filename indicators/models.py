from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from announcements.models import Announcement, Topic
from core.constraints import valid_choices
from core.i18n import CJK, check_names
from core.urlpaths import path_for

from .period_names import chinese_period
from .querysets import IndicatorQuerySet, ObservationQuerySet, PolicyActionQuerySet


class Indicator(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half_yearly", _("Half-yearly")
        ANNUAL = "annual", _("Annual")
        IRREGULAR = "irregular", _("Irregular")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit"),
        max_length=50,
        help_text=_('For example "trillion yuan", "%", "rank".'),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IRREGULAR,
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=0, validators=[MinValueValidator(0)]
    )
    is_key = models.BooleanField(
        _("key indicator"),
        default=False,
        help_text=_("Shown as a card on the home page."),
    )

    objects = IndicatorQuerySet.as_manager()
    # Its edit history: registered in translation.py, after its fields in
    # each language exist, so that the history keeps them too.

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="indicator_name_idx"),
            models.Index(fields=["is_key", "name"], name="indicator_key_idx"),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decimals__lte=6), name="indicator_decimals_at_most_6"
            ),
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(unit=""),
                name="indicator_name_and_unit_not_empty",
            ),
        ]

    Meta.constraints += valid_choices("indicator", frequency=Frequency)

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def get_absolute_url(self):
        return path_for("indicators:indicator_detail", self.slug)

    def clean(self):
        check_names(self, ("name",))

    @property
    def unit_key(self) -> str:
        """Return the English unit: the one that says the scale ("trillion yuan").

        A value is stored in its unit's scale in every language (10 "trillion
        yuan" is 10 "万亿元"), so scale and kind are read from the English.
        """
        return (self.unit_en or self.unit or "").strip()

    @property
    def is_rank(self):
        return self.unit_key.lower() == "rank"

    @property
    def is_percent(self):
        return self.unit_key == "%"


class Observation(models.Model):
    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        MORE_THAN = "more_than", _("more than")
        EXCEEDED = "exceeded", _("exceeded")
        AT_LEAST = "at_least", _("at least")
        ABOUT = "about", _("about")
        NEARLY = "nearly", _("nearly")
        LESS_THAN = "less_than", _("less than")
        UP_TO = "up_to", _("up to")

    class Quality(models.TextChoices):
        REPORTED = "reported", _("Reported")
        PROVISIONAL = "provisional", _("Provisional")
        ESTIMATED = "estimated", _("Estimated")

    # Signs a reader recognises at a glance: "> 10 trillion yuan", "≈ 90%".
    QUALIFIER_SIGNS = {
        Qualifier.EXACT: "",
        Qualifier.MORE_THAN: ">",
        Qualifier.EXCEEDED: ">",
        Qualifier.AT_LEAST: "≥",
        Qualifier.ABOUT: "≈",
        Qualifier.NEARLY: "≲",
        Qualifier.LESS_THAN: "<",
        Qualifier.UP_TO: "≤",
    }

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(
        _("period label"),
        max_length=60,
        help_text=_('For example "2022 H1", "Jan–Jun 2022".'),
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=6)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
    )
    quality = models.CharField(
        _("quality"), max_length=12, choices=Quality.choices, default=Quality.REPORTED
    )
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("source announcement"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("The sentence it came from.")
    )
    note = models.TextField(_("note"), blank=True)

    objects = ObservationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start", "period_end"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end", "announcement"],
                name="observation_unique_per_period_and_source",
                violation_error_message=_(
                    "This announcement already gives a value for this indicator "
                    "and period."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="observation_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]
        indexes = [
            # A series in its order (period end, then start), read backwards
            # for an indicator's latest figure; the unique constraint above
            # already indexes (indicator, period start, period end).
            models.Index(
                fields=["indicator", "period_end", "period_start"],
                name="observation_series_idx",
            ),
            models.Index(fields=["announcement"], name="observation_source_idx"),
            # The API's orderings across all indicators.
            models.Index(
                fields=["period_end", "period_start"], name="observation_period_idx"
            ),
            models.Index(fields=["period_start"], name="observation_start_idx"),
            models.Index(fields=["value"], name="observation_value_idx"),
        ]

    Meta.constraints += valid_choices(
        "observation", qualifier=Qualifier, quality=Quality
    )

    def __str__(self):
        return f"{self.indicator.name}, {self.period_label}: {self.display_value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()

    def clean(self):
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}
            )

    def states_same_figure_as(self, other) -> bool:
        """Return whether `other` gives this period the same figure.

        A later text that does is a restatement; one that does not (another
        value, or another qualifier) revises it. The one definition of
        "revised": `ObservationQuerySet.with_revision_flags` is its SQL form.
        """
        return (self.value, self.qualifier) == (other.value, other.qualifier)

    @property
    def reader_period_label(self) -> str:
        """Return the period as the reader's language says it (period_names)."""
        if get_language() == "zh-hans":
            return chinese_period(self.period_label, self.period_start, self.period_end)
        return self.period_label

    @property
    def qualifier_sign(self):
        return self.QUALIFIER_SIGNS.get(self.qualifier, "")

    @property
    def formatted_number(self):
        """Return the value with the indicator's decimals, no trailing noise."""
        decimals = self.indicator.decimals if self.indicator_id else 0
        quantum = Decimal(1).scaleb(-decimals)
        return f"{Decimal(self.value).quantize(quantum):,}"

    @property
    def display_value(self):
        """Return the value as a reader should see it, in the reader's language.

        '> 10 trillion yuan' in English, '超过10万亿元' in Chinese: English
        keeps its signs, Chinese writes the qualifier as a word and sets a
        Chinese unit beside the number without a space.
        """
        indicator = self.indicator
        unit = indicator.unit
        if indicator.is_rank:
            text = _("No. %(rank)s") % {"rank": self.formatted_number}
        elif indicator.is_percent:
            text = f"{self.formatted_number}%"
        elif CJK.match(unit):
            text = f"{self.formatted_number}{unit}"
        else:
            text = f"{self.formatted_number} {unit}"
        if self.qualifier == self.Qualifier.EXACT:
            return text
        return str(QUALIFIED_FIGURES[self.qualifier]) % {"figure": text}


# A qualified figure in words of the reader's language. English keeps the
# signs a reader recognises at a glance ("> 10 trillion yuan"); the catalogue
# gives Chinese its words ("超过10万亿元"). One context per qualifier, as two
# qualifiers share a sign but not a word.
QUALIFIED_FIGURES = {
    Observation.Qualifier.MORE_THAN: pgettext_lazy("more than", "> %(figure)s"),
    Observation.Qualifier.EXCEEDED: pgettext_lazy("exceeded", "> %(figure)s"),
    Observation.Qualifier.AT_LEAST: pgettext_lazy("at least", "≥ %(figure)s"),
    Observation.Qualifier.ABOUT: pgettext_lazy("about", "≈ %(figure)s"),
    Observation.Qualifier.NEARLY: pgettext_lazy("nearly", "≲ %(figure)s"),
    Observation.Qualifier.LESS_THAN: pgettext_lazy("less than", "< %(figure)s"),
    Observation.Qualifier.UP_TO: pgettext_lazy("up to", "≤ %(figure)s"),
}


class PolicyAction(models.Model):
    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        STALLED = "stalled", _("Stalled")
        DROPPED = "dropped", _("Dropped")

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announced in"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        validators=[MinValueValidator(1)],
        help_text=_("1 for “the first is to…”."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="actions", blank=True
    )
    responsible_body = models.CharField(
        _("responsible body"), max_length=300, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ANNOUNCED
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("measured by"),
        related_name="actions",
        blank=True,
    )

    objects = PolicyActionQuerySet.as_manager()
    # Its edit history: registered in translation.py, after its fields in
    # each language exist, so that the history keeps them too.

    class Meta:
        ordering = ["announcement__held_on", "announcement_id", "ordinal"]
        verbose_name = _("policy action")
        verbose_name_plural = _("policy actions")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "ordinal"],
                name="policyaction_unique_ordinal_per_announcement",
                violation_error_message=_(
                    "This announcement already has an action with this number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ordinal__gte=1),
                name="policyaction_ordinal_positive",
                violation_error_message=_("Actions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=~models.Q(title=""), name="policyaction_title_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="policyaction_status_idx"),
            models.Index(fields=["target_date"], name="policyaction_target_idx"),
            models.Index(fields=["title"], name="policyaction_title_idx"),
        ]

    Meta.constraints += valid_choices("policyaction", status=Status)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return path_for("indicators:action_detail", self.slug)

    def clean(self):
        check_names(self, ("title",))

    @property
    def is_overdue(self):
        """Return whether the target date has passed without completion."""
        return (
            self.target_date is not None
            and self.target_date < timezone.localdate()
            and self.status not in {self.Status.COMPLETED, self.Status.DROPPED}
        )

    @property
    def ordinal_label(self):
        """Return "2nd of 5" style text using the sibling count if annotated."""
        total = getattr(self, "sibling_count", None)
        return (
            _("No. %(n)d") % {"n": self.ordinal}
            if total is None
            else _("%(n)d of %(total)d") % {"n": self.ordinal, "total": total}
        )

    def sync_status_from_updates(self):
        """Take the status of the latest update, so the tracker shows it."""
        latest = self.updates.order_by("-date", "-id").first()
        if latest is not None and latest.status != self.status:
            self.status = latest.status
            self.save(update_fields=["status"])


class PolicyActionUpdate(models.Model):
    action = models.ForeignKey(
        PolicyAction,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=PolicyAction.Status.choices
    )
    note = models.TextField(_("note"))
    evidence_announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("evidence (announcement)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_updates",
    )
    evidence_url = models.URLField(_("evidence (URL)"), max_length=500, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(note=""), name="policyactionupdate_note_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["action", "date"], name="actionupdate_timeline_idx"),
        ]

    Meta.constraints += valid_choices("policyactionupdate", status=PolicyAction.Status)

    def __str__(self):
        return f"{self.action}: {self.get_status_display()} ({self.date})"

    def get_absolute_url(self):
        return self.action.get_absolute_url()

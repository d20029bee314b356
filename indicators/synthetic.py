"""A deterministic synthetic archive for benchmarks: never mixed into the demo.

Every text is titled "[Synthetic] …" and slugged "synthetic-…", so it cannot
be mistaken for real press material. Rows are written with bulk inserts; the
same arguments always give the same rows.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from announcements.models import Announcement, Comment, Speaker, Topic
from announcements.rendering import render_markdown
from core.cache import invalidate_all

from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate

SYNTHETIC_PREFIX = "[Synthetic]"
# The announcement the benchmark opens for "a page with 50 approved comments".
BENCH_ANNOUNCEMENT_SLUG = "synthetic-00000"
BENCH_COMMENT_COUNT = 50
SERIES_LENGTH = 100
BATCH_SIZE = 2000

SUBJECTS = [
    "industrial output",
    "broadband coverage",
    "rural road building",
    "export credit",
    "grain reserves",
    "clean energy capacity",
    "small business lending",
    "vocational training",
    "port throughput",
    "water conservancy",
]
MINISTRIES = [
    "Ministry of Industry and Information Technology",
    "Ministry of Finance",
    "Ministry of Commerce",
    "National Development and Reform Commission",
    "Ministry of Transport",
]
UNITS = ["%", "billion yuan", "projects", "million tonnes", "kilometres"]

BODY_TEMPLATES = [
    "## Overview\n\nThis synthetic briefing covers **{subject}**. Officials reported "
    "steady progress and set out next steps.\n\n- Output rose in the period.\n"
    "- Investment continued.\n\nThe first is to expand {subject}. The second is "
    "to improve oversight.",
    "Synthetic text. Figures on {subject} were released, with growth of several "
    "percent year on year.\n\n1. Strengthen support.\n2. Promote innovation.\n"
    "3. Improve services.",
    "A synthetic statement on {subject}: the ministry will continue to deepen "
    "reform, open up markets and keep supply stable.\n\n> Quoted remarks, "
    "synthetic.",
]


@dataclass(frozen=True)
class CorpusSize:
    announcements: int = 1000
    comments_per: int = 10
    observations: int = 20000
    topics: int = 20
    speakers: int = 50
    actions_per: int = 1
    updates_per: int = 2


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


@transaction.atomic
def generate_corpus(size: CorpusSize, *, seed: int = 2022) -> dict[str, int]:
    """Write a synthetic archive of the given size; return counts per model."""
    rng = random.Random(seed)
    if Announcement.objects.filter(slug__startswith="synthetic-").exists():
        raise ValueError("A synthetic corpus is already in this database.")

    _bulk(
        Topic,
        [
            Topic(
                name=f"{SYNTHETIC_PREFIX} {SUBJECTS[i % len(SUBJECTS)].title()} {i}",
                slug=f"synthetic-topic-{i}",
            )
            for i in range(size.topics)
        ],
    )
    topics = list(
        Topic.objects.filter(slug__startswith="synthetic-topic-").order_by("id")
    )
    _bulk(
        Speaker,
        [
            Speaker(
                name=f"Synthetic Speaker {i}",
                slug=f"synthetic-speaker-{i}",
                position="Spokesperson",
                organization=MINISTRIES[i % len(MINISTRIES)],
            )
            for i in range(size.speakers)
        ],
    )
    speakers = list(
        Speaker.objects.filter(slug__startswith="synthetic-speaker-").order_by("id")
    )

    rendered = {}
    start_day = datetime.date(2000, 1, 3)
    now = timezone.now()
    announcements = []
    for i in range(size.announcements):
        subject = SUBJECTS[i % len(SUBJECTS)]
        template = BODY_TEMPLATES[i % len(BODY_TEMPLATES)]
        body = template.format(subject=subject)
        if body not in rendered:
            rendered[body] = render_markdown(body)
        held_on = start_day + datetime.timedelta(
            days=(i * 9131) // max(size.announcements, 1)
        )
        announcements.append(
            Announcement(
                title=f"{SYNTHETIC_PREFIX} Briefing {i} on {subject}",
                slug=f"synthetic-{i:05d}",
                kind=Announcement.Kind.values[i % 4],
                held_on=held_on,
                organizer=MINISTRIES[i % len(MINISTRIES)],
                summary=f"Synthetic summary of briefing {i} about {subject}.",
                body=body,
                body_html=rendered[body],
                status=Announcement.Status.PUBLISHED,
                published_at=min(
                    timezone.make_aware(
                        datetime.datetime.combine(held_on, datetime.time(10))
                    ),
                    now,
                ),
            )
        )
    _bulk(Announcement, announcements)
    announcement_ids = list(
        Announcement.objects.filter(slug__startswith="synthetic-")
        .order_by("slug")
        .values_list("id", "held_on")
    )

    topic_links = Announcement.topics.through
    speaker_links = Announcement.speakers.through
    _bulk(
        topic_links,
        [
            topic_links(announcement_id=aid, topic_id=topics[(n * 7) % len(topics)].id)
            for n, (aid, _) in enumerate(announcement_ids)
        ],
    )
    _bulk(
        speaker_links,
        [
            speaker_links(
                announcement_id=aid, speaker_id=speakers[(n * 3) % len(speakers)].id
            )
            for n, (aid, _) in enumerate(announcement_ids)
        ],
    )

    comments = []
    for n, (aid, held_on) in enumerate(announcement_ids):
        count = BENCH_COMMENT_COUNT if n == 0 else size.comments_per
        posted = timezone.make_aware(
            datetime.datetime.combine(held_on, datetime.time(12))
        )
        for c in range(count):
            comments.append(
                Comment(
                    announcement_id=aid,
                    author_name=f"Synthetic reader {c}",
                    author_email=f"reader{c}@synthetic.invalid",
                    body=f"Synthetic comment {c} on briefing {n}.",
                    status=Comment.Status.APPROVED
                    if n == 0 or rng.random() < 0.8
                    else Comment.Status.PENDING,
                    created_at=posted + datetime.timedelta(minutes=c),
                    verdicts=[],
                )
            )
        if len(comments) >= BATCH_SIZE * 5:
            _bulk(Comment, comments)
            comments = []
    _bulk(Comment, comments)

    indicator_count = max(1, size.observations // SERIES_LENGTH)
    _bulk(
        Indicator,
        [
            Indicator(
                name=f"{SYNTHETIC_PREFIX} {SUBJECTS[i % len(SUBJECTS)]} index {i}",
                slug=f"synthetic-indicator-{i}",
                unit=UNITS[i % len(UNITS)],
                decimals=1,
                topic=topics[i % len(topics)],
                frequency=Indicator.Frequency.MONTHLY,
                is_key=i < 4,
            )
            for i in range(indicator_count)
        ],
    )
    indicator_ids = list(
        Indicator.objects.filter(slug__startswith="synthetic-indicator-")
        .order_by("id")
        .values_list("id", flat=True)
    )
    observations = []
    for k, indicator_id in enumerate(indicator_ids):
        level = Decimal(rng.randint(50, 5000))
        for month in range(SERIES_LENGTH):
            year, month_index = divmod(month, 12)
            period_start = datetime.date(2010 + year, month_index + 1, 1)
            next_month = datetime.date(
                2010 + year + (month_index + 1) // 12, (month_index + 1) % 12 + 1, 1
            )
            source_id, _ = announcement_ids[
                (k * SERIES_LENGTH + month) % len(announcement_ids)
            ]
            level = (level * Decimal(1000 + rng.randint(-20, 30)) / 1000).quantize(
                Decimal("0.1")
            )
            observations.append(
                Observation(
                    indicator_id=indicator_id,
                    period_start=period_start,
                    period_end=next_month - datetime.timedelta(days=1),
                    period_label=period_start.strftime("%b %Y"),
                    value=level,
                    qualifier=Observation.Qualifier.EXACT,
                    announcement_id=source_id,
                    quote="Synthetic figure.",
                )
            )
        if len(observations) >= BATCH_SIZE * 5:
            _bulk(Observation, observations)
            observations = []
    _bulk(Observation, observations)

    actions = []
    for n, (aid, held_on) in enumerate(announcement_ids):
        for ordinal in range(1, size.actions_per + 1):
            actions.append(
                PolicyAction(
                    announcement_id=aid,
                    ordinal=ordinal,
                    title=f"{SYNTHETIC_PREFIX} Measure {ordinal} of briefing {n}",
                    slug=f"synthetic-action-{n:05d}-{ordinal}",
                    responsible_body=MINISTRIES[n % len(MINISTRIES)],
                    status=PolicyAction.Status.values[
                        n % len(PolicyAction.Status.values)
                    ],
                    target_date=held_on + datetime.timedelta(days=365),
                )
            )
    _bulk(PolicyAction, actions)
    action_rows = list(
        PolicyAction.objects.filter(slug__startswith="synthetic-action-")
        .order_by("id")
        .values_list("id", "target_date", "status")
    )
    action_topics = PolicyAction.topics.through
    _bulk(
        action_topics,
        [
            action_topics(
                policyaction_id=action_id, topic_id=topics[n % len(topics)].id
            )
            for n, (action_id, _, _) in enumerate(action_rows)
        ],
    )
    _bulk(
        PolicyActionUpdate,
        [
            PolicyActionUpdate(
                action_id=action_id,
                date=target - datetime.timedelta(days=300 - 100 * u),
                status=status,
                note=f"Synthetic progress note {u}.",
            )
            for action_id, target, status in action_rows
            for u in range(size.updates_per)
        ],
    )
    # Bulk inserts send no signals: make every cached page stale now.
    invalidate_all()
    return {
        "topics": len(topics),
        "speakers": len(speakers),
        "announcements": len(announcement_ids),
        "comments": Comment.objects.filter(
            author_email__endswith="@synthetic.invalid"
        ).count(),
        "indicators": len(indicator_ids),
        "observations": Observation.objects.filter(
            indicator_id__in=indicator_ids
        ).count(),
        "actions": len(action_rows),
    }

"""The demo content: the press conference of 19 July 2022 on industry and
informatization, retold in Pressroom's own words.

The facts and figures are those reported at the briefing; the sentences are
ours. `load_demo()` is idempotent: running it twice leaves the same rows.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction

from announcements.models import Announcement, Comment, Speaker, Topic

from .models import Indicator, Observation, PolicyAction

HELD_ON = datetime.date(2022, 7, 19)
PUBLISHED_AT = datetime.datetime(
    2022, 7, 19, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")
)
MIIT = "Ministry of Industry and Information Technology"
H1_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))

TOPICS = {
    "digital-economy": (
        "Digital economy",
        "Size, rank and governance of the digital economy.",
    ),
    "industrial-internet": (
        "Industrial Internet",
        "5G networks in factories and the digital transformation of industry.",
    ),
    "telecom-infrastructure": (
        "Telecommunications infrastructure",
        "5G, gigabit optical fibre and computing facilities.",
    ),
    "intelligent-manufacturing": (
        "Intelligent manufacturing",
        "Numerical control, digital design tools and solution providers.",
    ),
    "data-governance": (
        "Data governance",
        "Data as a factor of production, its standards and its flow.",
    ),
}

SPEAKER = {
    "slug": "wang-peng",
    "name": "Wang Peng",
    "position": "Head of the Information and Communication Administration",
    "organization": MIIT,
}

ANNOUNCEMENT = {
    "slug": "miit-digital-economy-first-half-2022",
    "title": "Digital industries pass 10 trillion yuan in the first half of 2022; "
    "5G and gigabit fibre build-out to continue",
    "kind": Announcement.Kind.PRESS_CONFERENCE,
    "held_on": HELD_ON,
    "organizer": "State Council Information Office",
    "venue": "",
    "source_name": "IT House",
    "source_url": "",
    "language": Announcement.Language.ENGLISH,
    "status": Announcement.Status.PUBLISHED,
    "published_at": PUBLISHED_AT,
    "allow_comments": True,
    "summary": (
        "At the State Council Information Office's briefing on industry and "
        "informatization in January–June 2022, MIIT's Wang Peng reported "
        "combined revenue above 10 trillion yuan for the electronics, software, "
        "telecommunications and Internet industries, more than 3,100 “5G + "
        "Industrial Internet” projects, and five lines of work for the months ahead."
    ),
    "body": """\
The State Council Information Office held a morning briefing on how industry
and informatization fared in the first half of 2022. Speaking for the Ministry
of Industry and Information Technology (MIIT), **Wang Peng**, head of its
Information and Communication Administration, said China's digital economy had
held second place worldwide for several years running and was contributing
more and more to growth.

## What the first half of 2022 showed

**The digital industries grew.** Demand for services that avoid physical
contact — online retail, remote schooling, telemedicine — rose quickly, and
the sector kept its momentum. Between January and June, the electronic
information manufacturing, software, communications and Internet industries
together took in more than 10 trillion yuan of revenue.

**Industry went digital faster.** Work on bringing new-generation information
technology into manufacturing deepened, and the industrial Internet moved
ahead. Under the “5G + Industrial Internet” 512 programme, more than 3,100
projects were under construction, 700 of them started in the second quarter.
Intelligent-manufacturing programmes have fostered more than 6,000 solution
providers, whose services reach more than 90% of manufacturing. Among
industrial enterprises above designated size, 55.7% of key processes are now
numerically controlled, and 75.1% use digital R&D and design tools.

## Five lines of work ahead

Wang Peng said MIIT would concentrate on five areas to give the digital
economy a sound policy environment:

1. **Core technologies.** Push the innovation-driven development strategy,
   gain control of key technologies, break through the “chokepoint”
   bottlenecks, grow competitive firms that lead their ecosystems, and make
   industrial and supply chains more resilient.
2. **Networks and new digital infrastructure.** Build somewhat ahead of
   demand: more 5G and gigabit optical-fibre networks, further industrial
   Internet projects, and a planned roll-out of green, intelligent data and
   computing centres.
3. **Digital and real economies together.** Run digital-transformation
   campaigns for manufacturing and for small and medium-sized firms, open up
   more uses for industrial big data, foster specialised SMEs and single-product
   champions, and link large and small firms in shared development.
4. **Data as a factor of production.** Encourage central state-owned firms and
   Internet companies to open data the market needs, pilot national
   data-management standards in selected regions and industries, raise the
   amount and quality of data supplied, and publish guidance on where data can
   be applied.
5. **Governance of the digital economy.** Build rules, strengthen oversight,
   secure systems, deepen international cooperation, and work for an open,
   fair and non-discriminatory environment for digital development.
""",
}

INDICATORS = [
    {
        "slug": "digital-industry-revenue",
        "name": "Revenue of the electronics, software, telecom and Internet industries",
        "unit": "trillion yuan",
        "decimals": 0,
        "topic": "digital-economy",
        "frequency": Indicator.Frequency.HALF_YEARLY,
        "is_key": True,
        "description": "Combined business revenue of electronic information manufacturing, "
        "software, communications and the Internet.",
    },
    {
        "slug": "5g-industrial-internet-projects",
        "name": "“5G + Industrial Internet” projects under construction",
        "unit": "projects",
        "decimals": 0,
        "topic": "industrial-internet",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": True,
        "description": "Projects under construction in the “5G + Industrial Internet” "
        "512 programme, cumulative.",
    },
    {
        "slug": "new-5g-industrial-internet-projects",
        "name": "New “5G + Industrial Internet” projects",
        "unit": "projects",
        "decimals": 0,
        "topic": "industrial-internet",
        "frequency": Indicator.Frequency.QUARTERLY,
        "is_key": False,
        "description": "Projects added to the 512 programme in the period.",
    },
    {
        "slug": "intelligent-manufacturing-solution-providers",
        "name": "Intelligent-manufacturing solution providers",
        "unit": "providers",
        "decimals": 0,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": False,
        "description": "System solution providers fostered by intelligent-manufacturing programmes.",
    },
    {
        "slug": "manufacturing-covered-by-solution-providers",
        "name": "Share of manufacturing served by solution providers",
        "unit": "%",
        "decimals": 0,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": False,
        "description": "Share of manufacturing industries that intelligent-manufacturing "
        "solution providers serve.",
    },
    {
        "slug": "key-process-numerical-control-rate",
        "name": "Numerical control rate of key processes",
        "unit": "%",
        "decimals": 1,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.HALF_YEARLY,
        "is_key": True,
        "description": "Share of key processes under numerical control in industrial "
        "enterprises above designated size.",
    },
    {
        "slug": "digital-rd-design-tool-penetration",
        "name": "Penetration of digital R&D and design tools",
        "unit": "%",
        "decimals": 1,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.HALF_YEARLY,
        "is_key": True,
        "description": "Share of industrial enterprises above designated size using "
        "digital R&D and design tools.",
    },
    {
        "slug": "digital-economy-world-rank",
        "name": "World rank of China's digital economy",
        "unit": "rank",
        "decimals": 0,
        "topic": "digital-economy",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": False,
        "description": "Position of China's digital economy by size among the world's economies.",
    },
]

# Each quote is the sentence of the demo body above that states the figure.
REVENUE_QUOTE = (
    "Between January and June, the electronic information manufacturing, software, "
    "communications and Internet industries together took in more than 10 trillion "
    "yuan of revenue."
)
PROJECTS_QUOTE = (
    "Under the “5G + Industrial Internet” 512 programme, more than 3,100 projects were "
    "under construction, 700 of them started in the second quarter."
)
PROVIDERS_QUOTE = (
    "Intelligent-manufacturing programmes have fostered more than 6,000 solution "
    "providers, whose services reach more than 90% of manufacturing."
)
DIGITAL_TOOLS_QUOTE = (
    "Among industrial enterprises above designated size, 55.7% of key processes are "
    "now numerically controlled, and 75.1% use digital R&D and design tools."
)
RANK_QUOTE = (
    "Speaking for the Ministry of Industry and Information Technology (MIIT), Wang "
    "Peng, head of its Information and Communication Administration, said China's "
    "digital economy had held second place worldwide for several years running and "
    "was contributing more and more to growth."
)

# indicator slug, period (start, end, label), value, qualifier, quote
OBSERVATIONS = [
    (
        "digital-industry-revenue",
        (*H1_2022, "Jan–Jun 2022"),
        Decimal("10"),
        Observation.Qualifier.EXCEEDED,
        REVENUE_QUOTE,
    ),
    (
        "5g-industrial-internet-projects",
        (*H1_2022, "2022 H1"),
        Decimal("3100"),
        Observation.Qualifier.MORE_THAN,
        PROJECTS_QUOTE,
    ),
    (
        "new-5g-industrial-internet-projects",
        (datetime.date(2022, 4, 1), datetime.date(2022, 6, 30), "2022 Q2"),
        Decimal("700"),
        Observation.Qualifier.EXACT,
        PROJECTS_QUOTE,
    ),
    (
        "intelligent-manufacturing-solution-providers",
        (*H1_2022, "2022 H1"),
        Decimal("6000"),
        Observation.Qualifier.MORE_THAN,
        PROVIDERS_QUOTE,
    ),
    (
        "manufacturing-covered-by-solution-providers",
        (*H1_2022, "2022 H1"),
        Decimal("90"),
        Observation.Qualifier.MORE_THAN,
        PROVIDERS_QUOTE,
    ),
    (
        "key-process-numerical-control-rate",
        (*H1_2022, "2022 H1"),
        Decimal("55.7"),
        Observation.Qualifier.EXACT,
        DIGITAL_TOOLS_QUOTE,
    ),
    (
        "digital-rd-design-tool-penetration",
        (*H1_2022, "2022 H1"),
        Decimal("75.1"),
        Observation.Qualifier.EXACT,
        DIGITAL_TOOLS_QUOTE,
    ),
    (
        "digital-economy-world-rank",
        (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), "2021"),
        Decimal("2"),
        Observation.Qualifier.EXACT,
        RANK_QUOTE,
    ),
]

# ordinal, slug, title, description, topics, indicator slugs
ACTIONS = [
    (
        1,
        "2022-07-core-technologies-digital-industry",
        "Strengthen research on core technologies and drive innovation in the digital industry",
        "Carry out the innovation-driven development strategy, secure control of key "
        "core technologies, break through chokepoint areas, grow competitive firms that "
        "lead their ecosystems, and make industrial and supply chains more resilient "
        "and competitive.",
        ["digital-economy"],
        ["digital-industry-revenue"],
    ),
    (
        2,
        "2022-07-network-layout-digital-infrastructure",
        "Optimise the network layout and speed up new digital infrastructure",
        "Build moderately ahead of demand: intensify construction of 5G and gigabit "
        "optical-fibre networks, carry out industrial Internet innovation projects, and "
        "plan green, intelligent data and computing facilities as a whole.",
        ["telecom-infrastructure", "industrial-internet"],
        ["5g-industrial-internet-projects", "new-5g-industrial-internet-projects"],
    ),
    (
        3,
        "2022-07-integrate-digital-and-real-economy",
        "Meet industry's application needs and integrate the digital and real economies",
        "Run digital-transformation campaigns for manufacturing and for SMEs, widen the "
        "uses of industrial big data, foster specialised and innovative SMEs and "
        "single-product champions, and join large and small firms in integrated "
        "development.",
        ["intelligent-manufacturing", "industrial-internet"],
        [
            "key-process-numerical-control-rate",
            "digital-rd-design-tool-penetration",
            "manufacturing-covered-by-solution-providers",
        ],
    ),
    (
        4,
        "2022-07-data-as-factor-of-production",
        "Unlock the value of data as a factor of production",
        "Support central enterprises and Internet companies in opening data the market "
        "needs, pilot national data-management standards in selected regions and "
        "industries, raise the volume and quality of data supplied, and publish "
        "guidance on application scenarios for data.",
        ["data-governance"],
        [],
    ),
    (
        5,
        "2022-07-digital-economy-governance",
        "Strengthen governance of the digital economy and build a sound industrial ecosystem",
        "Build systems, strengthen supervision, ensure security and improve governance "
        "capability; deepen international cooperation for an open, fair, just and "
        "non-discriminatory environment for the digital economy.",
        ["digital-economy", "data-governance"],
        ["digital-economy-world-rank"],
    ),
]

# Sample conversation so the comment thread has something to show.
COMMENTS = [
    {
        "author_name": "Li Na",
        "author_email": "li.na@example.org",
        "body": "Does the 10 trillion yuan include telecom services revenue, or only manufacturing?",
        "reply": {
            "author_name": "Pressroom desk",
            "author_email": "desk@example.org",
            "body": "It covers all four: electronics manufacturing, software, "
            "communications and the Internet, taken together.",
        },
    },
]


def upsert(model, *, defaults, **lookup):
    """Get or create a row and save it only if a field differs.

    Unlike update_or_create, an unchanged row is not saved again, so a second
    run adds no edit-history entries either.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup)
    elif all(getattr(instance, field) == value for field, value in defaults.items()):
        return instance
    for field, value in defaults.items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def load_demo() -> Announcement:
    """Create or refresh the demo press conference and everything it cites."""
    topics = {
        slug: upsert(
            Topic, slug=slug, defaults={"name": name, "description": description}
        )
        for slug, (name, description) in TOPICS.items()
    }
    speaker = upsert(
        Speaker,
        slug=SPEAKER["slug"],
        defaults={k: v for k, v in SPEAKER.items() if k != "slug"},
    )
    announcement = upsert(
        Announcement,
        slug=ANNOUNCEMENT["slug"],
        defaults={k: v for k, v in ANNOUNCEMENT.items() if k != "slug"},
    )
    announcement.speakers.set([speaker])
    announcement.topics.set(topics.values())

    indicators = {}
    for spec in INDICATORS:
        defaults = {k: v for k, v in spec.items() if k not in {"slug", "topic"}}
        defaults["topic"] = topics[spec["topic"]]
        indicators[spec["slug"]] = upsert(
            Indicator, slug=spec["slug"], defaults=defaults
        )
    for slug, (start, end, label), value, qualifier, quote in OBSERVATIONS:
        upsert(
            Observation,
            indicator=indicators[slug],
            period_start=start,
            period_end=end,
            announcement=announcement,
            defaults={
                "period_label": label,
                "value": value,
                "qualifier": qualifier,
                "quality": Observation.Quality.REPORTED,
                "quote": quote,
            },
        )
    for ordinal, slug, title, description, topic_slugs, indicator_slugs in ACTIONS:
        action = upsert(
            PolicyAction,
            announcement=announcement,
            ordinal=ordinal,
            defaults={
                "slug": slug,
                "title": title,
                "description": description,
                "responsible_body": MIIT,
            },
        )
        action.topics.set([topics[t] for t in topic_slugs])
        action.indicators.set([indicators[i] for i in indicator_slugs])

    for spec in COMMENTS:
        parent, _ = Comment.objects.get_or_create(
            announcement=announcement,
            author_email=spec["author_email"],
            body=spec["body"],
            defaults={
                "author_name": spec["author_name"],
                "status": Comment.Status.APPROVED,
                "created_at": PUBLISHED_AT + datetime.timedelta(hours=3),
            },
        )
        reply = spec["reply"]
        Comment.objects.get_or_create(
            announcement=announcement,
            parent=parent,
            author_email=reply["author_email"],
            body=reply["body"],
            defaults={
                "author_name": reply["author_name"],
                "status": Comment.Status.APPROVED,
                "created_at": PUBLISHED_AT + datetime.timedelta(hours=5),
            },
        )
    return announcement

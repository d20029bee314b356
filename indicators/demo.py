"""The demo content: the press conference of 19 July 2022 on industry and
informatization, and other texts of 2020–2024 on the same subjects, retold in
Pressroom's own words.

The facts and figures are those reported in each text (each links its
source); the sentences are ours. `load_demo()` is idempotent: running it twice
leaves the same rows.
"""

import datetime
import re
import zoneinfo
from decimal import Decimal

from django.db import transaction

from announcements.models import Announcement, Comment, Speaker, Topic

from . import demo_zh
from .models import Indicator, Observation, PolicyAction, PolicyActionUpdate

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
        "software, communications and the Internet. No other period of this "
        "combined figure has been published in the texts here; the revenue of "
        "software and IT services alone is a separate indicator.",
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
        "512 programme, cumulative. The 2023 figure was stated without the words "
        "“under construction”; projects “launched” in a year are a separate indicator.",
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


# --- Later and earlier texts on the same subjects ------------------------------
#
# Each is retold in Pressroom's own words from the facts of the page it links
# (the demo's fact sheet); figures carry over, sentences do not. They give the
# seed's indicators several periods, and report progress on its actions.


def year_period(year: int, label: str | None = None) -> tuple:
    return (datetime.date(year, 1, 1), datetime.date(year, 12, 31), label or str(year))


def as_of(year: int, month: int, day: int, label: str) -> tuple:
    """A stock on a given day: the period runs from 1 January to that day,
    as the seed's half-year figures and imported "as of" figures do."""
    return (datetime.date(year, 1, 1), datetime.date(year, month, day), label)


def sentence_with(body: str, phrase: str) -> str:
    """Return the one sentence of `body` that contains `phrase`, as a reader
    sees it (Markdown markers and line breaks removed)."""
    found = []
    for paragraph in re.split(r"\n\s*\n", body):
        text = " ".join(paragraph.split())
        text = re.sub(r"^(#+|\d+\.|-)\s+", "", text).replace("**", "")
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“(])", text):
            if phrase in sentence:
                found.append(sentence)
    if len(found) != 1:
        raise ValueError(f"{phrase!r} is in {len(found)} sentences, not one")
    return found[0]


def at(hour: int, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")
    )


SCIO = "State Council Information Office"

SPEAKERS = {
    "wang-zhijun": (
        "Wang Zhijun",
        "Vice Minister of Industry and Information Technology",
        MIIT,
    ),
    "lu-shan": ("Lu Shan", "Director, Planning Department", MIIT),
    "wen-ku": (
        "Wen Ku",
        "Director, Telecom Development Department; spokesperson",
        MIIT,
    ),
    "tian-yulong": ("Tian Yulong", "Spokesperson and Chief Engineer", MIIT),
    "zhao-zhiguo": (
        "Zhao Zhiguo",
        "Spokesperson; Director General, Information and Communications Administration",
        MIIT,
    ),
    "xie-shaofeng": (
        "Xie Shaofeng",
        "Director, Information Technology Development Department",
        MIIT,
    ),
    "xin-guobin": (
        "Xin Guobin",
        "Vice Minister of Industry and Information Technology",
        MIIT,
    ),
    "xu-xiaolan": (
        "Xu Xiaolan",
        "Vice Minister of Industry and Information Technology",
        MIIT,
    ),
    "han-xia": ("Han Xia", "Chief Engineer", MIIT),
    "zhang-yunming": (
        "Zhang Yunming",
        "Vice Minister of Industry and Information Technology",
        MIIT,
    ),
    "tao-qing": (
        "Tao Qing",
        "Spokesperson; Director General, Operation Monitoring and Coordination Bureau",
        MIIT,
    ),
}

MORE_INDICATORS = [
    {
        "slug": "5g-base-stations",
        "name": "5G base stations in service",
        "unit": "base stations",
        "decimals": 0,
        "topic": "telecom-infrastructure",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": True,
        "description": "Total 5G base stations built and in service nationwide at the "
        "date given (a stock). The stations added in a year are a separate "
        "indicator; a total given without a date is not recorded.",
    },
    {
        "slug": "5g-base-stations-added",
        "name": "5G base stations added in the year",
        "unit": "base stations",
        "decimals": 0,
        "topic": "telecom-infrastructure",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": False,
        "description": "5G base stations built during the year (a flow, not a total).",
    },
    {
        "slug": "5g-industrial-internet-projects-launched",
        "name": "“5G + Industrial Internet” projects launched in the year",
        "unit": "projects",
        "decimals": 0,
        "topic": "industrial-internet",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": False,
        "description": "Projects reported as launched during the year. Kept apart from "
        "the count of projects under construction, which may measure something else.",
    },
    {
        "slug": "industrial-internet-platforms",
        "name": "Industrial-internet platforms with national influence",
        "unit": "platforms",
        "decimals": 0,
        "topic": "industrial-internet",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": False,
        "description": "Platforms MIIT describes as influential nationwide; a count of "
        "all platforms built is a different, larger measure.",
    },
    {
        "slug": "key-process-numerical-control-rate-all-enterprises",
        "name": "Numerical control rate of key processes, all industrial enterprises",
        "unit": "%",
        "decimals": 1,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": False,
        "description": "Share of key processes under numerical control in industrial "
        "enterprises, without the limit to enterprises above designated size (that "
        "series is a separate indicator). The 2022 figure covers enterprises "
        "nationwide; the 2024 article says “industrial enterprises” without a size, "
        "and its ten-year gain implies another 2012 level than the 2022 briefing's: "
        "read the change between them with care.",
    },
    {
        "slug": "digital-rd-design-tool-penetration-all-enterprises",
        "name": "Penetration of digital R&D and design tools, all industrial enterprises",
        "unit": "%",
        "decimals": 1,
        "topic": "intelligent-manufacturing",
        "frequency": Indicator.Frequency.IRREGULAR,
        "is_key": False,
        "description": "Share of industrial enterprises using digital R&D and design "
        "tools, without the limit to enterprises above designated size (that series "
        "is a separate indicator). The 2022 figure covers enterprises nationwide; "
        "the 2024 article does not state the size. Targets (85% by 2025) are plans, "
        "not figures, and are not charted.",
    },
    {
        "slug": "software-it-services-revenue",
        "name": "Revenue of software and IT services",
        "unit": "billion yuan",
        "decimals": 1,
        "topic": "digital-economy",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": True,
        "description": "Business revenue of the software and information technology "
        "services industry in the year. Not comparable with the combined revenue of "
        "electronics, software, telecoms and the Internet.",
    },
    {
        "slug": "digital-economy-scale",
        "name": "Size of China's digital economy",
        "unit": "trillion yuan",
        "decimals": 1,
        "topic": "digital-economy",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": False,
        "description": "Value of the digital economy in the year.",
    },
    {
        "slug": "digital-economy-share-of-gdp",
        "name": "Digital economy as a share of GDP",
        "unit": "%",
        "decimals": 1,
        "topic": "digital-economy",
        "frequency": Indicator.Frequency.ANNUAL,
        "is_key": False,
        "description": "The digital economy's value as a share of gross domestic product.",
    },
]

PRESS_CONFERENCE = Announcement.Kind.PRESS_CONFERENCE
PRESS_RELEASE = Announcement.Kind.PRESS_RELEASE
SPEECH = Announcement.Kind.SPEECH
EXACT = Observation.Qualifier.EXACT
MORE_THAN = Observation.Qualifier.MORE_THAN
EXCEEDED = Observation.Qualifier.EXCEEDED
ABOUT = Observation.Qualifier.ABOUT

# Each text: its fields, speakers and topics, and its figures as
# (indicator slug, period, value, qualifier, a phrase of the sentence, note).
TEXTS = [
    {
        "slug": "scio-industry-telecoms-13th-five-year-plan",
        "title": "Industrial Internet reaches more than 300 cities as the 13th "
        "Five-Year Plan period closes",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2020, 10, 23),
        "organizer": SCIO,
        "source_name": "SCIO (English site)",
        "source_url": "http://english.scio.gov.cn/m/pressroom/2020-10/29/content_76858784_9.html",
        "summary": "Looking back on industry and telecommunications in 2016–2020, "
        "MIIT's Wen Ku described an industrial Internet connecting more than 180,000 "
        "enterprises and more than 800 “5G + Industrial Internet” projects under way.",
        "body": """\
The State Council Information Office called the press together to review
industry and telecommunications over the 13th Five-Year Plan period, which
ends with 2020. Its spokesperson Shou Xiaoli chaired; on the platform were
Vice Minister Wang Zhijun, Lu Shan of MIIT's Planning Department and Wen Ku,
who heads its Telecom Development Department and speaks for the ministry.

## The industrial Internet, in numbers

A question on the industrial Internet went from Wang Zhijun to Wen Ku.
Outer networks built for industry, with low latency and high reliability, now
serve more than 300 cities, and more than 180,000 industrial enterprises are
linked to them. There are 75 secondary nodes of the identification-resolution
system online, under top-level nodes in Beijing, Shanghai, Guangzhou, Wuhan and
Chongqing. Wen Ku counted more than 70 platforms with influence across the
country and 40 million pieces of industrial equipment connected, with
integrated uses in more than 30 key industries.

Telecom operators and manufacturers, he added, were jointly building more
than 800 “5G + Industrial Internet” projects under the 512 programme.

The names and posts of the speakers are those of the
[list published with the transcript](http://m.china.org.cn/orgdoc/doc_1_29302_1778318.html).
""",
        "speakers": ["wang-zhijun", "lu-shan", "wen-ku"],
        "topics": ["industrial-internet", "telecom-infrastructure"],
        "figures": [
            (
                "5g-industrial-internet-projects",
                as_of(2020, 10, 23, "as of 23 Oct 2020"),
                Decimal("800"),
                MORE_THAN,
                "more than 800",
                "",
            ),
            (
                "industrial-internet-platforms",
                as_of(2020, 10, 23, "as of 23 Oct 2020"),
                Decimal("70"),
                MORE_THAN,
                "more than 70 platforms",
                "",
            ),
        ],
    },
    {
        "slug": "scio-industry-it-2020",
        "title": "More than 600,000 5G base stations built in 2020; as many again "
        "planned for 2021",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2021, 1, 26),
        "organizer": SCIO,
        "source_name": "CGTN",
        "source_url": "https://news.cgtn.com/news/2021-01-26/China-constructed-over-600-000-5G-base-stations-in-2020-MIIT-XmnohrXqmc/share_amp.html",
        "summary": "At the briefing on industry and IT in 2020, MIIT reported more "
        "than 600,000 new 5G base stations and more than 1,100 “5G + Industrial "
        "Internet” projects launched, and set out its 5G plan for 2021.",
        "body": """\
MIIT's spokesperson and chief engineer Tian Yulong and Zhao Zhiguo, director of
its Information and Communication Administration, reported on 2020 at a
briefing of the State Council Information Office
([SCIO's own page](http://english.scio.gov.cn/pressroom/2021-01/26/content_77155489_2.htm)).

## 5G in 2020

According to Tian Yulong, more than 600,000 5G base stations went up and into
service during 2020, and 5G now reaches every city at prefecture level or
above. Terminals connected to 5G passed 200 million. Telecom services grew by
20.6% on the year, and software and information services revenue by 13.3%.

Zhao Zhiguo said that more than 1,100 “5G + Industrial Internet” projects were
launched over the year, and that more than 60 hospitals in 19 provinces used
5G for remote consultations.

## The plan for 2021

MIIT described its 5G work for 2021 in three prongs, of which the report we
drew on gives two:

1. Extend coverage: build another 600,000 base stations, take 5G to counties
   and towns where that is feasible, and build networks for industry, energy,
   transport, health care and education.
2. Strengthen innovation; the report breaks off after naming this prong.
""",
        "speakers": ["tian-yulong", "zhao-zhiguo"],
        "topics": ["telecom-infrastructure", "industrial-internet"],
        "figures": [
            (
                "5g-base-stations-added",
                year_period(2020),
                Decimal("600000"),
                MORE_THAN,
                "more than 600,000 5G base stations",
                "",
            ),
            (
                "5g-industrial-internet-projects-launched",
                year_period(2020),
                Decimal("1100"),
                MORE_THAN,
                "more than 1,100",
                "",
            ),
        ],
        "actions": [
            (
                1,
                "2021-01-extend-5g-coverage",
                "Extend 5G coverage with another 600,000 base stations in 2021",
                "Build another 600,000 5G base stations, extend 5G to counties and "
                "towns where feasible, and build networks for industry, energy, "
                "transport, health care and education.",
                ["telecom-infrastructure"],
                ["5g-base-stations", "5g-base-stations-added"],
            ),
            (
                2,
                "2021-01-strengthen-5g-innovation",
                "Strengthen 5G innovation",
                "The second prong of the 2021 plan; the report the demo draws on "
                "gives no detail.",
                ["telecom-infrastructure"],
                [],
            ),
        ],
    },
    {
        "slug": "miit-plan-integrating-it-and-industry",
        "title": "Five-year plan for IT in industry: more than 1,800 “5G + Industrial "
        "Internet” projects so far",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2021, 11, 30),
        "organizer": MIIT,
        "source_name": "english.www.gov.cn",
        "source_url": "https://english.www.gov.cn/statecouncil/ministries/202112/01/content_WS61a6d009c6d0df57f98e5da0.html",
        "summary": "Releasing its plan for integrating IT and industry to 2025, MIIT "
        "counted more than 1,800 “5G + Industrial Internet” projects and more than "
        "100 influential platforms.",
        "body": """\
Xie Shaofeng, director of MIIT's Information Technology Development
Department, presented the ministry's five-year plan for bringing information
technology and industry together.

So far, he said, more than 1,800 “5G + Industrial Internet” projects are being
built, in ten key industries that include mining, coal and power. The country
has more than 100 industrial-internet platforms of wide influence.

The plan aims for 85% of enterprises to use digital R&D and design tools by
2025, and 45% to use industrial-internet platforms; those are targets, not
results. A second plan released the same day puts the big-data industry at
more than 1 trillion yuan in 2020 and aims for more than 3 trillion by 2025.
The plan groups its work in five special initiatives, among them the digital
transformation of manufacturing and industrial-internet platforms.
""",
        "speakers": ["xie-shaofeng"],
        "topics": ["industrial-internet", "intelligent-manufacturing"],
        "figures": [
            (
                "5g-industrial-internet-projects",
                as_of(2021, 11, 30, "as of 30 Nov 2021"),
                Decimal("1800"),
                MORE_THAN,
                "more than 1,800",
                "",
            ),
            (
                "industrial-internet-platforms",
                as_of(2021, 11, 30, "as of 30 Nov 2021"),
                Decimal("100"),
                MORE_THAN,
                "more than 100 industrial-internet platforms",
                "",
            ),
        ],
    },
    {
        "slug": "scio-industry-it-2021",
        "title": "More than 1.4 million 5G base stations at the end of 2021",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2022, 1, 20),
        "organizer": SCIO,
        "source_name": "China.org.cn (SCIO transcript)",
        "source_url": "http://www.china.org.cn/china/2022-01/24/content_78008260_7.htm",
        "summary": "At the briefing on 2021, MIIT's Zhao Zhiguo put the number of "
        "5G base stations at more than 1.4 million.",
        "body": """\
Reviewing 2021 for the State Council Information Office, Zhao Zhiguo of MIIT
said that by the end of the year China had more than 1.4 million 5G base
stations. More than 800,000 of them were built and shared jointly by
operators.
""",
        "speakers": ["zhao-zhiguo"],
        "topics": ["telecom-infrastructure"],
        "figures": [
            (
                "5g-base-stations",
                year_period(2021, "end of 2021"),
                Decimal("1400000"),
                MORE_THAN,
                "more than 1.4 million",
                "",
            ),
        ],
        "updates": [
            (
                "2021-01-extend-5g-coverage",
                PolicyAction.Status.IN_PROGRESS,
                "At the end of 2021 there were more than 1.4 million 5G base "
                "stations. The briefing gave no count of those added in 2021, so "
                "whether the 600,000 were reached is not stated.",
            ),
        ],
    },
    {
        "slug": "china-past-decade-industry-it",
        "title": "A decade of industry and IT: 51.3% of key processes numerically "
        "controlled",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2022, 6, 14),
        "organizer": "Publicity Department of the CPC Central Committee",
        "source_name": "SCIO (English site), from China.org.cn",
        "source_url": "http://english.scio.gov.cn/m/pressroom/2022-06/18/content_78277863_5.htm",
        "summary": "In the “China in the past decade” series, MIIT's Han Xia "
        "reported the state of digital manufacturing at the end of 2021.",
        "body": """\
The eighth press conference of the “China in the past decade” series, chaired by
Shou Xiaoli, brought Vice Ministers Xin Guobin and Xu Xiaolan and Chief Engineer
Han Xia of MIIT before the press
([list of speakers](http://english.scio.gov.cn/m/pressroom/2022-06/18/content_78277863.htm)).

Han Xia gave the figures. Across industrial enterprises nationwide, 51.3% of key
processes were under numerical control at the end of 2021, 30.7 points more than
in 2012. Digital R&D and design tools were used by 74.7% of them, up 25.9 points
over the same years. China has released 42 international standards for
intelligent manufacturing and more than 300 national ones.
""",
        "speakers": ["xin-guobin", "xu-xiaolan", "han-xia"],
        "topics": ["intelligent-manufacturing"],
        "figures": [
            (
                "key-process-numerical-control-rate-all-enterprises",
                year_period(2021, "end of 2021"),
                Decimal("51.3"),
                EXACT,
                "51.3%",
                "Industrial enterprises nationwide.",
            ),
            (
                "digital-rd-design-tool-penetration-all-enterprises",
                year_period(2021, "end of 2021"),
                Decimal("74.7"),
                EXACT,
                "74.7%",
                "Industrial enterprises nationwide.",
            ),
        ],
    },
    {
        "slug": "miit-data-digital-economy-2021",
        "title": "Digital economy above 45 trillion yuan in 2021, second in the world",
        "kind": PRESS_RELEASE,
        "held_on": datetime.date(2022, 7, 6),
        "organizer": "",
        "source_name": "ECNS (China News Service)",
        "source_url": "http://www.ecns.cn/news/cns-wire/2022-07-06/detail-ihazynnw3904537.shtml",
        "summary": "MIIT data reported by China News Service: the size and rank of "
        "the digital economy in 2021, 5G and gigabit users, and the revenue of "
        "software and Internet services.",
        "body": """\
Figures from MIIT, as China News Service reported them, describe the digital
economy in 2021.

In 2021 the digital economy was worth more than 45 trillion yuan, up from 11
trillion in 2012, and it ranked second in the world. It made up 39.8% of GDP,
against 21.6% in 2012.

By May 2022 the count of 5G base stations had reached 1.7 million. Gigabit
users passed 50 million and 5G phone users 420 million.

Software and IT services earned 9,499.4 billion yuan in 2021, 17.7% more than
a year earlier, while Internet and related services took 1,550 billion yuan.
""",
        "speakers": [],
        "topics": ["digital-economy", "telecom-infrastructure"],
        "figures": [
            (
                "digital-economy-scale",
                year_period(2021),
                Decimal("45"),
                MORE_THAN,
                "more than 45 trillion",
                "",
            ),
            (
                "digital-economy-world-rank",
                year_period(2021),
                Decimal("2"),
                EXACT,
                "more than 45 trillion",
                "",
            ),
            (
                "digital-economy-share-of-gdp",
                year_period(2021),
                Decimal("39.8"),
                EXACT,
                "39.8%",
                "",
            ),
            (
                "5g-base-stations",
                as_of(2022, 5, 31, "end of May 2022"),
                Decimal("1700000"),
                EXACT,
                "1.7 million",
                "",
            ),
            (
                "software-it-services-revenue",
                year_period(2021),
                Decimal("9499.4"),
                EXACT,
                "9,499.4 billion",
                "",
            ),
        ],
    },
    {
        "slug": "miit-5g-base-stations-mid-2022",
        "title": "1.854 million 5G base stations at mid-2022",
        "kind": PRESS_CONFERENCE,
        "held_on": HELD_ON,
        "organizer": SCIO,
        "source_name": "C114",
        "source_url": "http://en.c114.com.cn/575/a1202364.html",
        "summary": "At the same briefing as Wang Peng, MIIT's Tian Yulong gave the "
        "number of 5G base stations at the end of June 2022.",
        "body": """\
At the briefing on the first half of 2022, Tian Yulong, MIIT's spokesperson
and chief engineer, said 1.854 million 5G base stations had been built and
were operating at the end of June.
""",
        "speakers": ["tian-yulong"],
        "topics": ["telecom-infrastructure"],
        "figures": [
            (
                "5g-base-stations",
                (*H1_2022, "end of June 2022"),
                Decimal("1854000"),
                EXACT,
                "1.854 million",
                "",
            ),
        ],
    },
    {
        "slug": "5g-industrial-internet-conference-2022",
        "title": "More than 4,000 “5G + Industrial Internet” projects under way, "
        "Zhang Yunming tells Wuhan conference",
        "kind": SPEECH,
        "held_on": datetime.date(2022, 11, 20),
        "organizer": "MIIT and the Hubei provincial government",
        "venue": "Wuhan",
        "source_name": "People's Daily",
        "source_url": "https://peoplesdaily.pdnews.cn/china/er/30001353518",
        "summary": "Opening the 2022 China 5G+ Industrial Internet Conference, Vice "
        "Minister Zhang Yunming's remarks came with figures on 5G networks, users "
        "and industrial projects.",
        "body": """\
The 2022 China 5G+ Industrial Internet Conference opened in Wuhan, hosted by
MIIT with the Hubei provincial government, with remarks by Vice Minister
Zhang Yunming. The figures below accompanied his remarks in the report; they
are not quoted from him.

China's standalone 5G network counted more than 2.22 million base stations,
serving more than 520 million 5G users. Nationwide, more than 4,000 “5G +
Industrial Internet” projects were being built, with pilots in cars,
electronics and mining, fully connected 5G factories among them.
""",
        "speakers": ["zhang-yunming"],
        "topics": ["industrial-internet", "telecom-infrastructure"],
        "figures": [
            (
                "5g-base-stations",
                as_of(2022, 11, 20, "as of 20 Nov 2022"),
                Decimal("2220000"),
                MORE_THAN,
                "more than 2.22 million",
                "",
            ),
            (
                "5g-industrial-internet-projects",
                as_of(2022, 11, 20, "as of 20 Nov 2022"),
                Decimal("4000"),
                MORE_THAN,
                "more than 4,000",
                "",
            ),
        ],
        "updates": [
            (
                "2022-07-network-layout-digital-infrastructure",
                PolicyAction.Status.IN_PROGRESS,
                "In November 2022: more than 2.22 million 5G base stations and "
                "more than 4,000 “5G + Industrial Internet” projects under way.",
            ),
        ],
    },
    {
        "slug": "5g-base-stations-end-2022",
        "title": "5G base stations pass 2.31 million at the end of 2022",
        "kind": PRESS_RELEASE,
        "held_on": datetime.date(2023, 1, 19),
        "organizer": "",
        "source_name": "Xinhua, on the SCIO site",
        "source_url": "http://english.scio.gov.cn/pressroom/2023-01/19/content_85068370.htm",
        "summary": "About 887,000 5G base stations were added in 2022, Xinhua "
        "reported, for a total of more than 2.31 million.",
        "body": """\
China ended 2022 with more than 2.31 million 5G base stations, Xinhua
reported. About 887,000 of them were added during the year.
""",
        "speakers": [],
        "topics": ["telecom-infrastructure"],
        "figures": [
            (
                "5g-base-stations",
                year_period(2022, "end of 2022"),
                Decimal("2310000"),
                EXCEEDED,
                "2.31 million",
                "",
            ),
            (
                "5g-base-stations-added",
                year_period(2022),
                Decimal("887000"),
                ABOUT,
                "887,000",
                "",
            ),
        ],
    },
    {
        "slug": "software-revenue-2022",
        "title": "Software and IT services revenue above 10.81 trillion yuan in 2022",
        "kind": PRESS_RELEASE,
        "held_on": datetime.date(2023, 2, 2),
        "organizer": "",
        "source_name": "People's Daily Online",
        "source_url": "http://en.people.cn/n3/2023/0202/c90000-10202723.html",
        "summary": "The software and IT services industry grew 11.2% in 2022.",
        "body": """\
The software and IT services industry took in more than 10.81 trillion yuan of
revenue in 2022, an increase of 11.2%, according to People's Daily Online.
""",
        "speakers": [],
        "topics": ["digital-economy"],
        "figures": [
            (
                "software-it-services-revenue",
                year_period(2022),
                Decimal("10810"),
                MORE_THAN,
                "10.81 trillion",
                "",
            ),
        ],
    },
    {
        "slug": "digital-china-development-report-2022",
        "title": "Digital economy reaches 50.2 trillion yuan in 2022, 41.5% of GDP",
        "kind": PRESS_RELEASE,
        "held_on": datetime.date(2023, 4, 27),
        "organizer": "Cyberspace Administration of China",
        "source_name": "Business Wire (via Daily Host News)",
        "source_url": "https://www.dailyhostnews.com/digital-china-development-report-2022-released-chinas-digital-economy-ranks-second-in-the-world",
        "summary": "The Digital China Development Report 2022 keeps China's digital "
        "economy second in the world.",
        "body": """\
The Cyberspace Administration of China released its Digital China Development
Report 2022. It values the digital economy at 50.2 trillion yuan in 2022 and
ranks it second in the world. That is 41.5% of GDP.
""",
        "speakers": [],
        "topics": ["digital-economy"],
        "figures": [
            (
                "digital-economy-scale",
                year_period(2022),
                Decimal("50.2"),
                EXACT,
                "50.2 trillion",
                "",
            ),
            (
                "digital-economy-world-rank",
                year_period(2022),
                Decimal("2"),
                EXACT,
                "50.2 trillion",
                "",
            ),
            (
                "digital-economy-share-of-gdp",
                year_period(2022),
                Decimal("41.5"),
                EXACT,
                "41.5%",
                "",
            ),
        ],
    },
    {
        "slug": "scio-industry-it-2023",
        "title": "3.377 million 5G base stations and more than 10,000 “5G + "
        "Industrial Internet” projects in 2023",
        "kind": PRESS_CONFERENCE,
        "held_on": datetime.date(2024, 1, 19),
        "organizer": SCIO,
        "source_name": "C114",
        "source_url": "https://en.c114.com.cn/583/a1253372.html",
        "summary": "At the briefing on industry and IT in 2023, Vice Minister Xin "
        "Guobin reported telecoms growth, the 5G build-out and the spread of 5G "
        "into industry.",
        "body": """\
The State Council Information Office held its briefing on industry and
information technology in 2023 in Beijing, chaired by its spokesperson Xing
Huina ([SCIO's page](http://english.scio.gov.cn/pressroom/node_9006663.htm)).
MIIT sent Vice Minister Xin Guobin and its spokespersons Zhao Zhiguo and Tao
Qing; the figures below are Xin Guobin's, as C114 reported them.

Telecom revenue rose 6.2% in 2023 and telecom business volume 16.8%. At the
end of the year 3.377 million 5G base stations had been built, and 23.02
million ports could serve gigabit connections. Mobile Internet-of-Things
connections made up 57.5% of all mobile terminal connections, and more than
80% of administrative villages had 5G.

5G was in use in 71 of the major categories of the national economy, and the
number of “5G + Industrial Internet” projects passed 10000.
""",
        "speakers": ["xin-guobin", "zhao-zhiguo", "tao-qing"],
        "topics": ["telecom-infrastructure", "industrial-internet"],
        "figures": [
            (
                "5g-base-stations",
                year_period(2023, "end of 2023"),
                Decimal("3377000"),
                EXACT,
                "3.377 million",
                "",
            ),
            (
                "5g-industrial-internet-projects",
                year_period(2023),
                Decimal("10000"),
                EXCEEDED,
                "passed 10000",
                "Stated without the words “under construction”.",
            ),
        ],
        "updates": [
            (
                "2022-07-network-layout-digital-infrastructure",
                PolicyAction.Status.IN_PROGRESS,
                "End of 2023: 3.377 million 5G base stations, 23.02 million "
                "gigabit-capable ports, and more than 10,000 “5G + Industrial "
                "Internet” projects.",
            ),
        ],
    },
    {
        "slug": "qiushi-digital-and-real-economy",
        "title": "Qiushi: ten years of bringing the digital and real economies together",
        "kind": PRESS_RELEASE,
        "held_on": datetime.date(2024, 2, 22),
        "organizer": "",
        "source_name": "Qiushi Journal (English edition), article by Qiu Ping",
        "source_url": "http://en.qstheory.cn/2024-02/22/c_964267.htm",
        "summary": "An article in Qiushi on how far digital technology has entered "
        "industry: numerical control, design tools, software revenue.",
        "body": """\
An article by Qiu Ping in Qiushi Journal takes stock of the integration of the
digital and real economies. It is an article, not a briefing, and it names no
date for several of its figures.

By June 2023, it says, 60.1% of key processes in industrial enterprises were
numerically controlled, 33.1 points more than ten years before, and 78.3% of
industrial enterprises used digital R&D and design tools, up 26.4 points.

Software business revenue grew from 2.5 trillion yuan in 2012 to 10.8 trillion
in 2022, or 15.8% a year on average. The article also counts more than 3.05
million 5G base stations, computing power in use above 197 EFLOPS, more than
240 industrial-internet platforms serving 45 major sectors, and nearly 8,000
digital workshops and intelligent factories, without dates.
""",
        "speakers": [],
        "topics": ["intelligent-manufacturing", "digital-economy"],
        "figures": [
            (
                "key-process-numerical-control-rate-all-enterprises",
                (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30), "mid-2023"),
                Decimal("60.1"),
                EXACT,
                "60.1%",
                "“Industrial enterprises”, size not stated.",
            ),
            (
                "digital-rd-design-tool-penetration-all-enterprises",
                (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30), "mid-2023"),
                Decimal("78.3"),
                EXACT,
                "60.1%",
                "“Industrial enterprises”, size not stated.",
            ),
            (
                "software-it-services-revenue",
                year_period(2012),
                Decimal("2500"),
                EXACT,
                "2.5 trillion",
                "",
            ),
            (
                "software-it-services-revenue",
                year_period(2022),
                Decimal("10800"),
                EXACT,
                "2.5 trillion",
                "",
            ),
        ],
        "updates": [
            (
                "2022-07-integrate-digital-and-real-economy",
                PolicyAction.Status.IN_PROGRESS,
                "By June 2023: 60.1% of key processes numerically controlled and "
                "78.3% of industrial enterprises using digital R&D and design "
                "tools (scope “industrial enterprises”, size not stated).",
            ),
        ],
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
    for spec in [*INDICATORS, *MORE_INDICATORS]:
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

    load_other_texts(topics, indicators)
    load_chinese()

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


TEXT_FIELDS = (
    "title",
    "kind",
    "held_on",
    "organizer",
    "venue",
    "source_name",
    "source_url",
    "summary",
    "body",
)


def load_other_texts(topics, indicators) -> None:
    """Create or refresh the texts beside the seed, their figures and actions,
    and the updates they give on earlier actions."""
    speakers = {
        slug: upsert(
            Speaker,
            slug=slug,
            defaults={"name": name, "position": position, "organization": body},
        )
        for slug, (name, position, body) in SPEAKERS.items()
    }
    for spec in TEXTS:
        defaults = {field: spec.get(field, "") for field in TEXT_FIELDS}
        defaults.update(
            language=Announcement.Language.ENGLISH,
            status=Announcement.Status.PUBLISHED,
            published_at=at(18, spec["held_on"]),
            allow_comments=True,
        )
        text = upsert(Announcement, slug=spec["slug"], defaults=defaults)
        text.speakers.set([speakers[s] for s in spec["speakers"]])
        text.topics.set([topics[t] for t in spec["topics"]])
        for slug, (start, end, label), value, qualifier, phrase, note in spec[
            "figures"
        ]:
            upsert(
                Observation,
                indicator=indicators[slug],
                period_start=start,
                period_end=end,
                announcement=text,
                defaults={
                    "period_label": label,
                    "value": value,
                    "qualifier": qualifier,
                    "quality": Observation.Quality.REPORTED,
                    "quote": sentence_with(spec["body"], phrase),
                    "note": note,
                },
            )
        for ordinal, slug, title, description, topic_slugs, indicator_slugs in spec.get(
            "actions", []
        ):
            action = upsert(
                PolicyAction,
                announcement=text,
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
        for action_slug, status, note in spec.get("updates", []):
            action = PolicyAction.objects.get(slug=action_slug)
            upsert(
                PolicyActionUpdate,
                action=action,
                evidence_announcement=text,
                defaults={
                    "date": spec["held_on"],
                    "status": status,
                    "note": note,
                    "evidence_url": "",
                },
            )
            action.sync_status_from_updates()


def load_chinese() -> None:
    """Give the demo its Chinese names, and each demo text its Chinese version.

    A Chinese version is a text of its own, linked to its original as its
    translation: each page offers the other ("阅读中文版 / Read in English").
    It takes the original's kind, dates, source link, speakers and topics;
    its slug is the original's with "-zh".
    """
    for slug, (name, description) in demo_zh.TOPICS_ZH.items():
        upsert(
            Topic,
            slug=slug,
            defaults={"name_zh_hans": name, "description_zh_hans": description},
        )
    for slug, (name, position) in demo_zh.SPEAKERS_ZH.items():
        upsert(
            Speaker,
            slug=slug,
            defaults={
                "name_zh_hans": name,
                "position_zh_hans": position,
                "organization_zh_hans": demo_zh.MIIT_ZH,
            },
        )
    for slug, (name, unit, description) in demo_zh.INDICATORS_ZH.items():
        upsert(
            Indicator,
            slug=slug,
            defaults={
                "name_zh_hans": name,
                "unit_zh_hans": unit,
                "description_zh_hans": description,
            },
        )
    for slug, (title, description) in demo_zh.ACTIONS_ZH.items():
        upsert(
            PolicyAction,
            slug=slug,
            defaults={
                "title_zh_hans": title,
                "description_zh_hans": description,
                "responsible_body_zh_hans": demo_zh.MIIT_ZH,
            },
        )
    for (action_slug, text_slug), note in demo_zh.UPDATES_ZH.items():
        PolicyActionUpdate.objects.filter(
            action__slug=action_slug, evidence_announcement__slug=text_slug
        ).update(note_zh_hans=note)
    originals = Announcement.objects.in_bulk(list(demo_zh.TEXTS_ZH), field_name="slug")
    for slug, spec in demo_zh.TEXTS_ZH.items():
        original = originals[slug]
        chinese = upsert(
            Announcement,
            slug=f"{slug}-zh",
            defaults={
                "venue": "",
                **spec,
                "kind": original.kind,
                "held_on": original.held_on,
                "source_url": original.source_url,
                "language": Announcement.Language.CHINESE,
                "translation_of": original,
                "status": Announcement.Status.PUBLISHED,
                "published_at": original.published_at,
                "allow_comments": True,
            },
        )
        chinese.speakers.set(original.speakers.all())
        chinese.topics.set(original.topics.all())

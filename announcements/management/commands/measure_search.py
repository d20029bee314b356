"""Measure the text search on the demo, in Chinese and in English: found / missed.

Each query comes with what a reader asking it wants: the texts in the
query's language that speak of it in any of the usual ways of writing it
(`forms`). The search is run as the site runs it (`Announcement.objects
.public().search`), on whichever database the settings name, and compared.
"""

from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.db import connection

from announcements.models import Announcement


@dataclass(frozen=True)
class Probe:
    query: str
    language: str
    # A text is wanted when it contains one of these (case-insensitively).
    forms: tuple[str, ...]
    why: str = ""
    # A limit the README owns up to: no word segmentation, no conversion from
    # traditional characters, no synonyms; SQLite matches English prefixes,
    # not stems.
    known_miss: bool = False


PROBES = [
    Probe("数字经济", "zh-hans", ("数字经济",)),
    Probe("5G基站", "zh-hans", ("5G基站",)),
    Probe("5G 基站", "zh-hans", ("5G基站",), "two words, found anywhere"),
    Probe("工业互联网", "zh-hans", ("工业互联网",)),
    Probe("数控化率", "zh-hans", ("数控化率",)),
    Probe("王鹏", "zh-hans", ("王鹏",), "a speaker's Chinese name"),
    Probe("千兆 光网", "zh-hans", ("千兆光网", "千兆光纤")),
    Probe(
        "软件收入",
        "zh-hans",
        ("软件业务收入", "软件和信息技术服务业收入", "软件业收入"),
        "words not side by side in the texts",
        known_miss=True,
    ),
    Probe(
        "數字經濟", "zh-hans", ("数字经济",), "traditional characters", known_miss=True
    ),
    Probe("第五代移动通信", "zh-hans", ("5G",), "5G spelled out", known_miss=True),
    Probe("base stations", "en", ("base station",)),
    Probe("base station", "en", ("base station",), "singular"),
    Probe("digital economy", "en", ("digital economy",)),
    Probe(
        "industries",
        "en",
        ("industry", "industries"),
        "plural of industry (SQLite: prefixes, not stems)",
        known_miss=True,
    ),
    Probe("numerical control", "en", ("numerical control", "numerically control")),
    Probe("Wen Ku", "en", ("wen ku",)),
    Probe("gigabit", "en", ("gigabit",)),
]


def wanted(probe: Probe) -> set[str]:
    texts = Announcement.objects.public().filter(language=probe.language)
    return {
        text.slug
        for text in texts.only("slug", "title", "summary", "body")
        if any(
            form.lower() in f"{text.title}\n{text.summary}\n{text.body}".lower()
            for form in probe.forms
        )
    }


def found(probe: Probe) -> set[str]:
    return set(
        Announcement.objects.public()
        .filter(language=probe.language)
        .search(probe.query)
        .values_list("slug", flat=True)
    )


def measure() -> list[dict]:
    rows = []
    for probe in PROBES:
        want, got = wanted(probe), found(probe)
        rows.append(
            {
                "probe": probe,
                "wanted": len(want),
                "found": len(want & got),
                "missed": len(want - got),
                "extra": len(got - want),
            }
        )
    return rows


class Command(BaseCommand):
    help = (
        "Run search probes in Chinese and English on the loaded demo (found / missed)."
    )

    def handle(self, *args, **options):
        rows = measure()
        self.stdout.write(f"Search probes on {connection.vendor}:\n")
        self.stdout.write(
            "| query | language | wanted | found | missed | extra | note |"
        )
        self.stdout.write("|---|---|---|---|---|---|---|")
        for row in rows:
            probe = row["probe"]
            self.stdout.write(
                f"| {probe.query} | {probe.language} | {row['wanted']} | "
                f"{row['found']} | {row['missed']} | {row['extra']} | {probe.why} |"
            )
        total_wanted = sum(row["wanted"] for row in rows)
        total_found = sum(row["found"] for row in rows)
        self.stdout.write(f"\nFound {total_found} of {total_wanted} wanted texts.")

"""Find the figures stated in a press text: value, unit, qualifier, name, period.

Pure and deterministic; no model, no network. The rules are those of the
genre (Chinese government press texts in English; a sentence written in
Chinese is read by `figures_zh`, and dated here like any other):

- Values are exact decimals as written, whatever the grouping: "1,234,567",
  "1 234 567" (any space, no-break or thin), "12,34,567" (Indian lakhs),
  "1’234’567". Only three-digit groups after a first group of one to three
  join, so "in 2022 1 200 firms" keeps its year and counts 1,200 firms. A
  stray group ("000") is never read as zero.
- A scale word goes into the unit with the counted noun, as editors record
  it: "10 trillion yuan" is 10 "trillion yuan", "1.2 million new jobs" is
  1.2 "million jobs", "RMB 3.5 billion" is 3.5 "billion yuan". The noun
  keeps the word before it when the two are one term: "3.12 million
  charging piles" is 3.12 "million charging piles", "2.3 million base
  stations" is 2.3 "million base stations".
- A word of digits and letters after a number belongs to what is counted:
  "415,000 5G base stations" is 415,000 "base stations" named "5G base
  stations"; "12 4K channels" is 12 "channels".
- Currency is what the text says: "HK$", "S$", "NT$", "A$", "C$", "US$",
  "USD", "RMB", "€", "£" and their words. A bare "$" or "dollars" is the
  dollar the whole text establishes (`document_currency`: "HK$" elsewhere,
  "the HKSAR Government"), else "dollars (currency not stated)"; it is
  never assumed to be the US dollar.
- Numbers that name things are not figures: years ("in 2022"), dates
  ("July 19"), list numbers ("1."), models and programmes ("5G", "the 512
  project", "Industry 4.0"), ordinals ("the 14th"), durations ("for 12
  consecutive years"). A bare number counts only with a counted noun after it
  ("3,100 construction projects"); "the 512 project" has none.
- Changes ("up 8.3 percent year on year", "fell 2.1%", "40 percent more
  than a year ago") are figures of their own, signed, named "<measure>
  growth (year on year)".
- Ranks ("ranked second in the world", "the top three") have unit "rank".
- "X and Y reached 55.7% and 75.1% respectively" gives one figure each,
  with the subject split between them.
- A name is the noun phrase the figure measures ("Exports of electric
  vehicles", "Share of new car models that are electric"), never a bare
  scale word, a function word or a word cut short. A part says how it
  differs from its whole ("Revenue from tourism (from foreign visitors)"),
  a figure with no subject is named from its clause ("Funds invested in
  rural roads"), and figures of one subject in one sentence are told apart
  ("Investment", "Investment share").
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .cleaning import dateline_end, dateline_place
from .numbers import CARDINAL_WORDS, ORDINAL_WORDS
from .periods import (
    Period,
    PeriodMatch,
    canonical_label,
    previous_full_year,
    resolve_same,
)

IGNORE = re.IGNORECASE

EXACT = "exact"
QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "exceeding": "exceeded",
    "exceeded": "exceeded",
    "exceeds": "exceeded",
    "exceed": "exceeded",
    "surpassed": "exceeded",
    "surpassing": "exceeded",
    "surpasses": "exceeded",
    "surpass": "exceeded",
    "topped": "exceeded",
    "topping": "exceeded",
    "to top": "exceeded",
    "broke through": "exceeded",
    "breaking through": "exceeded",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "approaching": "nearly",
    "nearing": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "an estimated": "about",
    "some": "about",
    "at least": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "no fewer than": "at_least",
    "not fewer than": "at_least",
    "a minimum of": "at_least",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "up to": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "a maximum of": "up_to",
}
_QUALIFIER_BEFORE = re.compile(
    r"\b(?P<q>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+")
        for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    + r")\s*$",
    IGNORE,
)
_QUALIFIER_AFTER = re.compile(
    r"^(?:\s*(?:or|and)\s+(?P<least>more|above|over|higher|greater)\b|(?P<plus>-?\s*plus\b|\+))",
    IGNORE,
)

# Thousands are grouped with commas ("1,234,567"), spaces of any width
# ("48 500", with a no-break, thin or narrow no-break space), apostrophes
# ("1’234’567") or, from two groups on, dots ("1.234.567"); Indian texts
# group lakhs ("12,34,567"). Only groups of exactly three digits after a
# first group of one to three join, with one separator throughout, so "in
# 2022 1 200 firms" stays a year and 1,200 firms.
_GROUP_SEPARATORS = " \u00a0\u2007\u2008\u2009\u200a\u202f'’"
NUMBER = re.compile(
    r"(?<![\d.,/\-−–])(?P<num>"
    r"\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?"
    r"|\d{1,2}(?:,\d{2}(?!\d))+,\d{3}(?!\d)(?:\.\d+)?"
    r"|(?<![A-Za-z])\d{1,3}(?P<sep>[" + _GROUP_SEPARATORS + r"])\d{3}(?!\d)"
    r"(?:(?P=sep)\d{3}(?!\d))*(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}(?!\d)){2,}(?!\.\d)"
    r"|\d+(?:\.\d+)?)"
    r"(?P<suffix>bn|mn|mln|tn)?(?![\w])"
)
_WORD_VALUES = {"a": 1, **CARDINAL_WORDS}
_ORDINAL_WORDS = ORDINAL_WORDS
_CARDINAL_WORDS = CARDINAL_WORDS
WORD_NUMBER = re.compile(
    r"\b(?P<word>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty)(?=\s+(?:million|billion|trillion)\b)",
    IGNORE,
)
_FRACTIONS = {
    "half": ("50", EXACT),
    "one half": ("50", EXACT),
    "a half": ("50", EXACT),
    "one-half": ("50", EXACT),
    "a third": ("33.3", "about"),
    "one third": ("33.3", "about"),
    "one-third": ("33.3", "about"),
    "two thirds": ("66.7", "about"),
    "two-thirds": ("66.7", "about"),
    "a quarter": ("25", EXACT),
    "one quarter": ("25", EXACT),
    "one-quarter": ("25", EXACT),
    "three quarters": ("75", EXACT),
    "three-quarters": ("75", EXACT),
}
FRACTION = re.compile(
    r"\b(?P<frac>"
    + "|".join(
        re.escape(f).replace(r"\ ", r"\s+")
        for f in sorted(_FRACTIONS, key=len, reverse=True)
    )
    + r")\b(?P<of>\s+of\b)?",
    IGNORE,
)

_ORD = r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
RANKS = [
    re.compile(
        r"\b(?P<verb>rank(?:s|ed|ing)?|placed|placing|places|came|comes|stood|stands|remained|remains)"
        r"\s+(?:(?:at\s+)?(?:No\.|number|No)\s*(?P<n>\d{1,3})\b|" + _ORD + r"\b)",
        IGNORE,
    ),
    re.compile(
        r"\b" + _ORD + r"(?:[\s-]+(?:largest|biggest|highest)|\s+place)\b", IGNORE
    ),
    re.compile(
        r"\b(?P<verb>No\.|number)\s*(?P<n>\d{1,2})\s+(?=in\s+the\s+world|globally|worldwide)",
        IGNORE,
    ),
    re.compile(
        # "is expected to top 5 billion" is an amount, not a rank.
        r"\b(?:the\s+)?(?<!\bto\s)top\s+(?P<top>\d{1,3}|one|two|three|four|five|six|seven|"
        r"eight|nine|ten|twenty|fifty|hundred)\b(?!\s*(?:thousand|million|billion|trillion|"
        r"percent|per\s+cent|%|yuan|dollars?)\b)",
        IGNORE,
    ),
]
_WORLD = re.compile(
    r"(?:in\s+the\s+world|globally|global|worldwide|world'?s|world’s|of\s+the\s+world|internationally)",
    IGNORE,
)
_NATION = re.compile(
    r"(?:in\s+China|nationwide|in\s+the\s+country|across\s+the\s+country|national(?:ly)?|among\s+(?:all\s+)?provinces)",
    IGNORE,
)

_PERCENT = re.compile(r"\s*(?:%|％|percent\b|per\s*cent\b|pct\b)", IGNORE)
_POINTS = re.compile(r"\s*(?:percentage[\s-]+points?|pct\s+pts?|ppts?\b|pp\b)", IGNORE)
_BASIS_POINTS = re.compile(r"\s*basis\s+points?\b", IGNORE)
_SCALE = re.compile(r"\s*(?P<scale>trillion|billion|million|thousand)\b", IGNORE)
_SCALE_SUFFIX = {"bn": "billion", "mn": "million", "mln": "million", "tn": "trillion"}
_CURRENCY_AFTER = re.compile(
    r"\s*(?P<cur>yuan|RMB|renminbi|CNY|U\.S\.\s+dollars?|US\s+dollars?|USD|"
    r"Hong\s+Kong\s+dollars?|HK\s+dollars?|HKD|Singapore\s+dollars?|SGD|"
    r"New\s+Taiwan\s+dollars?|NT\s+dollars?|TWD|Australian\s+dollars?|AUD|"
    r"Canadian\s+dollars?|CAD|dollars?|euros?|EUR|pounds?(?:\s+sterling)?|GBP|yen|JPY)\b",
    IGNORE,
)
# "S$", "A$", "C$" only in capitals, not glued to a word ("bus$") and not
# spaced: "A $5 million grant" is an article and a bare dollar sign.
_CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<cur>(?-i:US|HK|NT)\s?\$|(?-i:S|AU|A|CA|C)\$|\$|RMB|CNY|USD|HKD|SGD|TWD|"
    r"AUD|CAD|EUR|GBP|JPY|€|£|¥)\s*$",
    IGNORE,
)
# A "$" or "dollars" that names no country: which dollar the text means
# comes from the text as a whole (`document_currency`), else it is said
# not to be stated. It is never assumed to be the US dollar.
_NOT_STATED = " (currency not stated)"
UNSTATED_DOLLARS = "dollars" + _NOT_STATED
_BARE_DOLLARS = {"$", "dollar", "dollars"}
_CURRENCIES = {
    "yuan": "yuan",
    "rmb": "yuan",
    "renminbi": "yuan",
    "cny": "yuan",
    "¥": "yuan",
    "usd": "US dollars",
    "us$": "US dollars",
    "us dollar": "US dollars",
    "us dollars": "US dollars",
    "u.s. dollar": "US dollars",
    "u.s. dollars": "US dollars",
    "hk$": "Hong Kong dollars",
    "hkd": "Hong Kong dollars",
    "hk dollar": "Hong Kong dollars",
    "hk dollars": "Hong Kong dollars",
    "hong kong dollar": "Hong Kong dollars",
    "hong kong dollars": "Hong Kong dollars",
    "s$": "Singapore dollars",
    "sgd": "Singapore dollars",
    "singapore dollar": "Singapore dollars",
    "singapore dollars": "Singapore dollars",
    "nt$": "New Taiwan dollars",
    "twd": "New Taiwan dollars",
    "nt dollar": "New Taiwan dollars",
    "nt dollars": "New Taiwan dollars",
    "new taiwan dollar": "New Taiwan dollars",
    "new taiwan dollars": "New Taiwan dollars",
    "a$": "Australian dollars",
    "au$": "Australian dollars",
    "aud": "Australian dollars",
    "australian dollar": "Australian dollars",
    "australian dollars": "Australian dollars",
    "c$": "Canadian dollars",
    "ca$": "Canadian dollars",
    "cad": "Canadian dollars",
    "canadian dollar": "Canadian dollars",
    "canadian dollars": "Canadian dollars",
    "euro": "euros",
    "euros": "euros",
    "eur": "euros",
    "€": "euros",
    "pound": "pounds",
    "pounds": "pounds",
    "pound sterling": "pounds",
    "pounds sterling": "pounds",
    "gbp": "pounds",
    "£": "pounds",
    "yen": "yen",
    "jpy": "yen",
}


def _currency(written: str, dollars: str | None) -> str:
    """Return the currency of a sign or word; a bare "$" is the text's dollar."""
    key = " ".join(written.lower().replace(" $", "$").split())
    if key in _BARE_DOLLARS:
        return dollars or UNSTATED_DOLLARS
    return _CURRENCIES.get(key, "yuan")


# What establishes the dollar of a text, strongest first: the local dollar
# it writes out ("HK$", "S$", "NT$", "A$", "C$", "Singapore dollars"); the
# government it speaks for ("the HKSAR Government"); the place it was filed
# from (its dateline); the US dollar written out ("US$", "USD"); the place
# it names most ("Hong Kong"). A place inside
# a compound name ("the Guangdong-Hong Kong-Macao Greater Bay Area") names
# a region, not the text's own currency.
_LOCAL_DOLLARS = re.compile(
    r"(?<![A-Za-z])(?:(?-i:HK|NT)\s?\$|(?-i:S|AU|A|CA|C)\$)|\b(?-i:HKD|SGD|TWD|AUD|CAD)\b|"
    r"\b(?:Hong\s+Kong|HK|Singapore|New\s+Taiwan|NT|Australian|Canadian)\s+dollars?\b",
    IGNORE,
)
_GOVERNMENTS = {
    "Hong Kong dollars": r"\bHKSAR\b|\bHong\s+Kong\s+(?:SAR|Special\s+Administrative\s+Region)\b",
    "Singapore dollars": r"\b(?:Singapore\s+Government|Government\s+of\s+Singapore)\b",
    "New Taiwan dollars": r"\bTaiwan\s+authorities\b",
    "Australian dollars": r"\b(?:Australian\s+Government|Government\s+of\s+Australia)\b",
    "Canadian dollars": r"\b(?:Canadian\s+Government|Government\s+of\s+Canada)\b",
}
_US_DOLLARS = re.compile(
    r"(?<![A-Za-z])(?-i:US)\s?\$|\b(?-i:USD)\b|\bU\.?S\.?\s+dollars?\b", IGNORE
)
# A text filed from a place ("HONG KONG, November 5, 2024 -- …") is that
# place's news: its bare "$" is the local dollar.
_DATELINE_DOLLARS = {
    "hong kong": "Hong Kong dollars",
    "singapore": "Singapore dollars",
    "taipei": "New Taiwan dollars",
    "canberra": "Australian dollars",
    "sydney": "Australian dollars",
    "melbourne": "Australian dollars",
    "ottawa": "Canadian dollars",
    "toronto": "Canadian dollars",
    "vancouver": "Canadian dollars",
}
_PLACES = {
    "Hong Kong dollars": r"Hong\s+Kong",
    "Singapore dollars": r"Singapore",
    "New Taiwan dollars": r"Taiwan",
    "Australian dollars": r"Australia",
    "Canadian dollars": r"Canada",
}


def document_currency(text: str) -> str | None:
    """Return the currency a bare "$" or "dollars" means in this text, or None.

    `extract()` passes it to `sentence_figures`, which reads one sentence
    and cannot see that the text said "HK$" three paragraphs earlier.
    """
    local = [
        _CURRENCIES[" ".join(m.group().lower().replace(" $", "$").split())]
        for m in _LOCAL_DOLLARS.finditer(text)
    ]
    if local:
        return _most_common(local)
    governments = [
        (m.start(), currency)
        for currency, pattern in _GOVERNMENTS.items()
        for m in re.finditer(pattern, text, IGNORE)
    ]
    if governments:
        return _most_common([currency for _, currency in sorted(governments)])
    if place := _DATELINE_DOLLARS.get(dateline_place(text).casefold()):
        return place
    if _US_DOLLARS.search(text):
        return "US dollars"
    places = [
        (m.start(), currency)
        for currency, pattern in _PLACES.items()
        for m in re.finditer(r"(?<![\w-])" + pattern + r"(?![\w-])", text)
    ]
    if places:
        return _most_common([currency for _, currency in sorted(places)])
    return None


def _most_common(items: list[str]) -> str:
    """Return the item said most often; on a tie, the one said first."""
    counts = Counter(items)
    return max(counts, key=lambda item: (counts[item], -items.index(item)))


# Units of measure written after a number.
_MEASURES = {
    "km": "km",
    "kilometers": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometre": "km",
    "meters": "meters",
    "metres": "meters",
    "tons": "tons",
    "tonnes": "tons",
    "ton": "tons",
    "tonne": "tons",
    "kg": "kg",
    "hectares": "hectares",
    "mu": "mu",
    "kw": "kW",
    "kwh": "kWh",
    "mw": "MW",
    "gw": "GW",
    "twh": "TWh",
    "gwh": "GWh",
    "kilowatts": "kW",
    "kilowatt-hours": "kWh",
    "teu": "TEU",
    "teus": "TEU",
    "mbps": "Mbps",
    "gbps": "Gbps",
    "times": "times",
    "degrees": "degrees",
}
# Counted nouns that are not plain plurals.
_COUNT_NOUNS = {
    "people": "people",
    "persons": "people",
    "staff": "people",
    "personnel": "people",
    # The same word for one and for many.
    "aircraft": "aircraft",
    "spacecraft": "spacecraft",
}
_PER = re.compile(
    r"\s+per\s+(?P<per>capita|person|household|head|month|year|day|hour|ton|tonne|"
    r"square\s+met(?:er|re)|kwh|unit|vehicle|mu|hectare|student|employee|enterprise)\b",
    IGNORE,
)
_COMPOUND_UNITS = {
    "square kilometers": "square km",
    "square kilometres": "square km",
    "square meters": "square meters",
    "square metres": "square meters",
    "cubic meters": "cubic meters",
    "cubic metres": "cubic meters",
    "kilowatt hours": "kWh",
}
# The counted noun is the unit, with the word before it when the two are one
# term: "3.12 million charging piles" counts charging piles, not piles, but
# "1.2 million new jobs" counts jobs. A gerund before the noun makes such a
# term ("charging piles", "swapping stations") unless it only describes
# ("existing", "leading"); these pairs are terms too.
_TERMS = {
    "base stations",
    "data centers",
    "data centres",
    "power plants",
    "power stations",
    "cell towers",
    "fuel cells",
}
_DESCRIBING = {
    "existing",
    "leading",
    "remaining",
    "participating",
    "emerging",
    "growing",
    "rising",
    "increasing",
    "outstanding",
    "supporting",
    "following",
    "surrounding",
    "neighbouring",
    "neighboring",
    "promising",
    "pioneering",
    "upcoming",
    "ongoing",
    "corresponding",
    "booming",
    "thriving",
    "struggling",
    "declining",
    "ageing",
    "aging",
    "qualifying",
    "underlying",
    "according",
    "amazing",
    "interesting",
    "exciting",
    "visiting",
    "returning",
    "serving",
    "striking",
}


def _counted_unit(words: list[str]) -> str:
    """Return the unit of a counted noun phrase: its noun, or its two-word term."""
    head = _COUNT_NOUNS.get(words[-1], words[-1])
    if len(words) < 2:
        return head
    modifier = words[-2]
    if f"{modifier} {head}" in _TERMS or (
        modifier.endswith("ing")
        and len(modifier) > 5
        and modifier.isalpha()
        and modifier not in _DESCRIBING
    ):
        return f"{modifier} {head}"
    return head


_DURATIONS = {
    "years",
    "months",
    "days",
    "weeks",
    "hours",
    "minutes",
    "seconds",
    "decades",
}
_NP_STOP = {
    "of",
    "in",
    "at",
    "for",
    "with",
    "from",
    "to",
    "by",
    "on",
    "across",
    "among",
    "under",
    "over",
    "including",
    "than",
    "per",
    "and",
    "or",
    "but",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "will",
    "would",
    "been",
    "be",
    "that",
    "which",
    "who",
    "whose",
    "while",
    "as",
    "respectively",
    "compared",
    "accounting",
    "up",
    "down",
    "this",
    "last",
    "each",
    "during",
    "since",
    "through",
    "into",
    "via",
    "after",
    "before",
    "between",
    "covering",
    "involving",
    "worth",
    "totaling",
    "totalling",
    "year-on-year",
    "the",
    "a",
    "an",
    "its",
    "their",
    "so",
    "far",
    "nationwide",
}
_WORD = re.compile(r"\s*(?P<w>[A-Za-z][\w’'&+/-]*)")
# In a counted noun phrase a word may start with digits when letters follow:
# "415,000 5G base stations", "12 4K channels" count stations and channels.
_NP_WORD = re.compile(r"\s*(?P<w>(?:[A-Za-z]|\d+[A-Za-z])[\w’'&+/-]*)")
_MONTH_NEAR = re.compile(
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)

# The verb (or "with", "including") just before a figure: the subject ends
# where it starts.
_LEVEL_VERBS = (
    r"reached|reach|reaches|reaching|hit|hits|hitting|totaled|totalled|totaling|totalling|"
    r"totals|amounted\s+to|amounting\s+to|amounts\s+to|stood\s+at|stands\s+at|standing\s+at|"
    r"was|were|is|are|be|been|came\s+in\s+at|came\s+to|comes\s+to|registered|recorded|"
    r"posted|logged|achieved|covers|covered|covering|cover|accounted\s+for|accounts\s+for|"
    r"accounting\s+for|account\s+for|made\s+up|makes\s+up|making\s+up|rose\s+to|rising\s+to|"
    r"increased\s+to|grew\s+to|climbed\s+to|fell\s+to|dropped\s+to|declined\s+to|"
    r"decreased\s+to|jumped\s+to|expanded\s+to|reduced\s+to|cut\s+to|maintained|remained\s+at|"
    r"risen\s+to|grown\s+to|fallen\s+to|numbered|numbering|numbers|"
    r"remained|exceeding|exceeded|exceeds|surpassed|topped|broke\s+through|of|at|to|"
    r"represented|represents|reaching|allocated|invested|spent|raised|provided|earmarked|"
    r"disbursed|attracted|received|granted|injected|arranged|offered|lent|set\s+aside|"
    r"invest|allocate|spend|provide|earmark|grant|inject|arrange|"
    r"among|is\s+among|are\s+among|was\s+among|were\s+among|worth|valued\s+at"
)
_INTRODUCERS = (
    r"with|including|includes|included|among\s+them|among\s+which|of\s+which|"
    r"there\s+(?:are|were|is|was|have\s+been|has\s+been)|totaling|totalling|"
    r"a\s+total\s+of|an\s+average\s+of|added|adding|built|trained|created|launched|"
    r"opened|set\s+up|established|cultivated|fostered|issued|approved|completed|attracted|"
    r"has|have|had|saw|see|sees|involving|involved|covering|include|runs|ran|run|"
    r"operates|operated|owns|owned|employs|employed|hosts|hosted|boasts|boasted|"
    r"produced|produces|sold|sells|welcomed|welcomes|served|serves|handled|handles|"
    r"support|supports|supported|supporting|benefit|benefits|benefited|benefitted|"
    r"benefiting|helped|helps|help|create|creates|creating|generate|generates|generated"
)
_FILLERS = r"(?:\s+(?:respectively|a\s+total\s+of|an\s+average\s+of|a\s+record|a\s+record\s+high\s+of|some|only|just|already|still|again|nearly|about))*"
VERB_TAIL = re.compile(
    r"(?:\b(?P<intro>"
    + _INTRODUCERS
    + r")|\b(?P<verb>"
    + _LEVEL_VERBS
    + r"))"
    + _FILLERS
    + r"\s*$",
    IGNORE,
)
_CHANGE_AFTER = re.compile(
    r"\s+(?:(?P<inc>more|higher|greater|larger|faster|quicker)|"
    r"(?P<dec>less|lower|fewer|smaller|slower))\s+than\b",
    IGNORE,
)
_DECREASE = r"down|fell|falling|falls|fall|dropped|dropping|drops|declined|declining|declines|decreased|decreasing|decreases|slid|sliding|shrank|shrinking|contracted|contracting|edged\s+down|slipped|slipping|lost"
# "made up 35 percent", "set up 300 firms": "up" there is no increase.
_INCREASE = r"(?<!made\s)(?<!make\s)(?<!makes\s)(?<!making\s)(?<!set\s)(?<!sets\s)(?<!setting\s)(?<!took\s)(?<!take\s)(?<!takes\s)(?<!taking\s)(?<!ended\s)(?<!opened\s)(?<!added\s)(?<!adds\s)(?<!sum\s)(?<!summed\s)(?<!built\s)up|rose|rising|rises|rise|increased|increasing|increases|grew|growing|grows|grown|gained|gaining|jumped|jumping|climbed|climbing|surged|surging|expanded|expanding|edged\s+up|went\s+up|picked\s+up|accelerated|advanced"
CHANGE_TAIL = re.compile(
    r"(?:\b(?P<dec>" + _DECREASE + r")|\b(?P<inc>" + _INCREASE + r"))(?:\s+by)?"
    r"(?:\s+(?:a\s+)?(?:year[\s-]on[\s-]year|month[\s-]on[\s-]month|quarter[\s-]on[\s-]quarter))?"
    r"\s*$"
    r"|\b(?:an?\s+|the\s+)?(?P<yoy>year[\s-]on[\s-]year\s+|month[\s-]on[\s-]month\s+|"
    r"quarter[\s-]on[\s-]quarter\s+|annual\s+|average\s+|annual\s+average\s+)?"
    r"(?:(?P<dnoun>decline|decrease|drop|fall|reduction|contraction)|(?P<inoun>increase|growth|rise|"
    r"gain|jump|expansion|growth\s+rate))\s+(?:rate\s+)?(?:of|by|at)\s*$",
    IGNORE,
)
_BASIS_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?P<basis>year[\s-]on[\s-]year|y-o-y|yoy|month[\s-]on[\s-]month|"
    r"quarter[\s-]on[\s-]quarter|(?:over|from|than|compared\s+(?:with|to))\s+(?:the\s+)?"
    r"(?:same\s+period|a\s+year\s+(?:earlier|ago)|the\s+previous\s+year|last\s+year|"
    r"previous\s+year))",
    IGNORE,
)
# A clause starts after one of these; ", and" only when a clause came before.
# A "that" followed by its verb opens a relative clause inside the subject
# ("the share of new car models that are electric reached 35 percent").
_HARD_BOUNDARY = re.compile(
    r"[;:；：]\s*|\b(?:said|says)\s*(?:,\s*)?(?:that\s+)?|\b(?:stated|noted|added|"
    r"pointed\s+out|announced|showed|shows|revealed|indicated|reported|introduced|explained|"
    r"stressed|emphasized|emphasised|disclosed)\s*(?:,\s*|\s+that\s+)|\bthat\s+(?!(?:are|is|was|were|have|has|had|"
    r"will|would|can|could|may|might|use|used|uses|meet|meets|met|run|runs|ran)\b)|,\s*(?:which|where|when|whereas|"
    r"among\s+which|of\s+which|including)\s+"
    # A list marker ("(1) 78 percent of …; (2) …") starts an item of its own.
    r"|[(（](?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3}|ix|x)[)）]\s*",
    IGNORE,
)
_SOFT_BOUNDARY = re.compile(r",\s*(?:and|while|but|with|as|and\s+that)\s+", IGNORE)
_CLAUSE_EVIDENCE = re.compile(
    r"\d|\b(?:is|are|was|were|has|have|had|will|reached|exceeded|rose|fell|grew|"
    r"increased|decreased|continued|remained|covers|covered|ranked|ranks|ranking)\b",
    IGNORE,
)
_INTRO = re.compile(
    r"^(?:in\s+addition|additionally|meanwhile|moreover|furthermore|besides|also|overall|"
    r"in\s+total|in\s+general|at\s+the\s+same\s+time|by\s+comparison|in\s+comparison|"
    r"specifically|of\s+these|of\s+them|among\s+them|among\s+these|in\s+particular|"
    r"notably|first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|sixth|"
    r"finally|lastly|according\s+to\s[^,]{1,120}|as\s+of\s[^,]{1,60}|by\s+the\s+end\s+of\s"
    r"[^,]{1,60}|(?:in|during|from|since|on|at|for|throughout|between|over|within|by|of|"
    r"among|out\s+of)\s"
    r"[^,]{1,60}|this\s+(?:morning|afternoon)|(?:this|last|next)\s+(?:year|month|quarter)"
    r"(?:\s+alone)?|today|yesterday|currently|at\s+present|"
    r"so\s+far|to\s+date|as\s+a\s+result|[A-Z][^,]{0,60}?\bsaid|implementing\s[^,]{1,80}|"
    r"[^,]{0,40}\bdata\s+show(?:s|ed)?(?:\s+that)?)\s*,\s*",
    IGNORE,
)
_LEADING = re.compile(
    r"^(?:the|a|an|its|their|our|his|her|this|these|those|such|also|and|both|all\s+the)\s+",
    IGNORE,
)
_TRAILING = re.compile(
    r"\s+(?:has|have|had|was|were|is|are|will|would|also|further|already|still|"
    r"respectively|steadily|significantly|been|continued\s+to|continues\s+to|all|both|"
    r"each|now|jointly|together|totally|further|generally|basically|which|that|it|"
    r"ranked|ranks|ranking|stood|stands|remained|remains|placed|and|or|in|at|of|to|for|"
    r"by|from|with|on|expected|projected|estimated|forecast|likely|set|poised)$",
    IGNORE,
)
_SPENDING_VERBS = {
    "allocated",
    "invested",
    "spent",
    "raised",
    "provided",
    "earmarked",
    "disbursed",
    "attracted",
    "received",
    "granted",
    "injected",
    "arranged",
    "offered",
    "lent",
    "issued",
    "approved",
    "set aside",
}
# "will invest RMB 3.5 billion in rural roads" -> "Funds invested in rural roads".
_PARTICIPLES = {
    "invest": "invested",
    "allocate": "allocated",
    "spend": "spent",
    "provide": "provided",
    "raise": "raised",
    "earmark": "earmarked",
    "issue": "issued",
    "arrange": "arranged",
    "grant": "granted",
    "inject": "injected",
}
_CURRENCY_UNITS = ("yuan", "dollars", "euros", "pounds", "yen") + tuple(
    f"{currency} per {word}"
    for currency in ("yuan", "dollars")
    for word in ("capita", "person", "household", "month", "year")
)


def _is_money(unit: str) -> bool:
    return unit.removesuffix(_NOT_STATED).endswith(_CURRENCY_UNITS)


# "set aside HK$1.2 billion this year to help small firms": the purpose may
# come after when the money is spent.
_PURPOSE = re.compile(
    r"(?:\s+(?:this|last|next)\s+(?:year|month|quarter)|\s+in\s+(?:19|20)\d{2})?"
    r"\s+(?P<purpose>(?:to|for|in|on)\s+[^,.;:()]{3,80})",
    IGNORE,
)
_WINDOW = 120
# How far back a pattern anchored at a figure ("… reached", "… up", "more
# than", "US$") can start. Such patterns are tried at every position they
# are given, so they are given only the stretch they could match.
_VERB_REACH = 70
_CHANGE_REACH = 70


def _tail(pattern: re.Pattern, text: str, reach: int) -> re.Match | None:
    """Return `pattern`'s match ending `text`, searched in its last `reach` chars."""
    return pattern.search(text, max(0, len(text) - reach))


# Every word VERB_TAIL's verbs and introducers can start with (and a few
# more, from splitting inside their groups: a superset is harmless).
_VERB_FIRST_WORDS = frozenset(
    re.split(r"\\s|[()?:]", alternative)[0].lower()
    for alternative in (_INTRODUCERS + "|" + _LEVEL_VERBS).split("|")
) - {""}
_WORD_START = re.compile(r"\b[A-Za-z]+")
_CHANGE_FIRST_WORDS = frozenset(
    re.sub(r"\(\?<!.*?\)", "", alternative).split("\\s")[0].lower()
    for alternative in (_DECREASE + "|" + _INCREASE).split("|")
) | {
    "a",
    "an",
    "the",
    "year",
    "month",
    "quarter",
    "annual",
    "average",
    "decline",
    "decrease",
    "drop",
    "fall",
    "reduction",
    "contraction",
    "increase",
    "growth",
    "rise",
    "gain",
    "jump",
    "expansion",
}


def _change_tail(sentence: str, end: int) -> re.Match | None:
    """Return CHANGE_TAIL's leftmost match ending at `end`, like `_verb_tail`."""
    for word in _WORD_START.finditer(sentence, max(0, end - _CHANGE_REACH), end):
        if word.group().lower() in _CHANGE_FIRST_WORDS and (
            match := CHANGE_TAIL.match(sentence, word.start(), end)
        ):
            return match
    return None


def _verb_tail(text: str, reach: int = _VERB_REACH) -> re.Match | None:
    """Return what `_tail(VERB_TAIL, text, reach)` returns, trying only its verbs.

    The same leftmost match, found by trying the pattern only where a word
    it can start with starts: a search tries its hundred-odd verbs at every
    position, and this runs for every figure.
    """
    for word in _WORD_START.finditer(text, max(0, len(text) - reach)):
        if word.group().lower() in _VERB_FIRST_WORDS and (
            match := VERB_TAIL.match(text, word.start())
        ):
            return match
    return None


_SUBJECT_WINDOW = 600
_MAX_NUMBERS = 60
_POSSESSIVES = {"our", "its", "their", "his", "her", "my", "your"}
_PRONOUNS = {
    "it",
    "this",
    "that",
    "they",
    "which",
    "there",
    "these",
    "those",
    "we",
    "he",
    "she",
}


@dataclass(frozen=True)
class Figure:
    """One suggested figure. `quote` is an exact substring of the text."""

    name: str
    value: Decimal
    unit: str
    qualifier: str
    period: Period | None
    quote: str
    position: int
    kind: str = "level"  # level, change, rank
    # A goal for a deadline ("1 million by 2025"), not a figure observed.
    is_target: bool = False
    # The same figure stated again later in the text (its other sentences).
    restated_in: tuple[str, ...] = ()

    @property
    def period_label(self) -> str:
        return self.period.label if self.period else ""

    @property
    def period_start(self):
        return self.period.start if self.period else None

    @property
    def period_end(self):
        return self.period.end if self.period else None


@dataclass
class _Candidate:
    start: int  # of the qualifier or currency sign, else of the number
    num_start: int
    end: int  # after the unit and any counted noun
    value: Decimal
    unit: str
    qualifier: str
    kind: str = "level"
    name: str = ""
    subject: str = ""
    share_of: str = ""
    counted: str = ""
    scope: str = ""
    basis: str = ""
    negative: bool = False
    detail: str = ""  # how a part differs from its whole: "(in rural areas)"


# ------------------------------------------------------------------ helpers


def _decimal(text: str) -> Decimal | None:
    if re.match(r"0\d", text):
        return None  # "007", "000": an identifier or a stray group, not zero
    digits = re.sub("[," + _GROUP_SEPARATORS + "]", "", text)
    if digits.count(".") > 1:
        digits = digits.replace(".", "")  # "1.234.567"
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    digits = value.as_tuple()
    integer_digits = len(digits.digits) + digits.exponent
    if integer_digits > 18 or -digits.exponent > 6:
        return None
    return value


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _MEASURES or lower in _COUNT_NOUNS:
        return True
    return (
        len(lower) > 3
        and lower[0].isalpha()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "'s", "’s"))
        and lower.isascii()
    )


_ADVERBS = {"now", "also", "still", "already", "together", "alone", "combined"}


def _noun_phrase(sentence: str, pos: int, limit: int = 6) -> tuple[str, int]:
    """Return (noun phrase ending in a plural or unit word, its end) after pos."""
    words = []
    cursor = pos
    best = ("", pos)
    for _ in range(limit):
        match = _NP_WORD.match(sentence, cursor)
        if match is None:
            break
        word = match.group("w")
        lower = word.lower()
        if lower in _NP_STOP:
            break
        if (
            words
            and _is_plural(words[-1])
            and (lower.endswith(("ed", "ing", "ly")) or lower in _ADVERBS)
        ):
            break  # "2.4 million street lamps now use LEDs" counts lamps
        words.append(word)
        cursor = match.end()
        if _is_plural(word):
            best = (" ".join(words), cursor)
    return best


def _after_of(sentence: str, pos: int) -> str:
    """Return the noun phrase after "of" at pos ("90% of the manufacturing industry")."""
    match = re.match(r"\s+of\s+", sentence[pos:])
    if match is None:
        return ""
    cursor = pos + match.end()
    words = []
    for _ in range(10):
        word = _WORD.match(sentence, cursor)
        if word is None:
            break
        lower = word.group("w").lower()
        leading = lower in {"the", "all", "its", "their"} and all(
            w.lower() in {"the", "all", "its", "their"} for w in words
        )
        inner = (
            lower in {"of", "and"}
            and words
            and words[-1].lower() not in {"the", "of", "and"}
            and not _is_plural(words[-1])
        )
        if lower in _NP_STOP and not (leading or inner):
            break
        if words and _is_plural(words[-1]) and _is_past(lower):
            break  # "half of respondents paid for …": the verb ends the noun
        words.append(word.group("w"))
        cursor = word.end()
    while words and words[-1].lower() in {"of", "the", "and"}:
        words.pop()
    return " ".join(words)


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in _IRREGULAR_PARTICIPLES


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_DANGLING = re.compile(
    r"(?:[\s,;:]+(?:and|or|of|the|a|an|in|on|at|to|for|by|from|with|as|that|which))+$",
    IGNORE,
)


def _tidy_name(text: str) -> str:
    text = " ".join(text.replace("\n", " ").split()).strip(" ,;:-–—")
    if "country" in text.lower():
        text = re.sub(r"^(?:my|our)\s+country[’']s\b", "China’s", text, flags=IGNORE)
        text = re.sub(r"\b(?:my|our)\s+country\b", "China", text, flags=IGNORE)
    if len(text) > 150:
        # Cut between words, and not after "and" or "of": "… the northern
        # and" is no name.
        text = text[:151].rsplit(" ", 1)[0].rstrip(" ,;:")
        text = _DANGLING.sub("", text)
    return _capitalise(text)


def _whole_words(text: str, limit: int) -> str:
    """Return text cut to `limit` characters at a word boundary, never mid-word."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else ""
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rindex("(")]
    return cut.rstrip(" ,;:(-–—") or text[:limit]


# ------------------------------------------------------------------ subjects


def _clause_start(text: str) -> int:
    start = 0
    for match in _HARD_BOUNDARY.finditer(text):
        start = max(start, match.end())
    for match in _SOFT_BOUNDARY.finditer(text):
        if match.end() > start and _CLAUSE_EVIDENCE.search(text[start : match.start()]):
            start = match.end()
    return start


def _clause_start_in(sentence: str, position: int) -> int:
    """Return where the clause holding `position` starts, looking back a window."""
    offset = max(0, position - _SUBJECT_WINDOW)
    return offset + _clause_start(sentence[offset:position])


def _clean_subject(text: str) -> str:
    previous = None
    text = text.strip(" ;:") + ("," if text.rstrip().endswith(",") else "")
    while previous != text:
        previous = text
        text = _INTRO.sub("", text.lstrip(" ;:"), count=1)
        text = text.strip(" ,;:")
        text = _LEADING.sub("", text.lstrip("\"“”‘’'"))
        text = _TRAILING.sub("", text)
    if not text or text.lower() in _PRONOUNS | _POSSESSIVES or len(text.split()) > 30:
        return ""
    if _PREPOSITIONAL.match(text):
        return ""  # "In 2022 1,200 firms were set up": a time, not a subject
    if text.lower() in _NOT_NAMES:
        return ""
    return text


# A subject that is only a prepositional phrase ("In 2022", "By June") names
# when or where, not what.
_PREPOSITIONAL = re.compile(
    r"(?:in|on|at|by|during|since|for|from|of|among|to|over|within|throughout|"
    r"after|before|until|as\s+of)\s+(?!.*\b(?:the|a|an|its|their|our)\s)[^,]*$",
    IGNORE,
)
_SCALE_WORDS = {"thousand", "million", "billion", "trillion", "hundred"}
# Words no editor keeps as a figure's whole name.
_NOT_NAMES = (
    _SCALE_WORDS
    | {w for w in _NP_STOP if " " not in w}
    | {"percent", "per cent", "it", "them"}
)


_UNREAD_NUMBER = re.compile(r"(?<=\s)\d[\d.,'’ \u00a0\u2009\u202f]*,?\s*$")


def _subject_before(sentence: str, end: int) -> tuple[str, bool, str]:
    """Return (subject, introduced, verb) for a figure starting at `end`.

    `introduced` is true after "with", "including", "there are": what is
    counted follows the number, the subject is not before it.
    """
    offset = max(0, end - _SUBJECT_WINDOW)
    head = sentence[offset:end]
    tail = max(0, len(head) - 40)
    if unread := _UNREAD_NUMBER.search(head, tail):
        # "The total was 48,500, up 3.2%": a growth of the total, not of
        # "total was 48,500".
        head = head[: unread.start()]
    verb = _verb_tail(head)
    cut = len(head)
    introduced = False
    verb_text = ""
    if verb:
        cut = verb.start()
        introduced = verb.group("intro") is not None
        verb_text = (verb.group("verb") or verb.group("intro") or "").lower()
        if verb_text in {"of", "at", "to"}:
            # "an investment of RMB 3.5 billion": the subject is the noun before.
            introduced = False
        elif verb_text in {"totaling", "totalling"} and re.search(
            r"[A-Za-z]\s+$", head[: verb.start()]
        ):
            # "grants totalling HK$742 million" are the grants; ", totalling
            # HK$742 million" sums up what came before.
            introduced = False
    clause = head[:cut]
    start = _clause_start(clause)
    return _clean_subject(clause[start:]), introduced, verb_text


def split_subject(subject: str, parts: int) -> list[str]:
    """Split "A and B" (or "A, B and C") into `parts` subjects, or return []."""
    if parts < 2:
        return [subject]
    separators = [
        m
        for m in re.finditer(r",\s*(?:and\s+)?|\s+and\s+", subject)
        if subject.count("(", 0, m.start()) == subject.count(")", 0, m.start())
    ]
    if len(separators) < parts - 1:
        return []
    determined = [
        m
        for m in separators
        if re.match(r"(?:the|its|their|our|China|total)\b", subject[m.end() :], IGNORE)
    ]
    chosen = determined[: parts - 1]
    if len(chosen) < parts - 1:
        rest = [m for m in separators if m not in chosen]
        chosen = sorted(
            chosen + rest[: parts - 1 - len(chosen)], key=lambda m: m.start()
        )
    pieces = []
    cursor = 0
    for match in sorted(chosen, key=lambda m: m.start()):
        pieces.append(subject[cursor : match.start()])
        cursor = match.end()
    pieces.append(subject[cursor:])
    # A modifier after the last subject ("… tools in industrial enterprises
    # above designated size") usually belongs to all of them: leave it off.
    first_has_modifier = re.search(r"\s(?:in|among|across)\s", pieces[0])
    if not first_has_modifier:
        pieces[-1] = re.split(r"\s(?:in|among|across)\s", pieces[-1], maxsplit=1)[0]
    return [_clean_subject(p) or p.strip() for p in pieces]


# ------------------------------------------------------------------ quantities


def _is_date_number(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 12) : start]
    after = sentence[end : end + 12]
    return bool(
        re.search(_MONTH_NEAR.pattern + r"\s*$", before)
        or re.match(r"\s*" + _MONTH_NEAR.pattern, after)
    ) or bool(
        re.match(
            r"\s*(?::\d|a\.m\.|p\.m\.|am\b|pm\b|o'clock|时|日|月|年)", after, IGNORE
        )
    )


def _inside(spans, start, end) -> bool:
    return any(s <= start < e or s < end <= e for s, e in spans)


def _quantity_at(
    sentence, num_start, num_end, value, suffix, spans, dollars=None
) -> _Candidate | None:
    """Read the unit, qualifier and counted noun around one number."""
    after_pos = num_end
    unit = ""
    scale = _SCALE_SUFFIX.get((suffix or "").lower(), "")
    currency = ""
    kind = "level"
    start = num_start

    # A window, not the whole prefix: the words that qualify a number sit
    # just before it, and long inputs stay linear.
    window_start = max(0, num_start - _WINDOW)
    before = sentence[window_start:num_start]
    cur_before = _tail(_CURRENCY_BEFORE, before, 16)
    if cur_before:
        currency = _currency(cur_before.group("cur"), dollars)
        before = before[: cur_before.start()]
        start = window_start + cur_before.start()
    elif num_start and sentence[num_start - 1].isalpha():
        return None  # "G20", "C919"
    if not scale and (m := _SCALE.match(sentence, after_pos)):
        scale = m.group("scale").lower()
        after_pos = m.end()
    share_of = ""
    counted = ""
    if m := _POINTS.match(sentence, after_pos):
        unit = "percentage points"
        after_pos = m.end()
    elif m := _BASIS_POINTS.match(sentence, after_pos):
        unit = "basis points"
        after_pos = m.end()
    elif m := _PERCENT.match(sentence, after_pos):
        unit = "%"
        after_pos = m.end()
        share_of = _after_of(sentence, after_pos)
    else:
        if not currency and (m := _CURRENCY_AFTER.match(sentence, after_pos)):
            currency = _currency(m.group("cur"), dollars)
            after_pos = m.end()
        if currency:
            unit = f"{scale} {currency.removesuffix(_NOT_STATED)}".strip()
            if per := _PER.match(sentence, after_pos):
                unit = f"{unit} per {per.group('per').lower()}"
                after_pos = per.end()
            if currency.endswith(_NOT_STATED):
                unit += _NOT_STATED
            counted = _after_of(sentence, after_pos)
        else:
            phrase, phrase_end = _noun_phrase(sentence, after_pos)
            if phrase:
                words = phrase.split()
                lower = [w.lower() for w in words]
                tail = " ".join(lower[-2:])
                if lower[-1] in _DURATIONS and not scale:
                    return None  # "for 12 consecutive years"
                if len(words) >= 2 and tail in _COMPOUND_UNITS:
                    unit = f"{scale} {_COMPOUND_UNITS[tail]}".strip()
                    counted = " ".join(words[:-2]) or _after_of(sentence, phrase_end)
                elif lower[0] in _MEASURES:
                    # "90.36 GW", "2,000 km of expressways": a unit of measure.
                    unit = f"{scale} {_MEASURES[lower[0]]}".strip()
                    counted = " ".join(words[1:]) or _after_of(sentence, phrase_end)
                else:
                    unit = f"{scale} {_counted_unit(lower)}".strip()
                    counted = phrase
                after_pos = phrase_end
            elif scale:
                unit = scale
                counted = _after_of(sentence, after_pos)
                if not counted and (
                    noun := _counted_subject(sentence, window_start, before)
                ):
                    # "Public charging piles numbered 1.35 million"
                    counted, unit = noun[0], f"{scale} {noun[1]}"
            elif re.match(r"-\w", sentence[num_end : num_end + 2]):
                return None  # "3-year", "5-star"
            elif noun := _counted_subject(sentence, window_start, before):
                # "The number of childcare places rose to 3 860"
                counted, unit = noun
            else:
                return None  # a bare number: an identifier, not a quantity
    if (
        not currency
        and not scale
        and unit not in {"%", "percentage points", "basis points"}
    ):
        # "Fortune Global 500 companies", "Mate 60 phones": a name, not a count.
        previous = re.search(r"([A-Za-z][\w’'-]*)\s+$", before)
        if (
            previous
            and previous.group(1)[:1].isupper()
            and before[: previous.start()].strip()
            and not previous.group(1).lower().endswith(("'s", "’s"))
            and previous.group(1).lower()
            not in {"over", "about", "nearly", "some", "around"}
        ):
            return None
    is_year = 1900 <= value <= 2100 and re.fullmatch(
        r"\d{4}", sentence[num_start:num_end]
    )
    if is_year and not (currency or scale or unit == "%"):
        return None  # "in 2022", "the 2035 vision"
    qualifier = EXACT
    qual = _tail(_QUALIFIER_BEFORE, before, 40)
    if qual:
        qualifier = QUALIFIERS[" ".join(qual.group("q").lower().split())]
        start = min(start, window_start + qual.start())
    if qm := _QUALIFIER_AFTER.match(sentence, num_end if unit in {"%"} else after_pos):
        qualifier = "at_least" if qm.group("least") else "more_than"
        after_pos = max(after_pos, qm.end())
    return _Candidate(
        start=start,
        num_start=num_start,
        end=after_pos,
        value=value,
        unit=unit,
        qualifier=qualifier,
        kind=kind,
        share_of=share_of,
        counted=counted,
    )


# A number with no noun after it counts the subject when the subject is "the
# number of" things ("the number of users is to reach 60 million") or things
# whose count the verb gives ("Public charging piles numbered 1.35 million").
# Sums of money or goods ("exports totalled 3 billion") are not counts.
_COUNT_VERB_BEFORE = re.compile(
    r"\b(?:numbered|numbering|numbers|number|totalled|totaled|totalling|totaling|totals|"
    r"total|reached|reaching|reaches|reach|hit|hits|stood\s+at|stands\s+at|was|were|is|"
    r"are|(?:risen|rose|grown|grew|increased|fallen|fell|dropped|declined)\s+to)\s*$",
    IGNORE,
)
_COUNTING_VERBS = {
    "numbered",
    "numbering",
    "numbers",
    "totalled",
    "totaled",
    "totals",
    "reached",
    "reaching",
    "reaches",
    "reach",
    "hit",
    "hits",
    "stood at",
    "stands at",
}
_NUMBER_OF = re.compile(r"(?:the\s+)?(?:total\s+)?number\s+of\s+", IGNORE)
_AMOUNT_PLURALS = {
    "exports",
    "imports",
    "sales",
    "revenues",
    "earnings",
    "profits",
    "savings",
    "funds",
    "assets",
    "deposits",
    "loans",
    "investments",
    "receipts",
    "proceeds",
    "taxes",
    "costs",
    "expenses",
    "expenditures",
    "payments",
    "subsidies",
    "wages",
    "prices",
    "fees",
    "reserves",
    "emissions",
    "losses",
    "outlays",
}


def _counted_subject(
    sentence: str, window_start: int, before: str
) -> tuple[str, str] | None:
    """Return (noun phrase, unit) of a subject a bare number counts, or None.

    `before` is the stretch of `sentence` from `window_start` to the number.
    """
    if qual := _tail(_QUALIFIER_BEFORE, before, 40):
        before = before[: qual.start()]
    if not _tail(_COUNT_VERB_BEFORE, before, 40):
        return None
    subject, introduced, verb = _subject_before(sentence, window_start + len(before))
    if not subject or introduced:
        return None
    if of := _NUMBER_OF.match(subject):
        phrase, _ = _noun_phrase(subject, of.end())
    elif " ".join(verb.split()) in _COUNTING_VERBS:
        phrase, end = _noun_phrase(subject, 0)
        if not phrase or end != len(subject):
            return None
        if phrase.split()[-1].lower() in _AMOUNT_PLURALS:
            return None
    else:
        return None
    if not phrase:
        return None
    return phrase, _counted_unit(phrase.lower().split())


def _ranks(sentence: str, taken: list) -> list[_Candidate]:
    found = []
    for index, pattern in enumerate(RANKS):
        for match in pattern.finditer(sentence):
            if _inside(taken, match.start(), match.end()):
                continue
            groups = match.groupdict()
            qualifier = EXACT
            if groups.get("top"):
                word = groups["top"].lower()
                value = _CARDINAL_WORDS.get(word) or int(word)
                qualifier = "up_to"
            elif groups.get("n"):
                value = int(groups["n"])
            else:
                word = groups["ord"].lower()
                value = _ORDINAL_WORDS.get(word) or int(re.match(r"\d+", word).group())
            if not 1 <= value <= 500:
                continue
            if index == 1:
                # "second-largest", "second place": only a rank when it is
                # about standing ("the world's second-largest economy").
                window = sentence[max(0, match.start() - 30) : match.end() + 40]
                if not (
                    _WORLD.search(window)
                    or _NATION.search(window)
                    or "place" in match.group().lower()
                ):
                    continue
            window = sentence[max(0, match.start() - 25) : match.end() + 60]
            scope = (
                "world"
                if _WORLD.search(window)
                else ("national" if _NATION.search(window) else "")
            )
            found.append(
                _Candidate(
                    start=match.start(),
                    num_start=match.start(),
                    end=match.end(),
                    value=Decimal(value),
                    unit="rank",
                    qualifier=qualifier,
                    kind="rank",
                    scope=scope,
                )
            )
            taken.append((match.start(), match.end()))
    return found


def _fractions(sentence: str, taken: list) -> list[_Candidate]:
    found = []
    for match in FRACTION.finditer(sentence):
        if _inside(taken, match.start(), match.end()):
            continue
        before = sentence[: match.start()]
        if re.search(
            r"\b(?:first|second|latter|former|1st|2nd|the)\s*$", before, IGNORE
        ):
            continue  # "the first half of the year"
        if re.search(r"\bin\s+$", before, IGNORE):
            continue  # "in a quarter"
        qual = _QUALIFIER_BEFORE.search(before)
        verb = re.search(
            r"\b(?:account(?:s|ed|ing)?\s+for|made\s+up|make\s+up|makes\s+up|represent(?:s|ed)?)\s*$",
            before,
            IGNORE,
        )
        if not (match.group("of") or qual or verb):
            continue
        value, qualifier = _FRACTIONS[" ".join(match.group("frac").lower().split())]
        if qual:
            qualifier = QUALIFIERS[" ".join(qual.group("q").lower().split())]
        end = match.end()
        share_of = _after_of(sentence, match.end("frac")) if match.group("of") else ""
        found.append(
            _Candidate(
                start=qual.start() if qual else match.start(),
                num_start=match.start(),
                end=end + (len(share_of) + 1 if share_of else 0),
                value=Decimal(value),
                unit="%",
                qualifier=qualifier,
                share_of=share_of,
            )
        )
        taken.append((match.start(), end))
    return found


def find_quantities(
    sentence: str, periods: list[PeriodMatch], currency: str | None = None
) -> list[_Candidate]:
    """Return the figures of one sentence, in order, named but without periods.

    `currency` is what a bare "$" or "dollars" means (`document_currency`).
    """
    taken = [(p.start, p.end) for p in periods]
    candidates = _ranks(sentence, taken)
    candidates += _fractions(sentence, taken)
    # A real sentence states a handful of figures; a run of hundreds of
    # numbers (a table pasted as text) is read only in part.
    numbers = [
        (m.start("num"), m.end(), m.group("num"), m.group("suffix"))
        for m, _ in zip(NUMBER.finditer(sentence), range(_MAX_NUMBERS), strict=False)
    ]
    numbers += [
        (m.start(), m.end(), str(_WORD_VALUES[m.group("word").lower()]), None)
        for m in WORD_NUMBER.finditer(sentence)
    ]
    for num_start, num_end, digits, suffix in sorted(numbers):
        if _inside(taken, num_start, num_end):
            continue
        if _is_date_number(sentence, num_start, num_end):
            continue
        if _is_list_marker(sentence, num_start, num_end):
            continue
        if _tail(_LABEL_BEFORE, sentence[max(0, num_start - 30) : num_start], 30):
            continue
        value = _decimal(digits)
        if value is None:
            continue
        candidate = _quantity_at(
            sentence, num_start, num_end, value, suffix, taken, currency
        )
        if candidate is None:
            continue
        candidates.append(candidate)
        taken.append((num_start, num_end))
    candidates.sort(key=lambda c: c.num_start)
    _name_all(sentence, candidates)
    return candidates


# "No. 5", "Article 12", "Line 3": a number that names, not one that counts.
_LABEL_BEFORE = re.compile(
    r"\b(?:No|Article|Item|Phase|Version|Level|Grade|Class|Room|Line|Route|Window|"
    r"Section|Chapter|Paragraph)\.?\s*$",
    IGNORE,
)


def _is_list_marker(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start].strip()
    after = sentence[end : end + 1]
    if before in {"", "(", "（"} and after in {".", ")", "）", "、"}:
        return True
    return before.endswith(("(", "（")) and after in {")", "）"} and end - start <= 2


# ------------------------------------------------------------------ naming

# What the rest of the clause says of a figure that opens it: "1.2 billion
# yuan was invested in rural roads", "1.1 million of them were in rural
# areas", "120 billion yuan came from foreign visitors".
_PREDICATE_VERB = re.compile(
    r"\s+(?:(?P<aux>was|were|is|are|has\s+been|have\s+been|had\s+been|will\s+be|"
    r"would\s+be|to\s+be)\s+)?(?P<verb>[A-Za-z]+)\b",
    IGNORE,
)
_COMPLEMENT = re.compile(
    r"\s+(?:to|from|in|into|for|on|at|by|with|under|across)\s+[^,.;:()“”\"]{2,80}",
    IGNORE,
)
_COMPLEMENT_END = re.compile(
    r"\s+(?:(?:in|during|by|since|as\s+of|through|over)\s+(?:the\s+)?(?:(?:first|second|"
    r"third|fourth|last|past|whole|same|previous|current|this|next)\b|\d{4}\b|"
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b)|and\b|respectively\b|year[\s-]on[\s-]year\b|which\b|that\b)",
    IGNORE,
)
_MOTION = {
    "went": "going",
    "go": "going",
    "goes": "going",
    "came": "coming",
    "come": "coming",
    "comes": "coming",
    "flowed": "flowing",
    "flow": "flowing",
    "flows": "flowing",
    "going": "going",
    "coming": "coming",
    "flowing": "flowing",
}
_IRREGULAR_PARTICIPLES = {
    "spent",
    "built",
    "made",
    "sold",
    "paid",
    "lent",
    "put",
    "given",
    "taken",
    "won",
    "held",
    "set",
    "brought",
    "bought",
    "sent",
    "done",
    "grown",
}
_PREPOSITIONS = {"to", "from", "in", "into", "for", "on", "at", "by", "with", "under"}
_PART_BEFORE = re.compile(
    r"\b(?:of|among)\s+(?:which|them|these|those|this|whom)\b[^.;:]{0,40}$", IGNORE
)


def _predicate(sentence: str, pos: int) -> tuple[str, str]:
    """Return (participle, complement) of the clause after a figure, or blanks."""
    match = _PREDICATE_VERB.match(sentence, pos, pos + 200)
    if match is None:
        return "", ""
    verb = match.group("verb").lower()
    rest = match.end()
    if verb in _PREPOSITIONS and match.group("aux"):
        participle, rest = "", match.start("verb") - 1
    elif verb in _MOTION:
        participle = _MOTION[verb]
    elif match.group("aux") and (verb.endswith("ed") or verb in _IRREGULAR_PARTICIPLES):
        participle = verb
    else:
        return "", ""
    complement = _COMPLEMENT.match(sentence, rest, rest + 200)
    if complement is None:
        return participle, ""
    text = complement.group()
    if end := _COMPLEMENT_END.search(text, 1):
        text = text[: end.start()]
    words = text.split()[:8]
    while words and words[-1].lower() in _NP_STOP:
        words.pop()
    return participle, " ".join(words) if len(words) > 1 else ""


def _name_pronoun_share(
    sentence: str, candidate: _Candidate, previous_name: str
) -> None:
    """Name "70 percent of them are small firms" after what the share is."""
    match = re.match(
        r"\s+of\s+\w+\s+(?:(?P<verb>are|were|is|was)\s+)?(?P<rest>[^,.;:()]{2,80})",
        sentence[candidate.end : candidate.end + 120],
        IGNORE,
    )
    words = []
    if match:
        rest = match.group("rest")
        if end := _COMPLEMENT_END.search(rest):
            rest = rest[: end.start()]
        for word in rest.split()[:6]:
            if word.lower() in _NP_STOP and words:
                break
            words.append(word)
    phrase = " ".join(words)
    candidate.share_of = ""
    if previous_name:
        candidate.subject = previous_name
        verb = match.group("verb") if match else None
        candidate.detail = (
            "share"
            if not phrase
            else f"share that {verb.lower()} {phrase}"
            if verb
            else f"share {phrase}"
        )
    elif phrase:
        candidate.subject = ""
        candidate.share_of = phrase


def _describe_by_predicate(
    sentence: str, candidate: _Candidate, previous_name: str, previous_share: str = ""
) -> None:
    """Name a figure that has neither subject nor counted noun from its clause.

    A part of the figure before it ("of which 120 billion yuan came from
    foreign visitors") keeps that figure's name and says how it differs;
    else the clause names it ("Funds invested in rural roads"); a share with
    no "of" is of what the share before it was of (`previous_share`).
    """
    before = sentence[max(0, candidate.start - 60) : candidate.start]
    part = bool(_PART_BEFORE.search(before))
    end = candidate.end
    if candidate.counted.lower() in _PRONOUNS | {"them", "whom"}:
        # "1.1 million of them were in rural areas"
        part, candidate.counted = True, ""
        if of := re.match(r"\s+(?:of|among)\s+\w+", sentence[end : end + 30]):
            end += of.end()
    if candidate.counted or candidate.share_of:
        return
    participle, complement = _predicate(sentence, end)
    if part and previous_name:
        candidate.subject = previous_name
        motion = participle in _MOTION.values()
        detail = complement if motion else f"{participle} {complement}".strip()
        candidate.detail = detail or "part"
    elif participle and (complement or not participle.endswith("ing")):
        head = (
            "Funds"
            if _is_money(candidate.unit)
            else "Share"
            if candidate.unit == "%"
            else "Amount"
        )
        candidate.counted = f"{head} {participle} {complement}".strip()
    elif _is_money(candidate.unit) and (purpose := _PURPOSE.match(sentence, end)):
        # "including $340 million for 200 recycling points"
        candidate.counted = f"Funds {purpose.group('purpose').strip()}"
    elif candidate.unit == "%" and (verb_phrase := _verb_phrase(sentence, end)):
        # "35 percent worried about fraud": the share that does what follows.
        of = f" of {previous_share}" if previous_share else ""
        candidate.counted = f"Share{of} that {verb_phrase}"


_WHEN = re.compile(
    r"\s+(?:(?:last|this|next)\s+(?:year|month|quarter|week)|(?:in|during|since)\s+(?:19|20)\d{2})\b",
    IGNORE,
)


def _share_predicate(sentence: str, candidate: _Candidate) -> str:
    """Return " that had used an app" for "78 percent of respondents had used an app"."""
    at = sentence.find(candidate.share_of, candidate.num_start)
    if at < 0:
        return ""
    pos = at + len(candidate.share_of)
    verb = re.match(
        r"\s+(?P<aux>(?:had|have|has|were|was|are|is|will|would|can)\s+)?(?P<verb>[a-z]+)\b",
        sentence[pos : pos + 60],
    )
    modal = verb is not None and (verb["aux"] or "").split()[:1] in (
        ["will"],
        ["would"],
        ["can"],
    )
    # "had used an app", "paid for transport", "will retire": what they did;
    # "have access to broadband" is what they have, the share's own noun.
    if verb is None or not (modal or _is_past(verb["verb"])):
        return ""
    phrase = _verb_phrase(sentence, pos + (len(verb["aux"]) if verb["aux"] else 0))
    if not phrase:
        return ""
    return f" that {verb['aux'] or ''}{phrase}"


def _verb_phrase(sentence: str, pos: int) -> str:
    """Return the few words of a predicate right after pos ("worried about fraud")."""
    match = re.match(
        r"\s+([a-z][a-z’'-]*(?:\s+[A-Za-z][\w’'-]*){0,6})", sentence[pos : pos + 120]
    )
    if match is None or match.group(1).split()[0] in _NP_STOP:
        return ""
    text = match.group(1)
    if end := _COMPLEMENT_END.search(text, 1):
        text = text[: end.start()]
    text = _WHEN.split(text, maxsplit=1)[0]
    words = text.split()
    while words and words[-1].lower() in _NP_STOP:
        words.pop()
    return " ".join(words) if len(words) > 1 else ""


def _name_all(sentence: str, candidates: list[_Candidate]) -> None:
    previous_name = ""  # of the last level: what a growth after it is of
    previous_measure = ""  # of the last level or change: what a level after it is
    previous_group = ""  # the last figure's name: what a comparison after it is of
    previous_unit = ""
    previous_share = ""  # what the last share was of: "78 percent of respondents"
    previous_end = -1
    for group in _groups(sentence, candidates):
        first = group[0]
        change = _change_tail(sentence, first.start)
        if first.kind != "rank" and change:
            first.kind = "change"
            first.negative = bool(change.group("dec") or change.group("dnoun"))
            subject, _, _ = _subject_before(sentence, change.start())
            clause_start = _clause_start_in(sentence, change.start())
            if not subject or previous_end > clause_start:
                # "reached 21 trillion yuan, up 8.3 percent": the growth of
                # the measure just stated.
                subject = previous_name
            first.subject = subject
            after = _BASIS_AFTER.match(sentence[group[-1].end :])
            basis = change.group(0) + " " + (after.group("basis") if after else "")
            first.basis = _basis(basis.lower())
        elif first.kind != "rank" and (
            comparison := _CHANGE_AFTER.match(sentence, group[-1].end)
        ):
            # "40 percent more than a year ago", "4 points higher than last
            # year": a change, though no verb before it says so.
            first.kind = "change"
            first.negative = bool(comparison.group("dec"))
            subject, _, _ = _subject_before(sentence, first.start)
            if previous_end > _clause_start_in(sentence, first.start):
                subject = previous_group
            first.subject = subject
            first.counted = "" if subject else first.counted
            after = _BASIS_AFTER.match(sentence[group[-1].end :])
            first.basis = _basis(after.group("basis").lower()) if after else ""
        else:
            subject, introduced, verb = _subject_before(sentence, first.start)
            clause_start = _clause_start_in(sentence, first.start)
            if introduced and first.kind != "rank":
                subject = ""
            elif previous_end > clause_start and _coordinated(
                sentence, previous_end, first, previous_unit
            ):
                # "2,000 new schools and 48,500 classrooms": each names its own.
                subject = ""
            elif (
                previous_end > clause_start
                and first.counted
                and first.unit != previous_unit
                and re.fullmatch(
                    r"\s+(?:for|in|on|of|at|with)\s+[\w\s’'-]{0,60}",
                    sentence[previous_end : first.start],
                    IGNORE,
                )
            ):
                # "$340 million for a network of 200 recycling points": the
                # points are what the money is for, not the money.
                subject = ""
            elif previous_end > clause_start:
                # "…, accounting for 78.8% of …", "up from 70 percent in 2020",
                # "surged 93.4 percent to 6.89 million units": still about
                # the measure just stated.
                subject = previous_measure
                if first.unit == previous_unit and not first.share_of:
                    first.counted = ""
            elif verb in _SPENDING_VERBS | set(_PARTICIPLES) and _is_money(first.unit):
                verb = _PARTICIPLES.get(verb, verb)
                purpose = _PURPOSE.match(sentence, first.end)
                first.counted = f"Funds {verb}" + (
                    f" {purpose.group('purpose').strip()}" if purpose else ""
                )
                subject = "" if purpose else subject
            first.subject = subject
            if first.share_of.lower() in _PRONOUNS | {"them", "whom"}:
                _name_pronoun_share(sentence, first, previous_measure)
            elif first.share_of and not subject:
                first.share_of += _share_predicate(sentence, first)
            elif first.kind == "level" and not subject:
                _describe_by_predicate(
                    sentence, first, previous_measure, previous_share
                )
        respectively = len(group) > 1 and (
            re.match(r"\s*,?\s*respectively\b", sentence[group[-1].end :], IGNORE)
            or re.search(
                r"\brespectively\s*$",
                sentence[max(0, first.start - 40) : first.start],
                IGNORE,
            )
        )
        subjects = (
            split_subject(first.subject, len(group))
            if respectively and first.subject
            else []
        )
        for index, candidate in enumerate(group):
            if index:
                candidate.kind = first.kind if candidate.kind != "rank" else "rank"
                candidate.negative = first.negative
                candidate.basis = first.basis
                candidate.subject = first.subject
            if subjects:
                candidate.subject = subjects[index]
            candidate.name = _name(candidate)
            if candidate.negative and candidate.value > 0:
                candidate.value = -candidate.value
        if first.kind == "level":
            previous_name = (
                first.name
                if not first.share_of
                else _tidy_name(first.subject) or first.name
            )
            previous_unit = first.unit
            previous_measure = previous_name
        elif first.kind == "change":
            previous_measure = _tidy_name(first.subject)
        if first.kind != "rank":
            previous_group = first.name
        if first.unit == "%" and first.share_of:
            # "… of respondents that had used an app; 35 percent worried …":
            # of respondents, not of those who had used an app.
            previous_share = re.split(r"\s+that\s+", first.share_of, maxsplit=1)[0]
        previous_end = group[-1].end
    _tell_apart(sentence, candidates)


def _coordinated(
    sentence: str, previous_end: int, candidate: _Candidate, previous_unit: str
) -> bool:
    """Return whether a figure is the next item of a list of counted things."""
    return bool(
        candidate.counted
        and candidate.unit != previous_unit
        and candidate.unit not in {"%", "percentage points", "basis points"}
        and not _is_money(candidate.unit)
        and re.fullmatch(
            r"(?:\s+of\s+[\w\s’'-]{1,60}?)?\s*(?:,\s*)?(?:and\s+|as\s+well\s+as\s+)?",
            sentence[previous_end : candidate.start],
            IGNORE,
        )
    )


def _tell_apart(sentence: str, candidates: list[_Candidate]) -> None:
    """Make figures of one subject say how they differ.

    "Investment was 1.2 billion yuan, accounting for 30 percent": the
    second is the investment's share, not the investment again; "…,
    exceeding the annual target of 11 million" is the annual target.
    """
    first_of = {}
    previous_end = 0
    for candidate in candidates:
        seen = first_of.setdefault(candidate.name, candidate)
        between = sentence[previous_end : candidate.num_start]
        previous_end = max(previous_end, candidate.end)
        if (
            seen is candidate
            or candidate.kind != "level"
            or seen.unit == candidate.unit
        ):
            continue
        counted = _tidy_name(candidate.counted)
        if local := _local_phrase(between):
            candidate.name = f"{candidate.name} ({local})"
        elif counted and counted not in first_of and len(counted.split()) > 1:
            candidate.name = counted
        elif candidate.unit == "%":
            candidate.name = f"{candidate.name} share"
        else:
            candidate.name = f"{candidate.name} ({candidate.unit})"


def _local_phrase(text: str) -> str:
    """Return the noun just before a figure: ", exceeding the annual target of"."""
    text = re.split(r"[,;:]", text)[-1]  # the figure's own stretch of the clause
    text = re.sub(r"^\s*(?:(?:and|or|with|while|but)\s+)?", "", text, flags=IGNORE)
    if verb := _verb_tail(text, len(text)):
        text = text[: verb.start()]
    text = re.sub(r"^[A-Za-z]+(?:ing|ed)\b\s*", "", text.strip(" ,;:"))
    text = _LEADING.sub("", text).strip(" ,;:")
    words = text.split()
    if not 0 < len(words) <= 5 or _PREPOSITIONAL.match(text):
        return ""
    if text.lower() in _NOT_NAMES or any(w.lower() in _NP_STOP for w in words):
        return ""
    return text


def _groups(sentence: str, candidates: list[_Candidate]) -> list[list[_Candidate]]:
    groups = []
    for candidate in candidates:
        if groups:
            last = groups[-1][-1]
            between = sentence[last.end : candidate.start]
            if (
                re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|、|or\s+)\s*", between)
                and last.kind == candidate.kind
                and (last.unit == candidate.unit or candidate.kind == "rank")
            ):
                groups[-1].append(candidate)
                continue
        groups.append([candidate])
    return groups


def _basis(text: str) -> str:
    if re.search(r"month[\s-]on[\s-]month", text):
        return "month on month"
    if re.search(r"quarter[\s-]on[\s-]quarter", text):
        return "quarter on quarter"
    if re.search(
        r"year[\s-]on[\s-]year|y-o-y|yoy|same period|year (?:earlier|ago)|previous year|last year",
        text,
    ):
        return "year on year"
    if "annual" in text:
        return "annual"
    return ""


def _name(candidate: _Candidate) -> str:
    subject = _tidy_name(candidate.subject)
    if candidate.kind == "rank":
        suffix = {"world": "world rank", "national": "national rank"}.get(
            candidate.scope, "rank"
        )
        return f"{subject} ({suffix})" if subject else _capitalise(suffix)
    if candidate.kind == "change":
        measure = subject or _tidy_name(candidate.counted) or ""
        word = "growth" if candidate.unit == "%" else "change"
        name = f"{measure} {word}".strip()
        if candidate.basis:
            name += f" ({candidate.basis})"
        return _capitalise(name)
    if candidate.detail:
        return f"{subject} ({candidate.detail})"
    if candidate.unit == "%" and candidate.share_of:
        share = " ".join(candidate.share_of.split())
        return f"{subject} (share of {share})" if subject else f"Share of {share}"
    if candidate.counted and not subject:
        return _tidy_name(candidate.counted)
    if candidate.counted and not _is_money(candidate.unit):
        # "9.5 million units": the unit says nothing, the subject does.
        counted = _tidy_name(candidate.counted)
        if counted.lower() == subject.lower():
            return counted  # "Public charging piles numbered 1.35 million"
        if len(candidate.counted.split()) == 1 or subject.lower().startswith(
            ("number of", "total number")
        ):
            return subject
        return counted if len(subject) > 60 else f"{counted} ({subject})"
    if subject:
        return subject
    if candidate.counted:
        return _tidy_name(candidate.counted)
    if _is_money(candidate.unit):
        return "Amount"
    if set(candidate.unit.split()) <= _SCALE_WORDS | {"%"}:
        return "Figure"  # never "Billion": the editor names it
    return _capitalise(candidate.unit)


# ------------------------------------------------------------------ periods


def _segments(sentence: str) -> list[int]:
    """Return the start offsets of the comma-separated stretches of a sentence."""
    return [0] + [
        m.end() for m in re.finditer(r"[;:；：，]|,(?!\d)|(?<!\d),", sentence)
    ]


def _segment_of(starts: list[int], position: int) -> int:
    return max(0, bisect_right(starts, position) - 1)


def _nearest(matches: list[PeriodMatch], position: int) -> PeriodMatch:
    def distance(match):
        return position - match.end if match.end <= position else match.start - position

    return min(matches, key=lambda m: (abs(distance(m)), m.start))


def sentence_figures(
    sentence: str,
    offset: int,
    periods: list[PeriodMatch],
    context,
    inherited: Period | None,
    *,
    currency: str | None = None,
    find=None,
) -> tuple[list[Figure], Period | None]:
    """Return the figures of a sentence and the period later sentences inherit.

    A figure takes the period stated in its own stretch of the sentence
    ("700 new projects in the second quarter"); else the last one stated
    before it in the sentence ("620 million passengers last year, up 146.1
    percent"); else one stated later but not tied to another figure; else
    the period the paragraph has been talking about: the last one stated in
    an earlier sentence, unless that one only narrowed it. A base of
    comparison ("up from 61 percent in 2022") keeps its period to itself. A
    deadline ("By 2025, …") dates the figures after it as targets. A rank
    without a stated period is the last full year's: rankings are annual.

    `currency` is the dollar the whole text speaks of (`document_currency`):
    a bare "$" is that dollar, or "dollars (currency not stated)". `find`
    reads the quantities of the sentence (`find_quantities`, or the Chinese
    `figures_zh.find_quantities`).
    """
    # A dateline ("WUHAN, June 3, 2024 -- ") says where and when the text was
    # filed: no figure, and no part of a figure's name.
    news = dateline_end(sentence)
    find = find or find_quantities
    candidates = find(" " * news + sentence[news:], periods, currency)
    starts = _segments(sentence)
    bases = {
        _segment_of(starts, c.num_start)
        for c in candidates
        if _BASE_BEFORE.search(sentence, max(0, c.start - 30), c.start)
    }
    periods = _refer_back(periods, starts, bases, inherited)
    dated = [p for p in periods if p.period is not None and not p.comparison]
    usable = [p for p in dated if not p.is_target]
    figure_segments = {_segment_of(starts, c.num_start) for c in candidates}
    free = [p for p in dated if _segment_of(starts, p.start) not in figure_segments]
    carried = [p for p in dated if _segment_of(starts, p.start) not in bases]
    figures = []
    for candidate in candidates:
        segment = _segment_of(starts, candidate.num_start)
        own = [p for p in usable if _segment_of(starts, p.start) == segment]
        own_targets = [
            p for p in dated if p.is_target and _segment_of(starts, p.start) == segment
        ]
        earlier = [p for p in carried if p.end <= candidate.num_start]
        is_target = False
        if own:
            period = _nearest(own, candidate.num_start).period
        elif own_targets:
            period = _nearest(own_targets, candidate.num_start).period
            is_target = True
        elif candidate.kind == "rank":
            period = previous_full_year(context)
        elif earlier or free:
            stated = earlier[-1] if earlier else _nearest(free, candidate.num_start)
            period, is_target = stated.period, stated.is_target
        elif inherited is not None:
            # A running total ("Jan–Nov 2023 (cumulative)") keeps saying so.
            label = inherited.label
            if not label.endswith("(cumulative)"):
                label = canonical_label(inherited.start, inherited.end)
            period = replace(inherited, label=label)
        else:
            period = None
        figures.append(
            Figure(
                name=_whole_words(candidate.name, 200),
                value=candidate.value,
                unit=_whole_words(candidate.unit, 50),
                qualifier=candidate.qualifier,
                period=period,
                quote=sentence,
                position=offset + candidate.num_start,
                kind=candidate.kind,
                is_target=is_target,
            )
        )
    if observed := [p for p in carried if not p.is_target]:
        last = observed[-1]
        # "…, 700 of them in the second quarter": a part of the half year
        # the paragraph speaks of, not the paragraph's new period.
        if last in free or not _within(last.period, inherited):
            inherited = last.period
    return figures, inherited


def _within(period: Period, outer: Period | None) -> bool:
    return (
        outer is not None
        and outer.start <= period.start
        and period.end <= outer.end
        and (period.start, period.end) != (outer.start, outer.end)
    )


# "up from 61 percent in 2022", "from 3,590 in the first quarter": a base of
# comparison, whose period is its own and not the sentence's. So is a Chinese
# look back: "…超过45万亿元，2012年为11万亿元".
_BASE_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|against|versus|vs\.?)\s*$"
    r"|(?:比|较|由|从)$|[，,]\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:为|是)$",
    IGNORE,
)


def _refer_back(
    periods: list[PeriodMatch], starts: list[int], bases: set[int], before
) -> list[PeriodMatch]:
    """Return the periods with "in the same year" dated by the one before it."""
    resolved = []
    for match in periods:
        match = resolve_same(match, before)
        resolved.append(match)
        if (
            match.period is not None
            and not (match.comparison or match.is_target)
            and _segment_of(starts, match.start) not in bases
        ):
            before = match.period
    return resolved

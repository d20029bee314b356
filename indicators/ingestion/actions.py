"""Find the enumerated measures of a press text: "The first is to …".

Pure and deterministic. Press texts use the same markers for two kinds of
list: findings ("First, the scale of the digital industry continued to
increase. Second, …") and measures ("The first is to strengthen …"). An
item is a measure when it says what the government will do or did: "is to
<verb>", "will", an imperative verb ("Strengthen …"), "we launched"; after
an introduction that looks ahead ("Next, we will focus on:"), any item that
does not report what happened ("cutting fees"). A list counts as measures
when most of its items are; a list of findings gives no actions.

Markers: "The first is to", "One is to … the second is to", "First,",
"Firstly,", "Finally,", "(1)", "1.", "1)", "①", and bullets (•, -, *) on
paragraphs of their own. A list cut off at the end of the text keeps the
items it has.

Chinese (issue 21): "一是……；二是……", "第一，……第二，……" (and "首先，……
其次，……最后，……"), "（一）……（二）……", "一、……二、……", "1. ……", "1、……".
An item is a measure when it opens with what will be done ("加强……",
"继续支持……", "适度超前建设……", "将……"); "一是数字产业规模继续扩大"
reports a finding.
"""

import bisect
import re
from dataclasses import dataclass

from .cleaning import collapse_spaces
from .numbers import CARDINAL_WORDS, CHINESE_NUMERAL, ORDINAL_WORDS, chinese_numeral

IGNORE = re.IGNORECASE
_ORDINALS = ORDINAL_WORDS
_CARDINALS = CARDINAL_WORDS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
_ORD_WORDS = "|".join(_ORDINALS)

# Each marker pattern: (scheme, regex). Matched at the start of a sentence,
# or after ":" / ";" inside one ("… as follows: first, …; second, …").
MARKERS = [
    (
        "nth_is",
        re.compile(
            r"(?:the\s+)?(?P<ord>"
            + _ORD_WORDS
            + r"|last)\s+(?:one\s+|measure\s+|task\s+|"
            r"aspect\s+|point\s+)?is\s+(?P<to>to\s+)?",
            IGNORE,
        ),
    ),
    (
        "card_is",
        re.compile(
            r"(?P<card>one|two|three|four|five|six|seven|eight|nine|ten|the\s+other)\s+is\s+(?P<to>to\s+)?",
            IGNORE,
        ),
    ),
    (
        "ord_comma",
        re.compile(
            r"(?:the\s+)?(?P<ord>"
            + _ORD_WORDS
            + r"|last|finally)(?P<ly>ly)?\s*[,，:]\s*",
            IGNORE,
        ),
    ),
    (
        "number",
        re.compile(
            r"(?:\((?P<n1>\d{1,2})\)|（(?P<n2>\d{1,2})）|(?P<n3>\d{1,2})[.)、](?!\d)|(?P<circ>["
            + _CIRCLED
            + r"]))\s*"
        ),
    ),
    # "• cutting fees", "- to cut fees", "* Cut fees": numbered by their run
    # of paragraphs, and only at a paragraph's start.
    ("bullet", re.compile(r"(?:[•▪●◆■▸►]|[-*](?=\s))\s*")),
    # Chinese: "一是", "第一，", "首先，", "（一）", "一、" ("一、二季度" is no item).
    ("zh_shi", re.compile(r"其?(?P<zh>" + CHINESE_NUMERAL + r")是(?![否非])\s*")),
    (
        "zh_di",
        re.compile(
            r"(?:第(?P<zh>" + CHINESE_NUMERAL + r")|(?P<zh_word>首先|其次|最后))"
            r"\s*[，,、：:]\s*"
        ),
    ),
    ("zh_paren", re.compile(r"[（(](?P<zh>" + CHINESE_NUMERAL + r")[）)]\s*")),
    (
        "zh_dun",
        re.compile(
            r"(?P<zh>" + CHINESE_NUMERAL + r")、(?!" + CHINESE_NUMERAL + r"[、季月])\s*"
        ),
    ),
]
_ZH_WORD_ORDINALS = {"首先": 1, "其次": 2, "最后": -1}
# "……：一是A，二是B": a Chinese list may run on after commas.
_ZH_COMMA_ITEM = re.compile(r"[，,]\s*(?=" + CHINESE_NUMERAL + r"是)")
# "(1)" and "①" number items inside a sentence too: "will (1) cut fees,
# (2) speed up approvals and (3) protect data".
_INLINE_NUMBER = re.compile(
    r"[(（](?:\d{1,2}|" + CHINESE_NUMERAL + r")[)）]|[" + _CIRCLED + r"]"
)
_ONLY_SPACE = re.compile(r"\s*\Z")

_ADVERB = r"(?:[a-z]+ly|further|continue\s+to|continuing\s+to|keep|keep\s+on|strive\s+to|make\s+efforts\s+to|work\s+to|work\s+hard\s+to|try\s+to)"
_POLICY_VERBS = {
    "accelerate",
    "achieve",
    "address",
    "adhere",
    "adopt",
    "advance",
    "attract",
    "boost",
    "build",
    "carry",
    "consolidate",
    "coordinate",
    "create",
    "crack",
    "cultivate",
    "cut",
    "deepen",
    "develop",
    "drive",
    "encourage",
    "enforce",
    "enhance",
    "ensure",
    "establish",
    "expand",
    "explore",
    "extend",
    "facilitate",
    "focus",
    "formulate",
    "foster",
    "give",
    "guide",
    "help",
    "implement",
    "improve",
    "increase",
    "intensify",
    "introduce",
    "issue",
    "launch",
    "leverage",
    "lower",
    "maintain",
    "make",
    "meet",
    "mobilize",
    "mobilise",
    "modernize",
    "modernise",
    "nurture",
    "open",
    "optimize",
    "optimise",
    "organize",
    "organise",
    "pilot",
    "prevent",
    "prioritize",
    "prioritise",
    "promote",
    "protect",
    "provide",
    "publish",
    "push",
    "raise",
    "reduce",
    "refine",
    "reform",
    "release",
    "roll",
    "safeguard",
    "secure",
    "set",
    "speed",
    "stabilize",
    "stabilise",
    "step",
    "stimulate",
    "streamline",
    "strengthen",
    "support",
    "tackle",
    "take",
    "tighten",
    "unleash",
    "upgrade",
    "uphold",
    "use",
    "work",
    "better",
    "bolster",
    "complete",
    "continue",
    "do",
    "enrich",
    "expedite",
    "fully",
    "gear",
    "grasp",
    "harness",
    "integrate",
    "invest",
    "keep",
    "lay",
    "lead",
    "put",
    "rally",
    "regulate",
    "revitalize",
    "revitalise",
    "scale",
    "spur",
    "study",
    "transform",
    "unlock",
    "vigorously",
    # Common in local work reports' lists of tasks.
    "assist",
    "combat",
    "curb",
    "draft",
    "fund",
    "hire",
    "recruit",
    "rebuild",
    "renovate",
    "repair",
    "restore",
    "revise",
    "simplify",
    "subsidise",
    "subsidize",
    "train",
    "widen",
}
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+going\s+to|are\s+going\s+to|plans?\s+to|aims?\s+to|intends?\s+to|"
    r"seeks?\s+to|is\s+to|are\s+to|must|should|need\s+to|needs\s+to)\b",
    IGNORE,
)
# What a list's introduction says when the items to follow are plans:
# "Next, we will focus on:", "The next steps are:", "in the following areas".
_FORWARD = re.compile(
    r"\b(?:next|going\s+forward|will|shall|plans?\s+to|aims?\s+to|is\s+to|are\s+to|"
    r"must|should|needs?\s+to|the\s+following\s+(?:measures|steps|tasks|priorities|"
    r"areas|aspects|work))\b",
    IGNORE,
)
# What an item says when it reports what happened: "output grew", "exports
# rose 3 percent", "the process has been accelerated".
_REPORTED = re.compile(
    r"\b(?:rose|grew|fell|dropped|declined|increased|decreased|reached|hit|stood|was|were|"
    r"(?:has|have|had)\s+been|recorded|registered|totall?ed|amounted|accounted|exceeded|"
    r"climbed|edged|remained|continued|saw|posted|jumped|surged|slowed|doubled)\b",
    IGNORE,
)
_GOVERNMENT_DID = re.compile(
    r"^(?:we|the\s+(?:ministry|government|state\s+council|commission|administration|bureau|"
    r"department|office|authorities))\s+(?:have\s+|has\s+|had\s+)?(?:[a-z]+ly\s+)?"
    r"(?:launched|introduced|issued|rolled\s+out|implemented|set\s+up|established|released|"
    r"carried\s+out|organized|organised|formulated|promulgated|adopted|built|started|initiated|"
    r"opened|unveiled|published|took|taken|made|improved|strengthened|promoted|deepened|"
    r"expanded|supported|cut|reduced|lowered|raised|provided|allocated|invested|focused|"
    r"accelerated|optimized|optimised|stepped\s+up)\b",
    IGNORE,
)
_ORG = re.compile(
    r"\b(?:the\s+)?(?P<org>(?:(?:[A-Z][\w&’'-]*|of|and|for|the)\s+){0,8}?"
    r"(?:Ministry|Commission|Administration|Bureau|Council|Agency|Department|Office|Bank of China)"
    r"(?:\s+(?:of|for|and|on|the|[A-Z][\w&’'-]*)){0,10})"
)


@dataclass(frozen=True)
class Action:
    ordinal: int
    title: str
    text: str  # the whole item, marker removed
    detail: str  # what follows the title sentence
    responsible_body: str = ""


@dataclass
class _Item:
    paragraph: int
    start: int  # of the marker, in the text
    body_start: int  # after the marker
    end: int
    ordinal: int
    scheme: str
    strong: bool  # "is to": a measure whatever follows
    # A marker with nothing after it, where the text was cut off ("Third,")
    # or the item is blank: it shows the list goes on, but is no action.
    dangling: bool = False
    inline: bool = False  # "(2)" in mid-sentence


def _marker_at(text: str, pos: int):
    for scheme, pattern in MARKERS:
        match = pattern.match(text, pos)
        if match is None:
            continue
        groups = match.groupdict()
        if scheme == "bullet":
            ordinal = 1  # renumbered by the run it belongs to
        elif scheme.startswith("zh_"):
            word = groups.get("zh_word")
            ordinal = _ZH_WORD_ORDINALS[word] if word else chinese_numeral(groups["zh"])
            if ordinal is None:
                continue
        elif scheme in {"nth_is", "ord_comma"}:
            word = groups["ord"].lower()
            ordinal = _ORDINALS.get(word, -1)  # -1: "last", "finally"
        elif scheme == "card_is":
            word = " ".join(groups["card"].lower().split())
            ordinal = -1 if word == "the other" else _CARDINALS[word]
        else:
            number = groups.get("n1") or groups.get("n2") or groups.get("n3")
            ordinal = int(number) if number else _CIRCLED.index(groups["circ"]) + 1
        if (
            scheme == "ord_comma"
            and groups["ord"].lower() == "last"
            and not groups.get("ly")
        ):
            continue
        if not 0 != ordinal <= 30:
            continue
        dangling = _ONLY_SPACE.match(text, match.end()) is not None
        return scheme, ordinal, match.end(), bool(groups.get("to")), dangling
    return None


def _items(clean) -> list[_Item]:
    text = clean.text
    items = []
    bullet = None  # the last bullet item: a run goes on in the next paragraph
    for index, paragraph in enumerate(clean.paragraphs):
        positions = {}
        for s_start, s_end in paragraph.sentences:
            positions[s_start] = False
            sentence = text[s_start:s_end]
            for inner in re.finditer(r"[:;：；]\s*", sentence):
                positions.setdefault(s_start + inner.end(), False)
            for inner in _INLINE_NUMBER.finditer(sentence):
                positions.setdefault(s_start + inner.start(), True)
            for inner in _ZH_COMMA_ITEM.finditer(sentence):
                positions.setdefault(s_start + inner.end(), False)
        found = []
        for pos, inline in sorted(positions.items()):
            marker = _marker_at(text, pos)
            if marker is None:
                continue
            scheme, ordinal, body_start, strong, dangling = marker
            if scheme == "bullet":
                if pos != paragraph.sentences[0][0]:
                    continue
                if bullet is not None and bullet.paragraph == index - 1:
                    ordinal = bullet.ordinal + 1
            item = _Item(index, pos, body_start, 0, ordinal, scheme, strong)
            item.dangling, item.inline = dangling, inline
            if scheme == "bullet":
                bullet = item
            found.append(item)
        paragraph_end = paragraph.sentences[-1][1]
        for i, item in enumerate(found):
            item.end = found[i + 1].start if i + 1 < len(found) else paragraph_end
            # "-" on a line of its own: it numbers the list but says nothing.
            item.dangling = (
                item.dangling or not text[item.body_start : item.end].strip()
            )
        items.extend(found)
    return items


def _sequences(items: list[_Item]) -> list[list[_Item]]:
    """Group items into lists numbered 1, 2, 3… ("last" and "finally" close one)."""
    sequences = []
    open_by_scheme = {}
    for item in items:
        # "One is to …; the second is to …; the third, …" is one list.
        family = (
            "words"
            if item.scheme in {"nth_is", "ord_comma", "card_is"}
            else item.scheme
        )
        current = open_by_scheme.get(family)
        if item.ordinal == 1:
            sequence = [item]
            sequences.append(sequence)
            open_by_scheme[family] = sequence
        elif item.ordinal == -1 and current:
            item.ordinal = current[-1].ordinal + 1
            current.append(item)
            open_by_scheme.pop(family)
        elif current and item.ordinal == current[-1].ordinal + 1:
            current.append(item)
    return [s for s in sequences if len(s) >= 2]


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# How a Chinese measure opens: an adverb or two, then a verb of policy.
_ZH_ADVERBS = (
    r"(?:进一步|继续|持续|不断|大力|积极|着力|全力|坚决|切实|扎实|全面|深入|加快|加紧|"
    r"抓紧|重点|适度超前|适度|有序|稳步|稳妥|统筹|协同|系统|精准|依法|及时|尽快|努力|"
    r"力争|争取|将|要|我们将|我们要|同时|还将|也将)*"
)
_ZH_POLICY_VERBS = (
    r"(?:加强|加快|推进|推动|促进|实施|深化|优化|完善|健全|支持|鼓励|引导|扩大|提升|提高|"
    r"培育|发展|建设|建立|构建|打造|开展|落实|做好|抓好|保障|保持|坚持|强化|激发|释放|稳定|"
    r"稳住|降低|减轻|加大|拓展|拓宽|规范|统筹|出台|制定|修订|组织|启动|创新|探索|营造|立足|"
    r"聚焦|围绕|推广|引进|吸引|改善|增强|巩固|筑牢|兜牢|守住|防范|化解|严格|发挥|用好|压实|"
    r"补齐|夯实|畅通|开拓|助力|帮助|指导|推出|发布|实行|执行|完成|确保|提速|提档|升级|"
    r"深耕|加速|释放|落地|实现|抓|建|推|强|促|稳|保|抓实|办好|用足|延伸|布局|部署|谋划)"
)
_ZH_MEASURE = re.compile(_ZH_ADVERBS + _ZH_POLICY_VERBS)
# What a Chinese finding says happened: "规模继续扩大", "收入增长8%", "转型加快".
_ZH_REPORTED = re.compile(
    r"\d|同比|环比|增长|下降|达到|超过|突破|回升|回落|(?:扩大|加快|提高|提升|增强|改善|"
    r"向好|好转|明显|显著|稳定)$"
)
# "……工作：" or "下一步，……将……": a Chinese list of plans follows.
_ZH_FORWARD = re.compile(
    r"下一步|下阶段|下半年|今后|将|拟|计划|力争|着力|部署|重点做好"
)


def _is_chinese(text: str) -> bool:
    return len(_CJK.findall(text[:200])) >= 2


def _word_count(text: str) -> int:
    """Return the words of a text; Chinese ones are about two characters each."""
    if _is_chinese(text):
        return len(_CJK.findall(text)) // 2
    return len(text.split())


def _first_clause(body: str) -> str:
    first = re.split(r"[,;:.，；：。]", body.replace("**", ""), maxsplit=1)[0]
    return first.strip()


def is_measure(body: str, strong: bool) -> bool:
    """Return whether an item's text says what the government will do or did."""
    if strong:
        return True
    if _is_chinese(body):
        return _ZH_MEASURE.match(_first_clause(body)) is not None
    first = re.split(r"[,;:.，；：。]", body, maxsplit=1)[0].strip()
    lower = first.lower()
    if lower.startswith("to "):
        return True
    if _GOVERNMENT_DID.match(lower):
        return True
    words = re.sub(r"^(?:" + _ADVERB + r"\s+)+", "", lower).split()
    if words and words[0] in _POLICY_VERBS:
        # "Support for SMEs increased" is a finding: a verb as first word
        # followed by "for" or a finite verb reads as a noun. So is "Train
        # services rose": a noun phrase, then what happened to it.
        return not (
            len(words) > 1
            and words[1] in {"for", "has", "have", "was", "were", "is", "are"}
        ) and not _REPORTED.search(" ".join(words[1:4]))
    head = " ".join(lower.split()[:8])
    return bool(_FUTURE.search(head)) and not re.search(
        r"\b(?:has|have)\s+been\b", head
    )


def _title(text: str) -> tuple[str, str]:
    """Return (short title, the rest) of an item: its first sentence, trimmed."""
    if _is_chinese(text):
        return _chinese_title(text)
    parts = re.split(r"(?<=[.!?。！？])\s+(?=[A-Z\"“])", text, maxsplit=1)
    sentence = parts[0].rstrip(".。;；")
    rest = parts[1] if len(parts) > 1 else ""
    # "We will cut fees", "it plans to speed up approvals": the measure is
    # what follows the commitment.
    sentence = re.sub(
        r"^(?:we|they|it|the\s+(?:[\w-]+\s+){0,2}?(?:ministry|government|commission|"
        r"administration|bureau|department|province|city|council|authorities|office))\s+"
        r"(?:will|shall|must|should|(?:plans?|aims?|intends?|needs?|are\s+going|"
        r"is\s+going)\s+to)\s+",
        "",
        sentence,
        flags=IGNORE,
    )
    sentence = re.sub(r"^to\s+", "", sentence, flags=IGNORE)  # "- to cut fees"
    if len(sentence) > 160:
        for separator in (";", "；", ":", ", and ", ", "):
            cut = sentence.find(separator, 40, 160)
            if cut != -1:
                sentence = sentence[:cut]
                break
        else:
            sentence = sentence[:160].rsplit(" ", 1)[0] + "…"
    return sentence[:1].upper() + sentence[1:], rest


def _chinese_title(text: str) -> tuple[str, str]:
    """Return (title, rest) of a Chinese item: its first sentence, at most ~60 characters.

    A lead-in names the measure: "核心技术。实施……" (a bold heading in the
    text) and "扩大覆盖：再建……" give "核心技术" and "扩大覆盖".
    """
    parts = re.split(r"(?<=[。！？；])", text, maxsplit=1)
    sentence = parts[0].rstrip("。；;").strip()
    rest = parts[1].strip() if len(parts) > 1 else ""
    if lead := re.match(r"([^，、：:]{2,12})[：:]\s*", sentence):
        sentence, rest = lead.group(1), f"{sentence[lead.end() :]}{rest}"
    sentence = re.sub(
        r"^(?:我们|我部|我省|我市)?(?:将|要)(?=[\u4e00-\u9fff]{2})", "", sentence
    )
    if len(sentence) > 60:
        cut = max(sentence.rfind(p, 8, 60) for p in "，；、")
        sentence = sentence[:cut] if cut > 0 else sentence[:60] + "…"
    return sentence, rest


def organisation_name(text: str) -> str:
    """Return an organisation's name without leading "the", "of", "and"."""
    return re.sub(
        r"^(?:(?:the|of|and|for)\s+)+", "", " ".join(text.split()), flags=IGNORE
    )


# A Chinese body that acts or speaks: "工业和信息化部将……", "财政部7月22日举行……".
CHINESE_ORG = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<org>[\u4e00-\u9fff]{1,20}(?:部|委员会|办公室|局|厅|署|政府|银行))"
    r"(?=(?:\d{1,2}月)?(?:\d{1,2}日)?(?:今天|今日|上午|下午|\s)*(?:将|要|在|会同|联合|表示|介绍|指出|"
    r"有关|负责人|新闻发言人|举行|召开|举办|发布|印发|说|称|就))"
)


def _responsible_body(clean, before: int) -> str:
    """Return the organisation named last before a list (who will act)."""
    window = clean.text[max(0, before - 3000) : before]
    chinese = [m.group("org") for m in CHINESE_ORG.finditer(window)]
    if chinese and _is_chinese(window[-300:]):
        return chinese[-1][:300]
    bodies = [organisation_name(m.group("org")) for m in _ORG.finditer(window)]
    bodies = [b for b in bodies if len(b.split()) >= 2]
    return bodies[-1][:300] if bodies else ""


def _introduction(text: str, sentence_starts: list[int], start: int) -> str:
    """Return the text just before a list: the sentence before it and its lead-in."""
    position = bisect.bisect_right(sentence_starts, start)
    if position == 0:
        return ""
    return text[sentence_starts[max(position - 2, 0)] : start]


def is_planned(body: str, strong: bool, announced: bool) -> bool:
    """Return whether a list item is a measure, given its list's introduction.

    After "Next, we will focus on:" an item need not repeat "will": "cutting
    fees for small firms" is a plan. "Exports rose 3 percent" stays a finding.
    """
    if is_measure(body, strong):
        return True
    if _is_chinese(body):
        return announced and _ZH_REPORTED.search(_first_clause(body)) is None
    first = re.split(r"[,;:.，；：。]", body, maxsplit=1)[0]
    return announced and _REPORTED.search(first) is None


def _tidy_end(text: str) -> str:
    """ "speed up approvals and" (before "(3)") -> "speed up approvals"."""
    while True:
        tidy = text.rstrip(" ,;；，")
        for word in (" and", " or"):
            if tidy.lower().endswith(word):
                tidy = tidy[: -len(word)]
        if tidy == text:
            return text
        text = tidy


def find_actions(clean) -> list[Action]:
    """Return the measures of the text, numbered as in the text."""
    actions = []
    sentence_starts = [s for p in clean.paragraphs for s, _e in p.sentences]
    for sequence in _sequences(_items(clean)):
        intro = _introduction(clean.text, sentence_starts, sequence[0].start)
        announced = bool(_FORWARD.search(intro) or _ZH_FORWARD.search(intro))
        # A cut-off text's last marker ("Third,") shows the list, adds nothing.
        sequence = [item for item in sequence if not item.dangling]
        bodies = [clean.text[item.body_start : item.end] for item in sequence]
        if any(
            item.inline and _word_count(body) < 2
            for item, body in zip(sequence, bodies, strict=True)
        ):
            continue  # "paragraphs (1) and (2) of Article 5": a reference
        measures = [
            is_planned(body, item.strong, announced)
            for body, item in zip(bodies, sequence, strict=True)
        ]
        count = sum(measures)
        if not sequence or (
            count * 2 < len(sequence)
            or (count * 2 == len(sequence) and not measures[0])
        ):
            continue
        body_of = _responsible_body(clean, sequence[0].start)
        # A second list continues the numbering: ordinals are unique per text.
        offset = len(actions)
        for position, body in enumerate(bodies, start=1):
            # "**核心技术。** 实施……": Markdown bold is no part of the measure.
            text = re.sub(r"\*\*(.+?)\*\*", r"\1", collapse_spaces(body))
            text = _tidy_end(re.sub(r"(?<=[。！？；，：])\s+", "", text))
            text = text[:1].upper() + text[1:]
            title, detail = _title(text)
            actions.append(
                Action(
                    ordinal=offset + position,
                    title=title,
                    text=text,
                    detail=detail,
                    responsible_body=body_of,
                )
            )
    return actions

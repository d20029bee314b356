"""Turn a pasted press text, plain or HTML, into a title and clean paragraphs.

Pure and deterministic. Positions are kept, not text copies: every sentence
is a (start, end) span of `CleanText.text`, which *is* the input for plain
text, so a quote taken from a sentence is always an exact substring of what
the editor pasted. For HTML, `text` is the visible text the stdlib parser
found, and spans refer to that.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

# The commands and the admin refuse larger files: a press text is a few
# kilobytes, and the regular expressions below run in time linear in the size.
MAX_BYTES = 2 * 1024 * 1024


class UnreadableText(ValueError):
    """The bytes given are not a text Pressroom can read; the message says why."""


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """Return the text in `data`, or raise UnreadableText saying why not.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a mark are read;
    GB18030, the Chinese national encoding, only when the result is mostly
    Chinese, since almost any byte soup also "decodes" as GB18030.
    """
    if len(data) > MAX_BYTES:
        raise UnreadableText(
            f"The text is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB. Import one press text at a time."
        )
    if not data.strip():
        raise UnreadableText("The text is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableText("The file is not valid UTF-16 text.") from None
    if b"\x00" in data:
        raise UnreadableText("This looks like a binary file, not a text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_chinese(data)
        if text is None:
            raise UnreadableText(
                "The file is not UTF-8 text. Save it as UTF-8 and try again."
            ) from None
    if _looks_binary(text):
        raise UnreadableText("This looks like a binary file, not a text.")
    return text


def _decode_chinese(data: bytes):
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    cjk = [
        c for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
    ]
    return text if non_ascii and len(cjk) >= 0.8 * len(non_ascii) else None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(
        1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f"
    )
    return controls > max(2, len(sample) // 100)


# ---------------------------------------------------------------- HTML


# Block-level tags only: a stray "<b>" in a plain text does not make it HTML.
HTML_TAG = re.compile(
    r"<(?:p|br|div|html|body|head|h[1-6]|li|ul|ol|article|section|table|tr|td|"
    r"blockquote|title|meta|main)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "title",
}
# Page furniture, never part of the press text.
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "form",
    "aside",
    "button",
    "select",
    "iframe",
    "svg",
    "textarea",
    "head",
}


def looks_like_html(text: str) -> bool:
    return HTML_TAG.search(text) is not None


class _TextParser(HTMLParser):
    """Collect visible text with paragraph breaks; remember <title> and <h1>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title = []
        self.h1 = []  # one list of strings per <h1>: a logo's and the headline
        self.list_counters = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag == "h1":
            self.in_h1 = True
            self.h1.append([])
        if tag == "ol":
            self.list_counters.append(0)
        elif tag == "ul":
            self.list_counters.append(None)
        elif tag == "li" and self.list_counters and self.list_counters[-1] is not None:
            # An ordered list's numbers are not in the HTML text; they are
            # what marks "1. … 2. …" measures, so write them out.
            self.list_counters[-1] += 1
            if not self.skip_depth:
                self.parts.append(f"{self.list_counters[-1]}. ")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "hr":
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "h1":
            self.in_h1 = False
        if tag in ("ol", "ul") and self.list_counters:
            self.list_counters.pop()
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        data = re.sub(r"[ \t\r\n\f\v]+", " ", data)
        if self.in_h1 and self.h1:
            self.h1[-1].append(data)
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """Return (visible text with blank lines between blocks, page title)."""
    text, headline, _page_title, _logos = _parse_html(html)
    return text, headline


def _parse_html(html: str) -> tuple[str, str, str, set[str]]:
    """Return (visible text, the headline <h1>, <title> without the site name,
    the site's names in lower case)."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    text = "".join(parser.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    full_title = " ".join("".join(parser.title).split())
    headings = [" ".join("".join(parts).split()) for parts in parser.h1]
    # A site's logo is often an <h1> too, and a photo credit sometimes is:
    # the headline is the one the <title> repeats, else the first real one.
    headings = [
        h for h in headings if h and not is_boilerplate(h) and not is_furniture(h)
    ]
    page_title, site_names = _split_site_name(full_title)
    # The site's name as a line of its own is its logo: "Example News".
    logos = {name.lower() for name in site_names}
    if len(page_title.split()) <= 2:  # a <title> that is only the site's name
        logos.add(page_title.lower())
    repeated = [
        h
        for h in headings
        if h.lower() in page_title.lower() and h.lower() not in logos
    ]
    headings = [h for h in headings if h.lower() not in logos]
    headline = (repeated or headings or [""])[0]
    return text, headline, page_title, logos


_TITLE_SEPARATOR = re.compile(r"\s+[|｜_\-–—]\s+|_")


def _split_site_name(title: str) -> tuple[str, list[str]]:
    """Return a page title's headline and the site names that follow it."""
    names = []
    while True:
        separators = list(_TITLE_SEPARATOR.finditer(title))
        if not separators:
            return title, names
        head = title[: separators[-1].start()].strip()
        tail = title[separators[-1].end() :].strip()
        if len(tail.split()) > 6 or len(head.split()) < 2:
            return title, names
        title = head
        names.append(tail)


# ---------------------------------------------------------------- boilerplate

# Whole lines (or sentences) that belong to the page, not to the text:
# WordPress comment forms, share bars, navigation. Matched case-insensitively
# against the line with its whitespace collapsed.
_BOILERPLATE = [
    r"leave a (?:reply|comment)(?: to .{0,80})?",
    r"(?:post|add|write) (?:a |your )?comments?",
    r"cancel reply",
    r"(?:\d+ )?(?:comments?|replies|responses?)(?: \(\d+\))?:?",
    r"your email address will not be published\.?.{0,60}",
    r"required fields are marked ?\*?\.?",
    r"save my name, email,? and website .{0,80}",
    r"(?:name|e-?mail|website|comment|message)\s*\*?:?",
    r"notify me of .{0,80}",
    r"share(?:\s+this(?:\s+(?:article|story|page|post))?|\s+(?:on|to|via|with)\s+[\w ,|/&]{1,60})?"
    r"\s*[:：]?",
    r"click to share\b.{0,100}",
    r"like this:?",
    r"(?:like )?loading\.*",
    r"reply(?: to .{0,80})?",
    r"(?:related|related posts|related articles|related news|recommended|"
    r"you may also like|read more|read next|more news)\s*:?",
    r"(?:previous|next)(?:\s+(?:post|article|story|page)\b.{0,120}|\s*[:：].{0,120})?",
    r"(?:tags?|posted in|filed under|categor(?:y|ies))\s*:.{0,200}",
    r"(?:copyright|©)\s*(?:©\s*)?(?:\d{4}|by\b|reserved\b).{0,200}",
    r".{0,100}\ball rights reserved\.?",
    r"(?:responsible )?editor\s*:.{0,80}",
    r"\[?(?:print|close|e-?mail|top|back to top)(?: this)?(?: page| article| window)?\]?",
    r"(?:subscribe|follow us|scan the qr code)\b.{0,120}",
    r"(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu|search)",
    r"advertisements?",
    r"(?:published|publish(?:ed)?\s+(?:on|time|date)|release\s+(?:time|date)|date|time|"
    r"updated|posted|source\s+and\s+date)\s*[:：]\s*[\d\s:/.年月日-]{6,30}",
    r"(?:facebook|twitter|linkedin|weibo|wechat|whatsapp|telegram|reddit|email|"
    r"x|qq|pinterest)(?:[\s,|/·]+(?:facebook|twitter|linkedin|weibo|wechat|"
    r"whatsapp|telegram|reddit|email|x|qq|pinterest))*",
]
BOILERPLATE = re.compile(r"(?:" + "|".join(_BOILERPLATE) + r")", re.IGNORECASE)
# After a comment form starts, nothing that follows is the press text.
_COMMENTS_START = re.compile(
    r"(?:leave a (?:reply|comment)|post a comment|add a comment)\b.{0,80}",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"(?:source|from|via)\s*[:：]\s*(?P<source>[^|\n]{2,80}?)\s*(?:\||$)",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    return BOILERPLATE.fullmatch(" ".join(line.split())) is not None


# ---------------------------------------------------------------- furniture

# Lines around a press text that are neither its headline nor its body:
# photo captions and credits, bylines, bare dates, breadcrumbs, button bars.
# A copied page often puts one of them first, where the headline belongs.
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_CLOCK = (
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:bjt|gmt|utc|cst)(?:\s*[+-]\s*\d{1,2})?\)?)?"
)
_DATE = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:"
    r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
    r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}"
    r"|" + _MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r",?\s+\d{4}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r")(?:,?\s*" + _CLOCK + r")?"
)
_DATE_SEGMENT = re.compile(
    r"(?:(?:published|updated|posted|released|release\s+(?:time|date)|date|time|"
    r"发布时间|时间|日期)(?:\s+(?:on|at))?\s*[:：]?\s*)?(?:"
    + _DATE
    + r"|"
    + _CLOCK
    + r")",
    re.IGNORECASE,
)
_NAME = r"(?:(?-i:[A-Z][\w.'’-]*)|[\u4e00-\u9fff·]{2,8})"
# A press conference transcript's "Reporter: What will the ministry do?"
# is a question, not a credit: a credit names people and nothing more.
_NAMES = (
    _NAME
    + r"(?:(?:\s*[,，、/&]\s*|\s+(?:(?:and|in|from|of|for)\s+)?)"
    + _NAME
    + r"){0,8}"
)
# "By Li Ming", "By LI MING in Beijing", "By staff reporter Wang Fang, China
# Daily". Two capitalised words at least, so a heading "By Sector" stays.
_BYLINE = re.compile(
    r"(?:(?:written|text|reported|edited|translated|compiled|proofread|reviewed)\s+)?by\s+"
    r"(?:(?:our|staff|special|senior|chief)\s+)*"
    r"(?:(?:reporters?|correspondents?|writers?|journalists?)\s+)?"
    r"(?!the\b)"
    + _NAME
    + r"(?:(?:\s*,\s*|\s+(?:(?:and|&|in|from|of|for)\s+)?)"
    + _NAME
    + r"){1,8}",
    re.IGNORECASE,
)
_ROLE_LINE = re.compile(
    r"(?:(?:our|staff|chief|senior|special|responsible|executive)\s+)*"
    r"(?:reporters?|correspondents?|authors?|writers?|journalists?|photographers?|"
    r"photos?|pictures?|video|graphics?|editors?|editor-in-charge|translators?|"
    r"proofreaders?|contributors?|text|记者|作者|编辑|责任编辑|摄影|来源)"
    r"\s*[:：]\s*" + _NAMES,
    re.IGNORECASE,
)
_BUTTON = re.compile(
    r"\[?\s*(?:print(?:\s+this(?:\s+(?:page|article))?)?|e-?mail(?:\s+this)?|share|save|"
    r"favou?rites?|bookmark|collect|comments?|close(?:\s+window)?|tweet|like|top|"
    r"back(?:\s+to\s+top)?|font(?:\s+size)?\s*[:：]?(?:\s*(?:a[+-]?|large|medium|"
    r"small|big))*|large|medium|small|big|a[+-]?|"
    r"(?:views?|reads?|clicks?|hits?)\s*[:：]?\s*\d+|\d+\s+(?:views?|reads?|clicks?)|"
    r"打印|关闭|分享|收藏)\s*\]?",
    re.IGNORECASE,
)
_SEGMENT_SOURCE = re.compile(
    r"(?:source|from|来源)\s*[:：]\s*(?P<source>[^:：]{2,80})", re.IGNORECASE
)
_SEGMENT_SEPARATOR = re.compile(r"\s*(?:[|｜丨·•]|\s/\s)\s*|(?<=\])\s*(?=\[)")
_PHOTO = re.compile(
    r"[(（\[]?\s*(?:(?:file|aerial|undated|staff|top|an?|the|this)\s+)*"
    r"(?:photo(?:graph)?s?|pictures?|images?|pic|图片?)\s*"
    r"(?:credits?\b|courtesy\b|source\b|by\b|from\b|provided\b|taken\b|shows?\b|[:：/]).{0,300}"
    r"|(?:courtesy\s+of|credits?\s*[:：]).{1,100}",
    re.IGNORECASE,
)
# A caption ends with its credit: "… in Qingdao. (Xinhua/Li Ming)".
_CREDIT_END = re.compile(
    r"[(（][^()（）]{0,60}(?:photo|credit|courtesy|xinhua|reporter|correspondent|摄|"
    r"(?-i:[A-Z][\w ]{1,30}/[A-Z][\w ]{1,30}))[^()（）]{0,60}[)）]$",
    re.IGNORECASE,
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[>›»→]\s*|\s+/\s+")
_HOME = re.compile(
    r"(?:(?:current\s+location|you\s+are\s+here|location|当前位置)\s*[:：]\s*)?"
    r"(?:home(?:\s*page)?|首页)",
    re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    """Return whether a line is page furniture: a caption, byline, date, breadcrumb…"""
    line = " ".join(line.split())
    if not line or len(line) > 300:
        return False
    if _PHOTO.fullmatch(line) or _CREDIT_END.search(line) or _is_breadcrumb(line):
        return True
    dateline = DATELINE.match(line)
    if dateline and not line[dateline.end() :].strip():
        return True
    segments = [s for s in _SEGMENT_SEPARATOR.split(line) if s]
    if all(_is_furniture_segment(s) for s in segments):
        return True
    # "Xinhua | Updated: 2024-04-16 10:32": who published it, and when.
    return (
        len(segments) >= 2
        and any(_DATE_SEGMENT.fullmatch(s) for s in segments)
        and all(_is_furniture_segment(s) or _PUBLISHER.fullmatch(s) for s in segments)
    )


# A publisher's name beside a date on a credit line: a few capitalised words.
_PUBLISHER = re.compile(r"(?-i:[A-Z][\w.&'’-]*)(?:\s+(?-i:[A-Z][\w.&'’-]*)){0,3}")


_TRAILING_DATE = re.compile(r"\s+" + _DATE + r"$", re.IGNORECASE)


def _is_furniture_segment(segment: str) -> bool:
    # "By Li Ming 2023-06-09": a byline and a date in one segment.
    # (Only a segment ending in a number can end in a date: skip the search.)
    tail = segment[-12:]
    undated = (
        _TRAILING_DATE.sub("", segment) if any(c.isdigit() for c in tail) else segment
    )
    return any(
        pattern.fullmatch(text)
        for text in (segment, undated)
        for pattern in (
            _DATE_SEGMENT,
            _BYLINE,
            _ROLE_LINE,
            _BUTTON,
            _SEGMENT_SOURCE,
            BOILERPLATE,
        )
    )


def _is_breadcrumb(line: str) -> bool:
    """ "Home > News > Economy": short segments, starting at home or three deep.

    A bar of links ("Home | News | Housing") is one only when it starts at home.
    """
    bar = _SEGMENT_SEPARATOR.split(line)
    if (
        len(bar) >= 2
        and _HOME.fullmatch(bar[0]) is not None
        and all(0 < len(p.split()) <= 4 for p in bar)
    ):
        return True
    parts = _BREADCRUMB_SEPARATOR.split(line)
    if len(parts) < 2 or not all(parts):
        return False
    if any(len(p.split()) > 6 or p.endswith((".", "。")) for p in parts[:-1]):
        return False
    return _HOME.fullmatch(parts[0]) is not None or len(parts) >= 3


def furniture_source(line: str) -> str:
    """Return the source a furniture line names ("Source: Xinhua | 2023-06-09")."""
    for segment in _SEGMENT_SEPARATOR.split(" ".join(line.split())):
        match = _SEGMENT_SOURCE.fullmatch(segment)
        if match:
            return match.group("source").strip()
    return ""


# "IT House learned that …", "Our reporter learned from the ministry that …":
# the site's tag is the source name; the sentence goes on after "that".
LEARNED_THAT = re.compile(
    r"(?:(?P<source>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,5}?)\s+)?"
    r"(?:has\s+|have\s+|had\s+|is\s+|was\s+)?(?:learned|learnt)"
    r"(?:\s+from\s+[^,.;]{1,80}?)?\s*,?\s+that\s*,?\s+"
)
_NOT_SOURCE_WORDS = {
    "it",
    "is",
    "was",
    "the",
    "a",
    "an",
    "our",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "journalist",
    "journalists",
    "this",
    "we",
    "from",
    "of",
}
# "BEIJING, July 19 (Xinhua) -- ", "HONG KONG, October 16, 2024 -- ",
# "SINGAPORE, 10 September 2024 -- " at the start of a story: where and when
# it was filed, so neither a period of its figures nor part of their names.
_DATELINE_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:[a-z]{0,6})\.?"
)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'-]{1,40}),\s*(?:"
    + _DATELINE_MONTH
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + _DATELINE_MONTH
    + r")(?:,?\s*\d{4})?\s*(?:\((?P<source>[^()]{2,40})\)\s*)?(?:--|—|–|-)\s*"
)


# "新华社合肥4月16日电", "IT之家7月19日消息": the source of a Chinese story, the
# place it was filed from, and the day.
CHINESE_DATELINE = re.compile(
    r"^(?P<source>[\u4e00-\u9fffA-Za-z]{1,12}?(?:社|网|报|台|之家|新闻|客户端))"
    r"(?P<place>[\u4e00-\u9fff]{2,4})?\d{1,2}月\d{1,2}日(?:电|消息|讯)"
)


def dateline_end(sentence: str) -> int:
    """Return where the news starts after a dateline opening `sentence`, else 0."""
    match = DATELINE.match(sentence)
    return match.end() if match else 0


def dateline_place(text: str) -> str:
    """Return the place of the first dateline in the text's first lines, or ""."""
    for line in text[:3000].splitlines():
        if match := DATELINE.match(line.strip()):
            return " ".join(match.group("place").split())
    return ""


def source_from_tag(tag: str) -> str:
    """Return the source name in a "learned that" tag, or "" for "our reporter"."""
    words = tag.split()

    def generic(word):  # "IT House" is a name; "It is learned" is not
        return word.lower() in _NOT_SOURCE_WORDS and not word.isupper()

    while words and generic(words[0]):
        words.pop(0)
    while words and generic(words[-1]):
        words.pop()
    return " ".join(words)


# ---------------------------------------------------------------- sentences

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "st",
    "co",
    "corp",
    "ltd",
    "inc",
    "u.s",
    "u.k",
    "approx",
    "fig",
    "art",
    "dept",
    "gov",
    "govt",
    "sr",
    "jr",
    "est",
    "rmb",
    "p.m",
    "a.m",
}
_LIST_NUMBER = re.compile(r"\(?\d{1,3}|[A-Za-z]")
# A Chinese text ends a sentence at "。！？" and, between the items of a
# list or the clauses of a report ("……11.6万亿元；……14.0万亿元。"), at "；".
_SENTENCE_END = re.compile(r"[.!?。！？；]+[\"”’')\]]*")
_NEXT_VISIBLE = re.compile(r"\s*(\S?)")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the sentence spans of text[start:end], trimmed of whitespace."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        punct = match.group()
        if punct[0] in ".!?":
            if stop < end and not text[stop].isspace():
                continue
            # The next visible character, without copying the rest of the
            # paragraph (a 2 MB paragraph would be copied once per full stop).
            following = _NEXT_VISIBLE.match(text, stop, end).group(1)
            if following and not (
                following[0].isupper()
                or following[0].isdigit()
                or following[0] in "\"“‘'(（[【"
            ):
                continue
            if (
                punct.startswith(".")
                and len(punct) == 1
                and _ends_abbreviation(text, cursor, match.start())
            ):
                continue
            if _LIST_NUMBER.fullmatch(text[cursor : match.start()].strip()):
                continue  # "1. Strengthen …": the number belongs to the item
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _ends_abbreviation(text: str, start: int, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(start, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1)
    return token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _trim(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


# ---------------------------------------------------------------- paragraphs

_LIST_MARKER = re.compile(
    r"(?:\(?\d{1,2}[.)、]|\(\d{1,2}\)|（\d{1,2}）|[①-⑳]|[•·▪●◆■\-*]\s)\s*"
)
_TERMINAL = tuple('.!?。！？:;：；"”’)')


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body: its sentences as spans of `CleanText.text`."""

    sentences: tuple[tuple[int, int], ...]
    heading: bool = False
    # Starts of sentences that lost a "X learned that" tag: capitalised in
    # the body ("… learned that the ministry will …" -> "The ministry will …").
    untagged: frozenset = frozenset()


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    source_name: str = ""
    is_html: bool = False
    lead: str = field(default="", repr=False)

    def sentence(self, span) -> str:
        return self.text[span[0] : span[1]]

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the paragraph as one line of text, whitespace collapsed."""
        parts = []
        for span in paragraph.sentences:
            sentence = collapse_spaces(self.sentence(span))
            if span[0] in paragraph.untagged:
                sentence = sentence[:1].upper() + sentence[1:]
            parts.append(sentence)
        return collapse_spaces("\n".join(parts))

    def markdown_paragraphs(self) -> list[str]:
        return [
            ("## " if p.heading else "") + to_markdown(self.paragraph_text(p))
            for p in self.paragraphs
        ]

    def markdown(self) -> str:
        return "\n\n".join(self.markdown_paragraphs())


# Chinese characters and punctuation, which Chinese writes without spaces.
_CJK_CHAR = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WRAP_BESIDE_CJK = re.compile(
    r"(?<=" + _CJK_CHAR + r")\s*\n\s*|\s*\n\s*(?=" + _CJK_CHAR + r")"
)


def collapse_spaces(text: str) -> str:
    """Return text on one line: a line break beside Chinese goes, others are a space.

    Chinese wraps lines anywhere and writes no space between words, so
    "合计\n收入" is "合计收入"; an English "total\nrevenue" is "total revenue".
    A space the author wrote ("5G 基站") stays.
    """
    return " ".join(_WRAP_BESIDE_CJK.sub("", text).split())


_MD_ORDERED = re.compile(r"^(\d{1,2})[.)]\s+")


def to_markdown(line: str) -> str:
    """Return one paragraph of plain text as Markdown that renders as written."""
    ordered = _MD_ORDERED.match(line)
    prefix = ""
    if ordered:
        prefix, line = f"{ordered.group(1)}. ", line[ordered.end() :]
    line = re.sub(r"([\\`*_\[\]])", r"\\\1", line)
    line = line.replace("<", "&lt;")
    if not prefix and re.match(r"[#>+\-=]|\d+[.)]\s", line):
        line = "\\" + line
    return prefix + (line[:1].upper() + line[1:] if line else line)


def _lines(text: str):
    """Yield (start, end, blank_before) for each non-blank line, trimmed."""
    blank = True
    for match in re.finditer(r"[^\n]*(?:\n|$)", text):
        span = _trim(text, match.start(), match.end())
        if span is None:
            blank = True
            if match.end() == len(text):
                break
            continue
        yield span[0], span[1], blank
        blank = False


_CJK_LINE_END = re.compile(r"[\u4e00-\u9fff，、“”（）《》]$")
_CJK_LINE_START = re.compile(r"[\u4e00-\u9fff“”（《\d]")


def _blocks(text: str):
    """Return paragraph spans: blank lines and list items always break.

    A line joins the previous one only when the text looks hard-wrapped: the
    previous line runs on (no closing punctuation) and is long, or the new
    line starts in lower case.
    """
    blocks = []
    previous = None
    for start, end, blank_before in _lines(text):
        line = text[start:end]
        previous_line = text[previous[0] : previous[1]] if previous else ""
        joins = (
            previous is not None
            and not blank_before
            and len(blocks) > 1
            and not _LIST_MARKER.match(line)
            and not previous_line.endswith(_TERMINAL)
            and (
                previous[1] - previous[0] >= 60
                or line[:1].islower()
                # Chinese hard-wrapped at 30 to 40 characters a line.
                or (
                    previous[1] - previous[0] >= 15
                    and _CJK_LINE_END.search(previous_line) is not None
                    and _CJK_LINE_START.match(line) is not None
                )
            )
        )
        if joins:
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        previous = (start, end)
    return blocks


def clean(raw: str) -> CleanText:
    """Return the title, body paragraphs and source name of a press text."""
    is_html = looks_like_html(raw)
    headline = page_title = ""
    logos = set()
    text = raw
    if is_html:
        text, headline, page_title, logos = _parse_html(raw)
    title = ""
    source = ""
    paragraphs = []
    blocks = _blocks(text)
    for index, (start, end) in enumerate(blocks):
        block = " ".join(text[start:end].split())
        if _COMMENTS_START.fullmatch(block) and index > 0:
            break
        if is_boilerplate(block):
            continue
        source_line = _SOURCE_LINE.fullmatch(block)
        if source_line and len(block) < 100:
            source = source or source_line.group("source").strip()
            continue
        if is_furniture(block):
            source = source or furniture_source(block)
            continue
        if block.lower() in logos:
            continue
        # The headline comes before the body: once a paragraph is taken, a
        # short line further down is a subheading, not the title.
        if (
            not title
            and (headline or not paragraphs)
            and _is_headline(block, is_html, headline, page_title)
        ):
            title = block
            continue
        sentences = []
        untagged = set()
        for s_start, s_end in split_sentences(text, start, end):
            sentence = text[s_start:s_end]
            if is_boilerplate(sentence):
                continue
            tag = LEARNED_THAT.match(sentence)
            if tag and tag.end() < len(sentence):
                source = source or source_from_tag(tag.group("source") or "")
                s_start += tag.end()
                untagged.add(s_start)
            dateline = DATELINE.match(sentence)
            if dateline:
                source = source or (dateline.group("source") or "").strip()
            elif dateline := CHINESE_DATELINE.match(sentence):
                source = source or dateline.group("source")
            sentences.append((s_start, s_end))
        if sentences:
            heading = (
                len(sentences) == 1
                and len(block) <= 80
                and not block.endswith(_TERMINAL)
                and not _LIST_MARKER.match(block)
                and bool(paragraphs)
            )
            paragraphs.append(
                Paragraph(
                    tuple(sentences), heading=heading, untagged=frozenset(untagged)
                )
            )
    if not title:
        title = headline or page_title or _title_from_first_sentence(text, paragraphs)
    return CleanText(
        text=text,
        title=title[:300],
        paragraphs=tuple(paragraphs),
        source_name=source[:200],
        is_html=is_html,
    )


def _is_title_line(block: str) -> bool:
    return (
        len(block) <= 200
        and not block.endswith((".", "。", ":", "：", "!", "?"))
        and not _LIST_MARKER.match(block)
        # "(Continued from page 1)", an editor's note: an aside, not a headline.
        and not (block[:1] in "(（[【" and block[-1:] in ")）]】")
    )


def _is_headline(block: str, is_html: bool, headline: str, page_title: str) -> bool:
    """Return whether the first block of the body is the text's headline.

    Plain text: a short line without closing punctuation. HTML: the page's
    <h1>; without one, a title line that the <title> repeats, or any title
    line when the <title> is only the site's name ("Example News").
    """
    if not is_html:
        return _is_title_line(block)
    if headline:
        return block == headline
    if not _is_title_line(block):
        return False
    return (
        not page_title
        or len(page_title.split()) <= 2
        or block.lower() == page_title.lower()
        or (len(block.split()) >= 3 and block.lower() in page_title.lower())
    )


def _title_from_first_sentence(text: str, paragraphs) -> str:
    if not paragraphs:
        return ""
    first = " ".join(text[slice(*paragraphs[0].sentences[0])].split())
    # "BEIJING, July 19 (Xinhua) -- Exports rose …": the news, not the dateline.
    dateline = DATELINE.match(first)
    if dateline and first[dateline.end() :].strip():
        first = first[dateline.end() :].strip()
        first = first[:1].upper() + first[1:]
    if len(first) <= 150:
        return first.rstrip(".")
    cut = first[:150].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"

"""Find the figures of a Chinese sentence (issue 21): "合计收入超过10万亿元".

Pure and deterministic, like `figures`, whose `sentence_figures` gives what
this module finds its period. `extract()` sends a sentence here when it is
written mostly in Chinese characters (`is_chinese`). The rules are those of
the genre:

- A number, a scale word and a unit: "10万亿元", "337.7万个", "46.8万辆",
  "55.7%", "2.3个百分点", "1.2亿千瓦". The value keeps the English scale
  (`numbers.in_english_scale`), so that one fact gives one value in both
  languages: "10万亿元" is 10 "万亿元" (10 trillion yuan), "3800亿元" 380
  "十亿元" (380 billion), "337.7万个" 3.377 "百万个" (3.377 million),
  "46.8万辆" 468000 "辆", "3100个" 3100 "个". The unit is what follows the
  number: a measure word (个, 家, 辆, 户, 人…), a currency (元, 美元, 港元)
  or a measure (吨, 千瓦, 平方米), with the English scale in front.
- "九成" is 90 "%". A number without a unit ("512工程", "“5G+”"), a year
  ("2023年"), a date ("7月19日"), a duration ("3个月", "12年"), an
  ordinal ("第二") or a list number ("1.") is no figure.
- Qualifiers: "超过", "超", "逾", "多", "余", "以上" say more than; "突破"
  exceeded; "约", "左右" about; "近", "接近", "将近" nearly; "不少于",
  "至少", "及以上" at least; "不足", "不到", "以下" less than; "不超过",
  "最多" up to; "达到" states the value itself.
- A change is a figure of its own, signed: "同比增长8.3%" is 8.3 and "同比
  下降2.8%" is -2.8, named "<measure>同比增速"; "提高2个百分点" changes by
  2 "个百分点". "增长到", "提高至" give the new level instead.
- A rank: "位居世界第二" is 2 "位", named "<measure>世界排名".
- A name is the noun phrase before the number in its clause, without the
  period, the verb and the qualifier ("电子信息制造业、软件业、通信业和互联
  网合计收入"). A clause with only a verb is about what it counts ("新建60万
  个5G基站": "新建5G基站"; "5G应用已融入71个国民经济大类": "5G应用已融入的
  国民经济大类"), else about the figure before it ("其中二季度新增700个":
  "在建项目（新增）"; "其中近3800亿元用于铁路和公路项目": "专项债券（用于铁
  路和公路项目）"); a share of something ("覆盖80%以上的行政村") is named
  for it ("5G网络覆盖的行政村比例"). "A和B分别达到55.7%和75.1%" gives A
  the first and B the second.
"""

import re
from decimal import Decimal, InvalidOperation

from .figures import EXACT, _Candidate
from .numbers import CHINESE_SCALES, chinese_numeral, in_english_scale
from .periods import PeriodMatch

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def is_chinese(sentence: str) -> bool:
    """Return whether a sentence is written in Chinese ("5G基站" and "IT之家" are)."""
    if _CJK.search(sentence) is None:
        return False
    chinese = len(_CJK.findall(sentence))
    return chinese >= 2 and chinese >= len(_LATIN.findall(sentence))


# ------------------------------------------------------------------ numbers

_NUMBER = re.compile(
    r"(?<![\d.,A-Za-z])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,])"
)
_SCALE = re.compile(
    r"\s*(?P<scale>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?![瓦米克兆]))"
)
_MORE = re.compile(r"(?P<more>多|余)")
# The units after a number, longest first within each kind.
_PERCENT = re.compile(r"\s*(?:%|％)")
_POINTS = re.compile(r"\s*个?百分点")
_CURRENCIES = {
    "美元": "美元",
    "港元": "港元",
    "港币": "港元",
    "欧元": "欧元",
    "日元": "日元",
    "英镑": "英镑",
    "元人民币": "元",
    "人民币": "元",
    "元": "元",
}
_MEASURES = (
    "千瓦时",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "平方公里",
    "平方米",
    "立方米",
    "千米",
    "公里",
    "千克",
    "公斤",
    "公顷",
    "标准箱",
    "吨",
    "斤",
    "亩",
    "米",
)
# Measure words: what they count is named before or after ("3100个项目").
_CLASSIFIERS = (
    "人次",
    "户次",
    "辆次",
    "架次",
    "艘次",
    "家",
    "个",
    "台",
    "户",
    "项",
    "座",
    "人",
    "名",
    "位",
    "辆",
    "架",
    "艘",
    "套",
    "件",
    "部",
    "所",
    "处",
    "条",
    "只",
    "头",
    "张",
    "款",
    "种",
    "类",
    "批",
    "场",
    "份",
    "篇",
    "本",
    "册",
    "枚",
    "颗",
    "根",
    "栋",
    "间",
    "支",
    "宗",
    "笔",
)
_UNIT = re.compile(
    r"\s*(?P<unit>"
    + "|".join(
        re.escape(u)
        for u in sorted(
            (*_CURRENCIES, *_MEASURES, *_CLASSIFIERS), key=len, reverse=True
        )
    )
    + r")"
)
# "3个月", "5个工作日", "6个小时": a duration, not a count.
_DURATION_AFTER = re.compile(r"(?:月|工作日|小时|星期|季度|年头|周)")
_TENTHS = re.compile(
    r"(?<![一二两三四五六七八九十百千万亿零〇\d])(?P<n>[一二两三四五六七八九]|十|\d)成"
    r"(?!为|了|本|果|功|立|就|熟|长|员|交|都|品|型|分|效|绩|不|年|像|形|熟|全|套|片)"
)
_RANK = re.compile(
    r"(?:位居|位列|稳居|跃居|居于|居|排名|排在|排|名列|列)\s*(?P<scope>世界|全球|全国|全省|全市|国内|亚洲)?"
    r"\s*(?:第\s*(?P<n>[一二三四五六七八九十]{1,3}|\d{1,3})\s*(?:位|名)?|(?P<first>首位|榜首))"
    r"|(?P<scope2>世界|全球|全国)第(?P<n2>[一二三四五六七八九十]{1,3}|\d{1,3})大"
)

# ------------------------------------------------------------------ qualifiers

_QUALIFIER_BEFORE = re.compile(
    r"(?:(?P<up_to>不超过|不高于|不多于|最多|至多)|(?P<at_least>不少于|不低于|不下于|至少|最少)"
    r"|(?P<less_than>不足|不到|低于|少于|未达)|(?P<exceeded>突破了?)"
    r"|(?P<more_than>超过了?|超出|逾|多于|(?<![赶])超)"
    r"|(?P<nearly>接近|将近|逼近|(?<![最附])近)"
    r"|(?P<about>大约|约为|约合|约占|(?<![节签制预合公条契])约))\s*$"
)
_QUALIFIER_AFTER = re.compile(
    r"\s*(?:(?P<at_least>及以上)|(?P<more_than>以上|有余)|(?P<up_to>及以下)"
    r"|(?P<less_than>以下)|(?P<about>左右|上下))"
)

# ------------------------------------------------------------------ clauses

# A clause starts after punctuation, after who said it ("王鹏介绍，"), after a
# dateline ("新华社合肥4月16日电 ") and after a list marker ("一是", "第一，").
_CLAUSE_BOUNDARY = re.compile(
    r"[，,。；;：:！!？?（）()]|(?:表示|介绍|指出|透露|强调|显示|获悉|提到|提出|谈到|披露)"
    r"|\d{1,2}日电\s*|消息"
)
_LEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+|"
    r"（[一二三四五六七八九十]+）|\d+[.、]|其中|同时|此外|另外|与此同时|目前|当前|据统计|"
    r"据初步统计|初步统计|数据显示|统计显示|初步核算|经初步核算|全年|"
    r"\s|“(?=”)|”|、)+"
)
# A period phrase (masked as \x00) with the words that tie it to its clause:
# "在2023年", "从2012年的", "增长到2022年的": none of it is a name.
_MASKED_PERIOD = re.compile(
    r"(?:(?:增长|增加|提高|提升|上升|下降|降低|减少)?(?:到|至)|在|于|从|由|截至|截止)?"
    r"\x00+(?:的)?"
)
_PART = re.compile(r"^\s*其中")
# Verbs and adverbs between a subject and its number: "总数达到", "已连续多年".
_LEVEL_TAIL = re.compile(
    r"(?:达到了?|已达|达|为|是|共有|拥有|有|实现|录得|共计|合计|总计|保持在|稳定在|维持在|"
    r"(?:增长|增加|提高|提升|上升|下降|降低|减少|扩大|缩小|回落|攀升)(?:到|至)|"
    r"已经|已|均|都|也|仍|分别|继续|持续|连续多年|连续\d+年|多年|稳步|首次|再次|"
    r"同比|环比|一举|累计|共|将|预计|有望|力争|计划|争取)$"
)
# Verbs after which the counted noun follows the number: "新建60万个5G基站".
_MODIFYING_VERB = re.compile(
    r"(?:新增|新建|再建|建成|新开通|开通|新开工|新培育|新认定|新设|新登记|新注册|新发展|"
    r"新投产|投产|新上线|上线)$"
)
_CHANGE_TAIL = re.compile(
    r"(?P<basis>同比|环比|年均|年平均|平均每年|同期|(?:比|较|与)[^，。；,;]{0,10}?)?"
    r"\s*(?:分别)?\s*"
    r"(?:(?P<inc>增长|增加|上升|提高|提升|上涨|回升|扩大)|"
    r"(?P<dec>下降|减少|降低|回落|下跌|缩小|下滑))了?\s*(?:分别)?\s*$"
)
_RATE_TAIL = re.compile(
    r"(?P<basis>同比|环比)?(?:(?P<inc>增速|增幅|增长率|涨幅)|(?P<dec>降幅|跌幅))"
    r"(?:为|是|达到|达|保持在)?\s*$"
)
# What a part of the figure before it is: "其中近3800亿元用于铁路和公路项目",
# "其中约88.7万个是当年新建的", "其中超过80万个由运营商共建共享".
_PURPOSE_AFTER = re.compile(
    r"(?:(?:是|为)?(?:用于|投向|投入|来自|流向|用在|由|属于|位于|分布在|集中在)|是|为)"
    r"[^，。；,;：:、（）()]{1,30}"
)
_NOUN_STOP = (
    "同比",
    "环比",
    "比",
    "较",
    "增长",
    "下降",
    "增加",
    "减少",
    "提高",
    "降低",
    "占",
    "为",
    "是",
    "达",
    "超过",
    "其中",
    "在",
    "于",
    "以上",
    "以下",
    "左右",
    "和",
    "与",
    "及",
    "等",
    "分别",
    "已",
    "将",
    "的",
    "中",
    "了",
    "由",
    "被",
    "从",
    "利用",
    "开展",
    "实现",
    "参与",
    "使用",
    "通过",
    "采用",
    "覆盖",
    "完成",
    "建成",
    "达到",
    "获得",
    "分布",
    "涉及",
    "包括",
    "服务",
    "连接",
    "用于",
)
# What the things counted do, after them: "60多家医院利用5G开展远程会诊".
_PREDICATE_AFTER = re.compile(
    r"(?:利用|开展|实现|参与|使用|通过|采用|覆盖|完成|建成|获得|分布|涉及|服务|连接|用于)"
    r"[^，。；,;：:（）()]{1,20}"
)
_NOUN_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”+\-]")
# A subject that only repeats the head of the figure before it.
_GENERIC = {"规模", "总量", "数量", "总数", "收入", "产量"}
# A subject that says only that the figure before it is a goal: "目标是到2025年".
_GOAL = {"目标", "目标为", "预期目标", "预计"}


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _inside(spans, start, end) -> bool:
    return any(s <= start < e or s < end <= e for s, e in spans)


def _qualifier(match: re.Match | None) -> str:
    if match is None:
        return EXACT
    return next(name for name, text in match.groupdict().items() if text)


def _noun_after(sentence: str, pos: int) -> str:
    """Return the noun a measure word counts, right after it ("个5G基站" -> "5G基站")."""
    end = pos
    while end < len(sentence) and end - pos < 16:
        if sentence.startswith(_NOUN_STOP, end) and (
            end > pos or not sentence.startswith("中", end)  # "中小企业"
        ):
            break
        if not _NOUN_CHAR.match(sentence, end):
            break
        end += 1
    noun = sentence[pos:end]
    if noun.count("“") != noun.count("”"):
        noun = noun.strip("“”")
    return noun


def _clause_start(masked: str, position: int) -> int:
    start = 0
    for match in _CLAUSE_BOUNDARY.finditer(masked, max(0, position - 120), position):
        start = match.end()
    return max(start, position - 120, 0)


def _clean(text: str) -> str:
    """Return a clause's words without period phrases, markers and spaces."""
    text = _MASKED_PERIOD.sub("", text).replace("\x00", "")
    text = "".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
        text = text.rstrip("的")
    return text


def _strip_verbs(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEVEL_TAIL.sub("", text)
    return text


def _basis(text: str) -> str:
    if "环比" in text or "上月" in text or "上季" in text:
        return "环比"
    if re.search(r"同比|上年|去年", text):
        return "同比"
    if re.search(r"年均|年平均|平均每年", text):
        return "年均"
    return ""


# ------------------------------------------------------------------ finding


def find_quantities(
    sentence: str, periods: list[PeriodMatch], currency: str | None = None
) -> list[_Candidate]:
    """Return the figures of one Chinese sentence, in order, named but without periods.

    The same contract as `figures.find_quantities`; `currency` is unused, as
    a Chinese text writes its currency out ("元", "美元", "港元").
    """
    taken = [(p.start, p.end) for p in periods]
    masked = list(sentence)
    for start, end in taken:
        masked[start:end] = "\x00" * (end - start)
    masked = "".join(masked)
    candidates = _ranks(sentence, taken)
    candidates += _tenths(sentence, taken)
    for match in _NUMBER.finditer(sentence):
        if len(candidates) >= 60:
            break  # a table pasted as text: read only in part
        num_start, num_end = match.span("num")
        if _inside(taken, num_start, num_end):
            continue
        candidate = _quantity_at(sentence, match, taken)
        if candidate is not None:
            candidates.append(candidate)
            taken.append((candidate.start, candidate.end))
    candidates.sort(key=lambda c: c.num_start)
    _name_all(sentence, masked, candidates)
    return candidates


def _quantity_at(sentence: str, match: re.Match, taken) -> _Candidate | None:
    num_start, num_end = match.span("num")
    before = sentence[max(0, num_start - 6) : num_start]
    if before.endswith(("第", "第 ")) or re.search(
        r"\d\s*(?:[-—–~～至到])\s*$", before
    ):
        return None  # "第2", "3-5个"
    if re.match(r"\s*(?:[-—–~～]|至|到)\s*\d", sentence[num_end : num_end + 4]):
        return None  # a range: "3至5个"
    value = _decimal(match.group("num"))
    if value is None or re.match(r"0\d", match.group("num")):
        return None
    pos = num_end
    power = 0
    qualifier = EXACT
    # "6000余家", "3000多亿元", "1.2万多个": more than, before or after the scale.
    for _ in range(2):
        if not power and (scale := _SCALE.match(sentence, pos)):
            power = CHINESE_SCALES[scale.group("scale")]
            pos = scale.end()
        if more := _MORE.match(sentence, pos):
            qualifier = "more_than"
            pos = more.end()
    kind_unit = ""
    counted = ""
    if unit := _PERCENT.match(sentence, pos):
        kind_unit, pos = "%", unit.end()
    elif unit := _POINTS.match(sentence, pos):
        kind_unit, pos = "个百分点", unit.end()
    elif unit := _UNIT.match(sentence, pos):
        word = unit.group("unit")
        if word == "个" and _DURATION_AFTER.match(sentence, unit.end()):
            return None
        kind_unit, pos = _CURRENCIES.get(word, word), unit.end()
        if word in _CLASSIFIERS:
            counted = _noun_after(sentence, pos)
    elif not power:
        return None  # a bare number: "512工程", "5G", "2023年"
    value, scale_word = in_english_scale(value, power)
    if kind_unit in {"%", "个百分点"}:
        if power:
            return None  # "3万%": no such figure
        unit_text = kind_unit
    else:
        unit_text = scale_word + kind_unit
        if not unit_text:
            return None  # "1.2万" with nothing after: a count of what?
    if qual := _QUALIFIER_AFTER.match(sentence, pos):
        qualifier = _qualifier(qual)
        pos = qual.end()
    start = num_start
    if qual := _QUALIFIER_BEFORE.search(sentence, max(0, num_start - 6), num_start):
        qualifier = _qualifier(qual)
        start = qual.start()
    share_of = ""
    if kind_unit == "%" and sentence.startswith("的", pos):
        share_of = _noun_after(sentence, pos + 1)
    end = pos + (len(counted) if counted else 0)
    predicate = _PREDICATE_AFTER.match(sentence, end) if counted else None
    return _Candidate(
        start=start,
        num_start=num_start,
        end=end,
        value=value,
        unit=unit_text,
        qualifier=qualifier,
        share_of=share_of,
        counted=counted,
        detail=predicate.group() if predicate else "",
    )


def _tenths(sentence: str, taken) -> list[_Candidate]:
    """Return "九成以上" as more than 90 "%"."""
    found = []
    for match in _TENTHS.finditer(sentence):
        if _inside(taken, match.start(), match.end()):
            continue
        number = chinese_numeral(match.group("n"))
        if not number or number > 10:
            continue
        pos = match.end()
        qualifier = EXACT
        if qual := _QUALIFIER_AFTER.match(sentence, pos):
            qualifier, pos = _qualifier(qual), qual.end()
        start = match.start()
        if qual := _QUALIFIER_BEFORE.search(sentence, max(0, start - 6), start):
            qualifier, start = _qualifier(qual), qual.start()
        share_of = (
            _noun_after(sentence, pos + 1) if sentence.startswith("的", pos) else ""
        )
        found.append(
            _Candidate(
                start=start,
                num_start=match.start(),
                end=pos,
                value=Decimal(number * 10),
                unit="%",
                qualifier=qualifier,
                share_of=share_of,
            )
        )
        taken.append((match.start(), pos))
    return found


def _ranks(sentence: str, taken) -> list[_Candidate]:
    """Return "位居世界第二" as 2 "位"."""
    found = []
    for match in _RANK.finditer(sentence):
        if _inside(taken, match.start(), match.end()):
            continue
        if match.group("first"):
            value = 1
        else:
            value = chinese_numeral(match.group("n") or match.group("n2"))
        if not value:
            continue
        scope = match.group("scope") or match.group("scope2") or ""
        found.append(
            _Candidate(
                start=match.start(),
                num_start=match.start(),
                end=match.end(),
                value=Decimal(value),
                unit="位",
                qualifier=EXACT,
                kind="rank",
                scope=scope,
            )
        )
        taken.append((match.start(), match.end()))
    return found


# ------------------------------------------------------------------ naming


def _groups(sentence: str, candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Return runs of figures of one unit joined by "和", "、": "55.7%和75.1%"."""
    groups = []
    for candidate in candidates:
        if groups:
            last = groups[-1][-1]
            between = sentence[last.end : candidate.start]
            if (
                re.fullmatch(r"\s*(?:、|和|与|及)\s*", between)
                and last.unit == candidate.unit
                and last.kind == candidate.kind
                and not candidate.counted
            ):
                groups[-1].append(candidate)
                continue
        groups.append([candidate])
    return groups


def _split_subject(subject: str, parts: int) -> list[str]:
    """Split "A和B" (or "A、B和C") into `parts` subjects, or return []."""
    for separators in ("、和", "、和与及"):
        # "与" and "及" are also inside words ("参与", "普及率"): only if need be.
        outside = []
        depth = 0
        for index, char in enumerate(subject):
            if char == "“":
                depth += 1
            elif char == "”":
                depth = max(0, depth - 1)
            elif depth == 0 and char in separators:
                outside.append(index)
        if len(outside) >= parts - 1:
            break
    else:
        return []
    cuts = outside[-(parts - 1) :]
    pieces = []
    cursor = 0
    for cut in cuts:
        pieces.append(subject[cursor:cut])
        cursor = cut + 1
    pieces.append(subject[cursor:])
    return pieces if all(pieces) else []


def _name_all(sentence: str, masked: str, candidates: list[_Candidate]) -> None:
    previous_name = ""  # of the last level figure: what a growth after it is of
    previous_end = -1
    for group in _groups(sentence, candidates):
        first = group[0]
        clause_start = max(_clause_start(masked, first.start), previous_end)
        raw = masked[clause_start : first.start]
        part = bool(_PART.match(raw))
        respectively = "分别" in raw[-8:] or re.match(
            r"\s*(?:，)?\s*分别", sentence[group[-1].end : group[-1].end + 4]
        )
        change = None
        if first.kind != "rank":
            change = _CHANGE_TAIL.search(raw) or _RATE_TAIL.search(raw)
        if change is not None:
            first.kind = "change"
            first.negative = bool(change.group("dec"))
            first.basis = _basis(sentence[clause_start + change.start() : first.start])
            subject = _strip_verbs(_clean(raw[: change.start()]))
            if not subject:
                subject = previous_name
            first.subject = subject
        else:
            core = _strip_verbs(_clean(raw))
            first.subject = _level_name(sentence, first, core, part, previous_name)
        subjects = (
            _split_subject(first.subject, len(group))
            if respectively and len(group) > 1
            else []
        )
        for index, candidate in enumerate(group):
            if index:
                candidate.kind = first.kind
                candidate.negative = first.negative
                candidate.basis = first.basis
                candidate.subject = first.subject
            if subjects:
                candidate.subject = subjects[index]
            candidate.name = _name(candidate)
            if candidate.negative and candidate.value > 0:
                candidate.value = -candidate.value
        if first.kind == "level":
            previous_name = first.name if not first.share_of else previous_name
        previous_end = group[-1].end


def _level_name(
    sentence: str, candidate: _Candidate, core: str, part: bool, previous: str
) -> str:
    """Return the subject of a level, rank or share from its clause `core`."""
    if core in _GENERIC and previous.endswith(core):
        return previous  # "…数字经济规模超过45万亿元，规模稳居世界第二"
    if core in _GOAL and previous:
        return previous  # "2020年规模超过1万亿元，目标是到2025年超过3万亿元"
    if candidate.kind == "rank":
        return core or previous
    if candidate.share_of:
        return f"{core}的{candidate.share_of}" if core else candidate.share_of
    if core.startswith("占") and previous:
        core = previous + core  # "，占国内生产总值的比重达到39.8%"
    if (
        "占" in core
        and candidate.unit == "%"
        and not re.search(r"比重|比例|份额|率$", core)
    ):
        return core + "的比重"  # "终端连接数占移动终端连接数的57.5%"
    if candidate.counted:
        if not core:
            if candidate.detail:  # "利用5G开展远程会诊的医院"
                return f"{candidate.detail}的{candidate.counted}"
            return candidate.counted
        if _MODIFYING_VERB.search(core):
            return core + candidate.counted
        return f"{core}的{candidate.counted}"
    purpose = _PURPOSE_AFTER.match(sentence, candidate.end)
    verb_only = not core or _MODIFYING_VERB.fullmatch(core)
    detail = re.sub(r"^(?:是|为)", "", purpose.group()).rstrip("的") if purpose else ""
    if previous and (part or verb_only) and (verb_only or detail):
        detail = core or detail
        return f"{previous}（{detail}）" if detail else previous
    if not core and detail:
        return detail
    return core or previous


def _name(candidate: _Candidate) -> str:
    subject = candidate.subject[:150]
    if candidate.kind == "rank":
        scope = candidate.scope.replace("国内", "全国")
        return f"{subject}{scope}排名" if subject else f"{scope}排名"
    if candidate.kind == "change":
        word = "增速" if candidate.unit == "%" else "变化"
        return f"{subject}{candidate.basis}{word}"
    if candidate.share_of:
        return f"{subject}比例"
    return subject or "数值"


# ------------------------------------------------------------------ units

_ENGLISH_SCALES = {"万亿": "trillion", "十亿": "billion", "百万": "million"}
_ENGLISH_UNITS = {
    "%": "%",
    "个百分点": "percentage points",
    "位": "rank",
    "元": "yuan",
    "美元": "US dollars",
    "港元": "Hong Kong dollars",
    "欧元": "euros",
    "日元": "yen",
    "英镑": "pounds",
    "吨": "tons",
    "千瓦": "kW",
    "千瓦时": "kWh",
    "公里": "km",
    "千米": "km",
    "平方米": "square meters",
    "平方公里": "square km",
    "公顷": "hectares",
    "亩": "mu",
    "标准箱": "TEU",
}


def english_unit(unit: str) -> str:
    """Return the English of a Chinese unit ("万亿元" "trillion yuan"), or "".

    A measure word ("个", "家") says nothing an English unit could: the
    English unit names what is counted, which an editor writes.
    """
    scale = next((s for s in _ENGLISH_SCALES if unit.startswith(s)), "")
    base = _ENGLISH_UNITS.get(unit[len(scale) :], "")
    if not base:
        return ""
    return f"{_ENGLISH_SCALES[scale]} {base}" if scale else base

"""Number words shared by the figure, period and action extractors."""

from decimal import Decimal

ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
CARDINAL_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}

# Chinese numerals, for "一是", "第二", "（三）", "九成", "前三季度" (issue 21).
CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_NUMERAL = r"[一二两三四五六七八九十]{1,3}"


def chinese_numeral(text: str) -> int | None:
    """Return the value of a Chinese numeral up to 99 ("三" 3, "十二" 12, "二十" 20)."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    tens, _, units = text.partition("十")
    if "十" not in text:
        return CHINESE_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(units) > 1:
        return None
    value = (CHINESE_DIGITS.get(tens) if tens else 1) or 0
    value = value * 10 + (CHINESE_DIGITS.get(units, 0) if units else 0)
    return value or None


# A Chinese scale word after a number, as a power of ten: "10万亿元" is 10×10¹².
CHINESE_SCALES = {
    "十": 1,
    "百": 2,
    "千": 3,
    "万": 4,
    "十万": 5,
    "百万": 6,
    "千万": 7,
    "亿": 8,
    "十亿": 9,
    "百亿": 10,
    "千亿": 11,
    "万亿": 12,
}
# The English scale words in Chinese: a unit keeps the English scale, so the
# same fact gives the same value in both languages (10 "trillion yuan" is
# 10 "万亿元", 1.18 "million charging piles" is 1.18 "百万个").
ENGLISH_SCALES_IN_CHINESE = {12: "万亿", 9: "十亿", 6: "百万"}
# Which of them a scaled number uses, largest first: the one an English text
# would write ("3800亿" is "380 billion"; "46.8万" is "468,000").
_ENGLISH_POWERS = (12, 9, 6)


def in_english_scale(number: Decimal, power: int) -> tuple[Decimal, str]:
    """Return (value, Chinese scale word) for `number` × 10**`power`, English-style.

    Chinese counts in 万 (10⁴) and 亿 (10⁸), English in thousands, millions,
    billions and trillions. A value is stored as an English text would write
    it, so that a figure reads the same in both languages: "10万亿元" is 10
    "万亿元" (10 trillion yuan), "3800亿元" is 380 "十亿元" (380 billion
    yuan), "337.7万个" is 3.377 "百万个" (3.377 million), "46.8万辆" is
    468000 "辆" (468,000: below a million English writes the digits). A
    number stated without a scale word keeps its digits ("3100个" is 3100).
    """
    if not power:
        return number, ""
    total = number.scaleb(power)
    for english in _ENGLISH_POWERS:
        if abs(total) >= Decimal(1).scaleb(english):
            if english == power:
                return number, ENGLISH_SCALES_IN_CHINESE[
                    english
                ]  # "14.0万亿" as written
            return _tidy(total.scaleb(-english)), ENGLISH_SCALES_IN_CHINESE[english]
    return _tidy(total), ""


def _tidy(number: Decimal) -> Decimal:
    """Return a converted number without exponent or trailing zeros (468000, 3.377)."""
    number = number.normalize()
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number

"""A figure's period in the reader's language.

Editors write a period's label in English ("2022 H1", "as of 23 Oct 2020",
"Jan–Jun 2022"); its dates say the same. For a Chinese reader the label is
said again from the dates in the usual Chinese forms ("2022年上半年",
"截至2020年10月23日", "2022年1-6月"). A period no form fits keeps the
editor's label.
"""

import calendar
import datetime
import re

QUARTERS = "一二三四"
# A stock read on a day: "as of 23 Oct 2020", "end of 2022", "mid-2023".
POINT_IN_TIME = re.compile(r"^\s*(as of|end of|end-|mid-|at the end)", re.I)
# Months counted from January: "Jan–Jun 2022", "January-June 2022".
MONTHS_FROM_JANUARY = re.compile(r"^\s*jan[a-z]*\.?\s*[–—-]", re.I)


def is_month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def chinese_period(label: str, start: datetime.date, end: datetime.date) -> str:
    """Return the period in Chinese, or `label` when no usual form fits."""
    year = end.year
    if POINT_IN_TIME.match(label):
        if (end.month, end.day) == (12, 31):
            return f"{year}年底"
        if is_month_end(end):
            return f"{year}年{end.month}月底"
        return f"截至{year}年{end.month}月{end.day}日"
    if start.year != end.year or start.day != 1 or not is_month_end(end):
        return label
    months = end.month - start.month + 1
    if MONTHS_FROM_JANUARY.match(label) and start.month == 1 and months > 1:
        return f"{year}年1-{end.month}月"
    if months == 12:
        return f"{year}年"
    if months == 6:
        return f"{year}年{'上' if start.month == 1 else '下'}半年"
    if months == 3 and start.month % 3 == 1:
        return f"{year}年第{QUARTERS[start.month // 3]}季度"
    if months == 1:
        return f"{year}年{end.month}月"
    return label

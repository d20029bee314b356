"""A figure's period in Chinese, said again from its dates (indicators.period_names)."""

import datetime

import pytest
from django.utils import translation

from indicators.period_names import chinese_period
from tests.factories import ObservationFactory

D = datetime.date


@pytest.mark.parametrize(
    ("label", "start", "end", "chinese"),
    [
        ("2022", D(2022, 1, 1), D(2022, 12, 31), "2022年"),
        ("2022 H1", D(2022, 1, 1), D(2022, 6, 30), "2022年上半年"),
        ("2022 H2", D(2022, 7, 1), D(2022, 12, 31), "2022年下半年"),
        ("2022 Q2", D(2022, 4, 1), D(2022, 6, 30), "2022年第二季度"),
        ("June 2022", D(2022, 6, 1), D(2022, 6, 30), "2022年6月"),
        ("Jan–Jun 2022", D(2022, 1, 1), D(2022, 6, 30), "2022年1-6月"),
        ("as of 23 Oct 2020", D(2020, 1, 1), D(2020, 10, 23), "截至2020年10月23日"),
        ("end of May 2022", D(2022, 1, 1), D(2022, 5, 31), "2022年5月底"),
        ("end of 2023", D(2023, 1, 1), D(2023, 12, 31), "2023年底"),
        ("mid-2023", D(2023, 1, 1), D(2023, 6, 30), "2023年6月底"),
        # No usual form: the editor's label stays.
        ("2021–2025", D(2021, 1, 1), D(2025, 12, 31), "2021–2025"),
        ("winter 2022", D(2022, 11, 15), D(2023, 2, 15), "winter 2022"),
    ],
)
def test_a_period_reads_in_chinese_from_its_dates(label, start, end, chinese):
    assert chinese_period(label, start, end) == chinese


@pytest.mark.django_db
def test_the_indicator_page_gives_periods_in_the_readers_language(client):
    figure = ObservationFactory(
        period_label="2024 Q1",
        period_start=D(2024, 1, 1),
        period_end=D(2024, 3, 31),
    )
    path = figure.indicator.get_absolute_url()

    with translation.override("zh-hans"):
        chinese_path = figure.indicator.get_absolute_url()
    english = client.get(path).content.decode()
    chinese = client.get(chinese_path).content.decode()

    assert '<th scope="row">2024 Q1</th>' in english
    assert '<th scope="row">2024年第一季度</th>' in chinese

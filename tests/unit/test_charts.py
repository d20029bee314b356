"""Chart geometry: pure functions, no database."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.charts import format_ticks, line_chart, nice_ticks, sparkline


def test_nice_ticks_cover_the_range_with_round_steps():
    ticks = nice_ticks(3.0, 97.0)

    assert ticks[0] <= 3.0 and ticks[-1] >= 97.0
    assert ticks == [0.0, 25.0, 50.0, 75.0, 100.0]


def test_nice_ticks_for_a_flat_series_still_give_a_range():
    ticks = nice_ticks(10.0, 10.0)

    assert len(ticks) >= 2
    assert ticks[0] < 10.0 < ticks[-1]


def test_nice_ticks_in_whole_numbers_never_step_by_a_fraction():
    ticks = nice_ticks(1.0, 4.0, integer=True)

    assert all(t == int(t) for t in ticks)
    assert ticks[0] <= 1.0 and ticks[-1] >= 4.0


def test_nice_ticks_survive_non_finite_input():
    assert nice_ticks(float("nan"), 1.0) == [0.0]


@given(
    st.floats(min_value=-1e12, max_value=1e12),
    st.floats(min_value=-1e12, max_value=1e12),
)
def test_nice_ticks_always_cover_any_range_in_order(a, b):
    ticks = nice_ticks(a, b)

    assert ticks == sorted(ticks)
    assert ticks[0] <= min(a, b) + 1e-6 * max(1.0, abs(a), abs(b))
    assert ticks[-1] >= max(a, b) - 1e-6 * max(1.0, abs(a), abs(b))
    assert len(ticks) <= 12


def test_tick_labels_show_enough_decimals_to_tell_ticks_apart():
    assert format_ticks([0.0, 2.5, 5.0, 7.5]) == ["0.0", "2.5", "5.0", "7.5"]
    assert format_ticks([0.0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"]
    assert format_ticks([0.0, 1000.0, 2000.0]) == ["0", "1,000", "2,000"]


def test_tick_labels_of_tiny_values_are_not_all_zero():
    labels = format_ticks(nice_ticks(0.0, 0.000004))

    assert len(set(labels)) == len(labels)


def test_tick_labels_carry_the_percent_sign():
    chart = line_chart([("2022 H1", Decimal("55.7"), None)], suffix="%")

    assert all(tick.label.endswith("%") for tick in chart.ticks)


def test_line_chart_puts_larger_values_higher_and_spreads_periods_left_to_right():
    chart = line_chart(
        [
            ("2021", Decimal("1"), None),
            ("2022", Decimal("3"), None),
            ("2023", Decimal("2"), None),
        ]
    )

    first, second, third = chart.points
    assert first.x == chart.left
    assert third.x == chart.plot_right
    assert first.x < second.x < third.x
    assert second.y < third.y < first.y  # SVG y grows downwards


def test_line_chart_keeps_every_point_inside_the_plot_area():
    chart = line_chart([("a", Decimal("-5"), None), ("b", Decimal("1234.5"), None)])

    for point in chart.points:
        assert chart.left <= point.x <= chart.plot_right
        assert chart.top - 1e-9 <= point.y <= chart.plot_bottom + 1e-9


def test_line_chart_starts_the_axis_at_zero_for_positive_values():
    chart = line_chart([("a", Decimal("50"), None), ("b", Decimal("55"), None)])

    assert chart.ticks[0].value == 0
    assert chart.ticks[0].y == pytest.approx(chart.plot_bottom)


def test_line_chart_of_a_single_point_centres_it_on_a_real_axis():
    chart = line_chart([("2022 H1", Decimal("10"), None)])

    (point,) = chart.points
    assert point.x == pytest.approx((chart.left + chart.plot_right) / 2)
    assert chart.top <= point.y < chart.plot_bottom
    assert len(chart.ticks) >= 2
    assert point.show_label


def test_line_chart_of_an_empty_series_has_no_points_but_valid_ticks():
    chart = line_chart([])

    assert chart.points == []
    assert chart.polyline == ""
    assert all(math.isfinite(tick.y) for tick in chart.ticks)


def test_rank_chart_puts_number_one_at_the_top_in_whole_numbers():
    chart = line_chart(
        [("2020", Decimal("3"), None), ("2021", Decimal("1"), None)], rank=True
    )

    older, newer = chart.points
    assert newer.y < older.y
    assert newer.y == pytest.approx(chart.top)
    assert chart.ticks[0].value == 1
    assert all(tick.label.isdigit() for tick in chart.ticks)
    assert chart.inverted


def test_rank_chart_of_a_single_rank_never_shows_rank_zero():
    chart = line_chart([("2021", Decimal("2"), None)], rank=True)

    assert min(tick.value for tick in chart.ticks) == 1
    assert chart.top < chart.points[0].y < chart.plot_bottom


def test_many_periods_label_only_some_but_always_the_latest():
    series = [(f"2000+{i}", Decimal(i), None) for i in range(30)]

    chart = line_chart(series, max_labels=6)

    shown = [point for point in chart.points if point.show_label]
    assert 2 <= len(shown) <= 6
    assert chart.points[-1].show_label


def test_polyline_lists_every_point_in_order():
    chart = line_chart([("a", Decimal("1"), None), ("b", Decimal("2"), None)])

    assert chart.polyline.count(",") == 2
    assert chart.polyline.startswith(f"{chart.left:.1f},")


def test_sparkline_of_one_value_is_a_flat_line():
    assert sparkline([Decimal("7")], width=100, height=20) == "2,10.0 98,10.0"


def test_sparkline_of_no_values_is_empty():
    assert sparkline([]) == ""


def test_sparkline_draws_the_highest_value_at_the_top():
    points = sparkline([Decimal("1"), Decimal("5")], width=100, height=20)

    (x1, y1), (x2, y2) = (tuple(map(float, p.split(","))) for p in points.split())
    assert x1 < x2
    assert y2 < y1


def test_rank_sparkline_draws_the_best_rank_at_the_top():
    points = sparkline([Decimal("3"), Decimal("1")], width=100, height=20, rank=True)

    (_, y_older), (_, y_newer) = (
        tuple(map(float, p.split(","))) for p in points.split()
    )
    assert y_newer < y_older


def test_a_time_axis_keeps_uneven_gaps_uneven():
    import datetime

    chart = line_chart(
        [
            ("a", Decimal("1"), None),
            ("b", Decimal("2"), None),
            ("c", Decimal("3"), None),
        ],
        dates=[
            datetime.date(2012, 12, 31),
            datetime.date(2021, 12, 31),
            datetime.date(2022, 12, 31),
        ],
    )

    a, b, c = (point.x for point in chart.points)
    assert (b - a) > 8 * (c - b)
    labels = [tick.label for tick in chart.time_ticks if tick.label]
    assert "2012" in labels and "2022" in labels
    assert all(point.show_label is False for point in chart.points)


def test_value_labels_of_close_points_do_not_overlap():
    import datetime

    chart = line_chart(
        [
            ("a", Decimal("1"), None),
            ("b", Decimal("2"), None),
            ("c", Decimal("3"), None),
        ],
        dates=[
            datetime.date(2022, 5, 31),
            datetime.date(2022, 6, 30),
            datetime.date(2024, 12, 31),
        ],
    )

    assert [point.show_value for point in chart.points] == [False, True, True]

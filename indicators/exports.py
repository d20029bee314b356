"""CSV of observations, shared by the indicator page's download and the API."""

import csv

CSV_COLUMNS = [
    "indicator",
    "unit",
    "period_label",
    "period_start",
    "period_end",
    "qualifier",
    "value",
    "quality",
    "announcement",
    "held_on",
    "source_url",
]


def observation_row(observation) -> list[str]:
    """Return one CSV row; the Decimal is written exactly as stored, no float."""
    announcement = observation.announcement
    return [
        observation.indicator.slug,
        observation.indicator.unit,
        observation.period_label,
        observation.period_start.isoformat(),
        observation.period_end.isoformat(),
        observation.qualifier,
        format(observation.value.normalize(), "f"),
        observation.quality,
        announcement.slug,
        announcement.held_on.isoformat(),
        announcement.get_absolute_url(),
    ]


def write_observations_csv(observations, file) -> int:
    """Write a header row and one row per observation to `file`; return the count.

    `observations` should select_related("indicator", "announcement").
    """
    writer = csv.writer(file)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for observation in observations:
        writer.writerow(observation_row(observation))
        count += 1
    return count

"""Score the press-text extractor against a folder of answer keys."""

import datetime
import json
import time

from django.core.management.base import BaseCommand, CommandError

from indicators.ingestion import extract
from indicators.ingestion.cleaning import MAX_BYTES
from indicators.ingestion.scoring import MalformedKey, load_keys, score_keys


class Command(BaseCommand):
    help = (
        "Run the extractor on every answer key (NAME.txt + NAME.json) in DIR and "
        "print how close it comes: figures by value and unit (precision, recall, "
        "F1), qualifiers, periods, names, invented values, actions and titles."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "dir", help="Folder of answer keys, e.g. tests/ingestion/keys."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--language",
            choices=["en", "zh"],
            help="Score only the keys whose text is in English (en) or Chinese (zh).",
        )
        parser.add_argument(
            "--verbose",
            action="store_true",
            help="Also list, per text, each figure missed, extra or wrong.",
        )
        parser.add_argument(
            "--speed",
            action="store_true",
            help="Also time extract() on the largest text accepted (2 MB): the "
            "keys' texts repeated, as paragraphs and as one paragraph (CPU s).",
        )

    def handle(self, *args, **options):
        try:
            keys = load_keys(options["dir"], language=options["language"])
        except MalformedKey as error:
            raise CommandError(str(error)) from None
        if not keys:
            raise CommandError(
                f"{options['dir']}: no answer keys in {options['language']}"
            )
        report = score_keys(keys)
        if options["json"]:
            self.stdout.write(
                json.dumps(report_dict(report), ensure_ascii=False, indent=2)
            )
            return
        write_table(self.stdout, report)
        if options["verbose"]:
            write_details(self.stdout, report)
        write_targets(self.stdout, report)
        if options["speed"]:
            write_speed(self.stdout, keys)


def write_speed(out, keys) -> None:
    """Time extraction of a text as large as an import may be (CPU seconds)."""
    corpus = "\n\n".join(key.text for key in keys)
    largest = (MAX_BYTES // len(corpus.encode())) or 1
    for label, text in [
        ("the keys' texts repeated to 2 MB", "\n\n".join([corpus] * largest)),
        (
            "the same as one paragraph",
            " ".join(" ".join([corpus] * largest).split()),
        ),
    ]:
        started = time.process_time()
        extraction = extract(text, datetime.date(2024, 7, 19))
        seconds = time.process_time() - started
        out.write(
            f"  {label:<34} {len(text.encode()) / 1e6:4.1f} MB  "
            f"{seconds:5.1f} s CPU  {len(extraction.figures):,} figures  "
            "target < 10 s"
        )


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def write_table(out, report) -> None:
    """Write one row per text and an overall row: what a reviewer scans first."""
    header = (
        f"{'text':<36} {'key':>4} {'found':>5} {'match':>5} {'P':>5} {'R':>5} "
        f"{'F1':>5} {'qual':>6} {'period':>6} {'name':>6} {'inv':>3} "
        f"{'actions':>7} {'title':>5}"
    )
    out.write(header)
    out.write("-" * len(header))
    for text in report.texts:
        matched = len(text.matched)
        precision = matched / text.found if text.found else 1.0
        recall = matched / text.expected if text.expected else 1.0
        f1 = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        out.write(
            f"{text.name[:36]:<36} {text.expected:>4} {text.found:>5} {matched:>5} "
            f"{precision:>5.2f} {recall:>5.2f} {f1:>5.2f} "
            f"{_ratio(matched - len(text.wrong_qualifier), matched):>6} "
            f"{_ratio(matched - len(text.wrong_period), matched):>6} "
            f"{_ratio(matched - len(text.wrong_name), matched):>6} "
            f"{len(text.invented):>3} "
            f"{f'{text.actions_found}/{text.actions_expected}':>7} "
            f"{'yes' if text.title_exact else 'no':>5}"
        )
    out.write("-" * len(header))
    out.write(
        f"{f'overall ({len(report.texts)} texts)':<36} {report.expected:>4} "
        f"{report.found:>5} {report.matched:>5} {report.precision:>5.2f} "
        f"{report.recall:>5.2f} {report.f1:>5.2f} {report.qualifier:>6.0%} "
        f"{report.period:>6.0%} {report.name:>6.0%} {report.invented:>3} "
        f"{report.actions_exact:>7.0%} {report.title_exact:>5.0%}"
    )
    out.write(
        "\nkey/found/match: figures in the key, extracted, paired by value+unit; "
        "qual/period/name: right among the paired; inv: invented values; "
        "actions: found/expected (overall: texts with the exact count); title: "
        "exact."
    )


def _figure(figure) -> str:
    period = figure.period_label or "no period"
    return (
        f"{format(figure.value, 'f')} {figure.unit} ({figure.qualifier}, {period}) "
        f"“{figure.name}”"
    )


def _wanted(wanted) -> str:
    period = (
        "–".join(d.isoformat() for d in wanted.period) if wanted.period else "no period"
    )
    return (
        f"{format(wanted.value, 'f')} {wanted.unit} ({wanted.qualifier}, {period}) "
        f"“{wanted.name}”"
    )


def write_details(out, report) -> None:
    """Write what went wrong in each text, for whoever improves the extractor."""
    for text in report.texts:
        lines = [f"  missed: {_wanted(w)}" for w in text.missed]
        lines += [f"  extra: {_figure(f)}" for f in text.extra]
        lines += [
            f"  qualifier: {w.qualifier} expected, {f.qualifier} found for {_figure(f)}"
            for w, f in text.wrong_qualifier
        ]
        lines += [
            f"  period: expected {_wanted(w)}, found {_figure(f)}"
            for w, f in text.wrong_period
        ]
        lines += [
            f"  name: “{f.name}” does not name “{w.name}”" for w, f in text.wrong_name
        ]
        lines += [f"  bare name: {_figure(f)}" for f in text.bare_names]
        lines += [f"  invented: {_figure(f)}" for f in text.invented]
        if not text.actions_exact:
            lines.append(
                f"  actions: {text.actions_found} found, {text.actions_expected} expected"
            )
        if text.action_openings_right is not None and text.action_openings_right < min(
            text.actions_found, text.actions_expected
        ):
            lines.append(
                f"  actions: {text.action_openings_right} of them open as in the key"
            )
        if not text.title_exact:
            lines.append(
                f"  title: “{text.title_found}” found, “{text.title_expected}” expected"
            )
        if lines:
            out.write(f"\n{text.name}")
            for line in lines:
                out.write(line)


def write_targets(out, report) -> None:
    out.write("\nTargets:")
    for measure, value, target, met in report.targets():
        out.write(
            f"  {measure:<34} {value:>6}  target {target:<6} {'met' if met else 'NOT MET'}"
        )


def report_dict(report) -> dict:
    """Return the JSON shape of `manage.py score_extraction --json`."""
    texts = []
    for text in report.texts:
        texts.append(
            {
                "name": text.name,
                "expected": text.expected,
                "found": text.found,
                "matched": len(text.matched),
                "missed": [_wanted(w) for w in text.missed],
                "extra": [_figure(f) for f in text.extra],
                "wrong_qualifier": len(text.wrong_qualifier),
                "wrong_period": len(text.wrong_period),
                "wrong_name": len(text.wrong_name),
                "bare_names": [f.name for f in text.bare_names],
                "invented": [_figure(f) for f in text.invented],
                "actions_expected": text.actions_expected,
                "actions_found": text.actions_found,
                "title_expected": text.title_expected,
                "title_found": text.title_found,
            }
        )
    return {
        "overall": {
            "texts": len(report.texts),
            "expected": report.expected,
            "found": report.found,
            "matched": report.matched,
            "precision": round(report.precision, 4),
            "recall": round(report.recall, 4),
            "f1": round(report.f1, 4),
            "qualifier": round(report.qualifier, 4),
            "period": round(report.period, 4),
            "name": round(report.name, 4),
            "bare_names": report.bare_names,
            "invented": report.invented,
            "actions_exact": round(report.actions_exact, 4),
            "title_exact": round(report.title_exact, 4),
        },
        "targets": [
            {"measure": m, "value": v, "target": t, "met": met}
            for m, v, t, met in report.targets()
        ],
        "texts": texts,
    }

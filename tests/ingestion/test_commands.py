"""extract_press_text and import_press_text: output, and clear refusals."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from announcements.models import Announcement

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seed_file(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def run(name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_extract_json_lists_figures_with_exact_values_and_iso_dates(seed_file):
    out, _ = run("extract_press_text", seed_file, "--json", "--held-on", "2022-07-19")

    data = json.loads(out)
    assert data["title"].startswith("Continue to strengthen")
    assert data["paragraphs"] == 8
    assert [f["value"] for f in data["figures"]] == [
        "2",
        "10",
        "3100",
        "700",
        "6000",
        "90",
        "55.7",
        "75.1",
    ]
    revenue = data["figures"][1]
    assert revenue["unit"] == "trillion yuan"
    assert revenue["qualifier"] == "exceeded"
    assert (
        revenue["period_label"],
        revenue["period_start"],
        revenue["period_end"],
    ) == (
        "Jan–Jun 2022",
        "2022-01-01",
        "2022-06-30",
    )
    assert set(revenue) >= {"name", "quote"}
    assert [a["ordinal"] for a in data["actions"]] == [1, 2, 3, 4, 5]
    assert set(data["actions"][0]) >= {"ordinal", "title", "text"}


def test_extract_without_json_prints_a_readable_summary(seed_file):
    out, _ = run("extract_press_text", seed_file)

    assert "Figures (8):" in out
    assert "exceeded 10 trillion yuan (Jan–Jun 2022)" in out
    assert "Actions (5):" in out


def test_extract_says_when_a_text_has_no_figures(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("A ceremony\n\nTeachers were honoured.", encoding="utf-8")

    out, _ = run("extract_press_text", path)

    assert "No figures found." in out


@pytest.mark.django_db
def test_import_creates_a_draft_and_prints_what_it_found(seed_file):
    out, _ = run(
        "import_press_text",
        seed_file,
        "--held-on",
        "2022-07-19",
        "--source-url",
        "https://www.example.org/news/123",
    )

    announcement = Announcement.objects.get()
    assert announcement.status == Announcement.Status.DRAFT
    assert announcement.source_url == "https://www.example.org/news/123"
    assert announcement.held_on.isoformat() == "2022-07-19"
    assert f"Created draft announcement {announcement.pk}" in out
    assert "Figures (8):" in out
    assert f"/{announcement.pk}/suggestions/" in out


def bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Revenue in caf\xe9s rose \x80\x81.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Revenue rose 5 percent. " * (5 * 1024 * 1024 // 24))
    furniture = tmp_path / "furniture.txt"
    furniture.write_text(
        "Leave a Reply\n\nRequired fields are marked *", encoding="utf-8"
    )
    return [
        (empty, "empty"),
        (binary, "binary"),
        (latin, "not UTF-8"),
        (huge, "limit is 2 MB"),
        (tmp_path / "missing.txt", "No such file"),
        (furniture, "empty once page boilerplate is removed"),
    ]


@pytest.mark.parametrize("command", ["extract_press_text", "import_press_text"])
@pytest.mark.django_db
def test_bad_files_are_refused_with_a_clear_message_and_nothing_saved(
    tmp_path, command
):
    for path, message in bad_files(tmp_path):
        with pytest.raises(CommandError, match=message):
            run(command, path)

    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--held-on", "19/07/2022"], "YYYY-MM-DD"),
        (["--source-url", "javascript:alert(1)"], "source-url"),
    ],
)
@pytest.mark.django_db
def test_bad_options_are_refused(seed_file, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_press_text", seed_file, *args)

    assert not Announcement.objects.exists()


def test_from_the_shell_a_binary_file_exits_non_zero_without_a_traceback(tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 50}

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "extract_press_text",
            str(binary),
            "--skip-checks",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "binary file" in result.stderr
    assert "Traceback" not in result.stderr

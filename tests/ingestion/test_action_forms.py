"""Measures in every usual list form; lists of findings in the same forms are not."""

import pytest

from indicators.ingestion.actions import find_actions
from indicators.ingestion.cleaning import clean

PLAN = ["Widen rural broadband", "Train more nurses", "Repair old bridges"]


def titles(body):
    return [
        (a.ordinal, a.title)
        for a in find_actions(clean(f"Provincial work report\n\n{body}"))
    ]


NUMBERED = list(enumerate(PLAN, start=1))


@pytest.mark.parametrize(
    "body",
    [
        "First, we will widen rural broadband; second, we will train more nurses; "
        "third, we will repair old bridges.",
        "First, we will widen rural broadband. Second, the province plans to train "
        "more nurses. Third, we must repair old bridges.",
        "Three tasks lie ahead. One is to widen rural broadband; the second is to "
        "train more nurses; the third is to repair old bridges.",
        "Firstly, we will widen rural broadband. Secondly, we should train more nurses. "
        "Finally, we must repair old bridges.",
        "(1) We will widen rural broadband. (2) We plan to train more nurses. "
        "(3) We are going to repair old bridges.",
        "The province will (1) widen rural broadband, (2) train more nurses and "
        "(3) repair old bridges.",
        "1) Widen rural broadband.\n2) Train more nurses.\n3) Repair old bridges.",
        "Next, we will focus on:\n• to widen rural broadband;\n• to train more nurses;\n"
        "• to repair old bridges.",
        "The next steps are:\n- Widen rural broadband.\n- Train more nurses.\n"
        "- Repair old bridges.",
        "Next, we will focus on the following.\n\n* Widen rural broadband\n\n"
        "* Train more nurses\n\n* Repair old bridges",
    ],
)
def test_actions_are_found_in_every_usual_list_form(body):
    assert titles(body) == NUMBERED


def test_actions_after_a_forward_looking_introduction_need_no_verb_of_their_own():
    body = (
        "Next, we will focus on three areas:\n• widening rural broadband;\n"
        "• training more nurses;\n• repairing old bridges."
    )

    assert titles(body) == [
        (1, "Widening rural broadband"),
        (2, "Training more nurses"),
        (3, "Repairing old bridges"),
    ]


def test_actions_in_a_mixed_one_is_the_second_list_take_an_unmarked_last_item():
    body = (
        "One is to widen rural broadband; the second is to train more nurses; "
        "the third, repairing old bridges."
    )

    assert titles(body)[-1] == (3, "Repairing old bridges")


@pytest.mark.parametrize(
    "body",
    [
        "First, output grew 4 percent. Second, exports rose sharply. "
        "Third, retail sales reached 2 trillion yuan.",
        "Next year will be busy. First, output grew 4 percent. "
        "Second, exports rose sharply.",
        "Firstly, grain output was stable. Secondly, farm incomes have been rising. "
        "Finally, prices remained steady.",
        "(1) Output grew 4 percent. (2) Exports rose sharply.",
        "The next steps are built on last year:\n• Output grew 4 percent.\n"
        "• Exports rose sharply.\n• Prices remained steady.",
        "Last year brought change:\n- output grew;\n- exports rose;\n- prices fell.",
        "1) Train services rose 5 percent.\n2) Bus services grew.",
    ],
)
def test_actions_leave_out_lists_of_findings(body):
    assert titles(body) == []


def test_actions_ignore_numbered_references_inside_a_sentence():
    assert titles("Paragraphs (1) and (2) of Article 5 will be revised.") == []


def test_actions_of_a_list_cut_off_at_the_end_keep_the_items_it_has():
    body = "First, we will widen rural broadband. Second, we will train more"

    assert titles(body) == [(1, "Widen rural broadband"), (2, "Train more")]


def test_actions_of_a_list_cut_off_after_its_next_marker_keep_the_first_item():
    body = "First, we will widen rural broadband. Second,"

    assert titles(body) == [(1, "Widen rural broadband")]


def test_actions_text_keeps_the_whole_item_without_the_joining_and():
    (first, second, _third) = find_actions(
        clean(
            "Report\n\nThe province will (1) widen rural broadband, "
            "(2) train more nurses and (3) repair old bridges."
        )
    )

    assert (first.text, second.text) == ("Widen rural broadband", "Train more nurses")

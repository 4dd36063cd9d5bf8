import pytest

from sources.passages import PassageAmbiguous, PassageNotFound, locate_passage

TEXT = (
    "Konashenkov said troops were \u201ctwice targeted\u201d \u2014 from SDF positions.\n"
    "He said the attack   was repelled. He said the attack was repelled."
)


def test_an_exact_passage_is_found_at_its_offsets():
    span = locate_passage(TEXT, "twice targeted")
    assert TEXT[span.start : span.end] == "twice targeted" == span.exact
    assert span.start == TEXT.index("twice targeted")


def test_straight_quotes_and_a_hyphen_match_curly_quotes_and_a_dash():
    span = locate_passage(TEXT, 'troops were "twice targeted" - from SDF')
    assert span.exact == "troops were \u201ctwice targeted\u201d \u2014 from SDF"
    assert TEXT[span.start : span.end] == span.exact


def test_runs_of_whitespace_and_line_breaks_are_folded():
    span = locate_passage(TEXT, "SDF  positions. He said the attack was")
    assert span.exact == "SDF positions.\nHe said the attack   was"


def test_surrounding_whitespace_in_the_pasted_passage_is_ignored():
    span = locate_passage(TEXT, "   twice targeted\n")
    assert span.exact == "twice targeted"


def test_a_passage_found_nowhere_is_a_clear_error():
    with pytest.raises(PassageNotFound) as raised:
        locate_passage(TEXT, "three times targeted")
    assert "not found" in raised.value.messages[0]
    assert raised.value.code == "not_found"


def test_a_passage_found_twice_is_a_clear_error_naming_both_places():
    with pytest.raises(PassageAmbiguous) as raised:
        locate_passage(TEXT, "He said the attack")
    message = raised.value.messages[0]
    assert "2 times" in message and "longer passage" in message


def test_a_passage_found_twice_only_after_normalising_is_ambiguous_too():
    text = "He said \u201cno\u201d. She said \u00abno\u00bb."
    with pytest.raises(PassageAmbiguous):
        locate_passage(text, 'said "no"')


def test_a_single_exact_match_wins_over_looser_matches():
    span = locate_passage(TEXT, "the attack was repelled")
    assert span.start == TEXT.rindex("the attack was repelled")


def test_an_empty_passage_is_refused():
    with pytest.raises(PassageNotFound) as raised:
        locate_passage(TEXT, "  ")
    assert raised.value.code == "empty"


def test_an_ellipsis_character_matches_three_dots():
    text = "He said: wait\u2026 then fire."
    span = locate_passage(text, "wait... then")
    assert span.exact == "wait\u2026 then"

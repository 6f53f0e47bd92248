"""Checks applied before a value reaches PostgreSQL (core/validation.py)."""

import pytest

from core.validation import MAX_ID, valid_id


@pytest.mark.parametrize("value", ["1", "0042", "9223372036854775807", 1, MAX_ID])
def test_a_whole_number_from_one_to_the_largest_bigint_is_an_id(value):
    assert valid_id(value) == int(value)


@pytest.mark.parametrize(
    "value",
    ["0", "-1", "9223372036854775808", 0, -5, MAX_ID + 1, "", " 1", "1.0", "1e3", "x"],
)
def test_zero_negatives_and_numbers_past_a_bigint_are_no_id(value):
    assert valid_id(value) is None


@pytest.mark.parametrize("value", ["²", "๑๒", "١٢", "１２"])
def test_digits_other_than_ascii_are_no_id(value):
    """int() reads Thai, Arabic-Indic and full-width digits, and isdigit() passes "²"."""
    assert valid_id(value) is None


@pytest.mark.parametrize("value", [None, True, 1.0, ["1"]])
def test_values_that_are_neither_text_nor_int_are_no_id(value):
    assert valid_id(value) is None

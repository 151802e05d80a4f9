"""The wording catalogue informs and never prescribes."""

from __future__ import annotations

import re
import string

import pytest

from taper_tui.core import wording
from taper_tui.core.wording import CATALOGUE, DEFAULT_CRISIS_TEXT, DISCLAIMER

DRUG_WORDS = r"(?:dose|doses|drug|drugs|medication|medicine|tablet|tablets|pills?|taper)"
# Sentences that would tell a person to change their own medication.
ORDERS = [
    r"\b(?:stop|stopping|quit)\s+(?:taking\s+)?(?:your|the|this|it)\b",
    rf"\b(?:reduce|increase|lower|raise|halve|double|cut|skip|change|adjust|reinstate|resume|"
    rf"restart|return to|go back to|switch)\s+(?:your|the|this)\s+(?:\w+\s+)?{DRUG_WORDS}",
    r"\byou (?:should|must|need to|have to|ought to)\b",
    r"\btake\s+(?:\d|an?\s|more|less|your|the)",
    r"(?:^|[.!?]\s+)(?:Stop|Reduce|Increase|Lower|Raise|Cut|Skip|Take|Reinstate|Resume|Restart|"
    r"Switch|Halve|Double)\b",
]
SAMPLE = dict.fromkeys(["drug", "other", "symptom", "what", "subject", "change"], "sertraline")


def texts() -> list[tuple[str, str]]:
    return [(t.key, t.text) for t in CATALOGUE] + [("crisis", DEFAULT_CRISIS_TEXT),
                                                  ("disclaimer", DISCLAIMER)]


@pytest.mark.parametrize(("key", "text"), texts())
def test_no_sentence_tells_anyone_to_change_a_dose_on_their_own(key: str, text: str) -> None:
    for pattern in ORDERS:
        assert not re.search(pattern, text, flags=re.IGNORECASE if "^" not in pattern else 0), \
            (key, pattern, text)


def test_the_scanner_catches_orders() -> None:
    bad = ["Stop taking sertraline.", "Reduce your dose by 10%.", "You should skip a dose.",
           "Symptoms are up. Go back to the previous dose.", "Take 5 mg more tonight.",
           "Increase the sertraline dose."]
    for text in bad:
        assert any(re.search(p, text, flags=re.IGNORECASE if "^" not in p else 0)
                   for p in ORDERS), text


def test_choices_are_left_to_the_prescriber() -> None:
    for t in (wording.ADVANCE_CLOSING, wording.HOLD_CLOSING, wording.HOLD_WAIT,
              wording.CONSULT_CLOSING,
              wording.ALTERNATE_DAY, wording.SIMULTANEOUS_CHANGE, wording.KINDLING_NOTE,
              wording.REINSTATEMENT_CYCLE, wording.POSSIBLE_RELAPSE, wording.RELAPSE_NOW):
        assert "prescriber" in t.text, t.key
    assert "one option" in wording.CONSULT_CLOSING.text


def test_withdrawal_readings_are_not_diagnoses() -> None:
    assert "not a diagnosis" in wording.WITHDRAWAL_PATTERN.text
    assert "may be relapse" in wording.POSSIBLE_RELAPSE.text


def test_default_crisis_text_is_generic() -> None:
    assert not re.search(r"\d", DEFAULT_CRISIS_TEXT), "no phone numbers: they differ by country"
    assert "emergency" in DEFAULT_CRISIS_TEXT and "crisis:" in DEFAULT_CRISIS_TEXT


def test_keys_are_unique_and_every_field_is_named() -> None:
    keys = [t.key for t in CATALOGUE]
    assert len(keys) == len(set(keys))
    for t in CATALOGUE:
        fields = [f for _, f, _, _ in string.Formatter().parse(t.text) if f is not None]
        assert all(f.isidentifier() for f in fields), (t.key, fields)
        filled = t(**{f: SAMPLE.get(f, "1") for f in fields})
        assert "{" not in filled


def test_number_formats() -> None:
    from decimal import Decimal

    assert wording.mg(Decimal("37.50")) == "37.5"
    assert wording.mg(Decimal("1E+2")) == "100"
    assert wording.mg(Decimal("0.050")) == "0.05"
    assert wording.mean(Decimal(7) / 3) == "2.3" and wording.mean(None) == "no data"
    assert wording.pct(Decimal("40.000")) == "40" and wording.pct(Decimal("12.345")) == "12.3"
    assert wording.days(1) == "1 day" and wording.days(2) == "2 days"

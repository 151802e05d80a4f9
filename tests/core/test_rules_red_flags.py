"""Red flags: any level above 0 is urgent, with the person's crisis text or the default."""

from __future__ import annotations

from rules_support import TODAY, date, daterange, day, drug, journal

from taper_tui.core.findings import FindingKind, RecommendationKind, Severity
from taper_tui.core.model import Settings
from taper_tui.core.rules import evaluate
from taper_tui.core.wording import DEFAULT_CRISIS_TEXT


def days(flag_date, name="suicidal_thoughts", score=1):
    out = []
    for d in daterange(date("2026-10-01"), TODAY):
        scores = {"anxiety": 1}
        if d == flag_date:
            scores[name] = score
        out.append(day(d, {"sertraline": "50"}, scores))
    return out


def test_red_flag_is_urgent_with_default_crisis_text():
    a = evaluate(journal(days(date("2026-11-26")), [drug()]), TODAY)
    (f,) = a.urgent
    assert f.kind is FindingKind.RED_FLAG and f.severity is Severity.URGENT
    assert "suicidal thoughts at 1 on 2026-11-26" in f.message
    assert DEFAULT_CRISIS_TEXT in f.message and a.crisis_text == DEFAULT_CRISIS_TEXT
    r = a.drugs[0].recommendation
    assert r.kind is RecommendationKind.URGENT
    assert "A red-flag symptom was recorded: suicidal thoughts at 1 on 2026-11-26" in r.reasons[0]


def test_builtin_red_flags_are_recognised_without_settings():
    j = journal(days(TODAY, "akathisia", 2), [drug()])
    assert j.settings.symptom("akathisia") is None
    assert evaluate(j, TODAY).urgent


def test_custom_crisis_text_and_custom_red_flag():
    j = journal(days(TODAY, "self_harm_urges", 3), [drug()], crisis="Call 999 (UK).")
    j = j.__class__(j.root, Settings(drugs=j.settings.drugs, symptoms=j.settings.symptoms,
                                     red_flags=("self_harm_urges",),
                                     crisis_text="Call 999 (UK)."), j.days)
    a = evaluate(j, TODAY)
    assert a.urgent and a.urgent[0].message.endswith("Call 999 (UK).")
    assert a.crisis_text == "Call 999 (UK)."


def test_zero_score_and_old_red_flags_are_not_urgent():
    assert not evaluate(journal(days(TODAY, score=0), [drug()]), TODAY).urgent
    assert not evaluate(journal(days(date("2026-11-10")), [drug()]), TODAY).urgent


def test_future_days_are_ignored():
    a = evaluate(journal(days(TODAY), [drug()]), date("2026-11-26"))
    assert not a.urgent


def test_the_built_in_red_flags_are_red_flags_for_every_view():
    """The rules, the Log rows and Today's strips all ask `Settings.is_red_flag`: the built-in
    three stay red flags even when taper.yaml lists only its own."""
    s = Settings(red_flags=("self_harm_urges",))
    assert all(s.is_red_flag(name) for name in ("suicidal_thoughts", "akathisia", "seizure",
                                                "self_harm_urges"))
    assert not s.is_red_flag("insomnia")

"""What one row key does to the Log form: pure, so the Log screen only moves the cursor, redraws,
saves and opens the dialogs this asks for.

Rows are identified as in `widgets.log_rows` (`dose:<drug>`, `sym:<name>`, `exp:<what>`, `exp+`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from taper_tui.core.model import Dose
from taper_tui.ui.log_form import LogForm
from taper_tui.ui.widgets.log_rows import ADD_EXPOSURE, Plans


@dataclass(frozen=True, slots=True)
class KeyOutcome:
    changed: bool = False
    """The form changed: redraw and save."""
    advance: bool = False
    """Move to the next row afterwards."""
    ask: str | None = None
    """A dialog to open: "change_dose" or "add_exposure"."""


NOTHING = KeyOutcome()


def apply_row_key(form: LogForm, row: str, what: str, arg: int, plans: Plans,
                  dose_for: Callable[[str, Decimal, str | None], Dose]) -> KeyOutcome:
    """Apply `what` ("choose", "score", "bump", "clear", "change_dose", "add_exposure") on `row`.

    choose: on a dose row, confirm the planned dose (when nothing is logged yet) and move on; on
    an exposure, toggle it; on the last row, ask for a new exposure; elsewhere, move on.
    score: set a symptom's score to `arg` and move on. bump: step it by `arg` (an unscored
    symptom goes to max(arg, 0)). clear: forget a score or the day's doses of a drug.
    """
    if what == "add_exposure":
        return KeyOutcome(ask="add_exposure")
    if what == "change_dose":
        return KeyOutcome(ask="change_dose") if row.startswith("dose:") else NOTHING
    if what == "choose":
        return _choose(form, row, plans, dose_for)
    if row.startswith("sym:"):
        name = row[4:]
        current = form.score(name)
        if what == "score":
            form.set_score(name, arg)
            return KeyOutcome(changed=True, advance=True)
        if what == "bump":
            form.set_score(name, current + arg if current is not None else max(arg, 0))
            return KeyOutcome(changed=True)
        if what == "clear" and current is not None:
            form.set_score(name, None)
            return KeyOutcome(changed=True)
    elif what == "clear" and row.startswith("dose:") and form.doses_of(row[5:]):
        form.set_doses(row[5:], ())
        return KeyOutcome(changed=True)
    return NOTHING


def _choose(form: LogForm, row: str, plans: Plans,
            dose_for: Callable[[str, Decimal, str | None], Dose]) -> KeyOutcome:
    if row.startswith("dose:"):
        drug = row[5:]
        if form.doses_of(drug):
            return KeyOutcome(advance=True)
        mg, how = plans.get(drug, (None, None))
        if mg is None:
            return KeyOutcome(ask="change_dose")
        form.set_doses(drug, (dose_for(drug, mg, how),))
        return KeyOutcome(changed=True, advance=True)
    if row.startswith("exp:"):
        form.toggle_exposure(row[4:])
        return KeyOutcome(changed=True)
    if row == ADD_EXPOSURE:
        return KeyOutcome(ask="add_exposure")
    return KeyOutcome(advance=True)


def parse_dose(answer: str) -> Decimal | str:
    """The mg typed in the dose dialog ("37.5", "37.5 mg"), or why it is not a dose."""
    try:
        value = Decimal(answer.lower().removesuffix("mg").strip())
    except InvalidOperation:
        return f"not a dose in mg: {answer!r}"
    if not value.is_finite() or value < 0:
        return "a dose is 0 mg or more"
    return value

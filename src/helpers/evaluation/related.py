"""Which short series may borrow variability from which longer series, and why.

A pure module (no pandas IO, no statsmodels): the report kernel imports it to word the
assumption behind a borrowed interval, stage 3 to find the lender, and the calibration
(:mod:`helpers.evaluation.calibration`) to name the lender series it checks.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RELATED", "RelatedSeries", "lender_labels", "related_series"]


@dataclass(frozen=True)
class RelatedSeries:
    """A longer series whose variability a short one may borrow, and the assumption."""

    indicator: str
    group: str
    geography: str
    age: str
    assumption: str
    assumption_da: str = ""

    @property
    def label(self) -> str:
        return f"{self.indicator}/{self.group}/{self.geography}/{self.age}"


_NATIONAL_GAP = (
    "Copenhagen's over-unemployment gap has the same year-to-year innovation variance as "
    "the national survey-based gap ({who}, 15-74, Eurostat LFS); the survey's sampling "
    "noise makes this, if anything, generous to the uncertainty"
)
_NATIONAL_GAP_DA = (
    "Københavns overledighed svinger lige så meget fra år til år som den landsdækkende "
    "forskel i arbejdskraftundersøgelsen ({who}, 15-74 år, Eurostat); undersøgelsens "
    "stikprøveusikkerhed gør snarere usikkerheden for stor end for lille"
)
#: Short series -> the related series they borrow variability from: the first is used,
#: the others are the plausible alternatives the report shows as a sensitivity.
RELATED: dict[tuple[str, str, str], tuple[RelatedSeries, ...]] = {
    ("overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"): (
        RelatedSeries(
            "overunemployment_pp", "born_abroad", "denmark", "15-74",
            _NATIONAL_GAP.format(who="unemployment rate of the foreign-born minus the native-born"),
            _NATIONAL_GAP_DA.format(who="ledigheden blandt udlandsfødte minus danskfødte"),
        ),
        RelatedSeries(
            "overunemployment_pp", "born_outside_eu", "denmark", "15-74",
            _NATIONAL_GAP.format(
                who="unemployment rate of those born outside the EU minus the native-born"
            ),
            _NATIONAL_GAP_DA.format(
                who="ledigheden blandt personer født uden for EU minus danskfødte"
            ),
        ),
    ),
}  # fmt: skip


def related_series(label: str) -> RelatedSeries | None:
    """The related series with this :attr:`RelatedSeries.label`, or None."""
    for candidates in RELATED.values():
        for related in candidates:
            if related.label == label:
                return related
    return None


def lender_labels() -> tuple[str, ...]:
    """Every lender's :attr:`RelatedSeries.label`, sorted (the series a short goal series
    borrows from, first choice and alternatives)."""
    return tuple(sorted({r.label for candidates in RELATED.values() for r in candidates}))

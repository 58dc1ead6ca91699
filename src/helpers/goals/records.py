"""The shared types of stage 1: the goal record, its vocabularies and the finding row.

Everything that reads or writes goals imports them from here (the parsers, the
registry, the checks, the findings, and every later stage), so that no module
has to import the registry to know what a goal is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpers.goals.structure import Statement

GOAL_COLUMNS = [
    "goal_id",
    "document",
    "section",
    "committee",
    "policy_period",
    "title_da",
    "indicator",
    "group",
    "geography",
    "kind",
    "direction",
    "baseline_value",
    "baseline_period",
    "target_value",
    "target_period",
    "unit",
    "excerpt",
    "line",
    "also_stated_at",
    "restates",
    "note",
    "in_force_from",
    "in_force_to",
]
#: ``interpreted``: a target the text implies without a number (a superlative read as
#: rank 1); it is evaluated like a quantitative goal, and its note says what was read.
KINDS = (
    "quantitative",
    "interpreted",
    "directional",
    "milestone",
    "qualitative",
    "target_not_set",
)
DIRECTIONS = ("at_least", "at_most", "increase", "decrease", "reflect", "achieve")
#: The council that adopts a policy; its document is the one others restate.
ADOPTING_COMMITTEE = "Borgerrepræsentationen"


@dataclass
class Goal:
    """One goal of the registry (columns: :data:`GOAL_COLUMNS`); ``statements`` are
    all the statements it was read from (the first is the one the row shows)."""

    goal_id: str
    document: str
    section: str
    committee: str
    policy_period: str
    title_da: str
    indicator: str
    group: str
    geography: str
    kind: str
    direction: str
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    target_period: str
    unit: str
    excerpt: str
    line: int
    also_stated_at: str = ""
    restates: str = ""
    note: str = ""
    in_force_from: str = ""
    in_force_to: str = ""
    statements: list[Statement] = field(default_factory=list, repr=False)
    doc_code: str = field(default="", repr=False)
    unit_as_written: str = field(default="", repr=False)

    def written_unit(self) -> str:
        """The unit as the document writes it (``unit`` may be read more precisely)."""
        return self.unit_as_written or self.unit

    def add_note(self, text: str) -> None:
        if text and text not in self.note:
            self.note = f"{self.note} {text}".strip() if self.note else text

    def also_at(self, where: str) -> None:
        if where and where not in self.also_stated_at:
            self.also_stated_at = (
                f"{self.also_stated_at}; {where}" if self.also_stated_at else where
            )

    def merge_key(self) -> tuple | None:
        if not self.indicator:
            return None
        return (self.indicator, self.group, self.geography, self.target_value, self.target_period)


FINDING_COLUMNS = [
    "finding_id",
    "kind",
    "documents",
    "dated",
    "description_da",
    "description_en",
    "detail",
]
KIND_ORDER = (
    "budget_total",
    "budget_vs_status",
    "budget_open",
    "unit_mismatch",
    "same_target_other_deadline",
    "ambiguous_period",
    "benchmark_mismatch",
    "goal_vs_status",
    "inconsistent_restatement",
    "wording_difference",
    "overview_layout",
    "rendering_difference",
    "table_split",
    "page_furniture",
    "list_numbering",
    "unverified_figure",
    "target_not_set",
    "no_deadline",
    "no_measurable_target",
)
KIND_LABELS_DA = {
    "budget_total": "Sum i den økonomiske oversigt stemmer ikke",
    "budget_vs_status": "Beløb i statusskema ≠ budgettabel",
    "budget_open": "Beløb mangler i budgettabellen",
    "unit_mismatch": "Samme mål i to forskellige enheder",
    "same_target_other_deadline": "Samme måltal med forskellige frister",
    "ambiguous_period": "Uklart om målet gælder pr. år eller i alt",
    "benchmark_mismatch": "Forskellige sammenligningsgrundlag",
    "goal_vs_status": "Status måler noget andet end målet",
    "inconsistent_restatement": "Gentaget mål hænger ikke sammen",
    "wording_difference": "Samme mål med forskellig ordlyd",
    "overview_layout": "Oversigtstabel ≠ afsnit om hovedmål",
    "rendering_difference": "Forskel mellem de to gengivelser af ØKF-arket",
    "table_split": "Tabelrække delt i to",
    "page_furniture": "Sidetal ud over sideantallet",
    "list_numbering": "Listenumre hæftet på teksten",
    "unverified_figure": "Tal, som dokumentet ikke har bekræftet",
    "target_not_set": "Måltal ikke fastsat (pladsholder)",
    "no_deadline": "Mål uden frist",
    "no_measurable_target": "Mål uden målbart måltal",
}


def finding(kind: str, docs, description: str, detail: str = "", *, da: str) -> dict:
    """One row of the table: ``description`` in English, ``da`` the same in Danish."""
    names = sorted({docs} if isinstance(docs, str) else set(docs))
    return {
        "kind": kind,
        "documents": "; ".join(names),
        "description_da": da,
        "description_en": description,
        "detail": detail,
    }

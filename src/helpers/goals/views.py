"""Reader-facing views of stage 1's tables: Danish headers, Danish number format.

The processed CSV files keep machine codes and plain numbers; these views are what
the notebook ``01_clean_goals`` shows.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.danish import format_number, format_value

KIND_DA = {
    "quantitative": "kvantitativt mål",
    "interpreted": "fortolket mål",
    "directional": "retningsmål",
    "milestone": "milepæl",
    "qualitative": "kvalitativt mål",
    "target_not_set": "mål ikke fastsat",
}
DIRECTION_DA = {
    "at_least": "mindst",
    "at_most": "højst",
    "increase": "op",
    "decrease": "ned",
    "reflect": "afspejle",
    "achieve": "nå",
    "": "",
}


def _value(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return ""
    decimals = 0 if float(value).is_integer() else 1
    return format_value(float(value), unit, decimals)


def kind_counts(goals: pd.DataFrame) -> pd.DataFrame:
    """Goals per kind and document code (every kind, zeros included)."""
    codes = goals["goal_id"].str.split("-").str[0]
    table = pd.crosstab(goals["kind"], codes).reindex(list(KIND_DA), fill_value=0)
    table["I alt"] = table.sum(axis=1)
    table.loc["I alt"] = table.sum(axis=0)
    table.index = [KIND_DA.get(k, k) for k in table.index]
    table.index.name = "Type"
    table.columns.name = "Dokument"
    return table


def registry_view(goals: pd.DataFrame) -> pd.DataFrame:
    """One line per goal: id, kind, direction, baseline, target, deadline, indicator,
    the goal it restates and the half-years it is in force."""
    return pd.DataFrame(
        {
            "Mål-id": goals["goal_id"],
            "Type": goals["kind"].map(KIND_DA),
            "Retning": goals["direction"].fillna("").map(DIRECTION_DA),
            "Udgangspunkt": [
                _value(v, u) + (f" ({p})" if p else "")
                for v, u, p in zip(
                    goals["baseline_value"],
                    goals["unit"],
                    goals["baseline_period"].fillna(""),
                    strict=True,
                )
            ],
            "Mål": [
                _value(v, u) for v, u in zip(goals["target_value"], goals["unit"], strict=True)
            ],
            "Frist": goals["target_period"].fillna(""),
            "Indikator": goals["indicator"].fillna(""),
            "Gentager": goals["restates"].fillna(""),
            "I kraft": goals["in_force_from"] + "–" + goals["in_force_to"],
        }
    )


def provenance_view(goals: pd.DataFrame) -> pd.DataFrame:
    """Where each goal is stated: document, section, raw line, excerpt, other statements."""
    return pd.DataFrame(
        {
            "Mål-id": goals["goal_id"],
            "Dokument": goals["document"],
            "Afsnit": goals["section"],
            "Linje": goals["line"],
            "Uddrag": goals["excerpt"],
            "Også nævnt": goals["also_stated_at"].fillna(""),
        }
    )


def results_view(results: pd.DataFrame) -> pd.DataFrame:
    """The documents' own figures, formatted."""
    return pd.DataFrame(
        {
            "Figur-id": results["figure_id"],
            "Indikator": results["indicator"],
            "Gruppe": results["group"],
            "Periode": results["period"],
            "Værdi": [
                ("ca. " if a else "") + _value(v, u)
                for v, u, a in zip(
                    results["value"], results["unit"], results["approximate"], strict=True
                )
            ],
            "Som skrevet": results["value_as_published"],
            "Linje": results["line"],
        }
    )


def budget_view(long: pd.DataFrame) -> pd.DataFrame:
    """The economic overview rebuilt from its long form (1000 kr.; notes as "note N")."""
    lines = list(dict.fromkeys(long["line"]))
    periods = sorted(set(long["period"]), key=lambda p: (p == "total", p))

    def cell(row) -> str:
        if pd.isna(row["amount_thousand_dkk"]):
            return "(" + row["note"].split(":")[0] + ")"
        return format_number(float(row["amount_thousand_dkk"]), 0)

    cells = {(r["line"], r["period"]): cell(r) for _, r in long.iterrows()}
    table = pd.DataFrame(
        [[cells.get((line, p), "") for p in periods] for line in lines],
        index=pd.Index(lines, name="1000 kr."),
        columns=["I alt" if p == "total" else p for p in periods],
    )
    return table


def checks_view(checks: pd.DataFrame) -> pd.DataFrame:
    """Every re-added total: what, stated, re-added, agrees."""
    return pd.DataFrame(
        {
            "Kontrol": checks["what"],
            "Angivet": [format_number(float(v), 0) for v in checks["stated"]],
            "Genberegnet": [format_number(float(v), 0) for v in checks["computed"]],
            "Stemmer": checks["ok"].map({True: "ja", False: "nej"}),
        }
    )


def status_view(status: pd.DataFrame) -> pd.DataFrame:
    """Amounts in the status schemas next to the economic overview's."""
    return pd.DataFrame(
        {
            "Indsats": status["initiative"],
            "Periode": status["period"].replace({"total": "I alt"}),
            "Statusskema": status["stated_in_schema"],
            "Skema (1000 kr.)": [format_number(float(v), 0) for v in status["schema_thousand_dkk"]],
            "Oversigt (1000 kr.)": [
                "" if pd.isna(v) else format_number(float(v), 0)
                for v in status["budget_thousand_dkk"]
            ],
            "Stemmer": status["agrees"].map({True: "ja", False: "nej"}),
        }
    )


def findings_view(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with Danish headers (the descriptions are in English)."""
    return pd.DataFrame(
        {
            "Id": findings["finding_id"],
            "Type": findings["kind"],
            "Dateret": findings["dated"],
            "Beskrivelse (engelsk)": findings["description_en"],
        }
    )

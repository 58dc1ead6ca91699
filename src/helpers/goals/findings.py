"""What the policy documents contradict or leave open (``findings.csv``).

Every finding is produced by a rule over what stage 1 parsed; none is typed in.
The rules (``kind``), in the order the table lists them:

``budget_total``        a stated total that does not equal the re-added amounts
``budget_vs_status``    an initiative's status schema states an amount or a period
                        differently from the economic overview table
``budget_open``         table cells that give a note instead of an amount; rows with a
                        total but no yearly split
``unit_mismatch``       a goal restates another document's goal in a different unit
``same_target_other_deadline``  one document gives the same number for the same measure
                        with different deadlines
``ambiguous_period``    "fra 2009 til 2011": per year or in total is not said
``benchmark_mismatch``  'reflect' goals measured against different benchmarks
                        (population vs workforce), or a status that compares with another
                        benchmark than its goal
``goal_vs_status``      the status reports figures for an initiative, but not of the
                        measure its goal counts
``inconsistent_restatement``  a goal's restated change does not add up to its target
``wording_difference``  one goal stated twice in a document with different words
``overview_layout``     the policy's overview table puts main goals under other areas
                        than the sections that state them
``rendering_difference``  the two renderings of the ØKF sheet differ in words
``table_split``         a sheet row continues over two pipe-table rows
``page_furniture``      page furniture that contradicts itself ("Side 6 af 5")
``list_numbering``      list numbers glued to the end of items ("ligebehandling1.")
``unverified_figure``   a reported figure the document itself calls unconfirmed
``target_not_set``      a goal with a placeholder for its target ("X %", "(XX)")
``no_deadline``         a quantitative or interpreted goal or a milestone without a deadline
``no_measurable_target``  qualitative goals (no indicator, no number)

Each rule writes its description twice, in Danish (``description_da``, for the
report) and in English (``description_en``, for developers); ``detail`` (English)
holds the evidence. :data:`KIND_LABELS_DA` names each kind in Danish. ``dated`` is
the latest date of the finding's documents (``documents.csv``'s ``published``): a
finding about two documents exists only once both do.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

import pandas as pd

from helpers.core.danish import format_shortest, format_value
from helpers.core.paths import Workspace
from helpers.core.units import words_da
from helpers.goals import documents, in_force, text_findings
from helpers.goals import wording as dansk
from helpers.goals.documents import squash
from helpers.goals.records import FINDING_COLUMNS, KIND_ORDER, finding
from helpers.goals.structure import section_at, sections

"""The report's Danish label for each ``kind``."""


def budget_findings(table) -> list[dict]:
    """Failed totals, schema-vs-table differences and open cells of the budget."""
    out = []
    for check in table.checks.itertuples():
        if not check.ok:
            out.append(
                finding(
                    "budget_total",
                    table.document,
                    f"A total of the economic overview does not add up: {check.what}.",
                    f"stated {check.stated}, re-added {check.computed} (1000 kr.)",
                    da=f"En sum i den økonomiske oversigt stemmer ikke: {_check_da(check.what)}. "
                    f"Oversigten angiver {format_shortest(check.stated)}, men beløbene giver "
                    f"{format_shortest(check.computed)} lagt sammen (1.000 kr.).",
                )
            )
    for row in table.status.itertuples():
        if row.agrees:
            continue
        booked = (
            "nothing"
            if pd.isna(row.budget_thousand_dkk)
            else format_shortest(row.budget_thousand_dkk)
        )
        booked_da = (
            "intet beløb"
            if pd.isna(row.budget_thousand_dkk)
            else format_value(row.budget_thousand_dkk, "thousand_dkk", "shortest")
        )
        difference = difference_da = ""
        if not pd.isna(row.budget_thousand_dkk):
            gap = row.schema_thousand_dkk - row.budget_thousand_dkk
            share = abs(row.schema_thousand_dkk / row.budget_thousand_dkk - 1)
            difference = (
                f"; difference {format_shortest(gap)} ({format_shortest(round(100 * share, 1))} %)"
                + ("; within 1 %: the schema may have rounded" if share < 0.01 else "")
            )
            difference_da = (
                " Skemaets beløb, "
                f"{format_value(row.schema_thousand_dkk, 'thousand_dkk', 'shortest')}, er "
                f"{format_shortest(abs(gap))} {'lavere' if gap < 0 else 'højere'} "
                f"({format_shortest(round(100 * share, 1))} %)"
                + (
                    "; forskellen er under 1 %, så skemaet kan have afrundet."
                    if share < 0.01
                    else "."
                )
            )
        period_da = "hele perioden" if row.period == "total" else dansk.period(row.period)
        out.append(
            finding(
                "budget_vs_status",
                table.document,
                f"{row.initiative}: the status schema states '{row.stated_in_schema}' "
                f"for {row.period}, the economic overview books {booked} (1000 kr.) on "
                f"'{row.budget_line}'.",
                f"schema line {row.schema_line}: "
                f"{format_shortest(row.schema_thousand_dkk)} (1000 kr.)"
                f"{difference}",
                da=f"{row.initiative}: Statusskemaet angiver '{row.stated_in_schema}' for "
                f"{period_da}, men den økonomiske oversigt afsætter {booked_da} på linjen "
                f"'{row.budget_line}'.{difference_da}",
            )
        )
    for where, detail in table.flags:
        out.append(
            finding(
                "budget_vs_status",
                table.document,
                f"{where}: the status schema and the economic overview disagree about when "
                "the money is spent.",
                detail,
                da=f"{where}: Statusskemaet og den økonomiske oversigt siger noget forskelligt "
                "om, hvornår pengene bliver brugt.",
            )
        )
    open_cells = table.long[table.long["amount_thousand_dkk"].isna()]
    if len(open_cells):
        out.append(
            finding(
                "budget_open",
                table.document,
                f"{len(open_cells)} cells of the economic overview give a note instead of an "
                "amount.",
                "; ".join(
                    f"{r.line} {r.period}: {r.note.split(':')[0]}" for r in open_cells.itertuples()
                ),
                da=f"I {dansk.plural(len(open_cells), 'felt', 'felter')} i den økonomiske oversigt "
                "står en henvisning til en note i stedet for et beløb.",
            )
        )
    years = [p for p in table.periods if p != "total"]
    for row in table.rows:
        if row.cells.get("total") and not any(row.cells.get(p) for p in years):
            if row.label == "I alt":
                continue
            out.append(
                finding(
                    "budget_open",
                    table.document,
                    f"'{row.label}' has a total ({row.cells['total']}) but no amounts per year.",
                    f"line {row.line}"
                    + (
                        f"; note {row.note}: {table.notes[row.note][0]}"
                        if row.note in table.notes
                        else ""
                    ),
                    da=f"'{row.label}' har et samlet beløb ({row.cells['total']}, i 1.000 kr.), "
                    "men beløbet er ikke fordelt på år.",
                )
            )
    return out


def _check_da(what: str) -> str:
    """A check's name (``budget_checks.csv``) with Danish words for row and column."""
    return re.sub(r"^row ", "rækken ", re.sub(r"^column ", "kolonnen ", what))


def goal_findings(ws: Workspace, registry) -> list[dict]:
    """Findings about the goals: restatements, deadlines, benchmarks, wording."""
    goals = registry.goals
    by_id = {g.goal_id: g for g in goals}
    names = dansk.indicator_names(ws)
    out = []
    for goal in goals:
        other = by_id.get(goal.restates)
        if other is not None and other.written_unit() != goal.written_unit():
            out.append(
                finding(
                    "unit_mismatch",
                    [goal.document, other.document],
                    f"{goal.goal_id} restates {other.goal_id} with the same number in another "
                    f"unit: '{format_shortest(goal.target_value)} "
                    f"{words_da(goal.written_unit())}' vs "
                    f"'{format_shortest(other.target_value)} "
                    f"{words_da(other.written_unit())}'.",
                    f"{goal.goal_id}: '{goal.excerpt}' (line {goal.line}); {other.goal_id}: "
                    f"'{other.excerpt}' (line {other.line}). The indicator "
                    f"({goal.indicator}) is a gap between two rates, i.e. percentage points.",
                    da=f"{goal.goal_id} gentager målet {other.goal_id} med samme tal, men i en "
                    "anden enhed: "
                    f"'{format_value(goal.target_value, goal.written_unit(), 'shortest')}' mod "
                    f"'{format_value(other.target_value, other.written_unit(), 'shortest')}'.",
                )
            )
    same: dict[tuple, list] = defaultdict(list)
    for goal in goals:
        if goal.indicator and goal.target_value is not None:
            key = (goal.document, goal.indicator, goal.group, goal.geography, goal.target_value)
            same[key].append(goal)
    for key, group in same.items():
        periods = {g.target_period for g in group}
        if len(periods) > 1:
            out.append(
                finding(
                    "same_target_other_deadline",
                    key[0],
                    f"The same target ({format_shortest(key[4])} for {key[1]}) "
                    "is given different deadlines: "
                    + ", ".join(f"{g.goal_id} {g.target_period or 'no deadline'}" for g in group)
                    + ".",
                    " | ".join(f"{g.goal_id} (line {g.line}): '{g.excerpt}'" for g in group),
                    da=f"Det samme måltal ({format_shortest(key[4])} for "
                    f"{names.get(key[1], key[1])}) har forskellige frister: "
                    + dansk.join(
                        f"{g.goal_id} ("
                        + (dansk.period(g.target_period) if g.target_period else "ingen frist")
                        + ")"
                        for g in group
                    )
                    + ".",
                )
            )
    for goal in goals:
        if "Stated as from" in goal.note:
            out.append(
                finding(
                    "ambiguous_period",
                    goal.document,
                    f"{goal.goal_id}: '{goal.excerpt}' does not say whether the target is per "
                    "year or for the whole period.",
                    f"line {goal.line}; read as at least {format_shortest(goal.target_value)} by "
                    f"{goal.target_period}",
                    da=f"{goal.goal_id}: '{goal.excerpt}' siger ikke, om målet gælder for hvert "
                    "år eller for hele perioden. Her læses det som mindst "
                    f"{format_shortest(goal.target_value)} senest i "
                    f"{dansk.period(goal.target_period)}.",
                )
            )
    out.extend(_benchmarks(goals, registry.results))
    out.extend(_goal_vs_status(ws, goals, registry.results, names))
    for goal in goals:
        if "INCONSISTENT" in goal.note:
            out.append(
                finding(
                    "inconsistent_restatement",
                    goal.document,
                    f"{goal.goal_id}: a restated change does not add up to the target.",
                    goal.note,
                    da=f"{goal.goal_id}: Dokumentet gentager målet som en stigning, men "
                    "udgangspunktet plus stigningen passer ikke med måltallet og dets frist.",
                )
            )
    pairs: dict[tuple, list[str]] = defaultdict(list)
    for goal in goals:
        texts = [st for st in goal.statements if st.role == "goal"]
        for st in texts[1:]:
            if _normal(st.text) != _normal(texts[0].text):
                pairs[(goal.document, texts[0].line, st.line, texts[0].text, st.text)].append(
                    goal.goal_id
                )
    for (document, first, second, a, b), ids in pairs.items():
        out.append(
            finding(
                "wording_difference",
                document,
                f"{', '.join(ids)} stated twice with different words (line {first} and line "
                f"{second}).",
                _word_diff(_normal(a), _normal(b)),
                da=f"{dansk.join(ids)} står to gange i dokumentet med forskellig ordlyd (linje "
                f"{first} og linje {second}).",
            )
        )
    return out


def _normal(text: str) -> str:
    return squash(text).rstrip(". ")


def _word_diff(a: str, b: str) -> str:
    wa, wb = a.split(), b.split()
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op != "equal":
            parts.append(f"'{' '.join(wa[a1:a2])}' -> '{' '.join(wb[b1:b2])}'")
    return "; ".join(parts)


_BENCHMARK = re.compile(
    r"afspejle\s+(?P<bench>.+?)(?=\s+(?:i forhold til|med hensyn til)\b|[.]|$)", re.IGNORECASE
)


_BENCHMARK_DA = {"population": "befolkningen", "workforce": "arbejdsstyrken", "other": "andet"}


def _benchmark_class(text: str) -> str:
    if re.search(r"arbejdsstyrke", text, re.IGNORECASE):
        return "workforce"
    if re.search(r"befolkning", text, re.IGNORECASE):
        return "population"
    return "other"


def _benchmarks(goals, results: pd.DataFrame) -> list[dict]:
    reflect = [g for g in goals if g.direction == "reflect"]
    found = []
    for goal in reflect:
        match = _BENCHMARK.search(goal.statements[0].text)
        if match:
            found.append((goal, match["bench"], _benchmark_class(match["bench"])))
    out = []
    classes = {c for _, _, c in found}
    if len(classes) > 1:
        out.append(
            finding(
                "benchmark_mismatch",
                [g.document for g, _, _ in found],
                "The 'reflect' goals for the municipality's staff name different benchmarks: "
                + ", ".join(sorted(classes))
                + ".",
                "; ".join(f"{g.goal_id}: '{b}' ({c})" for g, b, c in found),
                da="Målene om, at kommunens ansatte skal afspejle byens sammensætning, "
                "sammenligner med forskellige grupper: "
                + dansk.join(_BENCHMARK_DA[c] for c in sorted(classes))
                + ".",
            )
        )
    for goal, bench, cls in found:
        compared = results[
            (results["document"] == goal.document) & (results["indicator"] == "workforce_share")
        ]
        if len(compared) and cls != "workforce":
            row = compared.iloc[0]
            out.append(
                finding(
                    "benchmark_mismatch",
                    goal.document,
                    f"{goal.goal_id} asks the staff to reflect '{bench}' ({cls}), but the "
                    "document's status compares the staff share with the workforce.",
                    f"{row['figure_id']} (line {row['line']}): '{row['quote']}'",
                    da=f"Efter {goal.goal_id} skal de ansatte afspejle '{bench}' (altså "
                    f"{_BENCHMARK_DA[cls]}), men dokumentets status sammenligner andelen af "
                    "ansatte med arbejdsstyrken.",
                )
            )
    return out


def _goal_vs_status(
    ws: Workspace, goals, results: pd.DataFrame, names: dict[str, str]
) -> list[dict]:
    out = []
    loaded: dict[str, list] = {}
    for goal in goals:
        if goal.kind not in ("quantitative", "interpreted") or not goal.indicator:
            continue
        doc_results = results[results["document"] == goal.document]
        if doc_results.empty:
            continue
        if goal.document not in loaded:
            loaded[goal.document] = sections(ws, documents.load(ws, goal.document))
        secs = loaded[goal.document]
        section = section_at(secs, goal.line)
        here = doc_results[[section_at(secs, int(line)) == section for line in doc_results["line"]]]
        if len(here) and goal.indicator not in set(here["indicator"]) and section is not None:
            out.append(
                finding(
                    "goal_vs_status",
                    goal.document,
                    f"{goal.goal_id} counts {goal.indicator} "
                    f"({format_shortest(goal.target_value)} by "
                    f"{goal.target_period}), but the status of '{section.heading}' reports "
                    + ", ".join(sorted(set(here["indicator"])))
                    + " instead.",
                    "; ".join(
                        f"{r.figure_id}: {format_shortest(r.value)} {r.unit} in {r.period}"
                        for r in here.itertuples()
                    ),
                    da=f"{goal.goal_id} har et mål for {names.get(goal.indicator, goal.indicator)} "
                    f"({format_shortest(goal.target_value)} senest i "
                    f"{dansk.period(goal.target_period)}), men status for '{section.heading}' "
                    "oplyser i stedet "
                    + dansk.join(names.get(c, c) for c in sorted(set(here["indicator"])))
                    + ".",
                )
            )
    return out


def open_goal_findings(registry) -> list[dict]:
    """Goals without a number, a deadline or a measure."""
    out = []
    for goal in registry.goals:
        if goal.kind == "target_not_set":
            placeholder = _placeholder(goal.excerpt)
            out.append(
                finding(
                    "target_not_set",
                    goal.document,
                    f"{goal.goal_id} has no target: the document writes a placeholder.",
                    f"line {goal.line}: '{goal.excerpt}'",
                    da=f"{goal.goal_id} har intet måltal: dokumentet skriver "
                    + (f"'{placeholder}'" if placeholder else "en pladsholder")
                    + " i stedet for et tal.",
                )
            )
    for goal in registry.goals:
        if goal.kind in ("quantitative", "interpreted", "milestone") and not goal.target_period:
            out.append(
                finding(
                    "no_deadline",
                    goal.document,
                    f"{goal.goal_id} names a target ({format_shortest(goal.target_value)}) "
                    "but no deadline.",
                    f"line {goal.line}: '{goal.excerpt}'; the policy period is "
                    f"{goal.policy_period}",
                    da=f"{goal.goal_id} har et måltal ({format_shortest(goal.target_value)}), men "
                    "ingen frist.",
                )
            )
    qualitative = [g for g in registry.goals if g.kind == "qualitative" or not g.indicator]
    if qualitative:
        out.append(
            finding(
                "no_measurable_target",
                [g.document for g in qualitative],
                f"{len(qualitative)} goals have no measurable target: qualitative goals, and "
                "milestones or aims that no indicator measures.",
                ", ".join(sorted(g.goal_id for g in qualitative)),
                da=f"{dansk.plural(len(qualitative), 'mål', 'mål')} har intet målbart måltal: "
                "kvalitative mål samt milepæle og hensigter, som ingen indikator måler.",
            )
        )
    return out


def _placeholder(excerpt: str) -> str:
    """The placeholder a goal writes instead of its target ("X %", "(XX)"), or ''."""
    match = re.search(r"\(X+\)|\bX+\b(?:\s*%)?", excerpt)
    return match[0] if match else ""


def build(ws: Workspace, registry, budget_table) -> pd.DataFrame:
    """All findings, numbered ``FND-NN`` in :data:`KIND_ORDER` order."""
    rows = [
        *budget_findings(budget_table),
        *goal_findings(ws, registry),
        *text_findings.overview_findings(ws, registry),
        *text_findings.rendering_findings(ws),
        *text_findings.text_findings(ws, registry),
        *open_goal_findings(registry),
    ]
    rows.sort(key=lambda r: KIND_ORDER.index(r["kind"]))
    infos = documents.catalogue(ws)
    for number, row in enumerate(rows, start=1):
        row["finding_id"] = f"FND-{number:02d}"
        row["dated"] = in_force.finding_date(row["documents"].split("; "), infos)
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)

"""The report's Danish prose: summary, budget check, data vintage and methods appendix."""

from __future__ import annotations

import pandas as pd

from helpers.core.danish import format_number
from helpers.evaluation import rules
from helpers.report.loading import ReportInputs
from helpers.report.scorecards import COLOUR_DA, COLOURS, colour_counts
from helpers.report.tables import escape


def summary_markdown(inputs: ReportInputs) -> str:
    """One Danish paragraph with the colour counts."""
    counts = colour_counts(inputs.evaluations)
    total = sum(counts.values())
    if total == 0:
        return "Ingen mål var gældende i dette halvår."
    plural = {"green": "grønne", "yellow": "gule", "red": "røde", "white": "hvide"}
    parts = [
        f"{counts[c]} {COLOUR_DA[c].lower() if counts[c] == 1 else plural[c]}" for c in COLOURS
    ]
    return (
        f"{total} mål er gældende i {inputs.half_year.label_da()}: " + ", ".join(parts) + ". "
        "Grøn: nået eller god fremgang. Gul: moderat fremgang. Rød: utilstrækkelig fremgang, "
        "bevægelse væk fra målet eller målet ikke nået ved fristen. Hvid: kan ikke vurderes "
        "(intet måltal, kan ikke måles med tal, for få eller ingen tal)."
    )


def budget_check_text(inputs: ReportInputs) -> str:
    """Whether every total of the budget re-adds, in Danish."""
    checks = inputs.budget_checks
    if checks.empty:
        return "Budgettets summer er ikke kontrolleret."
    bad = checks[checks["ok"].astype(str) != "True"]
    if bad.empty:
        return f"Alle {len(checks)} summer i budgetoversigten er lagt sammen igen og stemmer."
    return (
        f"{len(bad)} af {len(checks)} summer i budgetoversigten stemmer ikke: "
        + "; ".join(escape(w) for w in bad["what"])
        + "."
    )


def data_vintage_markdown(inputs: ReportInputs) -> str:
    """What the report is based on: counts and the latest reference period, in Danish."""
    outcomes = inputs.outcomes
    if outcomes.empty:
        return "Ingen tal var offentliggjort med en referenceperiode inden halvårets udgang."
    latest = outcomes["period_end"].max()
    by_basis = outcomes["basis"].value_counts().sort_index() if "basis" in outcomes else None
    basis_da = {
        "published": "offentliggjorte tal",
        "policy_document": "politikdokumenternes egne tal",
        "survey_lfs": "Eurostat/OECD arbejdskraftundersøgelser",
        "statbank": "Statistikbanken",
    }
    parts = (
        ", ".join(f"{format_number(n, 0)} {basis_da.get(b, b)}" for b, n in by_basis.items())
        if by_basis is not None
        else f"{len(outcomes)} tal"
    )
    return (
        f"Rapporten bygger på {len(inputs.goals)} mål fra de fem politikdokumenter og på "
        f"{parts} med referenceperiode til og med {inputs.half_year.end:%d.%m.%Y} "
        f"(seneste referenceperiode slutter {pd.Timestamp(latest):%d.%m.%Y}). Tal offentliggjort "
        "senere om samme periode indgår, fordi tallenes referenceperiode afgør, ikke datoen for "
        "offentliggørelsen."
    )


def methods_markdown(inputs: ReportInputs) -> str:
    """The methods appendix in Danish, with the thresholds of :mod:`helpers.evaluation.rules`."""
    n = format_number
    return f"""\
**Sådan vurderes et mål.** Målingerne af hvert mål med tal fremskrives til målets frist med en
statistisk trendmodel (statsmodels): random walk med drift som standard; hvor en serie har mindst 8
målinger, vælges modellen ved backtest (rullende prognoser, MASE mod den naive prognose). Hvor en
kommunal serie har for få målinger til at vurdere sin egen usikkerhed, lånes usikkerheden fra en
længere, beslægtet serie under en angivet antagelse (for overledigheden: den landsdækkende forskel
mellem indvandreres og danskfødtes ledighed i arbejdskraftundersøgelsen), ellers vises intet
interval. Sandsynligheden for at nå målet er andelen af fremskrivningens fordeling, der ligger på
den rigtige side af målet ved fristen.

**Fremskridtsreglerne.** Mål i procentpoint (forskelle mellem grupper) vurderes med Destatis'
niveauregel: den gennemsnitlige årlige ændring over de seneste (op til) {rules.LEVEL_CHANGES}
ændringer fremskrives lineært til fristen; mangler fremskrivningen under
{n(100 * rules.DEVIATION_SIGNIFICANT, 0)} % af den resterende afstand til målet, er fremgangen
god, {n(100 * rules.DEVIATION_SIGNIFICANT, 0)}–{n(100 * rules.DEVIATION_MODERATE, 0)} %
moderat, over {n(100 * rules.DEVIATION_MODERATE, 0)} % utilstrækkelig. Andre mål med tal
vurderes med Eurostats SDG-regel: den faktiske årlige vækstrate i forhold til den nødvendige;
forholdet {n(rules.RATIO_SIGNIFICANT, 2)} eller derover er god fremgang,
{n(rules.RATIO_MODERATE, 1)}–{n(rules.RATIO_SIGNIFICANT, 2)} moderat, under
{n(rules.RATIO_MODERATE, 1)} utilstrækkelig og under 0 bevægelse væk fra målet. Mål, der
blot skal stige eller falde, sammenlignes med udgangspunktet på afrundede tal (som i det
nationale integrationsbarometer).

**Farverne.** Grøn: målet er nået, nået ved fristen, eller fremgangen er god. Gul: moderat
fremgang. Rød: utilstrækkelig fremgang, bevægelse væk fra målet, eller målet blev ikke nået ved
fristen. Hvid: kan ikke vurderes (intet måltal, kan ikke måles med tal, for få eller ingen tal).

**Tal og kilder.** Alle tal stammer fra offentliggjorte kilder, som hver måling henviser til
(figur- og kilde-id). Et tal, der ikke er offentliggjort, er ukendt: det udfyldes ikke, og
rapporten siger det. Tal fra Eurostat og OECD er surveybaserede og bruges kun som
sammenligningsgrundlag, ikke som målenes egne tal.
"""

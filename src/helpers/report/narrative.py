"""The report's Danish prose: summary, budget check, data vintage and methods appendix."""

from __future__ import annotations

import pandas as pd

from helpers.core.danish import format_number
from helpers.core.periods import parse_period
from helpers.evaluation import calibration, rules
from helpers.report.loading import ReportInputs
from helpers.report.scorecards import COLOUR_DA, COLOURS, colour_counts
from helpers.report.tables import escape


def heading_markdown(inputs: ReportInputs) -> str:
    """The report's heading: the half-year and the data's cut-off (and the vintage)."""
    when = f"{inputs.half_year.end:%d.%m.%Y}"
    vintage = "realtid: kun tal offentliggjort til og med " if inputs.vintage == "real-time" else ""
    return (
        f"## {inputs.half_year.label_da().capitalize()} "
        f"(data til og med {when}{'; ' + vintage + when if vintage else ''})"
    )


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
        "(der mangler et måltal, tal, nok tal, et sammenligningstal eller et nyt nok tal; "
        "eller målet kan ikke måles med tal)."
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


VINTAGE_DA = {
    "latest": (
        "Rapporten bruger alle tal, hvis referenceperiode slutter senest ved halvårets udgang, "
        "også tal, der først blev offentliggjort senere (de er markeret »offentliggjort "
        "senere«): den viser, hvad vi i dag ved om halvåret."
    ),
    "real-time": (
        "Rapporten er en realtidsvurdering: den bruger kun tal, der var offentliggjort ved "
        "halvårets udgang (tal uden kendt offentliggørelsesdato er udeladt). Eurostats og "
        "OECD's arbejdskraftundersøgelser indgår i den nuværende version, fordi ældre "
        "versioner ikke er gemt."
    ),
}


def data_vintage_markdown(inputs: ReportInputs) -> str:
    """What the report is based on, in which vintage: counts, the latest reference period and
    the figures published after the half-year, in Danish."""
    outcomes = inputs.outcomes
    vintage = VINTAGE_DA[inputs.vintage]
    if outcomes.empty:
        return f"Ingen tal var tilgængelige for halvåret. {vintage}"
    latest = outcomes["period_end"].max()
    by_basis = outcomes["basis"].value_counts().sort_index()
    basis_da = {
        "published": "offentliggjorte tal",
        "policy_document": "politikdokumenternes egne tal",
        "survey_lfs": "Eurostat/OECD arbejdskraftundersøgelser",
        "statbank": "Statistikbanken",
    }
    parts = ", ".join(f"{format_number(n, 0)} {basis_da.get(b, b)}" for b, n in by_basis.items())
    later = sum(
        bool(p) and parse_period(p).start > inputs.half_year.end for p in outcomes["published"]
    )
    return (
        f"Rapporten bygger på {len(inputs.goals)} mål fra de fem politikdokumenter og på "
        f"{parts} med referenceperiode til og med {inputs.half_year.end:%d.%m.%Y} "
        f"(seneste referenceperiode slutter {pd.Timestamp(latest):%d.%m.%Y}); "
        f"{format_number(later, 0)} af tallene blev offentliggjort efter halvårets udgang. "
        f"{vintage}"
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
mellem indvandreres og danskfødtes ledighed i arbejdskraftundersøgelsen) med den model, som
efterprøvningen på rigtige tal nedenfor har valgt; ellers vises intet interval. Sandsynligheden
for at nå målet er andelen af fremskrivningens fordeling, der ligger på den rigtige side af målet
ved fristen.

**Hvornår en regel må give en farve.** Hver regel kræver et mindste antal tal over et
mindste antal år, fra én kilde (én udgiver), og en skala, hvor den giver mening (tabellen
nedenfor). Vækstrater bruges kun på forholdsskalaer (andele, antal, beløb), niveaureglen på
forskelle i procentpoint, og rangplaceringer får ingen fremskridtsregel. Et tal, der er mere end
{n(rules.MAX_FIGURE_AGE_YEARS, 0)} år gammelt ved halvårets udgang, eller som beskriver tiden før
politikken, giver ingen farve (vores eget valg: kommunens barometer udkommer årligt, så et ældre
tal har sprunget mindst én udgave over). Et mål vurderes fra det halvår, dets dokument er dateret
i, til et år efter fristen. Opfylder tallene ikke reglens krav, er målet hvidt, og rapporten siger,
hvad der mangler. Hvert interval oplyser, hvor usikkerheden stammer fra: seriens egne tal, en
længere beslægtet serie under en angivet antagelse (med en følsomhedsberegning for den anden
plausible serie), eller ingen.

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
fristen. Hvid: kan ikke vurderes (intet måltal, kan ikke måles med tal, for få eller ingen tal,
intet sammenligningstal, tallet er for gammelt, ingen regel for skalaen).

**Tal og kilder.** Alle tal stammer fra offentliggjorte kilder, som hver måling henviser til
(figur- og kilde-id). Et tal, der ikke er offentliggjort, er ukendt: det udfyldes ikke, og
rapporten siger det. Tal fra Eurostat og OECD er surveybaserede og bruges kun som
sammenligningsgrundlag, ikke som målenes egne tal.
"""


def calibration_markdown(inputs: ReportInputs) -> str:
    """The real-data calibration in Danish: the series and the rule, the chosen model, how it
    held on the series the over-unemployment goal borrows from, the data vintage and the
    caveats (the tables follow: :func:`helpers.report.tables.calibration_table`)."""
    table = inputs.calibration
    chosen = calibration.chosen_candidate(table) if len(table) else None
    if chosen is None:
        return (
            "**Hvor godt holdt usikkerheden?** Modellerne er ikke efterprøvet på lange serier i "
            "dette datagrundlag; korte serier bruger standardmodellen."
        )
    n = format_number
    own_all = table[(table["form"] == "own") & (table["group"] == "all")]
    pooled = own_all[(own_all["horizon"] == calibration.POOLED)]
    series = int(pooled["series"].iloc[0])
    forecasts = int(pooled["n"].iloc[0])
    through = str(table["data_through"].iloc[0])
    lender = table[
        (table["candidate"] == chosen.name) & (table["form"] == "borrowed")
        & (table["group"] == "lenders") & (table["horizon"] == calibration.POOLED)
    ].iloc[0]  # fmt: skip
    old = table[
        (table["candidate"] == calibration.PREVIOUS) & (table["form"] == "own")
        & (table["group"] == "national_gaps") & (table["horizon"] != calibration.POOLED)
    ]["coverage80"]  # fmt: skip
    low, high = calibration.COVERAGE80_RANGE
    words = [n(d, 1 if d % 1 else 0) for d in calibration.TARGET_DISTANCES]
    distances = f"{'; '.join(words[:-1])} og {words[-1]}"
    return f"""\
**Hvor godt holdt usikkerheden på rigtige tal?** Modellerne er efterprøvet på alle de lange serier,
datagrundlaget har: de {series} serier med kun årstal og mindst {calibration.MIN_POINTS} af dem
(Eurostat/OECD's arbejdskraftundersøgelser for Danmark og regionerne og de forskelle, der er afledt
af dem; tal til og med {escape(through)}, den nuværende udgave af filerne). Fra hvert år med mindst
{calibration.MIN_HISTORY} tal har hver kandidat fremskrevet 1–5 år frem, i alt {n(forecasts, 0)}
prognoser pr. kandidat. Kandidaterne er random walk med og uden drift og AR(1) omkring et niveau,
hver beregnet på alle år eller de seneste 15, 10 eller 5 år. Sandsynlighederne er prøvet mod
prøvemål {distances} point over og under seneste tal (Brier-score: jo lavere, jo bedre).

**Reglen for valget.** En kandidat er tilladt, når dens 80 %-interval holdt i
{n(100 * low, 0)}–{n(100 * high, 0)} % af tilfældene og dens 95 %-interval i mindst
{n(100 * calibration.COVERAGE95_MIN, 0)} % ved hver horisont med mindst {calibration.MIN_CELL}
prognoser, både på alle lange serier og på de landsdækkende forskelle, og når 80 %-intervallet
holdt i {n(100 * low, 0)}–{n(100 * high, 0)} % på de serier, overledigheden låner sin usikkerhed fra
(i den form, den låner i: seriens to seneste tal med modellens parametre). Blandt de tilladte vælges
den med den laveste gennemsnitlige Brier-score. Valgt: **{chosen.label_da()}**. Den bruges for
korte serier, der låner usikkerhed fra en længere serie (Københavns overledighed); på de serier,
der lånes fra, holdt dens 80 %-interval i {n(100 * float(lender["coverage80"]), 0)} % af
{n(float(lender["n"]), 0)} prognoser. Den tidligere standard, random walk med drift på alle år,
havde 80 %-intervaller, der holdt i {n(100 * old.min(), 0)}–{n(100 * old.max(), 0)} % på de
landsdækkende forskelle: for brede, så sandsynligheden for at nå et fjernt mål blev for stor.

**Forbehold.** Vinduerne og prøvemålenes afstande er lagt fast efter at have set data, og
undersøgelsestallene går til {escape(through)}: for en rapport om {inputs.half_year.label_da()} er
evidensen set i bagklogskabens lys. Sandsynligheder over 50 % forekommer ikke for en random walk
uden drift, fordi prøvemålene altid ligger et stykke fra seneste tal.
"""

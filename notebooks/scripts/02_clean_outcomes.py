# %% [markdown]
# # 02 · Clean the outcome data
#
# Stage 2 of the pipeline collects every outcome figure into `data/processed/outcomes.csv`, one row
# per figure with its provenance (source id, figure id, verbatim quote), and lists the places where
# sources disagree in `data/processed/conflicts.csv`. Four kinds of source (`basis`):
#
# * `published` — the register of published figures (`data/raw/published_figures/`), values parsed
#   as printed (decimal comma or point; *knap*, *ca.*, *over* mark a figure as approximate);
# * `policy_document` — the results the policy documents report (stage 1's `document_results.csv`);
# * `survey_lfs` — Eurostat and OECD Labour Force Survey series (`data/raw/eurostat/`): context and
#   backtest material with their own groups (country of birth, citizenship), never merged with the
#   register-based figures the targets are defined on;
# * `statbank` — Statistics Denmark tables (`data/raw/statbank/`).
#
# Derived gaps (over-unemployment, employment gap) are computed only from two rates of the same
# source, period and age, and are marked `derived` with both inputs' figure ids. Every row passes
# the validation rules of `helpers.outcomes.checks` before anything is written. The rules live in
# `helpers.outcomes`, `helpers.outcomes.eurostat`, `helpers.statbank`, `helpers.outcomes.gaps`,
# `helpers.outcomes.checks` and `helpers.outcomes.conflicts`; this notebook runs them and shows what came out.

# %%
from helpers import pipeline
from helpers.core import paths, reference
from helpers.core.paths import Workspace
from helpers.outcomes import checks, coverage, eurostat, stage, views

ws = Workspace.default()
result = pipeline.clean_outcomes(ws)
table = result.tables[paths.OUTCOMES_FILE]
result

# %% [markdown]
# ## Figures by source basis

# %%
views.counts(table, ["basis", "derived"])

# %% [markdown]
# ## When the figures were published
#
# Every figure has two clocks: the period it describes and the date it was published
# (`published`), as precisely as its source says it — the register's source list, the policy
# document's date, the date a StatBank file was fetched or exported, a survey file's vintage; empty
# when the source does not say.

# %%
views.published_precision(table)

# %% [markdown]
# Register figures certainly published more than a year after their period ended.

# %%
views.published_late(table)

# %% [markdown]
# ## Figures by indicator and geography

# %%
views.counts_wide(table, "indicator", "geography")

# %% [markdown]
# ## Conflicts
#
# The same indicator, group, geography, age and period with different values from different
# sources. Every row is kept; one row per key is marked `preferred` by the rule in
# `helpers.outcomes.conflicts`: register-based before survey; statistics office, then international
# organisation, then the municipality (reports, surveys, policy documents), ministry, parliament,
# other organisations, news, blog; published before derived; exact before approximate; the newer
# publication; more decimals; the lower figure id. `Forskel` tells a rounding difference from a
# real disagreement; `Begrundelse` is the criterion that decided.

# %%
views.conflicts_view(result.tables[stage.CONFLICTS_FILE])

# %% [markdown]
# ## Over-unemployment
#
# Copenhagen's series (the 2011-2014 policy's main goal 2 is measured on it), from every source.

# %%
copenhagen = views.series(
    table, "overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"
)
views.figures(
    copenhagen, ["period", "value", "basis", "source_id", "source_kind", "figure_id", "preferred"]
)

# %% [markdown]
# The national proxy stage 3 borrows variability from: the unemployment rate of persons born abroad
# minus that of persons born in Denmark, ages 15-74, Eurostat `lfsa_urgacob` (Labour Force Survey,
# ILO definitions; flag `b` = break in series). A survey-based proxy, not the register-based target
# indicator.

# %%
proxy = views.series(table, "overunemployment_pp", "born_abroad", "denmark", age="15-74")
views.figures(proxy, ["period", "value", "flag", "derived", "derived_from"])

# %% [markdown]
# ## Survey cells that were not published
#
# Eurostat leaves a cell empty (flag `u`, low reliability) when the sample is too small. Such cells
# are left out of `outcomes.csv`: a missing figure stays missing and is never read as 0.

# %%
survey, unpublished = eurostat.read_survey(ws)
views.unpublished_summary(unpublished)

# %% [markdown]
# ## Approximate figures
#
# Figures published with a qualifier are kept, marked approximate, with the qualifier as written.

# %%
approximate = table.loc[table["approximate"] & ~table["derived"]]
views.figures(approximate, ["figure_id", "indicator", "period", "value", "source_id"])

# %% [markdown]
# ## The indicator catalogue
#
# `data/reference/indicators.csv`; the goals each indicator measures are read from stage 1's
# `goals.csv`, not typed in. Every indicator code of `outcomes.csv` and `goals.csv` must be in the
# catalogue (validation fails otherwise); the list below of codes missing from it is empty.

# %%
goals = coverage.read_goals(ws)
catalogue = coverage.with_goals(reference.catalogue(ws), goals)
print("Missing from the catalogue:", coverage.missing_codes(catalogue, table, goals))
measuring = catalogue.loc[catalogue["goals"] != ""]
views.figures(measuring, ["code", "name_da", "unit", "better", "goals"])

# %% [markdown]
# ## Validation rules
#
# Each rule names the file, row, column and value of every failure, all at once.

# %%
[rule.id for rule in checks.rules(checks.References.load(ws))]

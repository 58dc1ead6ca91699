# %% [markdown]
# # 02 · Clean the outcome data
#
# Stage 2 of the pipeline: the register of published figures (`data/raw/published_figures/`) is read
# into tidy outcome rows in `data/processed/outcomes.csv`. Values are parsed as published (Danish
# decimal comma, thousands point, qualifiers such as *knap* or *ca.* mark a figure as approximate,
# number words such as *fire*); periods become start and end dates. Every row keeps its figure id,
# source id and verbatim quote.

# %%
from helpers import outcomes, stages
from helpers.paths import Workspace

ws = Workspace.default()
result = stages.clean_outcomes(ws)
result

# %% [markdown]
# ## Figures by indicator and geography

# %%
table = result.tables[stages.OUTCOMES_FILE]
table.groupby(["indicator", "geography"]).size().unstack(fill_value=0)

# %% [markdown]
# ## Approximate figures
#
# Figures published with a qualifier are kept, marked `approximate`, with the qualifier as written.

# %%
table.loc[table["approximate"], ["figure_id", "indicator", "period", "value_as_published", "value", "qualifier"]]

# %% [markdown]
# ## Over-unemployment in Copenhagen
#
# The series the 2011-2014 policy's main goal 2 is measured on.

# %%
outcomes.series(table, "overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen")[
    ["figure_id", "period", "period_end", "value", "unit", "source_id", "source_kind", "quote"]
]

# %% [markdown]
# # 01 · Clean the goal data
#
# Stage 1 of the pipeline: the policy documents in `data/raw/policy_documents/` are parsed into the
# goal registry `data/processed/goals.csv`. Every target is read from the document text (never typed
# in), and every goal keeps its document, section, raw line number and a verbatim excerpt.
#
# The parsing rules live in `helpers.documents` and `helpers.goals`; this notebook runs them and shows
# what came out.

# %%
from helpers import stages
from helpers.paths import Workspace

ws = Workspace.default()
result = stages.clean_goals(ws)
result

# %% [markdown]
# ## The registry
#
# One row per goal. `kind` says whether a goal has a number to reach; `direction` says which way
# counts as progress.

# %%
goals = result.tables[stages.GOALS_FILE]
goals[["goal_id", "document", "section", "kind", "direction", "target_value", "target_period", "unit"]]

# %% [markdown]
# ## Provenance
#
# The verbatim excerpt each goal was read from, with the raw line where it starts and where the
# same goal is stated again.

# %%
goals[["goal_id", "document", "line", "excerpt", "also_stated_at"]]

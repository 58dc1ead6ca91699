# %% [markdown]
# # 01 · Clean the goal data
#
# Stage 1 of the pipeline reads the five policy documents in `data/raw/policy_documents/` and
# writes five tables to `data/processed/`:
#
# * `goals.csv` — the goal registry, one row per real goal: what was promised, by when, measured
#   how, with the document, section, raw line and a verbatim excerpt;
# * `document_results.csv` — the figures the documents report themselves (stage 2 merges them);
# * `budget.csv` and `budget_checks.csv` — ØU's economic overview in long form, every total re-added;
# * `findings.csv` — what the documents contradict or leave open.
#
# Every target is read from the document text (never typed in). The rules live in
# `helpers.goals.sentences` (Danish goal sentences), `helpers.goals.prose`, `helpers.goals.results_sheet` and
# `helpers.goals.status_schemas` (the three layouts), `helpers.goals` (the registry), `helpers.goals.reported_figures`,
# `helpers.goals.budget` and `helpers.goals.findings`; `data/reference/` holds only metadata (section headings
# and which indicator measures which goal). This notebook runs them and shows what came out.

# %%
from helpers import pipeline
from helpers.core import paths
from helpers.core.paths import Workspace
from helpers.goals import budget, views

ws = Workspace.default()
result = pipeline.clean_goals(ws)
goals = result.tables[paths.GOALS_FILE]
result

# %% [markdown]
# ## The registry
#
# `kind` says whether a goal has a number to reach (*kvantitativt*), a number the text implies
# without writing it (*fortolket*: "den bedst integrerende storby" read as rank 1, the note says
# so), only a direction (*retningsmål*: rise, fall, reflect), an event by a date (*milepæl*), no
# measure (*kvalitativt*), or a placeholder where the number should be (*mål ikke fastsat*: the
# 2011-14 policy writes "X %" or "(XX)"; no number is guessed). Document codes: OKF05 = ØKF's results sheet 2005-2007 (read
# once, from its pipe-table rendering), OU09 = ØU's account of 2009, BIU11 = the employment and
# integration committee's action plan, POL11 = the integration policy 2011-2014.

# %%
views.kind_counts(goals)

# %% [markdown]
# Targets, deadlines and baselines as read. "ultimo 2014" and "udgangen af 2014" are the half-year
# 2014-H2; "i 2014" is the year. A baseline is stated, implied ("øges med 10 procentpoint til ca.
# 64 %" starts from 54) or the latest figure the goal's own status reports. `Gentager` names the
# goal a goal restates — another document's, or the status schema's goal a budget note books money
# for (stage 3 evaluates them together). `I kraft`: from the half-year the document is dated in
# (`data/reference/documents.csv`, with the evidence) to one year after the deadline.

# %%
views.registry_view(goals)

# %% [markdown]
# ## Provenance
#
# The verbatim excerpt each goal was read from, the raw line where it starts, and where the same
# goal is stated again (in the same document, or in the plain-text rendering of the ØKF sheet).

# %%
views.provenance_view(goals)

# %% [markdown]
# ## The documents' own results
#
# Figures the documents report (2005 results of the ØKF sheet, the 2008-2009 status figures of ØU's
# account, "today's" levels in the 2011 documents), each with its raw line and verbatim quote in
# `document_results.csv`.

# %%
views.results_view(result.tables["document_results.csv"])

# %% [markdown]
# ## The economic overview (1000 kr.)
#
# Rebuilt from `budget.csv`; cells that give a note instead of an amount show the note's number.

# %%
views.budget_view(result.tables["budget.csv"])

# %% [markdown]
# Every stated total re-added: each row's years against its total, each total row against the rows
# it sums, and note 4's two amounts against the partnership's total.

# %%
views.checks_view(result.tables["budget_checks.csv"])

# %% [markdown]
# The amounts the initiatives' status schemas state, next to the table's amount for the same line
# and year.

# %%
views.status_view(budget.read_budget(ws).status)

# %% [markdown]
# ## Findings
#
# What the documents contradict or leave open, each found by a rule in `helpers.goals.findings`: amounts
# that differ between a status schema and the economic overview, the same target in two units or
# with two deadlines, benchmarks that differ, wording that differs between two statements of one
# goal, the differences between the two renderings of the ØKF sheet, page furniture, and goals
# without a number or a deadline. `Dateret` is the date of the latest document a finding is about.
# `findings.csv` has the details.

# %%
views.findings_view(result.tables["findings.csv"])

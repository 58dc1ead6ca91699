# %% [markdown]
# # 03 · Trend models and progress verdicts
#
# Stage 3 of the pipeline for one series, as of one half-year: the figures the models may see (only
# those whose reference period has ended), every trend model's projection to the goal's deadline
# with 80 % and 95 % prediction intervals, the rolling-origin backtest that picks the model, and the
# verdict of each goal measured on the series by the published progress rules
# (`helpers.evaluation.rules`). Models that have too few figures for an honest interval say so instead of
# guessing. Parameters (papermill): `indicator`, `group`, `geography`, `as_of`.

# %% tags=["parameters"]
indicator = "overunemployment_pp"
group = "non_western_immigrants_and_descendants"
geography = "copenhagen"
as_of = "2013H2"

# %%
from IPython.display import display

from helpers.core.paths import Workspace
from helpers.evaluation import charts, views

view = views.view_series(Workspace.default(), indicator, group, geography, as_of)
views.observations_table(view)

# %% [markdown]
# ## The models
#
# Random walk with drift (the default for short series; it handles gaps and mixed period kinds),
# linear trend (OLS, HAC errors from 12 figures), exponential smoothing with damped trend (ETS) and
# a local linear trend (unobserved components); the last two need 10 regularly spaced figures. A
# short series that borrows from a related long series uses the model the real-data calibration
# chose (below), shown last in the tables when it is none of the four.

# %%
for result in view.fits.values():
    print(result.summary(), end="\n\n")

# %% [markdown]
# Projection of each model to the deadline of the first goal on this series (for a series without
# a goal: three years after its last figure):

# %%
views.fits_table(view)

# %%
views.fits_chart(view)

# %% [markdown]
# ## Backtest
#
# Rolling origin, expanding window, forecasts up to three years ahead; MASE = mean absolute error
# over the series' mean absolute year-to-year change (the naive forecast's in-sample error). A
# series with fewer than 8 figures has no backtest and uses the default model.

# %%
print(f"{view.obs.n} figures; model: {view.choice.model} ({view.choice.reason_da})")
scores = views.backtest_frame(view.obs)
if len(scores):
    display(scores)
else:
    print("No backtest: the series has fewer than 8 figures.")

# %% [markdown]
# ## Calibration on real series: which model a short series uses
#
# The simulated test only checks the random walk's algebra. Here every candidate is checked on the
# real series we hold, by a fixed rule (`helpers.evaluation.calibration`): every series in
# `outcomes.csv` with yearly figures only and at least 15 of them (the Eurostat/OECD survey rates
# for Denmark and its regions and the gaps derived from them); every origin with at least 10
# figures; the figures 1-5 years later. Candidates: random walk with drift, without drift and
# AR(1) around a level, each fitted on all years or the last 15, 10 or 5. Probabilities are
# scored (Brier) against pseudo-targets 0,5, 1, 2, 3 and 5 points above and below the last figure.
# The rule: at every horizon with at least 100 forecasts, 80 % coverage within 70-90 % and 95 %
# coverage at least 88 % on the national gaps and on all long series, and 80 % coverage within
# 70-90 % on the series Copenhagen's over-unemployment borrows from (in the form it borrows:
# the series cut to its last two figures); among those, the lowest mean Brier score. Caveats:
# the window grid and target distances were laid out after seeing the data, and the survey data
# run to 2025, hindsight for a report about 2013.

# %%
calibration_table, reliability = views.read_calibration(Workspace.default())
display(views.calibration_counts(calibration_table))
print(views.calibration_choice_text(calibration_table))

# %% [markdown]
# How often each candidate's 80 % interval held (own fit), on all long series and on the national
# gaps, with the 95 % coverage and the mean Brier score:

# %%
display(views.calibration_frame(calibration_table, "all"))
display(views.calibration_frame(calibration_table, "national_gaps"))

# %% [markdown]
# The same in the borrowed form (the last two figures with the candidate's parameters from the
# window) on the series the over-unemployment goal borrows from:

# %%
views.calibration_frame(calibration_table, "lenders", "borrowed")

# %% [markdown]
# How reliable the probabilities were: in each probability bin, the mean stated probability of
# meeting a pseudo-target against how often it was met (all long series, horizons 1-5 pooled).

# %%
charts.reliability_chart(reliability, views.reliability_candidates(calibration_table), "all")

# %% [markdown]
# ## Where the uncertainty comes from
#
# A series too short to estimate its own variability borrows from a related, longer series under a
# stated assumption: the calibrated model's parameters fitted on its window (the random walks'
# innovation variance; the AR(1)'s persistence too); without one the report says that the
# uncertainty cannot be estimated.

# %%
print(views.borrowing_note(view))

# %%
if view.related_obs is not None:
    display(views.backtest_frame(view.related_obs))
    display(
        charts.model_fans_chart(
            view.related_obs,
            views.related_fits(view),
            until=view.related_obs.times[-1] + 3,
            title=f"Beslægtet serie: {view.related.label}",
            unit=view.rows["unit"].iloc[-1],
        )
    )

# %% [markdown]
# ## Verdict

# %%
views.verdict_table(view)

# %%
views.goal_figure(view)

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
# a local linear trend (unobserved components); the last two need 10 regularly spaced figures.

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
# ## Where the uncertainty comes from
#
# A series too short to estimate its own variability borrows the year-to-year innovation variance
# of a related, longer series under a stated assumption; without one the report says that the
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

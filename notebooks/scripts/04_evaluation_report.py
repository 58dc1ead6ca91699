# %% [markdown]
# # Integrationsbarometer · halvårsevaluering
#
# Eksperttænketanken for integrations vurdering af, om Københavns Kommunes integrationspolitik er på
# vej mod sine mål. Rapporten for et halvår bygger kun på tal, hvis referenceperiode slutter senest
# ved halvårets udgang.

# %% tags=["parameters"]
period = "2013H2"

# %%
from IPython.display import Markdown, display

from helpers import report
from helpers.paths import Workspace

inputs = report.load_inputs(Workspace.default(), period)
display(Markdown(f"## Evaluering for {inputs.half_year.label_da()} (data til og med {inputs.half_year.end:%d.%m.%Y})"))

# %%
report.show_goals(inputs)

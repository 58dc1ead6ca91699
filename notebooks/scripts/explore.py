# %% [markdown]
# # Udforsk målene
#
# Vælg et mål (eller en serie uden mål), det halvår vurderingen gælder, modellen (eller det
# automatiske valg ved backtest), intervallets niveau og kilderne. Grafen, vurderingen,
# sandsynligheden for at nå målet, modellernes fremskrivninger, backtesten og tallene bag grafen
# med deres kildecitater følger med. Vurderingen bygger kun på tal, hvis periode er slut ved
# udgangen af det valgte halvår, og på de samme regler som halvårsrapporterne.

# %%
from helpers.core.paths import Workspace
from helpers.explorer import app, state

data = state.ExplorerData(Workspace.default())

# %% [markdown] tags=["hide-in-app"]
# ## Standardvisningen
#
# Overledigheden (mål POL11-HM2) vurderet pr. 2. halvår 2013 med det automatiske modelvalg og
# 80 %-interval, som den ser ud uden en kørende kerne.

# %% tags=["hide-in-app"]
app.show(state.build_state(data, state.DEFAULT))

# %% [markdown]
# ## Vælg selv

# %%
app.App(data).widget

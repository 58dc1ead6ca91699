# %% [markdown]
# # Udforsk målene
#
# Vælg et mål (eller en serie uden mål), det halvår vurderingen gælder, modellen (eller det
# automatiske valg ved backtest), intervallets niveau og kilderne. Grafen, vurderingen,
# sandsynligheden for at nå målet, modellernes fremskrivninger, backtesten og tallene bag grafen
# med deres kildecitater følger med. Vurderingen bygger kun på tal, hvis periode er slut ved
# udgangen af det valgte halvår, og på de samme regler som halvårsrapporterne.

# %%
from helpers import explorer, explorer_app
from helpers.paths import Workspace

data = explorer.ExplorerData(Workspace.default())

# %% [markdown] tags=["hide-in-app"]
# ## Standardvisningen
#
# Overledigheden (mål POL11-HM2) vurderet pr. 2. halvår 2013 med det automatiske modelvalg og
# 80 %-interval, som den ser ud uden en kørende kerne.

# %% tags=["hide-in-app"]
explorer_app.show(explorer.build_state(data, explorer.DEFAULT))

# %% [markdown]
# ## Vælg selv

# %%
explorer_app.App(data).widget

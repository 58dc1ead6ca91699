# %% [markdown]
# # Integrationsbarometer · halvårsevaluering
#
# Eksperttænketanken for integrations vurdering af, om Københavns Kommunes integrationspolitik er på
# vej mod sine mål. Rapporten for et halvår bygger kun på tal, hvis referenceperiode slutter senest
# ved halvårets udgang. Hvert mål vurderes ud fra en fremskrivning til målets frist med et
# usikkerhedsinterval, sandsynligheden for at nå målet og en offentliggjort fremskridtsregel, som
# kun giver en farve, når tallene opfylder dens krav (se metodeafsnittet sidst i rapporten).

# %% tags=["parameters"]
period = "2013H2"
vintage = "latest"

# %% tags=["imports"]
from IPython.display import HTML, Markdown, display

from helpers.core.paths import Workspace
from helpers.report import loading, narrative, sections, tables

# %%
inputs = loading.load_inputs(Workspace.default(), period, vintage)
display(Markdown(narrative.heading_markdown(inputs)))
display(Markdown(narrative.summary_markdown(inputs)))

# %% [markdown]
# ## Hvad har ændret sig siden sidste halvår
#
# Mål, der har skiftet farve siden forrige halvårs rapport, og de nye tal, der er kommet til.

# %%
display(HTML(tables.changes_table(inputs)))

# %% [markdown]
# ## Resultattavle
#
# Alle mål, der er gældende i halvåret: seneste måling, målet og fristen, fremskrivningen ved
# fristen med 80 %-interval, sandsynligheden for at nå målet og vurderingen.

# %%
display(HTML(tables.scorecard_table(inputs)))

# %% [markdown]
# ## Mål for mål
#
# Målingerne efter kilde, fremskrivningen med 80 %- og 95 %-interval, målet (stjernen) og fristen
# (den lodrette linje).

# %%
sections.show_goal_charts(inputs)

# %% [markdown]
# ## Mål, der ikke kan vurderes

# %%
display(HTML(tables.not_evaluable_table(inputs)))

# %% [markdown]
# ## Økonomi og dokumenternes uoverensstemmelser
#
# Økonomiudvalgets oversigt over integrationsindsatsens økonomi (i 1.000 kr.) og de steder, hvor
# politikdokumenterne modsiger sig selv eller hinanden eller lader et mål stå uden tal.

# %%
display(HTML(tables.documents_table(inputs)))
display(HTML(tables.budget_table(inputs)))
display(Markdown(narrative.budget_check_text(inputs)))
display(HTML(tables.findings_table(inputs)))

# %% [markdown]
# ## Metode og data

# %%
display(Markdown(narrative.methods_markdown(inputs)))
display(HTML(tables.requirements_table()))
display(Markdown(narrative.data_vintage_markdown(inputs)))
display(HTML(tables.backtest_table(inputs)))
display(Markdown(narrative.calibration_markdown(inputs)))
display(HTML(tables.calibration_table(inputs)))
display(HTML(tables.reliability_table(inputs)))

# %% [markdown]
# ## Kilder
#
# Kilderne til alle tal i rapporten. Tal fra pressen gengiver som regel kommunens egne opgørelser.

# %%
display(HTML(tables.sources_table(inputs)))

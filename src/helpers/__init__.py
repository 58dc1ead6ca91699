"""Integration Barometer workspace: library code behind the notebooks.

The package is deliberately light to import: each module pulls in only what it
needs (statsmodels, papermill and nbconvert are imported where they are used),
so the report kernel starts fast.
"""

__version__ = "0.1.0"

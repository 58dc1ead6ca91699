"""The experts' explorer (notebook ``explore``, ``make app``): "what if" on any goal or series.

Reads the processed tables and reuses stage 3's models and verdicts and the report's
charts; writes nothing.
"""

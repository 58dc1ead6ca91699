"""Shared ground for every stage: paths, errors, atomic writes, periods, Danish numbers and
words, units, chart style, the reference catalogues, the raw-data manifest, the two clocks
(:mod:`~helpers.core.vintages`) and the stamps of incremental runs (:mod:`~helpers.core.stamps`).

Owns no stage of its own; it reads only ``data/reference/`` and ``data/raw/manifest.csv``
and writes nothing but what its callers ask for (atomically; stamps go to ``.stamps/``
beside the outputs they describe). Every other subpackage may
import it; it imports none of them.
"""

"""Shared ground for every stage: paths, errors, atomic writes, periods, Danish numbers and
words, units, chart style, the reference catalogues and the raw-data manifest.

Owns no stage of its own; it reads only ``data/reference/`` and ``data/raw/manifest.csv``
and writes nothing but what its callers ask for (atomically). Every other subpackage may
import it; it imports none of them.
"""

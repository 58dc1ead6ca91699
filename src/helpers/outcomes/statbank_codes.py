"""Code maps that turn StatBank tables (RAS200, RAS201, AULK03, FOLK1E) into outcome codes.

A map (:data:`TABLE_MAPS`) names each variable's role (geography, group, sex,
age, indicator, time) and maps codes either directly (codes published in the
hand-over notes: areas ``000`` Denmark, ``101`` Copenhagen, the regions
``081``-``085``; FOLK1E origin ``1/24/25/34/35``, RAS origin
``00/10/24/25/34/35``) or, for variables whose codes differ between tables, by
the Danish text of each value as the table's own ``tableinfo`` gives it (e.g.
``Beskæftigelsesfrekvens`` -> ``employment_rate``). Values whose code or text a
map does not know are neither requested nor read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.outcomes.statbank_api import StatBankError, TableInfo, Variable

# --- code maps ----------------------------------------------------------------------------

AREAS: dict[str, str] = {
    "000": "denmark",
    "101": "copenhagen",
    "084": "dk01_hovedstaden",
    "085": "dk02_sjaelland",
    "083": "dk03_syddanmark",
    "082": "dk04_midtjylland",
    "081": "dk05_nordjylland",
}
#: Danish value texts of origin variables (tables differ in their codes).
ORIGIN_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^i alt$|^herkomst i alt$", "all"),
    (r"^personer med dansk oprindelse$", "danish_origin"),
    (r"^indvandrere fra vestlige lande$", "western_immigrants"),
    (r"^indvandrere fra ikke-vestlige lande$", "non_western_immigrants"),
    (r"^efterkommere fra vestlige lande$", "western_descendants"),
    (r"^efterkommere fra ikke-vestlige lande$", "non_western_descendants"),
)
SEX_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^i alt$|^køn i alt$", ""),
    (r"^mænd$", "_men"),
    (r"^kvinder$", "_women"),
)
AREA_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^hele landet$", "denmark"),
    (r"^københavn$", "copenhagen"),
    (r"^landsdel byen københavn$", "landsdel_byen_koebenhavn"),
    (r"^region hovedstaden$", "dk01_hovedstaden"),
)


@dataclass(frozen=True)
class Dimension:
    """How one variable of a table maps to an outcome column.

    Parameters
    ----------
    role : str
        ``geography``, ``group``, ``sex``, ``age``, ``indicator`` or ``time``.
    variable : str
        Regular expression matched against the variable id (case-insensitive).
    codes : dict
        Code -> outcome value, for codes known without the table's info.
    texts : tuple
        (regex on the value's Danish text, outcome value), resolved with ``tableinfo``.
    age_from_text : bool
        Age variables: ``"16-64 år"`` -> ``16-64``, ``"Alder i alt"`` -> ``""``.
    """

    role: str
    variable: str
    codes: dict[str, str] = field(default_factory=dict)
    texts: tuple[tuple[str, str], ...] = ()
    age_from_text: bool = False

    def matches(self, variable_id: str) -> bool:
        return re.fullmatch(self.variable, variable_id, flags=re.IGNORECASE) is not None

    def resolve(self, variable: Variable | None) -> dict[str, str]:
        """Code -> outcome value, from the fixed codes and (when known) the value texts."""
        out = dict(self.codes)
        if variable is None:
            return out
        for code, text in variable.values:
            lowered = text.strip().lower()
            if self.age_from_text:
                if match := re.fullmatch(r"(\d+)-(\d+) år", lowered):
                    out.setdefault(code, f"{match[1]}-{match[2]}")
                elif lowered in ("alder i alt", "i alt"):
                    out.setdefault(code, "")
            for pattern, value in self.texts:
                if re.search(pattern, lowered):
                    out.setdefault(code, value)
                    break
        return out


@dataclass(frozen=True)
class TableMap:
    """The code map of one StatBank table (see module docstring)."""

    table: str
    unit: str
    dimensions: tuple[Dimension, ...]
    indicator: str = ""
    note: str = ""

    def dimension_for(self, variable_id: str) -> Dimension | None:
        for d in self.dimensions:
            if d.matches(variable_id):
                return d
        return None

    def resolve(self, info: TableInfo | None, variable_ids: list[str]) -> dict[str, dict[str, str]]:
        """Variable id -> (code -> outcome value) for the variables of a response."""
        out = {}
        for vid in variable_ids:
            dim = self.dimension_for(vid)
            if dim is None or dim.role == "time":
                continue
            variable = None
            if info is not None:
                variable = next((v for v in info.variables if v.id.lower() == vid.lower()), None)
            out[vid] = dim.resolve(variable)
        return out

    def request(self, info: TableInfo) -> dict[str, list[str]]:
        """The codes to request: every mapped value of every variable, all time periods.

        Raises
        ------
        StatBankError
            When a variable of the table has no dimension in the map, or a
            dimension matches no value: the table has changed and the map must
            be updated.
        """
        selection: dict[str, list[str]] = {}
        for variable in info.variables:
            dim = self.dimension_for(variable.id)
            if dim is None:
                raise StatBankError(
                    f"{self.table}: the code map has no role for variable {variable.id!r} "
                    f"({variable.text}); update helpers.statbank.TABLE_MAPS"
                )
            if dim.role == "time":
                selection[variable.id] = ["*"]
                continue
            known = [code for code, _ in variable.values if code in dim.resolve(variable)]
            if not known:
                raise StatBankError(
                    f"{self.table}: no value of variable {variable.id!r} matches the code map; "
                    "update helpers.statbank.TABLE_MAPS"
                )
            selection[variable.id] = known
        return selection


def _ras_origin() -> Dimension:
    """HERKOMST in the RAS tables (codes 00/10/24/25/34/35)."""
    return Dimension(
        "group",
        r"HERKOMST",
        codes={
            "00": "all",
            "10": "danish_origin",
            "24": "western_immigrants",
            "25": "non_western_immigrants",
            "34": "western_descendants",
            "35": "non_western_descendants",
        },
        texts=ORIGIN_TEXTS,
    )


def _area() -> Dimension:
    return Dimension("geography", r"OMRÅDE", codes=AREAS, texts=AREA_TEXTS)


def _sex(codes: dict[str, str]) -> Dimension:
    return Dimension("sex", r"KØN", codes=codes, texts=SEX_TEXTS)


TABLE_MAPS: dict[str, TableMap] = {
    "FOLK1E": TableMap(
        table="FOLK1E",
        unit="persons",
        indicator="population_count",
        note="population on the first day of the quarter",
        dimensions=(
            _area(),
            _sex({"TOT": "", "1": "_men", "2": "_women"}),
            Dimension("age", r"ALDER", codes={"IALT": ""}, age_from_text=True),
            Dimension(
                "group",
                r"HERKOMST",
                codes={
                    "1": "danish_origin",
                    "24": "western_immigrants",
                    "25": "non_western_immigrants",
                    "34": "western_descendants",
                    "35": "non_western_descendants",
                },
                texts=ORIGIN_TEXTS,
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "RAS200": TableMap(
        table="RAS200",
        unit="percent",
        note="register-based labour-market statistics (RAS), end of November",
        dimensions=(
            _area(),
            _sex({"TOT": ""}),
            Dimension("age", r"ALDER", age_from_text=True),
            _ras_origin(),
            Dimension(
                "indicator",
                r"BEREGNING|FREKVENS|.*FREK.*",
                texts=(
                    (r"beskæftigelsesfrekvens", "employment_rate"),
                    (r"erhvervsfrekvens", "participation_rate"),
                ),
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "RAS201": TableMap(
        table="RAS201",
        unit="persons",
        note="register-based labour-market statistics (RAS), end of November",
        dimensions=(
            _area(),
            _sex({"TOT": ""}),
            Dimension("age", r"ALDER", age_from_text=True),
            _ras_origin(),
            Dimension(
                "indicator",
                r"SOCIO.*|.*STATUS.*",
                texts=(
                    (r"^arbejdsløse", "unemployed_count"),
                    (r"^beskæftigede", "employed_count"),
                    (r"^i alt$|^befolkningen i alt", "population_count"),
                ),
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "AULK03": TableMap(
        table="AULK03",
        unit="persons",
        indicator="unemployed_count",
        note="registered full-time unemployed persons (AUL), quarterly",
        dimensions=(
            Dimension("geography", r"OMRÅDE|LANDSDEL", codes={"000": "denmark"}, texts=AREA_TEXTS),
            _sex({"TOT": ""}),
            Dimension("group", r"IELAND|HERKOMST", texts=ORIGIN_TEXTS),
            Dimension("time", r"TID"),
        ),
    ),
}
_TABLE_IN_NAME = re.compile(r"^(?P<table>[A-Za-z]+\d+[A-Za-z]?)_")


def table_of_file(name: str) -> str | None:
    """The mapped table a file name starts with (``folk1e_...csv`` -> ``FOLK1E``), or None."""
    match = _TABLE_IN_NAME.match(name)
    table = match["table"].upper() if match else None
    return table if table in TABLE_MAPS else None

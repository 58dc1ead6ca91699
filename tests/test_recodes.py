"""Documented recodes of register figures."""

import pandas as pd
import pytest

from helpers.core.errors import InputDataError
from helpers.outcomes import published_figures, recodes


def test_extended_index_rank_leaves_the_benchmark_rank_series(ws):
    register, _ = published_figures.read_register(ws)
    recoded = recodes.apply_recodes(register, recodes.read_recodes(ws)).set_index("figure_id")
    assert recoded.loc["F206", "indicator"] == "intercultural_cities_rank_extended"
    assert "recoded indicator" in recoded.loc["F206", "note"]
    assert recoded.loc["F191", "indicator"] == "intercultural_cities_rank"
    assert register.set_index("figure_id").loc["F206", "indicator"] == "intercultural_cities_rank"


def test_stale_recode_stops_with_the_reason(ws):
    register, _ = published_figures.read_register(ws)
    stale = pd.DataFrame(
        [
            {
                "figure_id": "F206",
                "column": "indicator",
                "from_value": "something_else",
                "to_value": "x",
                "reason": "test",
            }
        ]
    )
    with pytest.raises(InputDataError, match=r"figure_recodes\.csv, row 2, column 'from_value'"):
        recodes.apply_recodes(register, stale)

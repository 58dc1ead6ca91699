"""Parameters are validated before papermill injects them."""

import nbformat
import pytest

from helpers.report import notebooks, parameters
from helpers.report.parameters import ParameterError


@pytest.fixture
def report_nb(ws):
    return nbformat.read(ws.notebooks / "04_evaluation_report.ipynb", as_version=4)


def test_declared_parameters_of_the_report(report_nb):
    assert parameters.declared(report_nb) == {"period": "2013H2", "vintage": "latest"}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"period": "2013H2'; import os"}, "is refused"),
        ({"period": "2013H2\nimport os"}, "is refused"),
        ({"period": ["2013H2"]}, "must be a number or a short code"),
        ({"periode": "2013H2"}, "unknown parameter 'periode'; this notebook takes: period"),
        ({"period": "x" * 81}, "at most 80 characters"),
        ({"period": "2013H2", "vintage": "yesterday"}, "vintage='yesterday' is refused"),
    ],
)
def test_unsafe_or_unknown_parameters_are_refused(report_nb, given, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parameters.check(report_nb, given)


def test_plain_codes_pass(report_nb):
    assert parameters.check(report_nb, {"period": "2013H2"}) == {"period": "2013H2"}


def test_execute_refuses_before_starting_a_kernel(ws, tmp_path):
    with pytest.raises(ParameterError):
        notebooks.execute(
            ws.notebooks / "04_evaluation_report.ipynb",
            {"period": "__import__('os').system('touch x')"},
            cwd=tmp_path,
        )
    assert list(tmp_path.iterdir()) == []

"""Refresh the raw data from Statistics Denmark and Eurostat (``make fetch``).

Every fetched table becomes a **new dated file** (raw files are never
overwritten) with its manifest entry:

- StatBank (:mod:`helpers.statbank`): ``data/raw/statbank/<TABLE>_<date>.csv``
  (``format=CSV``, ``lang=da``, codes) and ``<TABLE>_<date>_tableinfo.json``
  for each table of :data:`helpers.statbank.TABLE_MAPS`, asking only for the
  values the code map knows (Denmark, Copenhagen, the regions; the origin
  groups) and every period.
- Eurostat, through the maintained ``eurostat`` package (it wraps Eurostat's
  dissemination API, including its asynchronous large-file handling and flags,
  so no HTTP is written by hand here): ``data/raw/eurostat/eurostat_<dataset>_DK_<date>.tsv``
  in Eurostat's bulk-TSV layout (value, space, flags; ``:`` when missing),
  which :mod:`helpers.outcomes.eurostat` reads like the hand-over files.

Stage 2 picks the new files up on its next run. Without a network connection
the command stops with a clear message and exit status 1, writing nothing.

Command line::

    python -m helpers.fetch [--only statbank|eurostat] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.core import atomic, manifest
from helpers.core.errors import BarometerError
from helpers.core.paths import Workspace
from helpers.outcomes import statbank_api, statbank_codes, statbank_files

#: Eurostat datasets refreshed, with the filter of the hand-over files.
EUROSTAT_DATASETS: dict[str, dict[str, list[str]]] = {
    "lfsa_urgacob": {
        "geo": ["DK"],
        "age": ["Y15-74"],
        "sex": ["T"],
        "unit": ["PC"],
        "c_birth": ["NAT", "FOR", "EU27_2020_FOR", "NEU27_2020_FOR", "TOTAL"],
    },
    "lfsa_urgan": {
        "geo": ["DK"],
        "age": ["Y15-64", "Y20-64"],
        "sex": ["T", "M", "F"],
        "unit": ["PC"],
        "citizen": ["NAT", "FOR", "EU27_2020_FOR", "NEU27_2020_FOR", "TOTAL"],
    },
    "lfsa_ergan": {
        "geo": ["DK"],
        "age": ["Y15-64", "Y20-64"],
        "sex": ["T", "M", "F"],
        "unit": ["PC"],
        "citizen": ["NAT", "FOR", "EU27_2020_FOR", "NEU27_2020_FOR", "TOTAL"],
    },
    "lfst_r_lfur2gac": {
        "geo": ["DK01", "DK02", "DK03", "DK04", "DK05"],
        "age": ["Y15-64"],
        "sex": ["T"],
        "unit": ["PC"],
        "c_birth": ["FOR", "NEU27_2020_FOR", "EU27_2020_FOR", "TOTAL"],
    },
}
STATBANK_SOURCE = "Statistics Denmark StatBank API v1 (api.statbank.dk), fetched by make fetch"
EUROSTAT_SOURCE = "Eurostat dissemination API via the eurostat package, fetched by make fetch"


class NoNetworkError(BarometerError):
    """A refresh could not reach its service."""


@dataclass(frozen=True)
class Fetched:
    """A file a refresh fetched: where it goes, its bytes and its manifest description."""

    path: Path
    data: bytes
    description: str


def _new_file(path: Path) -> Path:
    if path.exists():
        raise BarometerError(
            f"{path.name} already exists; raw files are never overwritten. Fetch again on "
            "another day or pass another --date."
        )
    return path


def fetch_statbank(ws: Workspace, day: str) -> list[Fetched]:
    """Fetch every mapped StatBank table as a new dated CSV plus its table info."""
    out = []
    folder = ws.raw / statbank_files.STATBANK_FOLDER
    for table, table_map in sorted(statbank_codes.TABLE_MAPS.items()):
        info_bytes = statbank_api.tableinfo(table, lang="da")
        info = statbank_api.parse_tableinfo(info_bytes)
        body = statbank_api.data(
            table, table_map.request(info), lang="da", value_presentation="Code"
        )
        statbank_api.parse_csv(body)  # refuse to store a response the stage cannot read
        out.append(
            Fetched(_new_file(folder / f"{table}_{day}.csv"), body, f"{table} ({info.text}), codes")
        )
        out.append(
            Fetched(_new_file(folder / f"{table}_{day}_tableinfo.json"), info_bytes, "tableinfo")
        )
    return out


def eurostat_tsv(rows: list[tuple]) -> str:
    """``eurostat.get_data(..., flags=True)`` rows as Eurostat bulk-TSV text.

    The first row is the header (key names, the last ``geo\\TIME_PERIOD``, then
    ``<period>_value``/``<period>_flag`` pairs); each data row the key codes and
    value/flag pairs (``None`` when missing).
    """
    header = list(rows[0])
    n_keys = next(i for i, h in enumerate(header) if str(h).endswith("_value"))
    periods = [str(h)[: -len("_value")] for h in header[n_keys::2]]
    lines = [",".join(header[:n_keys]) + "\t" + "\t".join(f"{p} " for p in periods)]
    for row in rows[1:]:
        cells = []
        for value, flag in zip(row[n_keys::2], row[n_keys + 1 :: 2], strict=True):
            flag = (flag or "").strip()
            if value is None:
                cells.append(f": {flag}".strip() if flag else ":")
            else:
                cells.append(f"{value} {flag}")
        lines.append(",".join(str(k) for k in row[:n_keys]) + "\t" + "\t".join(cells))
    return "\n".join(lines) + "\n"


def fetch_eurostat(ws: Workspace, day: str) -> list[Fetched]:
    """Fetch the Eurostat datasets of :data:`EUROSTAT_DATASETS` as new dated bulk-TSV files."""
    import eurostat

    out = []
    for dataset, filters in sorted(EUROSTAT_DATASETS.items()):
        rows = eurostat.get_data(dataset, flags=True, filter_pars=filters)
        if not rows:
            raise BarometerError(f"Eurostat returned no rows for {dataset} with {filters}")
        path = _new_file(ws.raw / "eurostat" / f"eurostat_{dataset}_DK_{day}.tsv")
        text = eurostat_tsv(rows)
        out.append(Fetched(path, text.encode("utf-8"), f"Eurostat {dataset}, filter {filters}"))
    return out


def run(ws: Workspace, only: str | None, day: str) -> list[Fetched]:
    """Fetch everything first, then write all new files and their manifest entries.

    Raises
    ------
    NoNetworkError
        When a service cannot be reached; nothing is written then.
    """
    import requests

    jobs = [
        ("statbank", fetch_statbank, STATBANK_SOURCE),
        ("eurostat", fetch_eurostat, EUROSTAT_SOURCE),
    ]
    fetched: list[tuple[Fetched, str]] = []
    for name, job, source in jobs:
        if only not in (None, name):
            continue
        try:
            fetched += [(item, source) for item in job(ws, day)]
        except (
            statbank_api.StatBankError,
            requests.RequestException,
            ConnectionError,
            OSError,
        ) as exc:
            raise NoNetworkError(
                f"could not fetch from {name} ({exc}). Is there a network connection? "
                "Nothing was written; data/raw/ is unchanged."
            ) from None
    atomic.write_many({item.path: item.data for item, _ in fetched})
    for item, source in fetched:
        manifest.add_entry(ws, item.path, source, item.description)
    return [item for item, _ in fetched]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.fetch", description=__doc__)
    parser.add_argument("--only", choices=("statbank", "eurostat"))
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="date in file names")
    args = parser.parse_args(argv)
    ws = Workspace.default()
    try:
        fetched = run(ws, args.only, args.date)
    except BarometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for item in fetched:
        print(f"new raw file: {ws.relative(item.path)}")
    print("Run stage 2 (make notebooks, or helpers.pipeline.clean_outcomes) to use them.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

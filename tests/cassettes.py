"""Recorded StatBank API exchanges (Ruby VCR cassettes) for offline client tests."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

import yaml

# --- recorded responses (VCR cassettes) -----------------------------------------------------


class _CassetteLoader(yaml.SafeLoader):
    """YAML loader that reads Ruby VCR's ``!binary`` (base64) strings as bytes."""


_CassetteLoader.add_constructor(
    "!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node))
)


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its response body."""

    method: str
    uri: str
    request_body: str
    status: int
    body: bytes


def read_cassette(path: Path) -> list[Exchange]:
    """The HTTP exchanges of a recorded VCR cassette (``*.yml``)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_CassetteLoader)
    out = []
    for item in data["http_interactions"]:
        req, resp = item["request"], item["response"]
        body = resp["body"]["string"]
        out.append(
            Exchange(
                method=req["method"].upper(),
                uri=req["uri"],
                request_body=req.get("body", {}).get("string", "") or "",
                status=int(resp["status"]["code"]),
                body=body if isinstance(body, bytes) else body.encode("utf-8"),
            )
        )
    return out

"""Goals in ØU's account of its integration effort (Bilag 1, spring 2009).

The document has three kinds of goal text:

* the general goals, as list lines ``- a) ...`` and ``- b) ...`` (keys ``A1``, ``A2``
  for the sentences of a), ``B1``);
* eight status schemas, one per initiative: tab-separated ``label<TAB>value`` lines
  (``Navn på indsats``, ``Økonomi``, ``Målgruppe``, ``Beskriv aktiviteterne``,
  ``Indsatsens mål`` or ``Mål``, ..., ``Status ift. målopfyldelse``), values often in
  HTML (``<ul><li>``, ``<p>``), schemas separated by ``---<TAB>---`` lines. The goal
  field's items are goals (key ``I1.1a``, ``I1.1b``, ... or ``I1.2`` for a single one;
  context ``schema``, the initiative's name, and ``status_line``, the raw line of its
  status field); the activities' sentences are ``activity`` statements;
* the budget table's notes ``- 2) ... at der skal oprettes 30 ... samt ...``: each
  clause of a note that says what *skal* be done is a goal (keys ``N2a``, ``N2b``;
  context ``note``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.core.paths import Workspace
from helpers.goals.documents import PolicyDocument, clean, squash
from helpers.goals.structure import Section, Statement, raw_lines, section_at, sections, sentences

_GENERAL = re.compile(r"^\s*-\s*(?P<label>[a-z])\)\s*(?P<text>.+)$")
_NOTE = re.compile(r"^\s*-\s*(?P<n>\d+)\)\s*(?P<text>.+)$")
_SEPARATOR_KEY = re.compile(r"^-{3,}$")
_ITEM = re.compile(r"<li>\s*(?:-\s*)?(?P<item>.*?)\s*</li>", re.DOTALL)
_PARAGRAPH = re.compile(r"<p>\s*(?P<item>.*?)\s*</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
GOAL_FIELDS = ("Indsatsens mål", "Mål")
ACTIVITY_FIELD = "Beskriv aktiviteterne"
ECONOMY_FIELD = "Økonomi"
STATUS_FIELD = "Status ift. målopfyldelse"
NAME_FIELD = "Navn på indsats"


@dataclass
class Field:
    """One ``label<TAB>value`` line of a schema."""

    label: str
    value: str
    line: int

    @property
    def items(self) -> list[str]:
        """The value's list items (``<li>``), paragraphs (``<p>``) or the whole value."""
        found = _ITEM.findall(self.value) or _PARAGRAPH.findall(self.value)
        items = found or [self.value]
        return [squash(_TAG.sub(" ", item)).strip() for item in items if _TAG.sub("", item).strip()]

    @property
    def text(self) -> str:
        return squash(_TAG.sub(" ", self.value))


@dataclass
class Schema:
    """One initiative's status schema."""

    section: Section | None
    line: int
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fields[NAME_FIELD].text if NAME_FIELD in self.fields else ""

    def get(self, *labels: str) -> Field | None:
        for label in labels:
            if label in self.fields:
                return self.fields[label]
        return None


def _label(raw: str) -> str:
    return squash(_TAG.sub(" ", raw)).rstrip(":").strip()


def read_schemas(ws: Workspace, doc: PolicyDocument) -> list[Schema]:
    """The status schemas of ``doc`` in document order."""
    secs = sections(ws, doc)
    schemas: list[Schema] = []
    current: Schema | None = None
    for number, line in enumerate(raw_lines(doc), start=1):
        if "\t" not in line:
            continue
        label_raw, value = line.split("\t", 1)
        label = _label(label_raw)
        if _SEPARATOR_KEY.match(label):
            continue
        if label == NAME_FIELD:
            current = Schema(section_at(secs, number), number)
            schemas.append(current)
        if current is None or label.startswith("Integrationsindsatser i relation"):
            current = None
            continue
        current.fields[label] = Field(label, value, number)
    return schemas


def budget_notes(doc: PolicyDocument) -> dict[str, tuple[str, int]]:
    """The budget table's notes: number -> (text, raw line)."""
    return {
        m["n"]: (squash(m["text"]), number)
        for number, line in enumerate(raw_lines(doc), start=1)
        if (m := _NOTE.match(line))
    }


def _item_statements(
    fld: Field, sec: Section | None, key: str, role: str, context: dict[str, str]
) -> list[Statement]:
    items = fld.items
    out = []
    for index, item in enumerate(items):
        text = clean(item).text.rstrip(",").strip()
        excerpt = item.rstrip(",").strip()
        suffix = "abcdefghij"[index] if len(items) > 1 and role == "goal" else ""
        out.append(
            Statement(
                text,
                excerpt,
                fld.line,
                sec,
                role=role,
                key=f"{key}{suffix}" if key else "",
                context=dict(context),
            )
        )
    return out


def read_schema_goals(ws: Workspace, doc: PolicyDocument) -> list[Statement]:
    """The general goals, the schemas' goals and activities, and the budget notes'
    goals of ``doc`` (see module docstring)."""
    secs = sections(ws, doc)
    lines = raw_lines(doc)
    out: list[Statement] = []
    for number, line in enumerate(lines, start=1):
        if match := _GENERAL.match(line):
            sec = section_at(secs, number)
            for index, sentence in enumerate(sentences(clean(match["text"]).text), start=1):
                excerpt = _verbatim(squash(match["text"]), sentence)
                key = f"{match['label'].upper()}{index}"
                out.append(Statement(sentence, excerpt, number, sec, key=key))
    for schema in read_schemas(ws, doc):
        code = schema.section.code if schema.section else f"S{schema.line}"
        goal_field = schema.get(*GOAL_FIELDS)
        status = schema.get(STATUS_FIELD)
        context = {"schema": schema.name}
        if status is not None:
            context["status_line"] = str(status.line)
        if goal_field is not None:
            out.extend(_item_statements(goal_field, schema.section, code, "goal", context))
        activities = schema.get(ACTIVITY_FIELD)
        if activities is not None:
            for sentence in sentences(activities.text):
                out.append(
                    Statement(
                        sentence.rstrip("."),
                        _verbatim(squash(activities.value), sentence.rstrip(".")),
                        activities.line,
                        schema.section,
                        role="activity",
                    )
                )
    out.extend(_note_goals(doc, secs))
    return sorted(out, key=lambda s: s.line)


_NOTE_GOAL = re.compile(r"\bat (?P<clauses>[^.]*\bskal\b[^.]*)\.")


def _note_goals(doc: PolicyDocument, secs: list[Section]) -> list[Statement]:
    out = []
    for number, (text, line) in budget_notes(doc).items():
        match = _NOTE_GOAL.search(text)
        if not match:
            continue
        for index, clause in enumerate(re.split(r"\s+samt\s+", match["clauses"])):
            out.append(
                Statement(
                    clean(clause).text,
                    clause,
                    line,
                    section_at(secs, line),
                    key=f"N{number}{'abcdefghij'[index]}",
                    context={"note": f"budget note {number}"},
                )
            )
    return out


def _verbatim(raw: str, sentence: str) -> str:
    """``sentence`` as ``raw`` writes it, when cleaning changed it (else itself)."""
    if sentence in raw:
        return sentence
    words = sentence.split()
    start = raw.find(" ".join(words[:3]))
    end = raw.find(" ".join(words[-2:]), max(start, 0))
    if start < 0 or end < 0:
        return sentence
    return raw[start : end + len(" ".join(words[-2:]))]

"""Findings about the documents' text: the policy's overview layout, the two
renderings of the ØKF sheet, page furniture, glued list numbers and figures the
documents call unconfirmed (kinds: see :mod:`helpers.goals.findings`)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from helpers.core.danish import format_shortest, format_value
from helpers.core.paths import Workspace
from helpers.core.units import words_en
from helpers.goals import documents, results_sheet
from helpers.goals import wording as dansk
from helpers.goals.documents import PAGE_FURNITURE, squash
from helpers.goals.records import finding
from helpers.goals.structure import raw_lines, section_at, sections


def overview_findings(ws: Workspace, registry) -> list[dict]:
    """Main goals that the policy's overview lists under another area than the section
    (4.x) that states them."""
    out = []
    for name, statements in registry.statements.items():
        hm = [st for st in statements if st.key.startswith("HM")]
        if not hm:
            continue
        doc = documents.load(ws, name)
        secs = sections(ws, doc)
        areas = [s for s in secs if re.match(r"^4\.\d", s.heading)]
        titles = {s.code: re.sub(r"^[\d.]+\s*", "", s.heading) for s in areas}
        lines = raw_lines(doc)
        mismatches = []
        for st in hm:
            if not _in_main_goal_section(st):
                continue
            area = section_at(areas, st.line)
            overview = next(
                (o for o in hm if o.key == st.key and not _in_main_goal_section(o)), None
            )
            if area is None or overview is None:
                continue
            label = _label_above(lines, overview.line, titles)
            if label is not None and label != area.code:
                mismatches.append(
                    f"{st.key}: listed under '{titles[label]}', stated in '{area.heading}'"
                )
        if mismatches:
            out.append(
                finding(
                    "overview_layout",
                    name,
                    f"The overview table of the main goals lists {len(mismatches)} of them under "
                    "another area than the section that states them (the table's layout was "
                    "lost in the text extraction); the registry follows the sections.",
                    "; ".join(mismatches),
                    da="Oversigtstabellen over hovedmålene placerer "
                    f"{len(mismatches)} af dem under et andet indsatsområde end det afsnit, der "
                    "beskriver dem (tabellens opstilling gik tabt, da teksten blev trukket ud af "
                    "dokumentet); målregistret følger afsnittene.",
                )
            )
    return out


def _label_above(lines: list[str], line: int, titles: dict[str, str]) -> str | None:
    """The area title nearest above ``line`` (a block whose text is a title)."""
    number = line - 1
    while number >= 1:
        block = [lines[number - 1].strip()]
        first = number
        while first > 1 and lines[first - 2].strip():
            first -= 1
            block.insert(0, lines[first - 1].strip())
        text = squash(" ".join(block))
        for code, title in titles.items():
            if difflib.SequenceMatcher(None, text.lower(), title.lower()).ratio() >= 0.85:
                return code
        number = first - 1
        while number >= 1 and not lines[number - 1].strip():
            number -= 1
    return None


def rendering_findings(ws: Workspace) -> list[dict]:
    """How the two renderings of the ØKF sheet differ."""
    infos = documents.catalogue(ws)
    piped = [i.document for i in infos if i.layout == "pipe_tables"]
    plain = [i.document for i in infos if i.layout == "plain_text_table"]
    if not piped or not plain:
        return []
    plain_doc, piped_doc = documents.load(ws, plain[0]), documents.load(ws, piped[0])
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for diff in results_sheet.rendering_differences(plain_doc, piped_doc):
        key = tuple(re.sub(r"[^\w ]", "", w).lower() for w in (diff.plain_words, diff.piped_words))
        grouped[key].append(diff)
    out = []
    docs = [plain_doc.name, piped_doc.name]
    for (a, b), diffs in grouped.items():
        first = diffs[0]
        if a.replace(" ", "") == b.replace(" ", ""):
            what = "a word broken across two lines in the plain rendering"
            what_da = "et ord er delt over to linjer i tekstudgaven"
        elif not a or not b:
            what = "words only in one rendering"
            what_da = "ord, der kun står i den ene gengivelse"
        else:
            what = "different words"
            what_da = "forskellige ord"
        lines_a = sorted({n for d in diffs for n in d.plain_lines})
        lines_b = sorted({n for d in diffs for n in d.piped_lines})
        plain_words, piped_words = first.plain_words.strip(",."), first.piped_words.strip(",.")
        if not plain_words or not piped_words:
            where_da = (
                f"'{plain_words}' står kun i tekstudgaven {plain_doc.name}"
                if plain_words
                else f"'{piped_words}' står kun i tabeludgaven {piped_doc.name}"
            )
        else:
            where_da = (
                f"'{plain_words}' i tekstudgaven {plain_doc.name} mod '{piped_words}' i "
                f"tabeludgaven {piped_doc.name}"
            )
        out.append(
            finding(
                "rendering_difference",
                docs,
                f"The two renderings of the ØKF sheet differ ({what}): "
                f"'{plain_words}' in {plain_doc.name} vs '{piped_words}' in "
                f"{piped_doc.name}" + (f", {len(diffs)} times" if len(diffs) > 1 else "") + ".",
                f"{plain_doc.name} lines {', '.join(map(str, lines_a)) or '-'}; "
                f"{piped_doc.name} lines {', '.join(map(str, lines_b)) or '-'}",
                da=f"De to gengivelser af ØKF-arket er forskellige ({what_da}): {where_da}"
                + (f", {len(diffs)} gange" if len(diffs) > 1 else "")
                + ".",
            )
        )
    for row in results_sheet.split_rows(piped_doc):
        out.append(
            finding(
                "table_split",
                docs,
                f"A row of the ØKF sheet continues over two pipe-table rows in {piped_doc.name} "
                f"(lines {', '.join(map(str, row.lines))}); read as one row.",
                f"first cell: '{row.cells[0]}'",
                da=f"En række i ØKF-arket fortsætter over to tabelrækker i {piped_doc.name} "
                f"(linje {dansk.join(map(str, row.lines))}); den læses som én række.",
            )
        )
    return out


def text_findings(ws: Workspace, registry) -> list[dict]:
    """Page furniture, glued list numbers, unconfirmed figures."""
    out = []
    for doc in documents.load_all(ws):
        for number, line in enumerate(raw_lines(doc), start=1):
            if PAGE_FURNITURE.match(line):
                page, total = map(int, re.findall(r"\d+", line))
                if page > total:
                    out.append(
                        finding(
                            "page_furniture",
                            doc.name,
                            f"Page furniture '{line.strip()}' names a page beyond the page "
                            "count (ignored when parsing).",
                            f"line {number}",
                            da=f"Sidetallet '{line.strip()}' peger på en side ud over "
                            "dokumentets sideantal (der ses bort fra det ved indlæsningen).",
                        )
                    )
        glued = [
            (n, line.strip())
            for n, line in enumerate(raw_lines(doc), start=1)
            if re.search(r"[a-zæøå]\d\.\s*$", line)
        ]
        if glued:
            out.append(
                finding(
                    "list_numbering",
                    doc.name,
                    f"{len(glued)} list items carry their number glued to the end "
                    "(an extraction artefact; sections are matched without them).",
                    "; ".join(f"line {n}: '{text}'" for n, text in glued),
                    da=f"I {dansk.plural(len(glued), 'listepunkt', 'listepunkter')} står "
                    "punktets nummer klistret på sidst i teksten (en fejl fra udtrækket af "
                    "teksten); afsnittene genkendes uden numrene.",
                )
            )
    for row in registry.results.itertuples():
        if "footnote:" in row.note:
            footnote = _FOOTNOTE.search(row.note)
            out.append(
                finding(
                    "unverified_figure",
                    row.document,
                    f"{row.figure_id} ({format_shortest(row.value)} {words_en(row.unit)}, "
                    f"{row.period}) is marked by "
                    "the document itself as not confirmed.",
                    row.note,
                    da=f"Dokumentet skriver selv, at tallet {row.figure_id} "
                    f"({format_value(row.value, row.unit, 'shortest')}, "
                    f"{dansk.period(row.period)}) ikke er "
                    "bekræftet" + (f": '{footnote[1]}'." if footnote else "."),
                )
            )
    return out


_FOOTNOTE = re.compile(r"footnote: '([^']+)'")


def _in_main_goal_section(statement) -> bool:
    """True for a statement in a "HOVEDMÅL n" section (not the overview table)."""
    return statement.section is not None and statement.section.heading.startswith("HOVEDMÅL")

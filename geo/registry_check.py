"""Checking registry rows: sites and deliverables against projects, boundaries,
vocabulary and sources. Every problem is collected (file, row, field); none raises."""

from __future__ import annotations

import pandas as pd

from geo.boundaries import level_of, provinces_table, units
from geo.i18n import Message
from geo.registry_model import Collector, Project
from geo.registry_parse import check_source
from geo.resolver import ResolveError, default_resolver

LEVEL_TR = {"province": "il", "district": "ilçe"}


def _with_suggestions(exc: ResolveError) -> Message:
    """The resolver's message plus its closest known names, in both languages."""
    names = ", ".join(exc.suggestions)
    message = exc.message if isinstance(exc.message, Message) else Message(str(exc), str(exc))
    return Message(
        str(message) + (f" (did you mean {names}?)" if names else ""),
        message.tr + (f" ({names} mı demek istediniz?)" if names else ""),
    )


def check_unit(row: pd.Series, file: str, line: int, out: Collector) -> None:
    """The row's P-code must exist at its level and agree with its province/district names."""
    level = _pcode_level(row, file, line, out)
    if level is None:
        return
    pcode, resolver = row["pcode"], default_resolver()
    try:
        province = resolver.province(row["province"])
    except ResolveError as exc:
        out.add(file, line, "province", _with_suggestions(exc))
        return
    if pcode[:6] != province:
        message = Message(
            f"{pcode} ({resolver.label(pcode)}) is not in province {row['province']!r}",
            f"{pcode} ({resolver.label(pcode)}) {row['province']!r} ilinde değil",
        )
        out.add(file, line, "province", message)
        return
    district = row.get("district", "")
    if level == "province":
        if district:
            message = Message(
                "a province-level row must leave 'district' empty",
                "il düzeyindeki bir satırda 'district' boş kalmalı",
            )
            out.add(file, line, "district", message)
        return
    try:
        named = resolver.district(district, province)
    except ResolveError as exc:
        out.add(file, line, "district", _with_suggestions(exc))
        return
    if named != pcode:
        message = Message(
            f"district {district!r} is {named}, but the row's P-code is {pcode}",
            f"{district!r} ilçesi {named}, ama satırın P-kodu {pcode}",
        )
        out.add(file, line, "district", message)


def _pcode_level(row: pd.Series, file: str, line: int, out: Collector) -> str | None:
    """The level of a known P-code (a stated other level is reported); None if unknown."""
    pcode, level = row["pcode"], row["level"]
    try:
        actual = level_of(pcode)
    except ValueError:
        message = Message(
            f"not a COD-AB Türkiye P-code: {pcode!r}", f"COD-AB Türkiye P-kodu değil: {pcode!r}"
        )
        out.add(file, line, "pcode", message)
        return None
    known = provinces_table().index if actual == "province" else units().index
    if pcode not in known:
        out.add(
            file,
            line,
            "pcode",
            Message(f"unknown P-code {pcode!r}", f"bilinmeyen P-kodu {pcode!r}"),
        )
        return None
    if level and level != actual:
        message = Message(
            f"level {level!r} but {pcode} is a {actual} P-code",
            f"düzey {level!r}, ama {pcode} bir {LEVEL_TR[actual]} P-kodu",
        )
        out.add(file, line, "level", message)
    return actual


def validate_sites(
    frame: pd.DataFrame, projects: dict[str, Project], sources: dict, out: Collector
) -> None:
    file = "sites.csv"
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in frame.iterrows():
        project = projects.get(row["project"])
        if project is None:
            out.add(
                file,
                line,
                "project",
                Message(
                    f"unknown project {row['project']!r}", f"bilinmeyen proje {row['project']!r}"
                ),
            )
        elif row["phase"] not in {p.id for p in project.phases}:
            allowed = ", ".join(p.id for p in project.phases)
            out.add(
                file,
                line,
                "phase",
                Message(
                    f"unknown phase {row['phase']!r} (allowed: {allowed})",
                    f"bilinmeyen aşama {row['phase']!r} (izin verilenler: {allowed})",
                ),
            )
        if row["level"] not in ("province", "district"):
            out.add(
                file,
                line,
                "level",
                Message(
                    f"level {row['level']!r} is not province or district",
                    f"düzey {row['level']!r} province ya da district değil",
                ),
            )
        check_source(row["source"], sources, out, file=file, row=int(line), field_name="source")
        check_unit(row, file, int(line), out)
        key = (row["project"], row["phase"], row["pcode"])
        if key in seen:
            out.add(
                file,
                line,
                "pcode",
                Message(
                    f"duplicate site (same as row {seen[key]})",
                    f"yinelenen pilot birim ({seen[key]}. satırla aynı)",
                ),
            )
        else:
            seen[key] = int(line)


def validate_deliverables(
    frame: pd.DataFrame,
    sites: pd.DataFrame,
    vocabulary: dict,
    sources: dict,
    out: Collector,
) -> None:
    """Every deliverable row: its site exists, type, status and quantity are valid, its
    source is known, and no (site, deliverable) repeats."""
    file = "deliverables.csv"
    site_keys = set(zip(sites["project"], sites["phase"], sites["pcode"], strict=True))
    seen: dict[tuple[str, str, str, str], int] = {}
    for line, row in frame.iterrows():
        if (row["project"], row["phase"], row["pcode"]) not in site_keys:
            message = Message(
                f"no site {row['project']}/{row['phase']}/{row['pcode']} in sites.csv",
                f"sites.csv içinde {row['project']}/{row['phase']}/{row['pcode']} birimi yok",
            )
            out.add(file, line, "pcode", message)
        _check_deliverable_values(row, int(line), vocabulary, out)
        check_source(row["source"], sources, out, file=file, row=int(line), field_name="source")
        key = (row["project"], row["phase"], row["pcode"], row["deliverable"])
        if key in seen:
            message = Message(
                f"duplicate deliverable (same as row {seen[key]})",
                f"yinelenen çıktı ({seen[key]}. satırla aynı)",
            )
            out.add(file, line, "deliverable", message)
        else:
            seen[key] = int(line)


def _check_deliverable_values(row: pd.Series, line: int, vocabulary: dict, out: Collector) -> None:
    """Deliverable type and status from the vocabulary; quantity a whole number ≥ 1."""
    file = "deliverables.csv"
    statuses = vocabulary.get("statuses", {})
    if row["deliverable"] not in vocabulary.get("deliverables", {}):
        message = Message(
            f"unknown deliverable type {row['deliverable']!r}",
            f"bilinmeyen çıktı türü {row['deliverable']!r}",
        )
        out.add(file, line, "deliverable", message)
    if row["status"] not in statuses:
        allowed = ", ".join(statuses)
        message = Message(
            f"bad status {row['status']!r} (allowed: {allowed})",
            f"geçersiz durum {row['status']!r} (izin verilenler: {allowed})",
        )
        out.add(file, line, "status", message)
    if not row["quantity"].isdigit() or int(row["quantity"]) < 1:
        message = Message(
            f"quantity {row['quantity']!r} is not a whole number ≥ 1",
            f"adet {row['quantity']!r} 1 ya da daha büyük bir tam sayı değil",
        )
        out.add(file, line, "quantity", message)

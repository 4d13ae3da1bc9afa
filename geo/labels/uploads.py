"""Labels of the indicator upload: number readings, limits, suggestions, progress."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "upload_issue_out_of_range": ("Sınır dışı değer (±1e15)", "Value out of range (±1e15)"),
    "upload_working": ("Dosya okunuyor ve eşleştiriliyor…", "Reading and matching the file…"),
    "upload_reading_title": ("Sayıların okunuşu", "How the numbers were read"),
    "upload_reading_used_thousands": (
        "'{example}' gibi değerlerdeki ayırıcı binlik ayırıcı olarak okundu: "
        "{example} = {value}. Ondalık işaretiyse yukarıdan değiştirin.",
        "The separator in values such as '{example}' was read as a thousands separator: "
        "{example} = {value}. If it is a decimal mark, change it above.",
    ),
    "upload_reading_used_decimal": (
        "'{example}' gibi değerlerdeki ayırıcı ondalık işareti olarak okundu: "
        "{example} = {value}. Binlik ayırıcıysa yukarıdan değiştirin.",
        "The separator in values such as '{example}' was read as a decimal mark: "
        "{example} = {value}. If it is a thousands separator, change it above.",
    ),
    "upload_reading_choice": ("'{example}' şöyle okunsun:", "Read '{example}' as:"),
    "upload_reading_thousands": (
        "{value} (binlik ayırıcı)",
        "{value} (thousands separator)",
    ),
    "upload_reading_decimal": ("{value} (ondalık)", "{value} (decimal)"),
    "upload_suggestions_capped": (
        "Öneriler yalnızca ilk {n} eşleşmeyen ad için gösteriliyor.",
        "Suggestions are shown for the first {n} unmatched names only.",
    ),
    "upload_issues_truncated": (
        "{total} sorunun ilk {shown} tanesi gösteriliyor; dosyayı düzeltip yeniden yükleyin.",
        "Showing the first {shown} of {total} issues; fix the file and upload it again.",
    ),
    "upload_count_out_of_range": ("{n} sınır dışı değer", "{n} values out of range"),
    "upload_limits_help": (
        "Sınırlar: {mb} MB, {rows} satır, {columns} sütun, hücre başına {chars} karakter.",
        "Limits: {mb} MB, {rows} rows, {columns} columns, {chars} characters per cell.",
    ),
}

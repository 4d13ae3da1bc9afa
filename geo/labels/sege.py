"""SEGE columns: each names its edition and level, so the two editions never share one."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "col_sege2022_score": ("İlçe SEGE-2022 endeks değeri", "District SEGE-2022 score"),
    "col_sege2022_tier": ("İlçe SEGE-2022 kademesi", "District SEGE-2022 tier"),
    "col_sege2022_rank": ("İlçe SEGE-2022 sırası", "District SEGE-2022 rank"),
    "col_sege2017_score": ("İl SEGE-2017 endeks değeri", "Province SEGE-2017 score"),
    "col_sege2017_tier": ("İl SEGE-2017 kademesi", "Province SEGE-2017 tier"),
    "col_sege2017_rank": ("İl SEGE-2017 sırası", "Province SEGE-2017 rank"),
}

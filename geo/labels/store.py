"""Labels of the store: undo by change id, its refusals, and change-log actions."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "manage_undo_pick": ("Geri alınacak değişiklik", "Change to undo"),
    "manage_undo_choice": ("{no} · {when} · {who}: {what}", "{no} · {when} · {who}: {what}"),
    "manage_undo_none": (
        "Şu anda geri alınabilecek bir değişiklik yok.",
        "No change can be undone right now.",
    ),
    "manage_undo_help": (
        "Yalnızca sonrasında aynı veriye dokunan bir değişiklik olmayanlar listelenir.",
        "Only changes that no later change builds on are listed.",
    ),
    "manage_undo": ("Seçilen değişikliği geri al", "Undo the selected change"),
    "manage_undo_refused_later": (
        "#{id} geri alınamadı: sonraki değişiklikler ({later}) aynı veriyi değiştirdi. "
        "Önce onları geri alın.",
        "#{id} was not undone: later changes ({later}) changed the same data. Undo those first.",
    ),
    "manage_undo_refused_done": (
        "#{id} zaten #{by} ile geri alınmış.",
        "#{id} was already undone by #{by}.",
    ),
    "manage_undo_refused_missing": ("#{id} diye bir değişiklik yok.", "There is no change #{id}."),
    "manage_undo_refused_kind": (
        "#{id} geri alınamaz (ilk veri ve eski kayıtlar korunur).",
        "#{id} cannot be undone (initial data and history are kept).",
    ),
    "manage_log_undo_of": ("Geri aldığı kayıt", "Undoes"),
    "changelog_role_system": ("sistem", "system"),
    "changelog_action_init": ("İlk veri yüklendi", "Initial data"),
    "changelog_action_import": ("Paket verisi alındı", "Bundled data imported"),
    "changelog_action_restore": ("Yedekten geri yüklendi", "Restored from a backup"),
    "changelog_action_legacy": ("Eski sürüm kaydı", "Earlier version's record"),
    "manage_apply_stale": (
        "Uygulanmadı: {files} bu dosya yüklendikten sonra başka bir düzenleyici tarafından "
        "değiştirildi. Güncel şablonu indirip düzenlemenizi yeniden yükleyin.",
        "Not applied: another editor changed {files} after this file was checked. Download "
        "the current template and upload your edit again.",
    ),
    "manage_store_unavailable": (
        "Veri deposuna ulaşılamadı; değişiklik kaydedilmedi.",
        "The data store could not be reached; nothing was saved.",
    ),
}

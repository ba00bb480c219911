"""The learner's language, for every word the course layer prints or draws: one setting per notebook.

    from bp_core.course.i18n import set_language
    set_language("zh-CN")                 # in the setup cell of a Chinese notebook

Course code writes its English text through `tr("...")`; in the Chinese edition `tr` looks the sentence
up in `zh_cn.TEXT` (English → 简体中文). Format fields stay the same in both, so the numbers a sentence
carries are identical in the two editions: `tr("step {k} of {n}").format(k=2, n=9)`.
"""

from . import zh_cn

LANGUAGES = {"en": "English", "zh-CN": "简体中文"}
_state = {"language": "en"}


def set_language(language):
    """Choose the language of everything the course layer says from now on: "en" or "zh-CN"."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, got {language!r}")
    _state["language"] = language


def current_language():
    return _state["language"]


def tr(text):
    """`text` (English) in the current language. A sentence without a translation is a KeyError in the
    Chinese edition, never a silent English fallback: tests/test_i18n.py keeps the catalog complete."""
    return text if _state["language"] == "en" else zh_cn.TEXT[text]

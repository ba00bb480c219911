"""The learner's language, for every word the course layer prints or draws: one setting per notebook.

    from bp_core.course.i18n import set_language
    set_language("zh-CN")                 # in the setup cell of a Chinese notebook

Course code writes its English text through `tr("...")`; in the Chinese edition `tr` looks the sentence
up in `zh_cn.TEXT` (English → 简体中文). Format fields stay the same in both, so the numbers a sentence
carries are identical in the two editions: `tr("step {k} of {n}").format(k=2, n=9)`. `tr` is called when
the text is shown, so a sentence follows the language set at that moment.
"""

import warnings

import matplotlib

from . import viz, zh_cn

LANGUAGES = {"en": "English", "zh-CN": "简体中文"}
_state = {"language": "en", "warned about fonts": False}


def set_language(language):
    """Choose the language of everything the course layer says from now on: "en" or "zh-CN". The first
    switch to Chinese warns (UserWarning) when figures have no font to draw Chinese with."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, got {language!r}")
    _state["language"] = language
    if language == "zh-CN" and viz.CJK_FONT is None and not _state["warned about fonts"]:
        _state["warned about fonts"] = True
        text = tr("No Chinese font is installed that matplotlib knows, so Chinese text in figures would "
                  "show as empty boxes. Install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; "
                  "macOS and Windows come with one), then delete matplotlib's font list "
                  "{cache}/fontlist-*.json and restart the kernel.")
        warnings.warn(text.format(cache=matplotlib.get_cachedir()), UserWarning, stacklevel=2)


def current_language():
    return _state["language"]


def tr(text):
    """`text` (English) in the current language. A sentence without a translation is a KeyError in the
    Chinese edition, never a silent English fallback: tests/test_i18n.py keeps the catalog complete."""
    return text if _state["language"] == "en" else zh_cn.TEXT[text]


def one_after_another(first, second):
    """Two sentences (already in the current language) as one text: a space between them in English,
    none after the full-width punctuation of Chinese."""
    return tr("{first} {second}").format(first=first, second=second)

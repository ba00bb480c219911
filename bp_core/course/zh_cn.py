"""简体中文 for the sentences of the course layer: English (as written in the code) → Chinese.

Terms follow the glossary of notebooks/00_index.ipynb. Format fields ({k}, {loss:.4f}, ...) are kept
exactly, so both editions print the same numbers.
"""

TEXT = {
    "Back": "上一步",
    "Next": "下一步",
    "Play": "播放",
    "Reset": "重置",
}

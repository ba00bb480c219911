"""Scenes: one module per concept. A scene owns one figure, made once, and `update(**values) -> str`
changes its artists in place and returns a line of numbers (see bp_core.course.viz)."""

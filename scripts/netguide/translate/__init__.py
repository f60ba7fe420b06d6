"""The translators' chores: scaffold, stamp, check a translation, add a language."""

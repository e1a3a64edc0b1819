"""The check page's words: the ``page.`` phrases of :mod:`cc_syndicate.phrases`, in the publisher's language.

The page speaks the language of the rules (``publisher.language``): a republisher of an Italian
newspaper reads Italian. Every language says every page phrase (the phrase tables' tests hold them to
it); a language the tables do not have gets English.
"""

from __future__ import annotations

from .. import phrases


class Words:
    """The ``page.`` phrases of one language, unfilled: ``w.title`` in a template, ``w["not-web"]`` in code."""

    def __init__(self, language: str | None) -> None:
        self.language = phrases.language_of(language)

    def __getitem__(self, name: str) -> str:
        key = f"page.{name}"
        return phrases.TABLES[self.language].get(key) or phrases.TABLES["en"][key]

    def __getattr__(self, name: str) -> str:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def status(self, status: str) -> str:
        """A requirement's status as the terminal report names it ("met", "missing"...)."""
        if status == "warning":
            return self["warning"]
        return phrases.say(self.language, f"status.{status}")


def words_for(language: str | None) -> Words:
    return Words(language)


def language_of_rules(languages: list[str]) -> str:
    """The language of the pages before a check names a publisher: the rules' one language, or
    English when the rules speak several."""
    found = {phrases.language_of(lang) for lang in languages}
    return found.pop() if len(found) == 1 else "en"

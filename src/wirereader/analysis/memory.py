"""What one article has already named, so that later short mentions resolve."""

from __future__ import annotations

from dataclasses import dataclass, field

from wirereader.analysis.cues import PARTICLES
from wirereader.models import Label


@dataclass
class NameMemory:
    """Names already seen in the current article, so later short mentions resolve."""

    known: dict[str, Label] = field(default_factory=dict)
    # Whether some remembered form opens with a particle ("von der Leyen"): until one does,
    # no name needs the words before it checked for particles.
    particle_forms: bool = False

    def remember(self, name: str, label: Label, surname_first: bool = False) -> None:
        """Record a confident name and, for people, the short forms used later.

        `surname_first` marks East Asian order ("Xi Jinping" is later "Xi").
        """
        self.known.setdefault(name.lower(), label)
        if label is Label.PERSON:
            words = name.split()
            if surname_first:
                self.known.setdefault(words[0].lower(), label)
            for word in words:
                if word[:3] in {"al-", "el-"}:
                    self.known.setdefault(word[3:].lower(), label)
            for i, word in enumerate(words[1:], 1):
                if word[0].isupper():
                    self.known.setdefault(word.lower(), label)
                    # "Ursula von der Leyen" is later "von der Leyen".
                    if words[i - 1] in PARTICLES:
                        j = i - 1
                        while j > 0 and words[j - 1] in PARTICLES:
                            j -= 1
                        self.known.setdefault(" ".join(words[j:]).lower(), label)
                        self.particle_forms = True
            if len(words) > 2:
                self.known.setdefault(words[0].lower(), label)

    def recall(self, name: str) -> Label | None:
        """The label a name got earlier in the article, if any."""
        return self.known.get(name.lower())

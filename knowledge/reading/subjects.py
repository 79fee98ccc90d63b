"""From the names found in a question to the subjects it is about, or the candidates to ask about."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.measures import Measures
from knowledge.reading.catalog import Catalog
from knowledge.reading.match import Entity, leaders, mostly
from knowledge.reading.normalize import compact
from knowledge.reading.question import Subject
from knowledge.reading.scan import Mention

# Kinds the matcher knows → kinds a question is about.
KINDS = {"row": "project_row"}


@dataclass(frozen=True)
class Resolved:
    """One mention resolved: a subject, or several equally likely candidates."""

    mention: Mention
    subjects: tuple[Subject, ...]

    @property
    def sure(self) -> bool:
        return len(self.subjects) == 1


class Subjects:
    """Turns matcher entities into subjects, and projects into what carries their figures."""

    def __init__(self, catalog: Catalog, measures: Measures) -> None:
        self.catalog = catalog
        self.measures = measures

    def of(self, entity: Entity) -> Subject:
        kind = KINDS.get(entity.kind, entity.kind)
        project_no = None
        ref = entity.ref
        if kind == "project":
            project_no = entity.ref
        elif kind == "line":
            project_no = self.catalog.project_of_line.get(entity.ref)
        elif kind == "project_row":
            project_no, ref = entity.ref, entity.name
        return Subject(kind, entity.name, entity.division, project_no, ref)

    def divisions(self) -> tuple[Subject, ...]:
        """The bureau's 과, in the report's order."""
        return tuple(self.of(e) for e in self.catalog.entities if e.kind == "division")

    def resolve(self, mention: Mention, measures: tuple[str, ...], every: bool = False) -> Resolved:
        """The mention's leading entities, narrowed by what the measures exist for; unless
        `every` one is asked for ("민주시민교육 들어간 사업 두 개"), the name the word is most of."""
        fitting = leaders(mention.candidates)
        entities = list(dict.fromkeys(c.entity for c in (fitting if every else mostly(fitting))))
        subjects = [self.of(e) for e in entities]
        if len(subjects) > 1 and measures:
            fitting = [s for s in subjects if self.carries(s, measures)]
            if fitting:
                subjects = fitting
        if len(subjects) > 1:
            subjects = _one_of_a_pair(subjects)
        return Resolved(mention, tuple(dict.fromkeys(subjects)))

    def carries(self, subject: Subject, measures: tuple[str, ...]) -> bool:
        """Whether the subject (or what stands for it) has all the measures."""
        return all(
            any(self.measures[m].kinds & {k.kind for k in self.figure_subjects(subject, (m,))})
            for m in measures
        )

    def figure_subjects(self, subject: Subject, measures: tuple[str, ...]) -> tuple[Subject, ...]:
        """What holds the figures of `subject` for these measures.

        A project's figures are those of its budget lines (Ⅳ) or, for the year-end outlook, of
        the rows of its Ⅲ table; a line's outlook is that of its Ⅲ row.
        """
        wants_outlook = any(self.measures[m].kinds == {"project_row"} for m in measures)
        if subject.kind == "project":
            number = subject.project_no
            if wants_outlook or not self.catalog.lines_of_project.get(number):
                return tuple(
                    Subject("project_row", name, subject.division, number, name)
                    for name in self.catalog.rows_of_project.get(number, [])
                )
            return tuple(
                self.of(self.catalog.line(line))
                for line in self.catalog.lines_of_project.get(number, [])
            )
        if subject.kind == "line" and wants_outlook:
            row = self.catalog.row_of_line.get(subject.ref)
            if row is None:
                return ()
            return (Subject("project_row", row, subject.division, subject.project_no, row),)
        return (subject,)


def _one_of_a_pair(subjects: list[Subject]) -> list[Subject]:
    """A project and its own line (or row) written alike are one thing: keep the figures' one."""
    names = {compact(s.name) for s in subjects}
    if len(names) == 1:
        return [next(s for s in subjects if s.kind != "project")]
    return subjects

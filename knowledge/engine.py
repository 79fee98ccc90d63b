"""The engine's front door: load the report once, then read each question and pick its answer."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from knowledge.answer import Answer
from knowledge.catalog import REVENUE_TOTAL, Catalog
from knowledge.lexicon import Lexicon
from knowledge.match import Entity, leaders
from knowledge.normalize import MAX_LENGTH, clean
from knowledge.queries import Queries
from knowledge.report.ingest import load_report
from knowledge.respond import UNANSWERED, Responder
from knowledge.sql.commands import answer_power_command
from knowledge.understand import Mention, Reading, read

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REPORT_GLOB = "report_*.txt"
FIGURE_INTENTS = ("budget", "committed", "spent", "rate", "executed", "remaining", "eok")


def report_path(data_dir: Path) -> Path:
    """The newest report in `data/` (files are named by their 기준일)."""
    reports = sorted(data_dir.glob(REPORT_GLOB))
    if not reports:
        raise FileNotFoundError(f"no {REPORT_GLOB} in {data_dir}")
    return reports[-1]


class Engine:
    """The report in DuckDB plus the question understanding built over it."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, lexicon: Lexicon) -> None:
        self.connection = connection
        self.lexicon = lexicon
        self.catalog = Catalog.build(connection, lexicon)
        self.queries = Queries(connection)
        self.respond = Responder(self.queries, self.catalog, lexicon)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Engine:
        connection = duckdb.connect(":memory:")
        load_report(connection, report_path(data_dir))
        return cls(connection, Lexicon.load(data_dir))

    def ask(self, text: str) -> Answer:
        """Answer one question; never raises, always a polite Korean reply."""
        try:
            return self._ask(text if isinstance(text, str) else str(text))
        except Exception:
            logger.exception("engine failed on a question")
            return self.respond.help(
                "죄송합니다. 질문을 처리하는 중 문제가 생겼습니다. 다르게 물어봐 주세요."
            )

    def _ask(self, text: str) -> Answer:
        if text.lstrip().startswith(("/", "／")):
            # /sql and /schema read the raw text: cleaning would eat SQL such as `a <b`.
            power = answer_power_command(self.connection, text)
            if power is not None:
                return power
        cleaned = clean(text)
        if len(cleaned) > MAX_LENGTH:
            return self.respond.too_long()
        if not any(ch.isalnum() for ch in cleaned):
            lead = "질문을 입력해 주세요." if not cleaned else "글자로 된 질문을 입력해 주세요."
            return self.respond.help(lead)
        if cleaned.startswith("/"):
            command = cleaned[1:].split()[0].split("@")[0].lower() if cleaned[1:].split() else ""
            if command in ("start", "help", "도움말"):
                return self.respond.help()
            cleaned = cleaned.lstrip("/")
        return self._route(read(cleaned, self.lexicon, self.catalog.index))

    # --- routing -----------------------------------------------------------------------

    def _route(self, reading: Reading) -> Answer:
        """Pick the kind of answer: the first rule that fits the question's words wins."""
        groups = reading.groups
        mentions = reading.mentions
        flat = [c.entity for m in mentions for c in m.best]
        kinds = {e.kind for e in flat}
        named = kinds - {"bureau"}
        metric = _metric(reading)
        eok = reading.has("eok")
        suffix = _suffix(reading, self.lexicon)
        words = [w for w in reading.unknown if len(w) >= 2]
        divisions = [e for e in flat if e.kind == "division"]
        scope = divisions[0].name if len(divisions) == 1 else None

        if reading.has("help") and not mentions and not words:
            return self.respond.help()
        if (named == {"unit"} and not metric) or (
            reading.has("organization") and not named and not metric and not words
        ):
            return self.respond.organization()
        if (
            reading.month
            and not named
            and not words
            and (reading.has("schedule") or not (groups & set(FIGURE_INTENTS)))
        ):
            return self.respond.plans_in_month(reading.month)

        # "서울창의상 어느 과": a thing and the word 과/부서, with nothing else asked, is a duty question.
        asks_who = reading.has("duty") or (
            reading.has("division_word")
            and (words or named - {"division"})
            and not metric
            and not reading.has("list", "ranking", "ranking_high", "ranking_low", "personnel")
        )
        if asks_who and not (reading.has("duties_of") and named == {"division"}):
            if named == {"division"} and not words:
                return self.respond.duties_of(flat[0].name)
            asked = [w for w in reading.words if not self._is_division_word(w)]
            return self.respond.duty(asked, [e for e in flat if e.kind != "bureau"])
        if reading.has("duties_of", "duty") and named == {"division"} and len(mentions) == 1:
            return self._one(
                mentions[0], suffix, "duties", lambda e: self.respond.duties_of(e.name)
            )

        if reading.has("revenue_list") and reading.has("revenue") and not named:
            return self.respond.revenue_all()
        if named == {"revenue"} or (
            reading.has("revenue") and not named - {"revenue"} and not words
        ):
            if not named:
                return self.respond.revenue(REVENUE_TOTAL, reading)
            return self._one(
                mentions[0], suffix, "revenue", lambda e: self.respond.revenue(e.name, reading)
            )

        people = reading.has("personnel", "personnel_kinds") or (
            reading.has("count_people") and not words and not named - {"division"}
        )
        if people and not named - {"division"} and (named or not words):
            if not named:
                return self.respond.personnel(None, reading)
            return self._one(
                self._mention_of("division", mentions), suffix, "personnel",
                lambda e: self.respond.personnel(e.name, reading),
            )  # fmt: skip

        if reading.has("projects") and not named and not metric:
            return self.respond.projects()
        if reading.has("unexecuted") and not named - {"division"}:
            return self.respond.unexecuted(scope)
        if reading.has("fully") and not named - {"division"}:
            return self.respond.fully_spent(scope)
        if (
            reading.has("ranking", "ranking_high", "ranking_low")
            and not named - {"division"}
            and (reading.has("ranking") or reading.has("lines_word", "division_word") or metric)
        ):
            descending = not reading.has("ranking_low")
            over_divisions = (
                reading.has("division_word") and not reading.has("lines_word") and not scope
            )
            return self.respond.ranking(
                _rank_metric(metric, descending), descending, scope, over_divisions,
                reading.top_n, both_rates=metric == "rates",
            )  # fmt: skip

        if reading.has("schedule") or (
            reading.month and named and named <= {"division", "project"}
        ):
            answer = self._schedule(reading, mentions, words, suffix)
            if answer is not None:
                return answer

        if reading.has("compare") and not named and reading.has("division_word"):
            return self.respond.divisions()
        if len(mentions) >= 2 and self._compares(reading, mentions):
            resolved = [
                self._narrow(m, ("division", "line", "project", "bureau")) for m in mentions
            ]
            if all(len(r) == 1 for r in resolved):
                chosen = [self._figure_entity(r[0]) for r in resolved]
                if all(c is not None for c in chosen) and len({c.name for c in chosen}) == len(
                    chosen
                ):
                    return self.respond.compare(chosen, metric)

        if reading.has("list", "count") and not metric and not named - {"division"} and not words:
            if scope:
                return self.respond.lines_of_division(scope)
            if reading.has("division_word") and not reading.has("lines_word"):
                return self.respond.divisions()
            if reading.has("projects"):
                return self.respond.projects()
            return self.respond.lines_all()
        if reading.has("lines_word") and scope and not metric and len(mentions) == 1:
            return self.respond.lines_of_division(scope)

        if reading.has("outlook") and named:
            return self._outlook(mentions[0], suffix)

        if named and (
            reading.has("status", "overview", "count", "count_people") or (words and not metric)
        ):
            answer = self._status(reading, mentions[0], words, suffix)
            if answer is not None:
                return answer

        if named and words:
            # Words the figures do not use ("위탁금액", "위탁기간") may be in the project's text.
            project = next(iter(self._narrow(mentions[0], ("project",))), None)
            if project is not None and self.respond.mentions_words(project.ref, words):
                return self.respond.status(project.ref, words, reading.unit, self._hints(reading))
        if named:
            return self._figure(mentions[0], metric, eok, suffix)

        if words:
            found = self.respond.search_items(reading.words, reading.unit)
            return found if found is not None else self.respond.not_found(words, suffix)

        if reading.has("list") and reading.has("division_word"):
            return self.respond.divisions()
        if kinds == {"bureau"} or reading.has("bureau", *FIGURE_INTENTS):
            return self.respond.spending(self.respond.bureau, metric, eok)
        if reading.has("organization", "division_word"):
            return self.respond.organization()
        if reading.has("schedule"):
            return self.respond.plans_all()
        return self.respond.help(
            "질문을 정확히 이해하지 못했습니다. 이렇게 물어보세요.", UNANSWERED
        )

    def _schedule(self, reading: Reading, mentions: list[Mention], words: list[str], suffix: str):
        if not mentions or all(m.best[0].entity.kind == "bureau" for m in mentions):
            if words:
                return self.respond.search_plans(words)
            if reading.month:
                return self.respond.plans_in_month(reading.month)
            return self.respond.plans_all()
        candidates = self._narrow(mentions[0], ("project", "division"))
        if len(candidates) > 1:
            return self.respond.clarify(candidates, suffix, "schedule")
        if candidates:
            chosen = candidates[0]
            if chosen.kind == "division":
                return self.respond.plans_of_division(chosen.name)
            return self.respond.plans_of_project(chosen.ref)
        project = self._project_of(mentions[0].best[0].entity)
        return self.respond.plans_of_project(project) if project is not None else None

    def _status(self, reading: Reading, mention: Mention, words: list[str], suffix: str):
        """Facts from a project's text: the project named, or the one its line belongs to."""
        candidates = self._narrow(mention, ("project",))
        if not candidates:
            project = self._project_of(mention.best[0].entity)
            candidates = [self.catalog.project(project)] if project is not None else []
        if len(candidates) > 1:
            return self.respond.clarify(candidates, suffix, "status")
        if not candidates:
            if words:
                return self.respond.search_items(reading.words, reading.unit)
            return None
        if not words and reading.has("overview") and not reading.has("status"):
            return self.respond.overview(candidates[0].ref)
        return self.respond.status(candidates[0].ref, words, reading.unit, self._hints(reading))

    def _compares(self, reading: Reading, mentions: list[Mention]) -> bool:
        """Two names side by side are a comparison when joined by a word for it, or both are sure."""
        if reading.has("compare", "conjunction"):
            return True
        sure = [m for m in mentions if m.best and m.best[0].score >= 90 and len(m.best) == 1]
        return (
            len(mentions) == 2
            and len(sure) == 2
            and sure[0].best[0].entity.kind == sure[1].best[0].entity.kind
        )

    def _hints(self, reading: Reading) -> tuple[str, ...]:
        return tuple(k for k in reading.keywords if "filler" not in self.lexicon.groups.get(k, ()))

    def _is_division_word(self, word: str) -> bool:
        return "division_word" in self.lexicon.groups.get(word, ())

    def _mention_of(self, kind: str, mentions: list[Mention]) -> Mention:
        return next(m for m in mentions if any(c.entity.kind == kind for c in m.best))

    # --- resolving one mention ----------------------------------------------------------

    def _narrow(self, mention: Mention, kinds: tuple[str, ...]) -> list[Entity]:
        """The entities of the wanted kinds that fit the mention about as well as the best."""
        fitting = leaders([c for c in mention.candidates if c.entity.kind in kinds])
        return list(dict.fromkeys(c.entity for c in fitting))

    def _project_of(self, entity: Entity) -> int | None:
        if entity.kind == "project":
            return entity.ref
        if entity.kind == "line":
            return self.catalog.project_of_line.get(entity.ref)
        return None

    def _figure_entity(self, entity: Entity) -> Entity | None:
        """A project stands for its budget line when it has exactly one."""
        if entity.kind != "project":
            return entity
        lines = self.catalog.lines_of_project.get(entity.ref, [])
        return self.catalog.line(lines[0]) if len(lines) == 1 else None

    def _one(self, mention: Mention, suffix: str, intent: str, build) -> Answer:
        entities = list(dict.fromkeys(c.entity for c in mention.best))
        if len(entities) > 1:
            return self.respond.clarify(entities, suffix, intent)
        return build(entities[0])

    def _figure(self, mention: Mention, metric: str | None, eok: bool, suffix: str) -> Answer:
        """Figures for one mention; a project stands for its lines, several lines → ask which."""
        direct = [c.entity for c in mention.best if c.entity.kind not in ("bureau", "unit")]
        if not direct:
            return self.respond.organization()
        options: list[Entity] = []
        for entity in direct:
            if entity.kind == "project":
                lines = [
                    self.catalog.line(n) for n in self.catalog.lines_of_project.get(entity.ref, [])
                ]
                if any(line in direct for line in lines):
                    continue
                if not lines:
                    if len(direct) == 1:
                        return self.respond.overview(entity.ref)
                    continue
                options.extend(lines)
                if metric is None and len(lines) > 1 and len(direct) == 1:
                    return self.respond.overview(entity.ref)
            elif entity.kind == "revenue":
                return self.respond.revenue(entity.name, Reading(text=""))
            elif entity.kind == "row" and len(direct) == 1:
                return self.respond.project_budget_row(entity.ref, entity.name, metric, eok)
            else:
                options.append(entity)
        options = list(dict.fromkeys(options))
        if len(options) > 1:
            return self.respond.clarify(options, suffix, "figure")
        chosen = options[0]
        if chosen.kind == "row":
            return self.respond.clarify(options, suffix, "figure")
        if chosen.kind == "division":
            return self.respond.spending(chosen.name, metric, eok)
        return self.respond.line(chosen.ref, metric, eok)

    def _outlook(self, mention: Mention, suffix: str) -> Answer:
        entities = list(dict.fromkeys(c.entity for c in mention.best if c.entity.kind != "bureau"))
        targets = []
        for entity in entities:
            if entity.kind == "project":
                targets.append((entity.ref, None))
            elif entity.kind == "line":
                targets.append((self.catalog.project_of_line.get(entity.ref), entity.ref))
            elif entity.kind == "row":
                targets.append((entity.ref, entity.name))
            elif entity.kind == "division":
                projects = [
                    e
                    for e in self.catalog.entities
                    if e.kind == "project" and e.division == entity.name
                ]
                if len(projects) == 1:
                    targets.append((projects[0].ref, None))
                else:
                    return self.respond.clarify(projects, suffix, "outlook")
        # The project and its own line named alike (NPO입주협업공간) are one target: the line.
        specific = {project for project, detail in targets if detail is not None}
        targets = [t for t in dict.fromkeys(targets) if t[1] is not None or t[0] not in specific]
        if not targets:
            return self.respond.help("연말 집행예상은 Ⅲ 주요사업 표에 있는 사업에만 있습니다.")
        if len(targets) > 1:
            return self.respond.clarify(entities, suffix, "outlook")
        project_no, line_no = targets[0]
        return self.respond.outlook(project_no, line_no)


def _metric(reading: Reading) -> str | None:
    """The figure asked for; 집행률 alone means both rates, the report always prints the two."""
    if reading.has("remaining") and not reading.has("unexecuted"):
        return "remaining"
    if reading.has("rate") or any(k.endswith("율") and "징수" not in k for k in reading.keywords):
        if reading.has("committed") and not reading.has("spent"):
            return "committed_rate"
        if reading.has("spent") and not reading.has("committed"):
            return "spent_rate"
        return "rates"
    if reading.has("committed") and reading.has("spent"):
        return "executed"
    for metric in ("committed", "spent", "executed", "budget"):
        if reading.has(metric):
            return metric
    return None


def _rank_metric(metric: str | None, descending: bool) -> str:
    if metric in (None, "budget") or metric == "remaining":
        return metric or ("budget" if descending else "spent_rate")
    if metric == "rates":
        return "spent_rate"
    if metric == "executed":
        return "spent"
    return metric


def _suffix(reading: Reading, lexicon: Lexicon) -> str:
    """The question's own words without the entity, to ask again once an entity is picked."""
    meaningful = [k for k in reading.keywords if "filler" not in lexicon.groups.get(k, ())]
    return " ".join(dict.fromkeys(meaningful))

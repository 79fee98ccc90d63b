"""The engine's front door: load the report once, then read → plan → answer each question."""

from __future__ import annotations

import gc
import logging
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from knowledge import format as fmt
from knowledge.answer import Answer
from knowledge.answers import (
    arithmetic,
    audit,
    duties,
    figures,
    organization,
    plans,
    sets,
    text,
    yesno,
)
from knowledge.answers.base import Report
from knowledge.answers.evidence import why
from knowledge.answers.guidance import (
    help_answer,
    write_clarify,
    write_help,
    write_not_found,
    write_not_held,
    write_refusal,
)
from knowledge.audit import audit_report
from knowledge.check import check_draft, check_help, check_text, is_draft
from knowledge.conversation import Conversation, Evidence
from knowledge.measures import Measures
from knowledge.planning.compile import Plan, Planner, Refusal
from knowledge.planning.execute import Executor
from knowledge.reading import question as q
from knowledge.reading.catalog import Catalog
from knowledge.reading.hangul import particle
from knowledge.reading.lexicon import Lexicon
from knowledge.reading.normalize import clean
from knowledge.reading.question import Question
from knowledge.reading.read import Reader
from knowledge.report.ingest import load_report, newest_report

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SEOUL = ZoneInfo("Asia/Seoul")
# The kinds of thing the figures relation holds a row for.
FIGURE_KINDS = frozenset({"bureau", "division", "line", "project_row", "revenue"})

# One writer per kind of answer; the reader decided the kind, writers never route.
WRITERS = {
    q.FIGURES: figures.write,
    q.SUM: arithmetic.write_sum,
    q.DIFFERENCE: arithmetic.write_difference,
    q.SHARE: arithmetic.write_share,
    q.RANK: sets.write_rank,
    q.CHECK: yesno.write,
    q.PLANS: plans.write,
    q.TEXT: text.write,
    q.DUTY: duties.write_duty,
    q.DUTIES: duties.write_duties,
    q.ORGANIZATION: organization.write,
    q.VISION: organization.write_vision,
    q.AUDIT: audit.write,
}
# Questions over a set (세부사업, 과, 세입 항목 …) have writers of their own.
GROUP_WRITERS = {
    q.SUM: sets.write_group,
    q.AVERAGE: sets.write_group,
    q.COUNT: sets.write_group,
    q.LIST: sets.write_group,
    q.RANK: sets.write_rank,
}
# Replies with no query behind them.
GUIDES = {
    q.HELP: write_help,
    q.NOT_HELD: write_not_held,
    q.NOT_FOUND: write_not_found,
    q.CLARIFY: write_clarify,
}


def _joined(answers: list[Answer], question: Question) -> Answer:
    """Several answers in one reply, each in its own block; the first one's query is kept."""
    first = answers[0]
    sources = tuple(dict.fromkeys(s for a in answers for s in a.sources))
    return Answer(
        text="\n\n".join(a.text for a in answers), intent=first.intent, sources=sources[:6],
        sql=first.sql, params=first.params, entity=first.entity, question=question,
        followups=first.followups,
    )  # fmt: skip


HELP_COMMANDS = frozenset({"start", "help", "도움말"})
CHECK_COMMANDS = frozenset({"check", "대조", "팩트체크"})
AUDIT_COMMANDS = frozenset({"검증", "audit"})


def _turned(answer: Answer) -> Answer:
    """The verdict of a check asked as its opposite ("20명 아니지?" — 예, 15명으로 20명이
    아닙니다): the first word turns, the facts after it stay as they are."""
    for said, turned in (("예. ", "아니요. "), ("아니요. ", "예. ")):
        if answer.text.startswith(said):
            return replace(answer, text=turned + answer.text[len(said) :])
    return answer


AMOUNT = re.compile(r"(△?)(\d[\d,]*)천원(?: \(약 [\d,.]+억원\))?")


def _in_million(answer: Answer) -> Answer:
    """ "백만원 단위로": the first amount of the answer in 백만원 as well (2,856,832천원 →
    약 2,857백만원), beside the report's 천원."""
    first, _, rest = answer.text.partition("\n")
    found = AMOUNT.search(first)
    if found is None:
        return answer
    amount = int(found.group(2).replace(",", "")) * (-1 if found.group(1) else 1)
    shown = f"{found.group(1)}{found.group(2)}천원 ({fmt.million(amount)})"
    first = first[: found.start()] + shown + first[found.end() :]
    return replace(answer, text=first + ("\n" + rest if rest else ""))


def _besides(answer: Answer, question: Question) -> Answer:
    """ "사회협력과 말고는 다 …?": the reply says, under its first line, what it left aside."""
    if not question.besides:
        return answer
    first, _, rest = answer.text.partition("\n")
    note = f"※ {particle(question.besides, '을', '를')} 뺀 나머지를 확인했습니다."
    return replace(answer, text="\n".join([first, note, *([rest] if rest else [])]))


def _with_skipped(answer: Answer, question: Question) -> Answer:
    """The reply says which words it left out, before its closing line."""
    if not question.skipped:
        return answer
    words = ", ".join(f"‘{w}’" for w in question.skipped)
    note = f"※ {words}은(는) 읽지 못해 빼고 답했습니다."
    lines = answer.text.split("\n")
    at = len(lines) - 1 if lines[-1].startswith("기준일") else len(lines)
    return replace(answer, text="\n".join([*lines[:at], note, *lines[at:]]))


def _command(text: str) -> tuple[str, str] | None:
    """(name, the rest as typed) of `/check …`, `／검증 사회협력과`, `/help@bot`; else None."""
    stripped = text.lstrip()
    if not stripped.startswith(("/", "／")):
        return None
    head, _, rest = stripped[1:].partition(" ")
    head, newline, after = head.partition("\n")
    if newline:
        rest = after + (" " + rest if rest else "")
    name = unicodedata.normalize("NFKC", clean(head)).split("@")[0].lower()
    return name, rest


class Engine:
    """The report in DuckDB, and the three stages that answer questions about it."""

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, lexicon: Lexicon, measures: Measures
    ) -> None:
        self.connection = connection
        # Relative months (이번 달, 다음 달) count from this day when set (BOT_TODAY), else
        # from today in Seoul.
        self.today: date | None = None
        self.lexicon = lexicon
        self.catalog = Catalog.build(connection, lexicon)
        self.reader = Reader(lexicon, self.catalog, measures)
        self.planner = Planner(measures)
        self.executor = Executor(connection)
        inconsistencies: dict[str, list[dict]] = {}
        cursor = connection.execute("SELECT * FROM inconsistencies")
        columns = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(columns, values, strict=True))
            inconsistencies.setdefault(row["subject"], []).append(row)
        self.report = Report(
            self.catalog.as_of, self.catalog.bureau, measures, self.catalog, lexicon.examples,
            inconsistencies,
        )  # fmt: skip

    def _in_parts(
        self, question: Question, parts: tuple[Question, ...], lead: Answer | None = None
    ) -> Answer:
        answers = [lead] if lead is not None else []
        for part in parts:
            if part.asks == q.WHY:
                # "… 얼마고 근거는?": the evidence of the part before.
                last = answers[-1] if answers else None
                evidence = (
                    Evidence(last.sql, last.params, last.sources, last.entity) if last else None
                )
                answers.append(why(evidence, self.report))
                continue
            answer = self.answer(part)
            if lead is not None:
                answer = replace(answer, text="참고 — 보고서에 있는 수치:\n" + answer.text)
            answers.append(answer)
        verdicts = [a.text.split(".", 1)[0] for a in answers]
        checked = all(p.asks == q.CHECK and p.check is not None for p in parts)
        if checked and {"예", "아니요"} == set(verdicts):
            # "집행률 60% 넘어?": yes on one basis, no on the other — the first line says both.
            said = " · ".join(
                f"{self.report.measures[p.check.measure].label} {verdict}"
                for p, verdict in zip(parts, verdicts, strict=True)
            )
            first = answers[0]
            # "예산 …, 지출액 …천원 맞아?": figures stated as they are, some not so — not right.
            stated = all(p.check.comparison == "=" and p.check.value is not None for p in parts)
            lead = (
                "아니요. 둘 다는 아닙니다 — " if question.note == "all"
                else "아니요. 일부가 보고서와 다릅니다 — " if stated
                else "확인 결과: "
            )  # fmt: skip
            answers[0] = replace(first, text=f"{lead}{said}\n\n{first.text}")
        return _joined(answers, question.parts[-1] if lead is None else question)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Engine:
        # An engine loaded before (a report reloaded) may be garbage now: let it be collected.
        gc.unfreeze()
        connection = duckdb.connect(":memory:")
        load_report(connection, newest_report(data_dir))
        engine = cls(connection, Lexicon.load(data_dir), Measures.load(data_dir))
        engine.read_every_figure()
        engine.answer_the_examples()
        # The loaded report, vocabulary and statements live as long as the engine: the
        # collector's full passes leave them out (one had paused a question ~25 ms).
        gc.collect()
        gc.freeze()
        return engine

    def read_every_figure(self) -> None:
        """Run the figures statement of every thing the report gives figures for, once, so
        that the first question about any of them is answered from the kept result (about
        150 statements, 0.2 s at load instead of 1–3 ms on each first question)."""
        for entity in self.catalog.entities:
            subject = self.reader.subjects.of(entity)
            if subject.kind not in FIGURE_KINDS:
                continue
            plan = self.planner.plan(Question(q.FIGURES, subjects=(subject,)))
            if isinstance(plan, Plan):
                self.executor.rows(plan)

    def answer_the_examples(self) -> None:
        """Answer the help's example questions once at load: the first person to ask anything
        does not pay for what runs only once in a process (the first statement of each kind,
        the reader's tables built on first use; about 20 ms at load)."""
        for example in self.report.examples:
            self.ask(example, today=self.report.as_of)

    def conversation(self) -> Conversation:
        """A new conversation to pass to `ask` for follow-ups."""
        return Conversation()

    def ask(
        self, text: str, today: date | None = None, conversation: Conversation | None = None
    ) -> Answer:
        """Answer one question (a follow-up within `conversation`); never raises, always a
        polite Korean reply."""
        try:
            answer = self._ask(text if isinstance(text, str) else str(text), today, conversation)
            if conversation is not None and answer.question is not None:
                conversation.remember(answer.question, answer)
            return answer
        except Exception:
            logger.exception("engine failed on a question")
            return help_answer(
                self.report,
                "죄송합니다. 질문을 처리하는 중 문제가 생겼습니다. 다르게 물어봐 주세요.",
            )

    def _ask(self, text: str, today: date | None, conversation: Conversation | None) -> Answer:
        command = _command(text)
        if command is not None:
            # /sql and /schema are answered by the sandbox beside the engine (bot/cli.py and
            # handlers/sql.py send them there); here a slash is only a command word.
            name, rest = command
            if name in HELP_COMMANDS:
                return help_answer(self.report)
            if name in CHECK_COMMANDS:
                # The pasted text as sent: its line breaks separate headings and bullets.
                return check_text(self, rest) if rest.strip() else check_help()
            if name in AUDIT_COMMANDS:
                return audit_report(self, rest.strip() or None)
            text = clean(text).lstrip("/／")
        drafted = check_draft(self, text)
        if drafted is not None:
            return drafted  # "…구성했다. …도출됐다. 맞아?": the draft's claims checked
        before = conversation.before() if conversation is not None else None
        question = self.reader.read(text, today or self.today or datetime.now(SEOUL).date(), before)
        if question.asks == q.AUDIT and is_draft(text):
            # "…선정되었습니다. 오류가 있으면 알려주세요.": the text's own figures are asked
            # about, not the report's inconsistencies — checked, as far as they can be.
            checked = check_draft(self, text, force=True)
            if checked is not None:
                return checked
        if question.asks == q.WHY:
            evidence = conversation.evidence if conversation is not None else None
            return replace(why(evidence, self.report), question=question)
        return self.answer(question)

    def answer(self, question: Question) -> Answer:
        """The reply to a typed question: its plan run, then its writer."""
        if question.asks == q.PARTS:
            return self._in_parts(question, question.parts)
        guide = GUIDES.get(question.asks)
        if guide is not None:
            answer = replace(guide(question, self.report), question=question)
            return self._in_parts(question, question.parts, answer) if question.parts else answer
        plan = self.planner.plan(question)
        if isinstance(plan, Refusal):
            return replace(write_refusal(plan.reason, question, self.report), question=question)
        rows = self.executor.rows(plan) if plan is not None else []
        if (
            not rows
            and question.asks in (q.FIGURES, q.SUM, q.DIFFERENCE, q.SHARE, q.CHECK)
            and question.note != "plans"
        ):
            return replace(
                write_not_found(replace(question, words=()), self.report), question=question
            )
        writers = GROUP_WRITERS if question.group is not None else WRITERS
        answer = writers[question.asks](question, rows, plan, self.report)
        if question.denied:
            answer = _turned(answer)
        if question.in_million:
            answer = _in_million(answer)
        return replace(_with_skipped(_besides(answer, question), question), question=question)

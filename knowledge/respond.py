"""Answers, one builder per kind of question: figures, people, revenue, plans, rankings, lists."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from knowledge import format as fmt
from knowledge.answer import Answer, Choice
from knowledge.catalog import REVENUE_TOTAL, Catalog
from knowledge.hangul import disassemble, is_hangul
from knowledge.lexicon import Lexicon
from knowledge.match import Entity
from knowledge.normalize import compact
from knowledge.queries import Queries, Result
from knowledge.understand import ANY_COUNTER, Reading

SECTION_NAMES = {"Ⅰ": "Ⅰ 세출 총괄", "Ⅳ": "Ⅳ 세부사업별 현황"}
FIELD_LABELS = {"budget": "예산현액", "committed": "원인행위액", "spent": "지출액"}
RATE_FIELDS = {"committed": "committed_rate_printed", "spent": "spent_rate_printed"}
METRIC_FIELDS = {
    "budget": ("budget",),
    "committed": ("committed",),
    "spent": ("spent",),
    "committed_rate": ("committed",),
    "spent_rate": ("spent",),
    "rates": ("committed", "spent"),
    "executed": ("committed", "spent"),
    "remaining": ("budget", "spent"),
    None: ("budget", "committed", "spent"),
}
LIST_LIMIT = 12
# The intent of a reply that could not answer: worth adding an alias or a word for.
UNANSWERED = "unanswered"
# A number with a counter after it: the facts a status question is usually after.
COUNTED = re.compile(r"\d[\d,.]*\s*(?:명|개소|개|건|회|곳|석|실|억원|백만원|천원|%)")
RANK_DEFAULT = 5


class Responder:
    """Builds the answer for each kind of question from the report's tables."""

    def __init__(self, queries: Queries, catalog: Catalog, lexicon: Lexicon) -> None:
        self.queries = queries
        self.catalog = catalog
        self.examples = lexicon.examples
        self.personnel_columns = lexicon.personnel_columns
        report = queries.run("report").rows[0]
        self.as_of: date = report["as_of"]
        self.bureau: str = report["bureau"]
        # What the ingest checks found, read once: nearly every figure answer looks here.
        self.inconsistencies: dict[str, list[dict]] = {}
        for row in queries.run("inconsistencies_all").rows:
            self.inconsistencies.setdefault(row["subject"], []).append(row)

    # --- helpers -------------------------------------------------------------------------

    def _answer(self, lines: list[str], intent: str, result: Result | None, **extra: Any) -> Answer:
        text = "\n".join(line for line in lines if line is not None)
        sources = tuple(
            dict.fromkeys(r["source"] for r in (result.rows if result else []) if r.get("source"))
        )
        return Answer(
            text=text,
            intent=intent,
            sources=sources[:6],
            sql=result.sql if result else None,
            params=result.params if result else (),
            **extra,
        )

    def _closing(self, *sources: str) -> str:
        return fmt.as_of_line(self.as_of, *sources)

    def _notes(
        self, subject: str, fields: tuple[str, ...], said: tuple[str, ...] = ()
    ) -> list[str]:
        """The report's own disagreements about this subject's figures, as warning lines.

        `said` holds figures the answer already sets side by side, so a note is not repeated.
        """
        notes = []
        for row in self.inconsistencies.get(subject, ()):
            if row["field"] not in fields or {row["stated"], row["other"]} <= set(said):
                continue
            notes.append(
                f"⚠ 보고서 내 불일치: {row['note']} "
                f"({row['stated']}: {row['stated_source']} / {row['other']}: {row['other_source']})"
            )
        return notes[:3]

    # --- help and refusals ---------------------------------------------------------------

    def help(self, lead: str | None = None, intent: str = "help") -> Answer:
        lines = [
            lead or "시민협력국 업무보고(2021-08-13 기준) 도우미입니다.",
            "예산·집행률, 인력, 세입, 주요사업 현황과 일정, 담당 부서를 물어보세요.",
            "예시:",
            *(f"• {q}" for q in self.examples),
            "표를 직접 조회하려면: /schema, /sql SELECT …",
        ]
        choices = tuple(Choice(q, q) for q in self.examples[:4])
        return Answer(text="\n".join(lines), intent=intent, followups=choices)

    def not_found(self, words: list[str], suffix: str = "") -> Answer:
        shown = ", ".join(f"‘{w}’" for w in words[:3])
        lead = f"{shown}에 대한 내용은 시민협력국 업무보고(2021-08-13)에서 찾지 못했습니다."
        near = self.catalog.index.resembling(words)
        if not near:
            return self.help(lead, intent=UNANSWERED)
        # Something alike exists: ask rather than guess, and rather than only say no.
        choices = tuple(Choice(e.name, f"{e.name} {suffix}".strip()) for e in near)
        text = f"{lead}\n혹시 아래 항목을 찾으셨나요?"
        return Answer(text=text, intent=UNANSWERED, choices=choices)

    def too_long(self) -> Answer:
        return self.help("질문이 너무 깁니다. 한두 문장으로 짧게 물어봐 주세요.")

    def clarify(self, entities: list[Entity], suffix: str, intent: str) -> Answer:
        choices = tuple(Choice(e.name, f"{e.name} {suffix}".strip()) for e in entities[:8])
        names = ", ".join(e.name for e in entities[:8])
        text = f"어느 것을 찾으시나요? 여러 항목이 해당됩니다: {names}\n아래에서 골라 주세요."
        return Answer(text=text, intent=intent, choices=choices)

    # --- spending figures: bureau, division, line ----------------------------------------

    def spending(self, subject: str, metric: str | None, eok: bool) -> Answer:
        """The bureau's or a division's figures, from Ⅰ, checked against Ⅳ."""
        result = (
            self.queries.run("spending_total")
            if subject == self.bureau
            else self.queries.run("spending_of", subject)
        )
        rows = {row["section"]: row for row in result.rows}
        main = rows.get("Ⅰ") or next(iter(rows.values()))
        name = f"{self.bureau} 전체" if subject == self.bureau else subject
        lines = _figure_lines(name, main, metric, eok)
        fields = METRIC_FIELDS[metric]
        other = rows.get("Ⅳ")
        said: list[str] = []
        if other is not None and other is not main:
            for field in fields:
                if main[field] != other[field]:
                    said += [fmt.money(main[field]), fmt.money(other[field])]
                    difference = fmt.money(abs((main[field] or 0) - (other[field] or 0)))
                    lines.insert(
                        1,
                        f"⚠ 보고서 내 불일치: {FIELD_LABELS[field]} — Ⅰ 세출 총괄 {fmt.money(main[field])}, "
                        f"Ⅳ 세부사업별 현황 {fmt.money(other[field])} (차이 {difference})",
                    )
        lines += self._notes(subject, fields, tuple(said))
        lines.append(self._closing(*(row["source"] for row in result.rows)))
        followups = (
            () if subject == self.bureau else _followups(subject, ("사업 목록", "인원", "주요업무"))
        )
        return self._answer(lines, "figure", result, entity=subject, followups=followups)

    def line(self, line_no: int, metric: str | None, eok: bool) -> Answer:
        result = self.queries.run("line", line_no)
        row = result.first
        lines = _figure_lines(row["name"], row, metric, eok)
        lines.append(f"소관: {row['division']}")
        lines += self._notes(row["name"], METRIC_FIELDS[metric])
        lines.append(self._closing(row["source"]))
        followups = ()
        project_no = self.catalog.project_of_line.get(line_no)
        if project_no is not None:
            title = self.catalog.project(project_no).name
            followups = _followups(title, ("추진현황", "향후계획", "연말 집행예상"))
        return self._answer(lines, "figure", result, entity=row["name"], followups=followups)

    def outlook(self, project_no: int | None, line_no: int | None) -> Answer:
        """’21년말 집행예상: only the flagship projects of Ⅲ carry it."""
        if project_no is None:
            result = self.queries.run("line", line_no)
            row = result.first
            return self._answer(
                [
                    f"{row['name']}은(는) Ⅲ 주요사업 표에 없어 연말 집행예상액이 보고서에 없습니다.",
                    f"현재: 예산현액 {fmt.money(row['budget'])}, 지출 {fmt.rate(row['spent_rate_printed'])}",
                    self._closing(row["source"]),
                ],
                "outlook",
                result,
                entity=row["name"],
            )
        result = self.queries.run("project_budgets", project_no)
        title = self.catalog.project(project_no).name
        rows = [
            r for r in result.rows if line_no is None or line_no in (r["line_no"], r["name"])
        ] or result.rows
        lines = []
        for row in rows:
            lines.append(
                f"{row['name']} ’21년말 집행예상액: {fmt.money(row['outlook_amount'])} "
                f"(예상 집행률 {fmt.rate(row['outlook_rate_printed'])})"
            )
        if len(rows) == 1:
            row = rows[0]
            lines.append(
                f"현재 예산현액 {fmt.money(row['budget'])} · 지출 {fmt.money(row['spent'])} "
                f"({fmt.rate(row['spent_rate_printed'])})"
            )
        lines.append(f"사업: {title}")
        for row in rows:
            lines += self._notes(row["name"], ("outlook_amount", "outlook_rate"))
        lines.append(self._closing(*(r["source"] for r in rows)))
        return self._answer(
            lines,
            "outlook",
            result,
            entity=title,
            followups=_followups(title, ("추진현황", "향후계획")),
        )

    # --- people, organisation, duties ----------------------------------------------------

    def personnel(self, division: str | None, reading: Reading) -> Answer:
        words = set(reading.keywords)
        if any("시간선택제" in w for w in words):
            result = self.queries.run("personnel_all")
            total = next(r for r in result.rows if r["is_total"])
            parts = [r for r in result.rows if not r["is_total"] and r["part_time_fixed_term"]]
            if division:
                row = next(r for r in result.rows if r["division"] == division)
                first = f"{division} 시간선택제임기제공무원: {row['part_time_fixed_term'] or 0}명 (정원 외 별도)"
            else:
                first = f"시간선택제임기제공무원: {total['part_time_fixed_term']}명 (정원 외 별도)"
            detail = ", ".join(f"{r['division']} {r['part_time_fixed_term']}명" for r in parts)
            return self._answer(
                [first, f"부서별: {detail}", self._closing(total["source"])], "personnel", result
            )
        result = (
            self.queries.run("personnel_of", division)
            if division
            else self.queries.run("personnel_total")
        )
        row = result.first
        name = division or f"{self.bureau} 전체"
        columns = self.personnel_columns
        kinds = [k for k in columns if any(w.startswith(k) for w in words)]
        if kinds:
            first = (
                f"{name} " + ", ".join(f"{k} {row[columns[k]]}명" for k in kinds) + " (현원 기준)"
            )
        elif "현원" in words and "정원" not in words:
            first = f"{name} 현원: {row['current']}명 (정원 {row['quota']}명)"
        elif "정원" in words and "현원" not in words:
            first = f"{name} 정원: {row['quota']}명 (현원 {row['current']}명)"
        else:
            first = f"{name} 인력: 정원 {row['quota']}명 · 현원 {row['current']}명"
        shortage = row["shortage"]
        balance = (
            "과부족 없음"
            if not shortage
            else f"과부족 {'△' if shortage < 0 else ''}{abs(shortage)}명"
        )
        by_kind = ", ".join(f"{k} {row[c]}명" for k, c in columns.items() if row[c])
        lines = [first if kinds else f"{first} ({balance})", f"직종별 현원: {by_kind}"]
        if row["part_time_fixed_term"]:
            lines.append(f"※ 시간선택제임기제 {row['part_time_fixed_term']}명 별도")
        lines += self._notes(row["division"], ("quota", "current", "shortage", "subtotal"))
        lines.append(self._closing(row["source"]))
        return self._answer(lines, "personnel", result, entity=name)

    def organization(self) -> Answer:
        result = self.queries.run("organization")
        current = next(r for r in result.rows if r["role"] == "current")
        before = [r for r in result.rows if r["role"] != "current"]
        divisions = [r["division"] for r in self.queries.run("divisions").rows]
        lines = [
            f"{current['unit']}: {current['structure']} ({current['reorganized_on'].isoformat()} 조직 신설)",
            f"과 {len(divisions)}개: {', '.join(divisions)}",
            "재편 전: " + ", ".join(f"{r['unit']}({r['structure']})" for r in before),
            self._closing(current["source"]),
        ]
        return self._answer(
            lines,
            "organization",
            result,
            followups=tuple(Choice(d, f"{d} 예산") for d in divisions),
        )

    def duties_of(self, division: str) -> Answer:
        result = self.queries.run("duties_of", division)
        lines = [f"{division} 주요업무 {len(result.rows)}개:"]
        lines += [f"• {r['duty']}" for r in result.rows]
        lines.append(self._closing(result.rows[0]["source"] if result.rows else ""))
        return self._answer(lines, "duties", result, entity=division)

    def duty(self, words: list[str], entities: list[Entity]) -> Answer:
        """Which division handles something: its 주요업무 first, then the entities it runs."""
        result = self.queries.run("duties_all")
        scored = []
        for row in result.rows:
            score = _text_score(words, row["duty"])
            if score > 0:
                scored.append((score, row))
        scored.sort(key=lambda s: -s[0])
        divisions_of_entities = list(dict.fromkeys(e.division for e in entities if e.division))
        asked = " ".join(words) or " ".join(e.name for e in entities)
        asked_length = sum(len(w) for w in words if len(w) >= 2)
        # The 주요업무 text decides when it holds most of what was asked; a name the question
        # happens to share with a budget line ("제안") must not outvote it.
        duty_is_clear = bool(scored) and scored[0][0] >= 0.6 * asked_length
        if scored and (
            duty_is_clear
            or not divisions_of_entities
            or scored[0][1]["division"] in divisions_of_entities
        ):
            best = scored[0][0]
            top = [row for score, row in scored if score >= best * 0.9]
            divisions = list(dict.fromkeys(row["division"] for row in top))
            if len(divisions) == 1:
                division = divisions[0]
                lines = [f"‘{asked}’ 담당 부서는 {division}입니다."]
                lines += [f"근거(주요업무): {row['duty']}" for row in top[:2]]
                lines.append(self._closing(top[0]["source"]))
                return Answer(
                    text="\n".join(lines),
                    intent="duty",
                    sources=(top[0]["source"],),
                    sql=self.queries.run("duties_of", division).sql,
                    params=(division,),
                    entity=division,
                    followups=_followups(division, ("주요업무", "예산")),
                )
            return self.clarify(
                [self.catalog.by_key[("division", d)] for d in divisions], "주요업무", "duty"
            )
        if len(divisions_of_entities) == 1:
            division = divisions_of_entities[0]
            names = ", ".join(e.name for e in entities[:3])
            lines = [f"‘{names}’ 담당 부서는 {division}입니다.", self._closing("Ⅲ·Ⅳ 소관 부서")]
            return Answer(text="\n".join(lines), intent="duty", entity=division,
                          sql=self.queries.run("duties_of", division).sql, params=(division,))  # fmt: skip
        if len(divisions_of_entities) > 1:
            return self.clarify(entities, "담당 부서", "duty")
        return self.not_found(words or ["담당 업무"])

    # --- revenue -------------------------------------------------------------------------

    def revenue(self, item: str, reading: Reading) -> Answer:
        result = self.queries.run("revenue_item", item)
        row = result.first
        name = "세입 합계" if item == REVENUE_TOTAL else item
        words = " ".join(reading.keywords)
        collected = f"징수액 {fmt.money(row['collected'])} (징수율 {fmt.rate(row['collection_rate_printed'])})"
        budget = (
            f"’21년 예산 {fmt.money(row['budget_2021'])} (’20년 {fmt.money(row['budget_2020'])})"
        )
        change = f"증감 {fmt.signed(row['change_amount'])} ({fmt.rate(row['change_rate_printed'])})"
        if row["budget_2021"] is None:
            budget, change = "’20·’21년 예산 없음(-)", "증감 -"
        if "징수" in words:
            lines = [f"{name} {collected}", f"{budget}"]
        elif "증감" in words:
            lines = [f"{name} {change}", budget]
        elif "예산" in words:
            lines = [f"{name} {budget}", f"{change} · {collected}"]
        else:
            lines = [f"{name}: {budget}", f"{change} · {collected}"]
        children = self.queries.run("revenue_children", item).rows
        if children and len(children) <= 5:
            lines.append(
                "하위: " + ", ".join(f"{c['item']} {fmt.money(c['budget_2021'])}" for c in children)
            )
        lines += self._notes(item, ("budget", "collected", "change"))
        lines.append(self._closing(row["source"]))
        return self._answer(lines, "revenue", result, entity=name)

    # --- projects: status, plans ---------------------------------------------------------

    def mentions_words(self, project_no: int, words: list[str]) -> bool:
        """Whether the project's text holds all of the asked words."""
        rows = self.queries.run("project_items", project_no).rows
        return all(any(_text_score([w], r["text"]) for r in rows) for w in words)

    def status(
        self, project_no: int, words: list[str], unit: str | None, hints: tuple[str, ...] = ()
    ) -> Answer:
        """The bullets of a project that answer the question, numbers first."""
        result = self.queries.run("project_items", project_no)
        title = self.catalog.project(project_no).name
        by_position = {(r["part"], r["position"]): r for r in result.rows}
        scored = []
        specific = bool(words or unit)
        for row in result.rows:
            if row["part"] == "계획" and not specific:
                continue
            parent = by_position.get((row["part"], row["parent_position"]))
            score = _item_score(words, unit, row, parent)
            # The question's own keywords ("잔여", "예산") only break ties between bullets.
            score += 2 * _text_score(list(hints), row["text"]) if score else 0
            if row["part"] == "현황":
                score += 1
            scored.append((score, row, parent))
        scored.sort(key=lambda s: -s[0])
        if not words and not unit:
            overview = [(s, r, p) for s, r, p in scored if r["part"] == "현황" and r["depth"] <= 1]
            picked = overview[:5]
            lines = [f"{title} 추진현황:"] + [f"• {r['text']}" for _, r, _ in picked]
        else:
            best = scored[0][0] if scored else 0
            picked = []
            for entry in scored:
                score, row, parent = entry
                shown = {id(r) for _, r, _ in picked} | {id(p) for _, _, p in picked if p}
                if score >= max(best * 0.6, 1) and id(row) not in shown and len(picked) < 3:
                    picked.append(entry)
            lines = []
            for i, (_, row, parent) in enumerate(picked):
                text = row["text"]
                if i == 0:
                    lines.append(f"{title}: {text}")
                    if parent is not None and row["depth"] >= 2:
                        lines.append(f"  (상위 항목: {parent['text']})")
                else:
                    lines.append(f"• {text}")
        if not picked:
            lines.append(
                f"{title}: 해당 내용을 찾지 못했습니다. 추진현황 전체를 보려면 ‘추진현황’ 버튼을 눌러 주세요."
            )
        lines.append(self._closing(*(r["source"] for _, r, _ in picked)))
        return self._answer(
            lines,
            "status",
            result,
            entity=title,
            followups=_followups(title, ("추진현황", "향후계획", "연말 집행예상")),
        )

    def overview(self, project_no: int) -> Answer:
        project = self.queries.run("project", project_no)
        row = project.first
        budgets = self.queries.run("project_budgets", project_no).rows
        lines = [f"{row['title']} ({row['division']})", row["purpose"]]
        for b in budgets:
            lines.append(
                f"• {b['name']}: 예산현액 {fmt.money(b['budget'])}, 지출 {fmt.rate(b['spent_rate_printed'])}, "
                f"연말 예상 {fmt.rate(b['outlook_rate_printed'])}"
            )
        lines.append(self._closing(row["source"]))
        return self._answer(
            lines,
            "overview",
            project,
            entity=row["title"],
            followups=_followups(row["title"], ("추진현황", "향후계획")),
        )

    def plans_of_project(self, project_no: int) -> Answer:
        result = self.queries.run("plans_of_project", project_no)
        title = self.catalog.project(project_no).name
        lines = [f"{title} 향후계획:"]
        lines += _plan_lines(result.rows, with_title=False)
        lines.append(self._closing(*(r["source"] for r in result.rows)))
        return self._answer(
            lines,
            "schedule",
            result,
            entity=title,
            followups=_followups(title, ("추진현황", "예산")),
        )

    def plans_of_division(self, division: str) -> Answer:
        result = self.queries.run("plans_of_division", division)
        lines = [f"{division} 주요사업 향후계획 {len(result.rows)}건:"]
        lines += _plan_lines(result.rows, with_title=True)
        lines.append(self._closing(*(r["source"] for r in result.rows[:3])))
        return self._answer(lines, "schedule", result, entity=division)

    def plans_in_month(self, month: int) -> Answer:
        year = self.as_of.year
        start = date(year, month, 1)
        result = self.queries.run("plans_in_month", start.isoformat(), start.isoformat())
        label = fmt.month_label(start)
        if not result.rows:
            everything = self.queries.run("plans_all").rows
            first = min(r["start_month"] for r in everything)
            last = max(r["end_month"] or r["start_month"] for r in everything)
            lines = [
                f"{label}에 해당하는 향후계획은 보고서에 없습니다.",
                f"보고서의 향후계획은 {fmt.month_label(first)}~{fmt.month_label(last)} 일정입니다.",
                self._closing("Ⅲ 향후계획"),
            ]
            return self._answer(lines, "schedule", result)
        lines = [f"{label} 일정 (향후계획 {len(result.rows)}건):"]
        lines += _plan_lines(result.rows, with_title=True)
        lines.append(self._closing("Ⅲ 주요 추진 현안업무 향후계획"))
        return self._answer(lines, "schedule", result)

    def plans_all(self) -> Answer:
        result = self.queries.run("plans_all")
        lines = [f"향후계획 전체 {len(result.rows)}건 (시작 월 순):"]
        lines += _plan_lines(result.rows, with_title=True)
        lines.append(self._closing("Ⅲ 주요 추진 현안업무 향후계획"))
        return self._answer(lines, "schedule", result)

    def search_plans(self, words: list[str]) -> Answer:
        """When something is planned: the 향후계획 items that mention the asked words."""
        result = self.queries.run("plans_all")
        scored = [
            (_text_score(words, f"{r['item']} {r['details'] or ''} {r['title']}"), r)
            for r in result.rows
        ]
        best = max((score for score, _ in scored), default=0)
        asked = sum(len(w) for w in words if len(w) >= 2)
        if best < max(2, 0.6 * asked):
            # Not a plan: the date may be in the project's text ("시민총회 개최(9.1.)").
            found = self.search_items(words, None)
            return found if found is not None else self.not_found(words)
        rows = [r for score, r in scored if score >= best * 0.8][:5]
        lines = [f"{rows[0]['item']} : {rows[0]['period']} ({rows[0]['title']})"]
        lines += [f"• {r['item']} : {r['period']} ({r['title']})" for r in rows[1:]]
        lines.append(self._closing(*(r["source"] for r in rows)))
        return self._answer(lines, "schedule", result)

    def search_items(self, words: list[str], unit: str | None) -> Answer | None:
        """A question naming no project: the bullet across all projects that fits best."""
        result = self.queries.run("items_all")
        by_position = {(r["project_no"], r["part"], r["position"]): r for r in result.rows}
        # Only Korean words search the text: digits and stray Latin ("31m", "or") match anything.
        words = [w for w in words if len(w) >= 2 and any(is_hangul(ch) for ch in w)]
        if not words:
            return None
        scored = []
        for row in result.rows:
            parent = by_position.get((row["project_no"], row["part"], row["parent_position"]))
            if _text_score(words, row["text"]) or (parent and _text_score(words, parent["text"])):
                scored.append((_item_score(words, unit, row, parent), row))
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        best = scored[0][0]
        if best < 10 * max(2, sum(len(w) for w in words) * 0.6):
            return None
        top = [row for score, row in scored if score >= best * 0.8][:3]
        lines = [f"{row['title']}: {row['text']}" for row in top]
        lines.append(self._closing(*(row["source"] for row in top)))
        return self._answer(lines, "status", result, entity=top[0]["title"])

    # --- many entities: rankings, lists, comparisons ---------------------------------------

    def project_budget_row(
        self, project_no: int, name: str, metric: str | None, eok: bool
    ) -> Answer:
        """A row of a Ⅲ budget table that has no line of its own in Ⅳ."""
        result = self.queries.run("project_budgets", project_no)
        row = next(r for r in result.rows if r["name"] == name)
        title = self.catalog.project(project_no).name
        lines = _figure_lines(name, row, metric, eok)
        lines.append(
            f"’21년말 집행예상액 {fmt.money(row['outlook_amount'])} ({fmt.rate(row['outlook_rate_printed'])})"
        )
        lines.append(f"사업: {title} · ※ Ⅳ 세부사업 목록에는 이 이름의 사업이 없습니다.")
        lines.append(self._closing(row["source"]))
        return self._answer(lines, "figure", result, entity=name)

    def ranking(
        self,
        metric: str,
        descending: bool,
        division: str | None,
        over_divisions: bool,
        top_n: int | None,
        both_rates: bool = False,
    ) -> Answer:
        direction = "desc" if descending else "asc"

        def value(row: dict) -> str:
            # Plain "집행률" names both rates; the ranking follows 지출 and shows the two.
            if both_rates:
                return f"원인행위 {fmt.rate(row['committed_rate_printed'])} · 지출 {fmt.rate(row['spent_rate_printed'])}"
            return _metric_value(row, metric)

        label = _METRIC_LABELS[metric]
        word = "높은" if descending else "낮은"
        if metric in ("budget", "committed", "spent", "remaining"):
            word = "큰" if descending else "작은"
        if over_divisions:
            result = self.queries.run(f"divisions_by_{metric}_{direction}")
            rows = result.rows
            lines = [f"{label} {'가장 ' + word} 과: {rows[0]['division']} ({value(rows[0])})"]
            lines += [f"{i}. {r['division']} {value(r)}" for i, r in enumerate(rows, 1)]
            lines.append(self._closing(rows[0]["source"]))
            return self._answer(lines, "ranking", result)
        result = self.queries.run(f"lines_by_{metric}_{direction}", division, division)
        rows = result.rows
        scope = f"{division} " if division else ""
        n = top_n or RANK_DEFAULT
        extreme = rows[0]["ranked_value"]
        ties = [r for r in rows if r["ranked_value"] == extreme]
        if len(ties) > 1:
            shown = ties if len(ties) <= 10 else ties[:10]
            if (
                metric in ("spent_rate", "committed_rate", "spent", "committed")
                and not descending
                and not extreme
            ):
                head = f"{scope}{label}이 가장 낮은 사업은 미집행 {len(ties)}개입니다 (집행 실적 없음, ‘-’):"
            else:
                head = f"{scope}{label} {'가장 ' + word} 사업 {len(ties)}개 (동률):"
            lines = [head] + [f"• {r['name']} ({r['division']}) {value(r)}" for r in shown]
            rest = [r for r in rows if r["ranked_value"] != extreme][: max(0, min(3, n - 1))]
            if rest:
                lines.append("그다음: " + ", ".join(f"{r['name']} {value(r)}" for r in rest))
        else:
            top = rows[0]
            lines = [
                f"{scope}{label} {'가장 ' + word} 사업: {top['name']} {value(top)} ({top['division']})"
            ]
            lines += [f"{i}. {r['name']} {value(r)}" for i, r in enumerate(rows[1:n], 2)]
        lines.append(self._closing(rows[0]["source"]))
        return self._answer(lines, "ranking", result)

    def unexecuted(self, division: str | None) -> Answer:
        result = self.queries.run("lines_unexecuted", division, division)
        scope = f"{division} " if division else ""
        if not result.rows:
            return self._answer(
                [f"{scope}미집행 사업은 없습니다.", self._closing("Ⅳ")], "ranking", result
            )
        lines = [f"{scope}미집행 사업 {len(result.rows)}개 (지출 실적 없음, 보고서 ‘-’):"]
        lines += [
            f"• {r['name']} ({r['division']}) 예산현액 {fmt.money(r['budget'])}"
            for r in result.rows
        ]
        lines.append(self._closing(result.rows[0]["source"]))
        return self._answer(lines, "ranking", result)

    def fully_spent(self, division: str | None) -> Answer:
        result = self.queries.run("lines_fully_spent", division, division)
        scope = f"{division} " if division else ""
        if not result.rows:
            return self._answer(
                [f"{scope}지출 집행률 100%인 사업은 없습니다.", self._closing("Ⅳ")],
                "ranking",
                result,
            )
        lines = [f"{scope}지출 집행률 100%인 사업 {len(result.rows)}개:"]
        lines += [
            f"• {r['name']} ({r['division']}) {fmt.money(r['budget'])}, {r['spent_rate_printed']}"
            for r in result.rows
        ]
        lines.append(self._closing(result.rows[0]["source"]))
        return self._answer(lines, "ranking", result)

    def projects(self) -> Answer:
        result = self.queries.run("projects_all")
        lines = [f"주요 추진 현안업무 {len(result.rows)}개 (Ⅲ):"]
        lines += [f"{r['project_no']}. {r['title']} ({r['division']})" for r in result.rows]
        lines.append(self._closing(result.rows[0]["source"]))
        followups = tuple(
            Choice(_short(r["title"]), f"{r['title']} 추진현황") for r in result.rows[:4]
        )
        return self._answer(lines, "list", result, followups=followups)

    def revenue_all(self) -> Answer:
        result = self.queries.run("revenue_all")
        lines = [f"세입 항목 {len(result.rows) - 1}개 (’21년 예산 · 징수율):"]
        for r in result.rows:
            indent = "  " * max(0, r["level"] - 1)
            name = "세입 합계" if r["level"] == 0 else r["item"]
            lines.append(
                f"{indent}• {name} {fmt.money(r['budget_2021'])} · {fmt.rate(r['collection_rate_printed'])}"
            )
        lines.append(self._closing(result.rows[0]["source"]))
        return self._answer(lines, "revenue", result)

    def lines_of_division(self, division: str) -> Answer:
        result = self.queries.run("lines_of_division", division)
        lines = [f"{division} 세부사업 {len(result.rows)}개:"]
        lines += [
            f"{i}. {r['name']} {fmt.money(r['budget'])} (지출 {fmt.rate(r['spent_rate_printed'])})"
            for i, r in enumerate(result.rows, 1)
        ]
        lines.append(self._closing(result.rows[0]["source"]))
        return self._answer(
            lines,
            "list",
            result,
            entity=division,
            followups=_followups(division, ("집행률", "향후계획")),
        )

    def lines_all(self) -> Answer:
        result = self.queries.run("lines_all")
        lines = [f"세부사업 전체 {len(result.rows)}개 (부서별):"]
        current = None
        for r in result.rows:
            if r["division"] != current:
                current = r["division"]
                lines.append(f"[{current}]")
            lines.append(f"• {r['name']} {fmt.money(r['budget'])}")
        lines.append(self._closing("Ⅳ 세부사업별 예산집행 현황"))
        return self._answer(lines, "list", result)

    def divisions(self) -> Answer:
        result = self.queries.run("spending_divisions")
        lines = [f"{self.bureau}의 과 {len(result.rows)}개 (예산현액 순):"]
        lines += [
            f"• {r['division']} {fmt.money(r['budget'])} (지출 {fmt.rate(r['spent_rate_printed'])})"
            for r in result.rows
        ]
        lines.append(self._closing(result.rows[0]["source"]))
        return self._answer(
            lines,
            "list",
            result,
            followups=tuple(Choice(r["division"], f"{r['division']} 예산") for r in result.rows),
        )

    def compare(self, entities: list[Entity], metric: str | None) -> Answer:
        rows = []
        result = None
        for entity in entities:
            if entity.kind == "division":
                result = self.queries.run("spending_of", entity.name)
                row = next(r for r in result.rows if r["section"] == "Ⅰ")
            else:
                result = self.queries.run("line", entity.ref)
                row = result.first
            rows.append((entity.name, row))
        label = _METRIC_LABELS.get(metric or "rates", "집행률")
        lines = [f"{label} 비교 ({len(rows)}개):"]
        for name, row in rows:
            lines.append(f"• {name}: {_compare_value(row, metric)}")
        if metric in ("budget", "spent", "committed") and len(rows) == 2:
            difference = abs((rows[0][1][metric] or 0) - (rows[1][1][metric] or 0))
            lines.append(f"차이: {fmt.money(difference)}")
        lines.append(self._closing(*(row["source"] for _, row in rows)))
        return self._answer(lines, "compare", result)


_METRIC_LABELS = {
    "budget": "예산현액",
    "committed": "원인행위액",
    "spent": "지출액",
    "committed_rate": "원인행위 집행률",
    "spent_rate": "지출 집행률",
    "rates": "집행률",
    "executed": "집행액",
    "remaining": "잔액(예산현액−지출액)",
    "outlook": "연말 집행예상",
}


def _figure_lines(name: str, row: dict, metric: str | None, eok: bool) -> list[str]:
    """The first line answers the metric asked; the second gives the rest of the row."""
    budget, committed, spent = row["budget"], row["committed"], row["spent"]
    committed_rate, spent_rate = (
        fmt.rate(row["committed_rate_printed"]),
        fmt.rate(row["spent_rate_printed"]),
    )
    amount = fmt.money_with_eok if eok else fmt.money
    unexecuted = committed is None and spent is None
    rates = f"원인행위 {committed_rate} · 지출 {spent_rate}"
    amounts = f"예산현액 {amount(budget)} · 원인행위 {amount(committed)} · 지출 {amount(spent)}"
    if unexecuted and metric not in ("budget",):
        return [
            f"{name}: 예산현액 {fmt.money(budget)} 중 집행 실적이 없는 미집행 사업입니다.",
            f"원인행위·지출 모두 보고서 표기 ‘-’ (집행률 0%) · {fmt.eok(budget)}",
        ]
    if metric == "budget":
        return [f"{name} 예산현액: {fmt.money_with_eok(budget)}", f"집행률: {rates}"]
    if metric == "rates":
        return [f"{name} 집행률: {rates}", amounts]
    if metric == "committed_rate":
        return [f"{name} 원인행위 집행률: {committed_rate} (지출 {spent_rate})", amounts]
    if metric == "spent_rate":
        return [f"{name} 지출 집행률: {spent_rate} (원인행위 {committed_rate})", amounts]
    if metric == "committed":
        return [
            f"{name} 원인행위액: {amount(committed)} (집행률 {committed_rate})",
            f"예산현액 {amount(budget)}",
        ]
    if metric == "spent":
        return [
            f"{name} 지출액: {amount(spent)} (집행률 {spent_rate})",
            f"예산현액 {amount(budget)} · 원인행위 {amount(committed)}",
        ]
    if metric == "executed":
        return [
            f"{name} 집행액: 원인행위 {amount(committed)} ({committed_rate}) · 지출 {amount(spent)} ({spent_rate})",
            f"예산현액 {amount(budget)}",
        ]
    if metric == "remaining":
        remaining = budget - (spent or 0)
        return [
            f"{name} 잔액(예산현액−지출액): {fmt.money_with_eok(remaining)}",
            f"예산현액 {fmt.money(budget)} − 지출 {fmt.money(spent)} · 원인행위 기준 잔액 {fmt.money(budget - (committed or 0))}",
        ]
    return [f"{name}: 예산현액 {fmt.money_with_eok(budget)}, 집행률 {rates}", amounts]


def _metric_value(row: dict, metric: str) -> str:
    if metric in ("spent_rate", "committed_rate"):
        field = "spent" if metric == "spent_rate" else "committed"
        return fmt.rate(row[RATE_FIELDS[field]])
    if metric == "remaining":
        return fmt.money(row["budget"] - (row["spent"] or 0))
    return fmt.money(row[metric])


def _compare_value(row: dict, metric: str | None) -> str:
    if metric in ("budget", "committed", "spent"):
        return f"{fmt.money(row[metric])}"
    if metric == "remaining":
        return fmt.money(row["budget"] - (row["spent"] or 0))
    if metric in ("spent_rate", "committed_rate", "rates", "executed", None):
        return (
            f"원인행위 {fmt.rate(row['committed_rate_printed'])} · 지출 {fmt.rate(row['spent_rate_printed'])}"
            + ("" if metric else f" (예산현액 {fmt.money(row['budget'])})")
        )
    return fmt.money(row["budget"])


def _plan_lines(rows: list[dict], with_title: bool) -> list[str]:
    lines = []
    for row in rows[:30]:
        prefix = f"[{_short(row['title'])}] " if with_title else ""
        lines.append(f"• {prefix}{row['item']} : {row['period']}")
        if row["details"] and not with_title:
            lines.append(f"  - {row['details']}")
    return lines


def _short(title: str) -> str:
    return title if len(title) <= 16 else title[:15] + "…"


def _followups(name: str, topics: tuple[str, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(topic, f"{name} {topic}") for topic in topics)


def _item_score(words: list[str], unit: str | None, row: dict, parent: dict | None) -> float:
    """How well a bullet answers: its own words first, its parent's a little, the asked counter."""
    score = _text_score(words, row["text"]) * 10
    if parent is not None:
        # The parent only adds what the bullet itself does not say.
        own = compact(row["text"])
        score += _text_score([w for w in words if w not in own], parent["text"]) * 2
    if unit:
        # "몇 명" is answered by a bullet that counts people, not by one that only names them.
        score = score + 30 if _counts(unit, row["text"]) else score * 0.5
    if score:
        score += 2 * min(3, len(COUNTED.findall(row["text"])))
        score += 1 if row["depth"] <= 1 else 0
    return score


def _counts(unit: str, text: str) -> bool:
    """Whether the text counts something in `unit`: `114회`, not the 회 of 협의회; 원 is any money."""
    if unit == ANY_COUNTER:
        return COUNTED.search(text) is not None
    counter = r"(?:백만|억|천)?원" if unit == "원" else re.escape(unit)
    return re.search(r"\d[\d,.]*\s*여?\s*" + counter, text) is not None


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[str, str]:
    """A report text in the forms words are compared in: compact, and as letters."""
    target = compact(text)
    return target, disassemble(target)


def _text_score(words: list[str], text: str) -> float:
    """How much of the asked words a text contains: exact pieces count fully, near ones partly."""
    target, letters = _forms(text)
    score = 0.0
    for word in words:
        if len(word) < 2:
            continue
        if word in target:
            score += len(word)
        elif len(word) >= 3 and word[:-1] in target:
            # "신청자" → 신청, "참여자" → 참여: a noun with a suffix the text leaves off.
            score += len(word) - 1
        elif len(word) >= 3 and fuzz.partial_ratio(disassemble(word), letters) >= 88:
            score += len(word) * 0.7
    return score

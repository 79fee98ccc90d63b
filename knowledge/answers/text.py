"""Facts from the projects' text: the bullet that holds what was asked, first; or an overview."""

from __future__ import annotations

import re

from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish, followups
from knowledge.planning.compile import Plan
from knowledge.reading.normalize import DISTRICTS, ORGANISATION, bare_place, compact, district
from knowledge.reading.prose import marked_spans, text_score, year_marked_at
from knowledge.reading.quantities import COUNTED_UNIT, COUNTERS, counter_family
from knowledge.reading.question import Condition, Question
from knowledge.reading.scan import ANY_COUNTER

# A number with a counter after it: the facts a status question is usually after.
COUNTED = re.compile(r"\d[\d,.]*\s*(?:명|개소|개|건|회|곳|석|실|억원|백만원|천원|%)")
PICKED = 3
# The bullets under the one that answers, shown with it.
DETAILS = 3
# A bullet that opens with an asked word as its label, in brackets, is about that word.
LEAD_LABEL = re.compile(r"\s*[-·•]?\s*\(([^()]{1,8})\)")
LABEL_WEIGHT = 5
# A hint word counts this much of an asked word: it only breaks ties.
HINT_WEIGHT = 3
# What a bullet naming 자치구 counts when a 구 asked is named by none (as a word of 5 letters).
DISTRICT_WEIGHT = 50


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    if question.note == "overview":
        return _overview(question, rows, plan, report)
    if question.facet == "marked":
        return _marked(question, rows, plan, report)
    words = list(question.words)
    by_position = {(r["project_no"], r["part"], r["position"]): r for r in rows}
    specific = bool(words or question.unit or question.hints or question.facet)
    # "마포구에 있지?": a 구 no bullet names is checked against the bullets that name 구.
    unnamed = [w for w in words if district(w) is not None
               and not any(district(w) in compact(r["text"]) for r in rows)]  # fmt: skip
    scored = []
    for row in rows:
        if row["part"] == "계획" and not specific:
            continue
        parent = by_position.get((row["project_no"], row["part"], row["parent_position"]))
        # The words asked may stand a level further up ("공고기간 연장" over the dates).
        grand = parent and by_position.get(
            (row["project_no"], row["part"], parent["parent_position"])
        )
        above = {**parent, "text": f"{parent['text']} {grand['text']}"} if grand else parent
        score = item_score(words, question.unit, row, above)
        if score or not words:
            score += HINT_WEIGHT * text_score(list(question.hints), row["text"])
            score += _facet_score(question.facet, row, parent)
        if row["part"] == "현황":
            score += 1
        label = LEAD_LABEL.match(row["text"])
        if label and compact(label.group(1)) in words:
            score += LABEL_WEIGHT  # "(임기) 2021. 5월 ~ 2022. 3월": the bullet is about 임기
        if unnamed and any(d in row["text"] for d in DISTRICTS):
            score += DISTRICT_WEIGHT * len(unnamed)
        scored.append((score, row, parent))
    scored.sort(key=lambda s: -s[0])
    single = len({r["project_no"] for r in rows}) == 1
    title = rows[0]["title"] if rows and single else None
    if not specific:
        overview = [(s, r, p) for s, r, p in scored if r["part"] == "현황" and r["depth"] <= 1]
        picked = overview[:5]
        lines = [f"{title or '주요사업'} 추진현황:"] + [f"• {r['text']}" for _, r, _ in picked]
    else:
        # A check or a sum looks further for the bullet that decides it.
        picked = _pick(scored, alone=question.check is None and question.note != "sum"
                       and question.facet != "ratio")  # fmt: skip
        if question.check is None and question.facet in ("", "when", "count") and picked:
            picked = _with_second_ask(picked, scored, words, question.unit)
        if question.unit == "원" and question.check is None and picked and words:
            # "지원금은 총 얼마?" after 도시전환랩: the bullet that holds every word asked (with
            # its heading) answers; another initiative's amount that lacks some of them, under
            # another heading, would read as a rival answer.
            def holds_all(entry: tuple) -> bool:
                said = compact(f"{entry[1]['text']} {entry[2]['text'] if entry[2] else ''}")
                return all(w in said for w in words)

            if holds_all(picked[0]):
                picked = picked[:1] + [p for p in picked[1:] if holds_all(p)
                                       or not (_elsewhere(picked[0], p) and _alike(picked[0], p))]  # fmt: skip
        if question.check is not None:
            # The bullet that decides a check comes first ("100회 넘게 했어?": 총 114회 실시),
            # or a detail under the first ("90일 연장했어?": 위탁기간 90일 연장).
            under = (
                [(0.0, r, picked[0][1]) for r in _details_of(picked[0][1], rows)] if picked else []
            )
            candidates = picked + under
            if question.months is not None:
                # A date checked may be decided by a bullet the words scored lower ("재위탁
                # 기간 22년 말까지?": 위탁기간 : ’21. 11. 21. ∼ ’22. 12. 31.).
                candidates += [p for p in scored if p[0] > 0 and p not in candidates]
            deciding = [p for p in candidates
                        if _verdict(question, p[1]["text"], p[2], report.as_of.year,
                                    p[1]["title"]) is not None]  # fmt: skip
            if question.months is not None:
                # "새 위탁기간 22년 12월 31일까지 맞죠?": of the bullets that decide a date, the
                # one whose dates reach the year asked ("’21. 11. 21. ∼ ’22. 12. 31."), not an
                # earlier extension's.
                # A year asked alone is decided first by the year a bracket marks the thing
                # with ("금천 올해 안에 끝나?": 중랑·금천(’22)), not a plan's months.
                asked = {question.months.first.year, question.months.last.year}
                checked = question.check.written.split()
                deciding.sort(
                    key=lambda p: (
                        # (whether a mark is there; which year it says does not matter here)
                        _marked_year(checked, _clause_of(p[1]["text"], checked), 0) is None,
                        min(
                            (abs(y - a) for y, _, _ in _dated_points(p[1]["text"]) for a in asked),
                            default=YEARS_APART,
                        ),
                    )
                )
            picked = deciding[:1] + [p for p in picked if p not in deciding[:1]]
        lines = []
        noted: set[int] = set()
        for i, (_, row, parent) in enumerate(picked):
            if id(row) in noted:
                continue
            if i == 0:
                lines.append(f"{row['title']}: {_asked_clause(row['text'], words)}")
                if parent is not None and row["depth"] >= 2:
                    lines.append(f"  (상위 항목: {parent['text']})")
                if question.facet == "why":
                    # The ※ notes right after a bullet often say why ("…효율성 제고").
                    notes = _notes_after(row, by_position)
                    noted |= {id(note) for note in notes}
                    lines += [f"  {note['text']}" for note in notes]
                else:
                    # The details a bullet has under it say who, where, how ("선별진료소 …
                    # 운영지원": 은평구청(운영주체), 검사장소(상상청 앞)); figures under it would
                    # read as rival answers to the bullet's own, so those lines are left out.
                    details = [d for d in _details_of(row, rows)
                               if not FIGURE_KIND.search(d["text"])]  # fmt: skip
                    # A bullet further down that says what the heading does not ("국제포럼에
                    # 어느 도시 책임자가 와?": 파리시․마드리드시 참여예산 책임자 …).
                    details += [d for d in _deeper_holding(row, rows, words) if d not in details]
                    noted |= {id(detail) for detail in details}
                    lines += [f"  - {detail['text'].lstrip('-· ')}" for detail in details]
            else:
                lines.append(f"• {row['text']}")
    ratio = None
    for entry in picked if question.facet == "ratio" else []:
        ratio = _ratio(question, entry[1]["text"])
        if ratio is not None:
            # The bullet that gives both counts, first: "경쟁률": 공모(3,201명) ⇒ 추첨(1,081명).
            lines = [f"{entry[1]['title']}: {ratio}", f"• {entry[1]['text']}"]
            picked = [entry]
            break
    clause = _labelled_clause(question, picked[0][1]["text"]) if specific and picked else None
    if clause is not None:
        # "댓글 몇 개": the one figure the asked word labels, not the bullet's other counts.
        picked = picked[:1]
        # The bullet's own heading, when it has one: "(숙의예산민관협의회) 서면(22회)·화상(53회)…"
        text = picked[0][1]["text"]
        heading = re.match(r"\s*(\([^)]{2,20}\))", text)
        # (only a heading the clause stands under: "(공모) 65개 … → (선정·입주) 28개 단체" gives
        # the second clause its own bracket, never the first's)
        under = heading is not None and text.find(clause) <= heading.end() + 2
        where = f" {heading.group(1)}" if under and heading.group(1) not in clause else ""
        lines = [f"{picked[0][1]['title']}{where}: {clause}"]
    lacking = bool(words) and set(words) <= set(question.not_held)
    purpose = rows[0].get("purpose") if rows and single else None
    own = [w for w in words if title is None or w not in compact(title)]
    if question.facet == "why" and not own and purpose:
        # "마을센터 재위탁을 추진하는 이유는?": the project's own statement of purpose.
        lines = [f"{title}의 배경·목적: {purpose}"] + [f"• {r['text']}" for _, r, _ in picked[:2]]
        purpose_row = {**rows[0], "source": rows[0]["purpose_source"]}
        picked = [(0.0, purpose_row, None), *picked[:2]]
    if not picked or lacking:
        asked = " ".join(words)
        lines = [f"{title or '주요사업'}에서 ‘{asked}’에 대한 내용을 찾을 수 없습니다."]
        picked = []
    elif question.not_held and ratio is None:
        # Part of what was asked is not in the report: say so first, then what is there.
        asked = ", ".join(f"‘{w}’" for w in question.not_held)
        lines.insert(0, f"{asked}은(는) 보고서에 나와 있지 않습니다. 관련 내용:")
    elif question.check is not None:
        verdict = _verdict(
            question, picked[0][1]["text"], picked[0][2], report.as_of.year, picked[0][1]["title"]
        )
        if verdict is not None:
            lines[0] = f"{verdict}. {lines[0]}"
        total = (
            _summed(question, picked[0][1]["text"], listed=True)
            if question.note == "whole"
            else None
        )
        if verdict is not None and total is not None:
            lines.insert(1, f"  {total}")  # the whole the check was decided on
    elif question.note in ("sum", "whole"):
        total = _summed(question, picked[0][1]["text"], listed=question.note == "whole")
        if total is not None:
            lines.insert(0, total)
    elif _uncounted(question, [row for _, row, _ in picked]):
        # "입주기관 직원 수": a count was asked and no bullet about it gives one.
        asked = " ".join(question.words)
        lines.insert(
            0, f"보고서에는 ‘{asked}’의 수({question.unit})가 나와 있지 않습니다. 관련 내용:"
        )
    lines.append(report.closing(*(r["source"] for _, r, _ in picked)))
    topics = ("추진현황", "향후계획", "연말 집행예상")
    return finish(
        lines, "status", plan, [r for _, r, _ in picked], entity=title,
        followups=followups(title, topics) if title else (),
    )  # fmt: skip


NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:여\s*)?")
COMPARE = {">=": float.__ge__, ">": float.__gt__, "<=": float.__le__, "<": float.__lt__,
           "=": float.__eq__, "!=": float.__ne__}  # fmt: skip


# Words that give a reason.
REASONED = re.compile(r"위해|위한|하고자|따라|따른|고려|도록|목적|제고|때문")
FACET_WEIGHT = 25


def _details_of(row: Row, rows: list[Row]) -> list[Row]:
    """The bullets right under `row` (its children in the report's outline), a few at most."""
    return [
        r for r in rows
        if r["project_no"] == row["project_no"] and r["part"] == row["part"]
        and r["parent_position"] == row["position"] and r is not row
    ][:DETAILS]  # fmt: skip


def _deeper_holding(row: Row, rows: list[Row], words: list[str]) -> list[Row]:
    """The bullets two levels under `row` that hold an asked word `row` does not, or label
    themselves by one ("정정 내역": "(당초) … → (정정) …")."""
    own = compact(row["text"])
    missing = [w for w in words if w not in own]
    children = {r["position"] for r in _details_of(row, rows)}
    return [
        r for r in rows
        if r["project_no"] == row["project_no"] and r["part"] == row["part"]
        and r["parent_position"] in children
        and (any(w in compact(r["text"]) for w in missing)
             or any(f"({w})" in r["text"] for w in words))
    ][:DETAILS]  # fmt: skip


def _notes_after(row: Row, by_position: dict) -> list[Row]:
    """The ※ lines that follow a bullet in the report."""
    notes = []
    position = row["position"] + 1
    while (note := by_position.get((row["project_no"], row["part"], position))) is not None:
        if not note["text"].lstrip().startswith("※"):
            break
        notes.append(note)
        position += 1
    return notes


def _facet_score(facet: str, row: Row, parent: Row | None) -> float:
    """A bullet that gives what the question asks of the fact: its dates, or its reason (in
    itself or in the bullet it stands under)."""
    if facet == "when":
        return FACET_WEIGHT if _months_written(row["text"]) else 0.0
    if facet == "districts":
        return FACET_WEIGHT if sum(d in row["text"] for d in DISTRICTS) >= 2 else 0.0
    if facet == "why":
        texts = [row["text"], parent["text"] if parent else ""]
        return FACET_WEIGHT if any(REASONED.search(t) for t in texts) else 0.0
    return 0.0


# Where a bullet's clauses part: commas, brackets, arrows.
CLAUSE_MARKS = re.compile(r"[,()·⇒→]")


# What a count counts, said after it ("4개 사업 선정"): no label of which count it is.
COUNTED_NOUNS = frozenset({"사업", "단체", "기관", "구", "자치구", "곳", "개소", "명", "개"})


def _labelled_clause(question: Question, text: str) -> str | None:
    """The clause of a bullet that gives the count an asked word labels ("댓글 9,496개" of
    "… 의견 제시(댓글 9,496개, 공감 2,527개)"), when the bullet gives other counts in the same
    counter beside it; None when the word labels none, or several."""
    unit = question.unit
    if question.facet != "count" or unit in (None, "원", ANY_COUNTER) or question.check is not None:
        return None
    counter = COUNTERS if unit == COUNTED_UNIT else counter_family(unit)
    found = list(re.finditer(NUMBER.pattern + r"(?:개\s*)?" + counter, text))
    # The words asked label it before the hints beside them ("신청은 몇 단체였어?" after 입주
    # 현황: 신청, not 입주).
    said = {w for w in question.words if len(w) >= 2}
    asked = said | {w for w in question.hints if len(w) >= 2}
    labelled = [m for m in found if _asks_label(said, _label(text[: m.start()]))]
    if not labelled:
        labelled = [m for m in found if _asks_label(asked, _label(text[: m.start()]))]
        # A hint labels one, a word asked labels another after it ("65개 단체 179명
        # 신청·접수"): the word asked decides.
        after = [m for m in found
                 if _labelled_around(said - COUNTED_NOUNS, text, m.start(), m.end(), after=True)]  # fmt: skip
        if labelled and len(after) == 1 and after != labelled:
            labelled = after
    # A part in the bracket after a count, asked, is more exact than the whole also asked
    # ("신규로 선정된 단체 몇 개" of "선정 32개(신규19, 재입주13)": 신규 19).
    part = _bracketed_part(asked, counter, text)
    if not labelled or part is not None:
        return part
    if len(found) < 2 or len(labelled) != 1:
        return None
    match = labelled[0]
    label = re.search(r"([가-힣]+)\s*[(:]?\s*$", text[: match.start()])
    marks = [m.end() for m in CLAUSE_MARKS.finditer(text, 0, match.start())]
    start = min(label.start(1), max(marks, default=0)) if label else max(marks, default=0)
    end = next((m.start() for m in CLAUSE_MARKS.finditer(text, match.end())), len(text))
    clause = text[start:end].strip().lstrip(":：").strip()
    return clause + ")" if clause.count("(") > clause.count(")") else clause


def _bracket_parts(text: str, unit: str) -> list[tuple[int, int, float]]:
    """The numbers a bracket right after a count gives without a counter, where they stand."""
    parts = []
    for whole in re.finditer(NUMBER.pattern + unit + r"\s*\(([^()]+)\)", text):
        inner_start = whole.start(whole.lastindex)
        for part in re.finditer(
            r"[가-힣]+\s*(\d[\d,]*)(?=\s*[,)]|\s*$)", whole.group(whole.lastindex)
        ):
            parts.append((inner_start + part.start(1), inner_start + part.end(1),
                          float(part.group(1).replace(",", ""))))  # fmt: skip
    return parts


def _bracketed_part(asked: set[str], counter: str, text: str) -> str | None:
    """ "신규 몇 개" of "선정 32개(신규19, 재입주13)": a part the bracket after a count gives
    without its counter, which is the count's."""
    for whole in re.finditer(r"([가-힣]*)\s*(\d[\d,]*)\s*(" + counter + r")\s*\(([^()]+)\)", text):
        label, number, said, inner = whole.groups()
        for part in re.finditer(r"([가-힣]+)\s*(\d[\d,]*)(?=\s*[,)]|\s*$)", inner):
            if _asks_label(asked, part.group(1)):
                return (f"{part.group(1)} {part.group(2)}{said} "
                        f"({label} {number}{said} 중)".replace("( ", "("))  # fmt: skip
    return None


def _asks_label(asked: set[str], label: str) -> bool:
    """Whether an asked word names what a label counts: the label itself, or the label and a
    short word more ("화상회의" for "화상(53회)"); "참여" does not ask for 참여예산위원."""
    return len(label) >= 2 and any(
        w == label or (w.startswith(label) and len(w) - len(label) <= 2) for w in asked
    )


# Words that label a count of those who applied, and of those chosen.
APPLIED = ("신청", "접수", "공모", "응모")
CHOSEN = ("선정", "입주", "추첨", "지정", "선발")
ANY_COUNT = re.compile(r"(\d[\d,]*)\s*(개소|개|명|회|곳|건)")


def _ratio(question: Question, text: str) -> str | None:
    """ "신청자 대비 선정 비율", "경쟁률", "화상회의 비율": two counts a bullet gives, in one
    counter, divided — the chosen over the applied, or the asked part over the written total.
    None when the bullet does not give exactly such a pair."""
    counts = []
    for match in ANY_COUNT.finditer(text):
        before = _label(text[: match.start()])
        after = re.match(r"\s*([가-힣]+)", text[match.end() :])
        labels = (before, after.group(1) if after else "")
        family = "개" if match.group(2) in ("개소", "개", "곳") else match.group(2)
        whole = re.search(r"(?:총|전체|모두)\s*$", text[: match.start()]) is not None
        counts.append(
            (labels, family, match.group(1), float(match.group(1).replace(",", "")), whole)
        )
    asked = {w for w in (*question.words, *question.hints, *question.not_held) if len(w) >= 2}

    def kind(labels: tuple[str, str], terms: tuple[str, ...]) -> bool:
        return any(label.startswith(terms) for label in labels if label)

    for family in dict.fromkeys(c[1] for c in counts):
        same = [c for c in counts if c[1] == family]
        applied = [c for c in same if kind(c[0], APPLIED)]
        chosen = [c for c in same if kind(c[0], CHOSEN) and c not in applied]
        if len(applied) == 1 and len(chosen) == 1:
            (a_labels, _, a_written, a, _), (c_labels, _, c_written, c, _) = applied[0], chosen[0]
            a_said, c_said = (
                f"{a_labels[0]} {a_written}{family}",
                f"{c_labels[0]} {c_written}{family}",
            )
            if any(w.startswith("경쟁") for w in asked):
                return f"경쟁률 약 {a / c:.2f}:1 ({a_said} ÷ {c_said}, 보고서 수치로 계산)"
            return f"비율 {100 * c / a:.1f}% ({c_said} ÷ {a_said}, 보고서 수치로 계산)"
        parts = [x for x in same if not x[4] and _asks_label(asked, x[0][0])]
        totals = [x for x in same if x[4]]
        if len(parts) == 1 and len(totals) == 1:
            (p_labels, _, p_written, p, _), (_, _, t_written, t, _) = parts[0], totals[0]
            return (f"비율 {100 * p / t:.1f}% ({p_labels[0]} {p_written}{family} ÷ 총 "
                    f"{t_written}{family}, 보고서 수치로 계산)")  # fmt: skip
    return _money_ratio(text)


def _money_ratio(text: str) -> str | None:
    """ "잔여기간 위탁금이 총사업비에서 차지하는 비율" of "잔여기간 위탁금액 : 463백만원 ※ 총
    사업비 4,067백만원": two amounts of one unit, one said as the total — the other over it."""
    amounts = [
        (m.start(), m.group(1), m.group(2).replace(" ", "")) for m in TEXT_MONEY.finditer(text)
    ]
    if len(amounts) != 2 or amounts[0][2] != amounts[1][2]:
        return None
    whole = [a for a in amounts if re.search(r"총\s*[가-힣]{0,6}\s*:?\s*$", text[: a[0]][-12:])]
    if len(whole) != 1:
        return None
    part = next(a for a in amounts if a is not whole[0])
    t, p = (float(x[1].replace(",", "")) for x in (whole[0], part))
    if not t or p > t:
        return None
    unit = part[2]
    return f"비율 {100 * p / t:.1f}% ({part[1]}{unit} ÷ {whole[0][1]}{unit}, 보고서 수치로 계산)"


def _listed_total(question: Question, text: str) -> float | None:
    """The parts of one bracketed list in the asked counter, added up; None when the bullet
    has no such list (see `_total`)."""
    total = _total(question, text, listed=True)
    return total[0] if total else None


def _summed(question: Question, text: str, listed: bool = False) -> str | None:
    """The line that says a bullet's total (see `_total`)."""
    total = _total(question, text, listed)
    return total[1] if total else None


def _total(question: Question, text: str, listed: bool = False) -> tuple[float, str] | None:
    """ "다 더하면 몇 명": the counts a bullet gives in the asked counter, added up, with the
    sum shown; a total the bullet writes itself (총 114회) is that total, not added again.
    `listed`: the whole was asked, not a sum ("전체 인원 몇 명"): only the parts of one list
    are added ("구성(전문가 270명, 참여예산위원 314명, 공무원 82명)"), never counts of steps
    ("공모(3,201명 신청) ⇒ 추첨(1,081명)"). Returns the total and the line that says it."""
    unit = question.unit
    if unit in (None, "원", ANY_COUNTER):
        return None
    pattern = NUMBER.pattern + r"(?:개\s*)?" + counter_family(unit)
    whole = re.search(r"(?:총|전체|모두|합계)\s*" + pattern, text)
    if whole is not None:
        # As the report counts it ("총 114회" for "몇 번").
        written = re.sub(r"^(?:총|전체|모두|합계)\s*", "", whole.group(0)).replace(" ", "")
        return float(whole.group(1).replace(",", "")), f"합계 {written} (보고서에 적힌 합계)"
    if listed:
        lists = [m.group(1) for m in re.finditer(r"\(([^()]*,[^()]*)\)", text)]
        parts = [piece for piece in lists if len(re.findall(pattern, piece)) >= 2]
        if len(parts) != 1 or len(re.findall(pattern, text)) != len(re.findall(pattern, parts[0])):
            return None  # the parts are one list, and the bullet counts nothing else alike
        text = parts[0]
    matches = list(re.finditer(pattern, text))
    if len(matches) < 2:
        return None
    total = sum(float(m.group(1).replace(",", "")) for m in matches)
    shown = f"{total:,.0f}" if total == int(total) else f"{total:,.1f}"
    counter = re.sub(r"^[\d,.\s여]+", "", matches[0].group(0))  # as the report counts: 회, 개소
    added = " + ".join(m.group(0).replace(" ", "") for m in matches)
    return total, f"합계 {shown}{counter} ({added}, 보고서 수치를 더한 값)"


def _uncounted(question: Question, picked: list[Row]) -> bool:
    unit = question.unit
    if unit in (None, "원", ANY_COUNTER) or not question.words or question.facet in ("when", "why"):
        return False  # ("언제 새로 사람 받아?": when, not how many)
    # ("회의실 몇 개": rooms and seats are counted with their own counters, 실 and 석)
    own = ("실", "석") if unit == COUNTED_UNIT else ()
    if any(_counts(u, row["text"]) for row in picked for u in (unit, *own)):
        return False
    # ("정책대안 몇 건": items the bullet about them counts in 개, "정책대안 도출(497개)")
    asked = [w for w in question.words if len(w) >= 2]
    return not (unit == "건" and any(
        _counts("개", row["text"]) and asked and all(w in compact(row["text"]) for w in asked)
        for row in picked
    ))  # fmt: skip


def _verdict(
    question: Question, text: str, parent: Row | None, this_year: int, title: str = ""
) -> str | None:
    """예 or 아니요 for a check against the text found; None when the text does not decide it."""
    check = question.check
    if check.other is not None:
        return _labels_verdict(check, text)
    if check.comparison == "all":
        return _all_verdict(check.written.split(), text, parent)
    if check.comparison == "in":
        # (a corporation is written with the mark of its kind: "(사)마을" is found as 사마을)
        named = [w for w in check.written.split() if ORGANISATION.fullmatch(w)]
        words = [compact(w) if w in named else w for w in check.written.split()]
        if not words:
            return None  # nothing asked to find: nothing to decide
        held, above = compact(text), compact(parent["text"]) if parent else ""
        if question.months is not None:
            above += compact(title)  # a date checked of the project named ("재위탁 기간")
        # A word with alternatives ("무상|무료") is found as any of them.
        found = all(
            any(_written(alt, held) or _written(alt, above) for alt in w.split("|")) for w in words
        )
        label = LEAD_LABEL.match(text)
        if question.months is not None and label and compact(label.group(1)) in words:
            # "위원 임기 올해 끝나?" of "(임기) 2021. 5월 ~ 2022. 3월": a bullet labelled by the
            # period asked gives its dates; whose period it is was said of the project.
            found = True
        if found and question.months is not None:
            # "전자투표 9월에 하는 거 맞아?": the dates the bullet gives (or the one above it).
            clause = _clause_of(text, words)
            marked = _marked_year(words, clause, this_year)
            if marked is not None:
                return _year_verdict(question, marked)
            events = _events(words, clause)
            if events is not None:
                # "(’19.1. 제정, ’20.1. 시행)": two events, each with its date; the one asked
                # decides, and none asked decides nothing.
                return _dated_verdict(question, _dated_points(events)) if events else None
            return _date_verdict(question, clause, parent["text"] if parent else "")
        if found and _superseded(words, text):
            # "재위탁 공모 위탁기간 3년이야?" of "(의결) 3년 → (재위탁 공모) 1년 2개월": the
            # figure asked was changed, and the words asked name what it became — no; said of
            # nothing after the change ("3년으로 하는 거 맞아?"), the text is shown undecided.
            # (a word of the project's name asked counts too: "재위탁 기간 3년이야?")
            said = [*words, *(h for h in question.hints if len(h) >= 2)]
            return "아니요" if _said_after_change(said, text) else None
        paired = _paired_label(words, text)
        if paired is not None:
            return paired
        if found and _split_by_arrows(words, text):
            # "검사 정문에서 해?" of "정문 ⇒ 차량이동 ⇒ 검사장소(상상청 앞)": the words stand in
            # different steps of a sequence, so finding them says nothing of the one asked.
            return None
        if found:
            return "예"
        if named and ORGANISATION.search(text):
            # "혁신파크 수탁기관이 (사)마을이야?" of "수탁기관 : ㈜이퓨앤파트너스·(사)미래도시
            # 환경연구원": the bullet names other corporations where one was asked.
            return "아니요"
        if _district_left_out(words, f"{text} {above}") or _body_left_out(words, text):
            return "아니요"
        return "아니요" if _counted_otherwise(words, text, above) else None
    if question.unit == "천원":
        return _money_verdict(question, text)
    # "100번 넘게": times are counted as 회 or 번 alike.
    unit = counter_family(question.unit) if question.unit else ""
    if question.unit == COUNTED_UNIT:
        # "100회 넘게": only times counted answer it, not 54개 사업 beside them.
        typed = re.search(r"\d\s*(개\s*소|개|곳|군데|건|회|차례|번|단체|기관)", check.written or "")
        unit = counter_family(typed.group(1)) if typed else COUNTERS
    found = [(m.start(), m.end(), float(m.group(1).replace(",", "")))
             for m in re.finditer(NUMBER.pattern + unit, text)]  # fmt: skip
    # "6개(신규3, 재지정3)": the parts a bracket after a count gives are counted alike, each
    # labelled by its own word ("신규로 지정된 데 3곳 맞아?": 신규 3, not the 6).
    parts = _bracket_parts(text, unit)
    wholes = [value for _, _, value in found]
    found += parts
    if not found or check.value is None:
        return None
    held = compact(f"{text} {parent['text'] if parent else ''}")
    if sum(1 for w in question.words if len(w) >= 2 and w not in held) >= 2:
        return None  # "7천명은 직접 만나서 설문한 거예요?": the figure, said of something else
    # The figure a word asked labels ("운영 중인 … 50곳 넘어?": 운영 41개소, not 총 61개소);
    # else the whole (총 114회), else only figures that all agree decide it.
    asked = {w for w in question.words if len(w) >= 2}
    # A label before a figure or in its bracket names it more surely than words after it; the
    # words the reader knew ("공무원 100명 넘어?") label it when no other word does.
    hinted = _labelled({w for w in question.hints if len(w) >= 2}, text, found, before_only=True)
    labelled = _labelled(asked, text, found)
    if len(set(labelled)) > 1 and set(hinted) & set(labelled):
        # "입주한 단체 30개 이상?": 65개 단체 and 28개 단체 both say 단체; (선정·입주) says which
        labelled = [v for v in labelled if v in hinted]
    labelled = labelled or hinted
    whole = [value for start, _, value in found if re.search(r"(?:총|전체|모두)\s*$", text[:start])]
    # Figures several words label alike decide only when they agree (65개 단체 신청, 28개 단체
    # 선정: "단체 30개 이상?" is not decided by the first).
    # Unlabelled, what an arrow leads to is the outcome ("공모(3,201명 신청) ⇒ 추첨(1,081명)":
    # 1,081 the members chosen) — unless a word asked, even in part, stands before the arrow
    # ("신청자 3,201명": what led to it was asked).
    arrows = [m.start() for m in ARROW.finditer(text)]
    before = compact(text[: arrows[-1]]) if arrows else ""
    asked_before = any(w[:2] in before for w in (*question.words, *question.hints) if len(w) >= 2)
    outcome = [
        value for start, _, value in found
        if arrows and start > arrows[-1] and not asked_before
    ]  # fmt: skip
    # (unlabelled, a bracket's parts are no rival to the count they are parts of)
    values = labelled or whole[:1] or outcome or wholes or [value for _, _, value in found]
    if question.note == "whole" and not whole:
        # "전체 인원이 600명을 넘습니까?": the whole, which the bullet gives only as its parts
        # (one bracketed list, added up), never each part against the figure.
        total = _listed_total(question, text)
        if total is None:
            return None
        values = [total]
    verdicts = {COMPARE[check.comparison](value, float(check.value)) for value in values}
    if len(verdicts) != 1:
        return None
    return "예" if verdicts.pop() else "아니요"


# What a change or an outcome is written with: "3년 → 1년 2개월", "공모 ⇒ 추첨(1,081명)".
ARROW = re.compile(r"→|⇒|->")
# Amounts as the projects' text writes them, and what each unit is in 천원.
TEXT_MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(백만\s*원|억\s*원|억|만\s*원|천\s*원)")
IN_THOUSANDS = {"백만원": 1000, "억원": 100000, "억": 100000, "만원": 10, "천원": 1}


def _money_verdict(question: Question, text: str) -> str | None:
    """ "잔여기간 위탁금액 5억 넘어?" of "잔여기간 위탁금액 : 463백만원": the amounts of the
    text, in 천원 like the figure asked; only amounts that all agree decide it."""
    check = question.check
    if check.value is None:
        return None
    found = [(m.start(), m.end(), float(m.group(1).replace(",", "")) * IN_THOUSANDS[compact(m.group(2))])
             for m in TEXT_MONEY.finditer(text)]  # fmt: skip
    if not found:
        return None
    asked = {w for w in (*question.words, *question.hints) if len(w) >= 2}
    # The words between the amount before (or the start) and this one label it.
    ends = [0, *(end for _, end, _ in found)]
    labelled = [value for (start, _, value), after in zip(found, ends, strict=False)
                if any(w in compact(text[after:start]) for w in asked)]  # fmt: skip
    whole = [value for start, _, value in found if re.search(r"(?:총|전체|모두)\s*$", text[:start])]
    values = labelled or whole[:1] or [value for _, _, value in found]
    verdicts = {COMPARE[check.comparison](value, float(check.value)) for value in values}
    return ("예" if verdicts.pop() else "아니요") if len(verdicts) == 1 else None


def _labelled(
    asked: set[str], text: str, found: list[tuple[int, int, float]], before_only: bool = False
) -> list[float]:
    """The figures an asked word labels: before them or in their bracket, else after them —
    those labelled by the most of the words asked ("신청한 단체 65개": 65 단체 신청, not 28
    단체 선정)."""
    labelled = [value for start, end, value in found
                if _names(asked, _label(text[:start]))
                or _labelled_around(asked, text, start, end, False)]  # fmt: skip
    if labelled or before_only:
        return labelled
    counts = [(sum(_labelled_around({w}, text, start, end, True) for w in asked), value)
              for start, end, value in found]  # fmt: skip
    most = max((count for count, _ in counts), default=0)
    return [value for count, value in counts if most and count == most]


def _names(asked: set[str], label: str) -> bool:
    """Whether a label before a figure is a word asked, or that word with one letter more
    ("전문가" for 전문, its 가 read as a particle)."""
    return label in asked or any(
        len(w) >= 2 and label.startswith(w) and len(label) - len(w) <= 1 for w in asked
    )


# A count in the projects' text, with its counter.
TEXT_COUNT = re.compile(r"(\d[\d,]*)\s*(개\s*소|개|곳|명|건|회|석|실)")


def _all_verdict(words: list[str], text: str, parent: Row | None) -> str | None:
    """ "신청한 단체 다 입주함?" of "65개 단체 … 신청 → 28개 단체 … 입주": 아니요 when the clause
    that holds the words asked counts the whole first and then fewer of the same (신청 65 →
    입주 28, 총 61개소 → 운영 41개소); otherwise the text does not decide it."""
    held = compact(f"{text} {parent['text'] if parent else ''}")
    # ("신청자": 신청, a suffix the text leaves off)
    if not words or not all(w in held or (len(w) >= 3 and w[:-1] in held) for w in words):
        return None
    # The clause of the bullet that holds the words asked ("찾동(14개소 운영)" is its own).
    clauses = [c for c in re.split(r",\s*(?![^()]*\))", text) if c.strip()]
    clause = next((c for c in clauses if any(w in compact(c) for w in words)), text)
    counts = [(float(n.replace(",", "")), counter_family(compact(c)))
              for n, c in TEXT_COUNT.findall(clause)]  # fmt: skip
    if len(counts) < 2:
        return None
    first, family = counts[0]
    fewer = [n for n, f in counts[1:] if f == family and n < first]
    return "아니요" if fewer and all(n <= first for n, f in counts if f == family) else None


def _split_by_arrows(words: list[str], text: str) -> bool:
    """Whether the words a bullet holds stand in different steps of its sequence (⇒, →)."""
    steps = [compact(step) for step in ARROW.split(text)]
    if len(steps) < 2:
        return False
    held = [w for w in words if any(w in step for step in steps)]
    return len(held) >= 2 and not any(all(w in step for w in held) for step in steps)


def _district_left_out(words: list[str], text: str) -> bool:
    """ "대상에 마포구 들어가?" of "5개 자치구(성동, 관악, 강남, 종로, 은평)": the text names
    자치구, the one asked is not among them, and every other word asked is there."""
    asked = [w for w in words if district(w) is not None]
    named = {d for d in DISTRICTS if d in text}
    others = [w for w in words if w not in asked]
    return (
        bool(asked) and bool(named)
        and not any(district(w) in named for w in asked)
        and all(any(_written(alt, compact(text)) for alt in w.split("|")) for w in others)
    )  # fmt: skip


# A body of the city the text names ("기후환경본부와 협업해"), and the same said as asked.
BODY = re.compile(r"[가-힣]{2,}(?:본부|정책실|기획실|국)")
BODY_ASKED = re.compile(
    r"([가-힣]{2,}(?:본부|정책실|기획실|국))(?:와|과|이랑|랑|하고|이|가|은|는|을|를|의)?"
)


def _body_left_out(words: list[str], text: str) -> bool:
    """ "우수제안 복지정책실이랑 협업해?" of "기후환경본부와 협업해 …": the bullet names a body
    of the city, the one asked is not it, and every other word asked is there."""
    asked = [m.group(1) for w in words if (m := BODY_ASKED.fullmatch(w))]
    held = compact(text)
    named = [b for b in BODY.findall(held)]
    others = [w for w in words if not BODY_ASKED.fullmatch(w)]
    return (
        bool(asked) and bool(named)
        and not any(a in held for a in asked)
        and all(any(_written(alt, held) or _halves_written(alt, held) for alt in w.split("|"))
                for w in others)
    )  # fmt: skip


def _halves_written(word: str, held: str) -> bool:
    """ "우수제안" of "우수 정책제안": a compound typed short, both its halves in the text."""
    return len(word) >= 4 and word[:2] in held and word[2:] in held


def _written(word: str, text: str) -> bool:
    """A word in a text as typed, or a place typed with its kind (은평구) the text writes bare
    (성동, 관악, …, 은평)."""
    bare = bare_place(word)
    return word in text or (bare is not None and bare in text)


# A count and the word that labels it: "화상(53회)", "신규19", "대면회의(39회)".
LABELLED_COUNT = re.compile(
    r"([가-힣]+)\s*(?:\(\s*(\d+(?:,\d{3})*)\s*[가-힣]{0,2}\s*\)|(\d+(?:,\d{3})*))"
)


def _labels_verdict(check: Condition, text: str) -> str | None:
    """ "재입주가 신규보다 많아?" of "선정 32개(신규19, 재입주13)": 예 or 아니요 from the two
    counts the bullet labels so; None unless it labels each once."""

    def count_of(word: str) -> list[float]:
        return [float((a or b).replace(",", "")) for label, a, b in LABELLED_COUNT.findall(text)
                if _asks_label({compact(word)}, label)]  # fmt: skip

    first, second = count_of(check.written), count_of(check.other)
    if len(first) != 1 or len(second) != 1:
        return None
    return "예" if COMPARE[check.comparison](first[0], second[0]) else "아니요"


def _paired_label(words: list[str], text: str) -> str | None:
    """ "운영주체가 서울혁신센터야?" of "서울혁신센터(공간관리), 은평구청(운영주체)": a label
    asked with a name the bullet labels — 예 when it labels that name so, 아니요 when another."""
    pairs = [
        (compact(n), compact(label)) for n, label in re.findall(r"([^,()]+)\(([^()]+)\)", text)
    ]
    labels = {label for _, label in pairs}
    asked_labels = [w for w in words if w in labels]
    asked_names = [w for w in words if any(w and w in name for name, _ in pairs)]
    if len(asked_labels) != 1 or not asked_names:
        return None
    named = [label for name, label in pairs if any(w in name for w in asked_names)]
    if not named:
        return None
    return "예" if asked_labels[0] in named else "아니요"


def _said_after_change(words: list[str], text: str) -> bool:
    """Whether a word asked (not a figure) is written after the arrow of a change and not
    before it ("재위탁 공모" of "(의결) 3년 → (재위탁 공모) 1년 2개월")."""
    for arrow in ARROW.finditer(text):
        before, after = compact(text[: arrow.start()]), compact(text[arrow.end() :])
        if any(not w[:1].isdigit() and w in after and w not in before for w in words):
            return True
    return False


def _superseded(words: list[str], text: str) -> bool:
    """Whether a number asked is the one a change replaced ("(의결) 3년 → (공모) 1년 2개월"):
    the last figure before an arrow, and not written after it; what the bullet says it became
    is what holds. Figures further before the arrow ("65개 단체 179명 신청 → …") and dates
    ("90일 연장(’21.8.22.→ 11.20.)") are not replaced."""
    numbers = [compact(w) for w in words if w[:1].isdigit()]
    for arrow in re.finditer(r"→|->", text):
        before = re.findall(r"\d[\d,.]*\s*[가-힣]*", text[: arrow.start()])
        last = compact(before[-1]) if before else ""
        after = compact(text[arrow.end() :])
        if any(last.startswith(n) and n not in after for n in numbers):
            return True
    return False


def _counted_otherwise(words: list[str], text: str, above: str) -> bool:
    """ "위탁기간 60일 연장했지?" of "위탁기간 90일 연장": the words are there, and every number
    asked is counted otherwise in the bullet (the same counter, another number). "용산구 외 10개
    자치구" counts 11 as well."""
    numbers = [w for w in words if w[:1].isdigit()]
    plain = [w for w in words if w not in numbers]
    held = compact(text)
    if not numbers or not all(w in held or w in above for w in plain):
        return False
    for said in numbers:
        value, counter = re.match(r"([\d.,]+)(.*)", said).groups()
        if not counter:
            return False
        written = {
            float(m.group(2).replace(",", "")) + (1 if m.group(1) else 0)
            for m in re.finditer(r"(외\s*)?(\d[\d,]*(?:\.\d+)?)\s*" + re.escape(counter), text)
        }
        if not written or float(value.replace(",", "")) in written:
            return False
    return True


# Dates as the report writes them: ’21.8.9., ’21.3.~5., 9~12월, 10월.
DATE_MONTH = re.compile(r"[’'`]\s*\d{2}\.\s*(\d{1,2})\.")
# "’21.6월": a year, then a month written with 월.
YEAR_MONTH = re.compile(r"[’'`]\s*\d{2}\.\s*(\d{1,2})\s*월")
AFTER_TILDE = re.compile(r"[~∼]\s*(\d{1,2})\.(?:\s*\d{1,2}\.)?")
MONTH_SPAN = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:월\s*)?[~∼]\s*(\d{1,2})\s*월|(?<![\d.])(\d{1,2})\s*월"
)


def _date_verdict(question: Question, clause: str, above: str) -> str | None:
    """예 or 아니요 for a month or a day asked of a bullet's dates (or the ones above it); a
    day is decided only by dates written to the day. "끝났어?" sets the asked time against the
    end of the dates (done by then), "까지야?" asks whether the end is then, otherwise any
    date may fall in it."""
    months, facet = question.months, question.facet
    asked_day = months.day
    dated = _dated_points(clause) or _dated_points(above)
    if any(year != months.first.year for year, _, _ in dated):
        # dates that run into another year ("’21. 11. 21. ∼ ’22. 12. 31."), or a year asked
        # that is not theirs: the dates with their years decide it
        return _dated_verdict(question, dated)
    spans = _day_spans(clause) or (_day_spans(above) if not _months_written(clause) else [])
    if spans:
        if asked_day is not None and months.last_day is not None:
            # "8월 9일부터 8월 28일까지 해?": the span said is the one written, both ends.
            asked = ((months.first.month, asked_day), (months.last.month, months.last_day))
            return "예" if any((a, b) == asked for a, b in spans) else "아니요"
        if asked_day is None:
            # Months asked of dates written to the day: compare months.
            spans = [((a[0], 1), (b[0], 31)) for a, b in spans]
            asked = ((months.first.month, 1), (months.last.month, 31))
        else:
            asked = ((months.first.month, asked_day), (months.first.month, asked_day))
        end = spans[-1][1]
        if facet == "by":
            return "예" if end <= asked[1] else "아니요"
        if facet == "until":
            return "예" if asked[0] <= end <= asked[1] else "아니요"
        held = any(a <= asked[1] and asked[0] <= b for a, b in spans)
        return "예" if held else "아니요"
    if asked_day is not None:
        return None  # a day asked of dates written by month only
    # ("’21.6월": a month written after the year, read only when deciding)
    written = (_months_written(clause) | _year_months(clause)) or _months_written(above)
    if not written:
        return None
    asked = set(range(months.first.month, months.last.month + 1))
    if facet == "by":
        return "예" if max(written) <= max(asked) else "아니요"
    if facet == "until":
        # "12월까지 해?": the dates end in the last month asked (하반기 said beside it only
        # widens where they may start).
        return "예" if max(written) == months.last.month else "아니요"
    return "예" if asked & written else "아니요"


# A date with its year ("’21. 11. 21.", "’23. 12."), or a month (and day) after a ~ or → that
# takes the year before it ("’21.8.22.→ 11.20.").
DATED_POINT = re.compile(
    r"(?:[’']\s*(?P<y>\d{2})|(?<!\d)(?P<Y>20\d{2}))\.\s*(?P<m>1[0-2]|0?[1-9])\s*[.월]"
    r"(?:\s*(?P<d>[12]\d|3[01]|0?[1-9])(?![\d,]))?"
    r"|[~∼→]\s*(?P<m2>1[0-2]|0?[1-9])\.(?:\s*(?P<d2>[12]\d|3[01]|0?[1-9])(?![\d,]))?"
)


# How far apart the years of bullets with no dates are taken to be from any asked.
YEARS_APART = 99


def _marked_year(words: list[str], text: str, this_year: int) -> int | None:
    """The year a bracket marks the first word asked with: the mark after it in its stretch of
    the text ("구로거점(’23)"), else the one before it ("(’22년) 정식 운영"); "(연내)" is the
    text's own year. None when no mark is near it."""
    # (a 구 typed with 구 is written without it: "중랑구" of "중랑·금천(’22)")
    said = [district(w) or w for w in words if len(w) >= 2 and not w[:1].isdigit()]
    found = [m for w in said if (m := re.search(r"\s*".join(map(re.escape, w)), text))]
    if not found:
        return None
    return year_marked_at(text, min(m.start() for m in found), this_year)


def _events(words: list[str], text: str) -> str | None:
    """Of a bracket that dates two events or more apart ("(’19.1. 제정, ’20.1. 시행)"), the
    one whose own word was asked ("" when none or several was); None when the text dates one
    thing only."""
    parts = [p for p in re.split(r",\s*", text) if _dated_points(p)]
    if len(parts) < 2:
        return None
    # An event's own word is what stands beside its date, not the words every part shares.
    labels = [compact(DATED_POINT.sub(" ", p).split("(")[-1]) for p in parts]
    held = [p for p, label in zip(parts, labels, strict=True)
            if any(len(w) >= 2 and w in label for w in words)]  # fmt: skip
    return held[0] if len(held) == 1 else ""


def _year_verdict(question: Question, year: int) -> str:
    """예 or 아니요 for years asked of the year a thing is marked with: by or until a year, any
    year up to it will do; otherwise the year must be one asked."""
    first, last = question.months.first.year, question.months.last.year
    if question.facet in ("by", "until"):
        return "예" if year <= last else "아니요"
    return "예" if first <= year <= last else "아니요"


def _dated_points(text: str) -> list[tuple[int, int, int | None]]:
    """The dates a text writes with their years, in order, as (year, month, day or None)."""
    points: list[tuple[int, int, int | None]] = []
    for match in DATED_POINT.finditer(text):
        if match.group("y") or match.group("Y"):
            year = int(match.group("Y") or 2000 + int(match.group("y")))
            month, day = match.group("m"), match.group("d")
        elif points:
            year, month, day = points[-1][0], match.group("m2"), match.group("d2")
        else:
            continue
        points.append((year, int(month), int(day) if day else None))
    return points


def _dated_verdict(question: Question, points: list[tuple[int, int, int | None]]) -> str | None:
    """예 or 아니요 for a date asked (with its year) of dates written with theirs: "까지" asks
    whether they end then, "끝났어" whether they end by then, otherwise whether it falls in
    them. A day is compared only where both say one."""
    if not points:
        return None
    months = question.months
    first = (months.first.year, months.first.month)
    last = (months.last.year, months.last.month)
    start, end = points[0], points[-1]
    if question.facet == "until":
        same = first <= (end[0], end[1]) <= last  # (a year said alone: ending in it)
        day = months.day is None or end[2] is None or end[2] == months.day
        return "예" if same and day else "아니요"
    if question.facet == "by":
        return "예" if (end[0], end[1]) <= last else "아니요"
    return "예" if (start[0], start[1]) <= last and first <= (end[0], end[1]) else "아니요"


# A date written to the day: ’21.8.9., 9.1., ’21. 11. 21. (never 12.9% or 358.4억).
DAY_POINT = re.compile(
    r"(?<![\d.,])(?:[’']\s*(\d{2})\.\s*)?(1[0-2]|0?[1-9])\.\s*([12]\d|3[01]|0?[1-9])"
    r"(?:\.|(?=\s*[)~∼→(,]|\s|$))"
)
DAY_SPAN = re.compile(r"^\s*[~∼→-]\s*$")


def _day_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The dates a text writes to the day, as (month, day) spans in order: "’21.8.9.~8.28." is
    one span, "(9.1.)" a span of one day."""
    points = list(DAY_POINT.finditer(text))
    spans = []
    i = 0
    while i < len(points):
        start = (int(points[i].group(2)), int(points[i].group(3)))
        if i + 1 < len(points) and DAY_SPAN.match(text[points[i].end() : points[i + 1].start()]):
            spans.append((start, (int(points[i + 1].group(2)), int(points[i + 1].group(3)))))
            i += 2
        else:
            spans.append((start, start))
            i += 1
    return spans


def _clause_of(text: str, words: list[str]) -> str:
    """The clause of a bullet that holds the words asked ("경사지정비공사(5.12.~6.10.)" of a
    bullet that lists two works and their dates); the whole bullet when none or all do."""
    clauses = [c for c in re.split(r"(?<=\)),\s*", text) if c.strip()]
    held = [sum(compact(w) in compact(c) for w in words if len(w) >= 2) for c in clauses]
    best = max(held, default=0)
    if len(clauses) < 2 or best == 0 or held.count(best) > 1:
        return text
    return clauses[held.index(best)]


def _asked_clause(text: str, words: list[str]) -> str:
    """Of a bullet that lists things each with its own bracket ("경사지정비공사(5.12.~6.10.),
    진흥로변노후담장정비공사(6.24.~7.22.)"), the one the asked words name; else the bullet."""
    clause = _clause_of(text, words)
    clauses = [c for c in re.split(r"(?<=\)),\s*", text) if c.strip()]
    listed = all(BRACKETED_END.search(c) for c in clauses)
    return clause.strip() if clause != text and listed else text


# A clause that ends with its own bracket: "구로거점(’23)", "은평구청(운영주체)".
BRACKETED_END = re.compile(r"\([^()]+\)\s*$")


def _year_months(text: str) -> set[int]:
    return {int(m) for m in YEAR_MONTH.findall(text) if 1 <= int(m) <= 12}


def _months_written(text: str) -> set[int]:
    """Every month a bullet's dates cover, from the first written to the last."""
    months = [int(m) for m in DATE_MONTH.findall(text) + AFTER_TILDE.findall(text)]
    for match in MONTH_SPAN.finditer(text):
        months += [int(g) for g in match.groups() if g]
    months = [m for m in months if 1 <= m <= 12]
    return set(range(min(months), max(months) + 1)) if months else set()


def _labelled_around(asked: set[str], text: str, start: int, end: int, after: bool) -> bool:
    """Whether an asked word labels a figure from around it: the bracket before it
    (`(선정·입주) 28개` for 선정입주), or with `after` the words after it in its clause
    (`4개 사업 선정`)."""
    if after:
        clause = re.split(r"[⇒→,()/]|\s[-–]\s", text[end:], maxsplit=1)[0]
        # ("신청·접수": each of its words labels the figure)
        labels = [compact(part) for w in clause.split()[:3] for part in re.split(r"[·ㆍ]", w)]
    else:
        bracket = re.search(r"\(([^()]{1,12})\)\s*$", text[:start])
        labels = [compact(bracket.group(1))] if bracket else []
        # "(선정·입주)": each of its words labels the figure too.
        labels += [compact(w) for w in re.split(r"[·ㆍ,]", bracket.group(1))] if bracket else []
    return any(len(label) >= 2 and _labels_word(label, word) for label in labels for word in asked)


# What a word asked adds to the label the text writes: 신청자 of "3,201명 신청", 선정 건수.
LABEL_ADDS = ("자", "수", "자수", "건수", "인원")


def _labels_word(label: str, word: str) -> bool:
    return label == word or (word.startswith(label) and word[len(label) :] in LABEL_ADDS)


def _label(before: str) -> str:
    """The word that labels a figure: `운영` in `운영 41개소`, `대면회의` in `대면회의(39회)`,
    `공모` in `(공모) 65개`."""
    found = re.search(r"([가-힣]+)\s*[():]?\s*$", before)
    return found.group(1) if found else ""


def _with_second_ask(picked: list, scored: list, words: list[str], unit: str | None = None) -> list:
    """ "선정된 단체 수와 현 수탁기관", "임기 종료 시점과 시민총회 개최일": words the first
    bullet does not hold that another bullet of the same project does are a second fact asked —
    that bullet comes second."""
    _, first, parent = picked[0]
    held = compact(f"{first['text']} {parent['text'] if parent else ''}")
    left = [w for w in words if len(w) >= 2 and w not in held]
    if not left:
        return picked
    shown = {id(r) for _, r, _ in picked[:1]}
    # (the first bullet gives one count in the unit asked: another count is asked apart)
    one_count = unit not in (None, ANY_COUNTER) and len(_unit_counts(unit, first["text"])) == 1
    # (a period asked is the bullet that gives its dates: "위탁기간 : ’21. 11. 21. ∼ …")
    period = any(w.endswith("기간") or w == "임기" for w in left)

    def fits(row: Row) -> float:
        dated = period and bool(_dated_points(row["text"]))
        # (and the one it labels, "위탁기간 : …", before one that only mentions it)
        labelled = dated and any(re.search(re.escape(w) + r"\s*[:)]", row["text"]) for w in left)
        # (a count in the unit asked: "업무공간 몇 석이고 추가 모집은 몇 석?" — 잔여공간 24석)
        counted = one_count and _counts(unit, row["text"]) and text_score(left, row["text"]) > 0
        return (text_score(left, row["text"]) + (1 if dated else 0) + (1 if labelled else 0)
                + (1 if counted else 0))  # fmt: skip

    others = [(fits(r), entry) for entry in scored
              if (r := entry[1])["project_no"] == first["project_no"] and id(r) not in shown]  # fmt: skip
    best = max(others, key=lambda o: o[0], default=None)
    if best is None or best[0] < MIN_SECOND:
        return picked
    entry = best[1]
    # (the two facts asked are the answer: another heading's alike figures would read as rivals)
    # (a detail under the second fact is part of it: "… 공유촉진 사업 공모" → "용산구 외 10개
    # 자치구, 15개 사업 200백만원 지원")
    second = entry[1]

    def kept(p: tuple) -> bool:
        under = (p[1]["project_no"], p[1]["part"], p[1]["parent_position"]) == (
            second["project_no"], second["part"], second["position"])  # fmt: skip
        return under or not (_elsewhere(picked[0], p) and _alike(picked[0], p))

    return [picked[0], entry] + [p for p in picked[1:] if p[1] is not second and kept(p)]


# How much of the words left over (in letters) a bullet must hold to be the second fact asked.
MIN_SECOND = 3


def _pick(scored: list, alone: bool = True) -> list:
    """The bullets that answer: the best one, and others about as good; a bullet of another
    initiative that gives figures of its own is left out (its counts and amounts are not the
    ones asked, and read beside the answer they mislead)."""
    best = scored[0][0] if scored else 0
    picked = []
    for entry in scored:
        score, row, _parent = entry
        shown = {id(r) for _, r, _ in picked} | {id(p) for _, _, p in picked if p}
        if score >= max(best * 0.6, 1) and id(row) not in shown and len(picked) < PICKED:
            rival = picked and _elsewhere(picked[0], entry) and _alike(picked[0], entry)
            if alone and rival and score < best * CLEAR_LEAD:
                continue
            picked.append(entry)
    return picked


# A bullet this far behind the best one, under another heading and with figures of the same
# kind, is a rival answer rather than support: it is not shown.
CLEAR_LEAD = 0.9
FIGURE_KIND = re.compile(r"\d[\d,.]*\s*(백만원|억원|천원|원|명|개소|개|회|석|건|곳|%)")


def _alike(first: tuple, other: tuple) -> bool:
    """Whether two bullets give figures of the same kind (both amounts in 백만원, both 명 …):
    beside the answer, another initiative's such figure reads as a rival answer."""
    kinds = set(FIGURE_KIND.findall(first[1]["text"]))
    return bool(kinds & set(FIGURE_KIND.findall(other[1]["text"])))


def _elsewhere(first: tuple, other: tuple) -> bool:
    """Whether a bullet stands under another heading than the first one picked."""
    row, other_row = first[1], other[1]
    if row["project_no"] != other_row["project_no"] or row["part"] != other_row["part"]:
        return True
    family = {row["position"], row["parent_position"]}
    return other_row["parent_position"] not in family and other_row["position"] not in family


def _marked(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """ "마을활력소 중 2023년에 생기는 곳": the stretches of the text marked with the year asked
    ("구로거점(’23)"), first; then the bullets they stand in."""
    year = question.months.first.year
    found = [(row, said) for row in rows if row["part"] != "계획"
             for marked, said in marked_spans(row["text"], report.as_of.year) if marked == year]  # fmt: skip
    title = rows[0]["title"] if rows else ""
    if not found:
        lines = [f"{title}: {year}년으로 표시된 것은 보고서에 없습니다.", report.closing()]
        return finish(lines, "status", plan)
    said = " · ".join(dict.fromkeys(s for _, s in found))
    bullets = list(dict.fromkeys(id(r) for r, _ in found))
    shown = [r for r in rows if id(r) in bullets]
    lines = [f"{title} {year}년 표시: {said}"]
    lines += [f"• {r['text']}" for r in shown]
    lines.append(report.closing(*(r["source"] for r in shown)))
    return finish(lines, "status", plan, shown)


def _overview(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    project = report.catalog.project(question.subjects[0].project_no)
    outline = [r for r in rows if r["part"] == "개요" and r["depth"] <= 1][:4]
    lines = [f"{project.name} ({project.division}) 사업개요:"]
    lines += [f"• {r['text']}" for r in outline]
    lines.append(report.closing(*(r["source"] for r in outline[:2])))
    return finish(lines, "overview", plan, rows[:1], entity=project.name,
                  followups=followups(project.name, ("추진현황", "향후계획")))  # fmt: skip


def item_score(words: list[str], unit: str | None, row: Row, parent: Row | None) -> float:
    """How well a bullet answers: its own words first, its parent's a little, the asked counter."""
    score = text_score(words, row["text"]) * 10
    if parent is not None:
        # The parent only adds what the bullet itself does not say.
        own = compact(row["text"])
        score += text_score([w for w in words if w not in own], parent["text"]) * 2
    if unit and (score or not words):
        # "몇 명" is answered by a bullet that counts people, not by one that only names them;
        # a count of something else, about none of the words asked, answers nothing.
        score = score + 30 if _counts(unit, row["text"]) else score * 0.5
    if score:
        score += 2 * min(3, len(COUNTED.findall(row["text"])))
        score += 1 if row["depth"] <= 1 else 0
    return score


def _unit_counts(unit: str, text: str) -> list[str]:
    """The counts in `unit` the text gives (`77석`)."""
    counter = r"(?:백만|억|천)?원" if unit == "원" else counter_family(unit)
    return re.findall(r"\d[\d,.]*\s*여?\s*(?:개\s*)?" + counter, text)


def _counts(unit: str, text: str) -> bool:
    """Whether the text counts something in `unit`: `114회`, not the 회 of 협의회; 원 is any money."""
    if unit == ANY_COUNTER:
        return COUNTED.search(text) is not None
    counter = r"(?:백만|억|천)?원" if unit == "원" else counter_family(unit)
    # "28개 단체", "9개 기관": a counter word may follow 개.
    return re.search(r"\d[\d,.]*\s*여?\s*(?:개\s*)?" + counter, text) is not None

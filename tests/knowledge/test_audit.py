"""/검증: the report's own disagreements, grouped by kind, most material first, each with both
figures, their places, the gap and a plain reading; narrowed to a 과, project or line on request."""

from __future__ import annotations

import re

import pytest

from knowledge import Engine
from knowledge.audit import audit_report

ITEM = re.compile(r"^\d+\. ")
GROUP = re.compile(r"^\[(.+)\] (\d+)곳$")

# Every disagreement of the 2021-08-13 report as /검증 lists it, in its order: a finding that
# appears or vanishes changes this list.
FULL_LIST = [
    "[Ⅲ장 예산표 대 Ⅳ장] 3곳",
    "1. 서울민주주의위원회 운영 — Ⅲ장 예산표와 Ⅳ장 세부사업 현황이 다름",
    "2. 동단위 전환계획 수립 지원 — Ⅲ장 예산표와 Ⅳ장 세부사업 현황이 다름",
    "3. 지속가능한 도시전환랩 운영 — Ⅲ장 예산표와 Ⅳ장 세부사업 현황이 다름",
    "[비율] 1곳",
    "4. 서울시민 행복증진 — 적힌 비율과 금액으로 계산한 비율이 다름",
    "[합계·소계] 3곳",
    "5. 시민협력국 — 합계와 항목을 더한 값이 다름",
    "6. 시민숙의예산과 — 합계와 항목을 더한 값이 다름",
    "7. 사회협력과 — 합계와 항목을 더한 값이 다름",
    "[Ⅰ장 대 Ⅳ장] 1곳",
    "8. 시민협력국 — Ⅰ장 세출 총괄과 Ⅳ장 합계가 다름",
    "[본문 수치] 1곳",
    "9. 지역 커뮤니티 공간 조성·운영지원 — 본문 두 곳의 ‘조성 중’ 개수가 다름",
    "[이름 표기] 2곳",
    "10. 서울민주주의위원회 운영 — 같은 세부사업의 이름이 Ⅲ장과 Ⅳ장에서 다름",
    "11. 서울혁신파크 조성사업 — 같은 세부사업의 이름이 Ⅲ장과 Ⅳ장에서 다름",
]


def heads(text: str) -> list[str]:
    return [line for line in text.splitlines() if ITEM.match(line) or GROUP.match(line)]


def test_the_full_list_of_the_reports_disagreements(engine: Engine) -> None:
    answer = audit_report(engine)
    assert (
        answer.text.splitlines()[0] == "보고서 안에서 서로 맞지 않는 곳 11곳 (큰 것부터, 종류별):"
    )
    assert heads(answer.text) == FULL_LIST
    assert answer.sql is not None and "inconsistencies" in answer.sql


@pytest.mark.parametrize(
    ("item", "lines"),
    [
        (
            "1. 서울민주주의위원회 운영",
            [
                "   예산현액: 475,200천원 (Ⅲ 줄 329) ↔ 751,274천원 (Ⅳ 줄 878), 차이 276,074천원",
                "   원인행위액: 451,603천원 ↔ 584,103천원, 차이 132,500천원",
                "   지출액: 240,628천원 ↔ 373,128천원, 차이 132,500천원",
                "   → Ⅲ장 표의 금액이 모두 작고 이름에 ‘(서울시민회의 구성 및 운영)’이 붙어 있습니다: "
                "세부사업의 그 부분만의 수치를 세부사업 전체 이름 아래 적은 것으로 보입니다"
                "(부분의 수치를 전체처럼 적음).",
            ],
        ),
        (
            "5. 시민협력국",
            [
                "   지출액: 65,419,160천원 (Ⅳ 줄 874) ↔ 65,410,160천원 (Ⅳ 줄 876–949 합산), 차이 9,000천원",
                "   → 숫자 한 자리만 다릅니다(65,41[9],160천원 ↔ 65,41[0],160천원): 항목의 합과 맞지 "
                "않는 쪽, 즉 합계의 오기로 보입니다.",
            ],
        ),
        (
            "7. 사회협력과",
            [
                "   원인행위액: 6,773,215천원 (Ⅳ 줄 927) ↔ 6,773,216천원 (Ⅳ 줄 929–947 합산), 차이 1천원",
                "   → 천원 단위 반올림 차이로 보입니다: 항목마다 천원 미만을 반올림하면 합계와 1천원 "
                "안팎이 어긋날 수 있습니다.",
            ],
        ),
        (
            "4. 서울시민 행복증진",
            [
                "   연말 예상 집행률: 80.5% (Ⅲ 줄 384) ↔ 75.4% (계산: 연말 집행예상액 349,700천원 ÷ "
                "예산현액 464,000천원), 차이 5.1%p",
                "   → 금액으로 계산하면 75.37%: 반올림(75.4%)으로도 버림(75.3%)으로도 적힌 값(80.5%)이 "
                "나오지 않습니다. 적힌 비율이 틀렸거나 다른 금액으로 계산된 것으로 보입니다.",
            ],
        ),
        (
            "8. 시민협력국",
            [
                "   지출액: 65,410,160천원 (Ⅰ 줄 174) ↔ 65,419,160천원 (Ⅳ 줄 874), 차이 9,000천원",
                "   → 숫자 한 자리만 다릅니다(65,41[0],160천원 ↔ 65,41[9],160천원). 65,410,160천원은 "
                "과별 금액의 합과 맞고 65,419,160천원은 맞지 않습니다: 65,419,160천원 쪽의 오기로 "
                "보입니다.",
            ],
        ),
        (
            "9. 지역 커뮤니티 공간 조성·운영지원",
            [
                "   조성 중: 20개소 (Ⅲ 줄 561) ↔ 8개소 (Ⅲ 줄 567), 차이 12개소",
                "   → 같은 기준일의 같은 상태를 12개소 다르게 셌습니다. 어느 쪽이 기준일 현재의 수인지 "
                "보고서만으로는 알 수 없습니다.",
            ],
        ),
        (
            "11. 서울혁신파크 조성사업",
            [
                "   이름: 서울혁신파크 조성 (Ⅲ 줄 648) ↔ 서울혁신파크 조성사업 (Ⅳ 줄 931)",
                "   → Ⅳ장이 ‘사업’을 덧붙여 적었습니다. 같은 세부사업으로 보고 대조했습니다.",
            ],
        ),
    ],
    ids=["part-as-whole", "typo-in-a-total", "rounding-1천원", "rate", "I-vs-IV", "text", "name"],
)
def test_a_finding_shows_both_figures_the_gap_and_a_reading(
    engine: Engine, item: str, lines: list[str]
) -> None:
    text = audit_report(engine).text.splitlines()
    start = next(i for i, line in enumerate(text) if line.startswith(item + " — "))
    assert text[start + 1 : start + 1 + len(lines)] == lines


@pytest.mark.parametrize(
    ("subject", "items"),
    [
        ("사회협력과", ["동단위 전환계획 수립 지원", "지속가능한 도시전환랩 운영",
                       "서울혁신파크 조성사업", "사회협력과"]),
        ("지역공동체과", ["지역 커뮤니티 공간 조성·운영지원"]),
        ("시민참여과", ["서울민주주의위원회 운영", "서울시민 행복증진", "서울민주주의위원회 운영"]),
        ("혁신파크", ["서울혁신파크 조성사업"]),
        ("마을활력소", ["지역 커뮤니티 공간 조성·운영지원"]),
        ("서울민주주의위원회 운영", ["서울민주주의위원회 운영", "서울민주주의위원회 운영"]),
        ("시민협력국", [line.split(" — ")[0].split(". ", 1)[1] for line in FULL_LIST
                       if ITEM.match(line)]),
        ("시민참여예산 추진", []),
    ],
    ids=["division", "division-text", "division-lines", "project-alias", "project-alias-text",
         "line", "bureau-everything", "nothing"],
)  # fmt: skip
def test_a_named_division_project_or_line_narrows_the_list(
    engine: Engine, subject: str, items: list[str]
) -> None:
    text = audit_report(engine, subject).text
    found = [line.split(" — ")[0].split(". ", 1)[1] for line in heads(text) if ITEM.match(line)]
    assert found == items
    if not items:
        assert "서로 맞지 않는 수치는 찾지 못했습니다" in text


def test_an_unknown_name_is_said_politely(engine: Engine) -> None:
    answer = audit_report(engine, "교통국")
    assert answer.text.startswith("‘교통국’을(를) 시민협력국 업무보고에서 찾지 못했습니다.")
    assert not heads(answer.text)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("보고서 불일치", "보고서 안에서 서로 맞지 않는 곳 11곳"),
        ("보고서에서 숫자 안 맞는 곳", "보고서 안에서 서로 맞지 않는 곳 11곳"),
        ("보고서 오류 알려줘", "보고서 안에서 서로 맞지 않는 곳 11곳"),
        ("사회협력과 불일치", "사회협력과 관련 보고서 안에서 서로 맞지 않는 곳 4곳"),
    ],
)
def test_questions_the_reader_sends_to_the_audit_get_the_same_list(
    engine: Engine, question: str, first: str
) -> None:
    answer = engine.ask(question)
    assert answer.intent == "audit"
    assert answer.text.startswith(first)

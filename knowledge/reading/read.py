"""The read stage: a question as typed → the typed Question it asks. All "what was asked" lives here.

The text is taken apart in three passes (quantities, then names and known words, then what is
left), and the Question is put together from what was found by general rules: a set word and a
condition make a group, two names and "합치면" a sum, a figure and "넘어?" a yes/no check.
A word nothing explains is never dropped: it is looked for in the report's prose, or reported.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from knowledge.measures import COUNT, MONEY, PEOPLE, RATE, Measures
from knowledge.reading import question as q
from knowledge.reading.catalog import Catalog, Passage
from knowledge.reading.follow import Before, Told, every_listed, follow, text_sum
from knowledge.reading.hangul import has_final, is_hangul
from knowledge.reading.lexicon import FILLER, MEASURE, Lexicon
from knowledge.reading.lexicon import RATE as RATE_WORD
from knowledge.reading.match import leaders
from knowledge.reading.months import resolve_months
from knowledge.reading.normalize import (
    MAX_LENGTH,
    WORD_BREAK,
    bare_place,
    clean,
    compact,
    district,
    organisations,
)
from knowledge.reading.quantities import (
    COUNTED_UNIT,
    GAP,
    MONEY_UNITS,
    NATIVE,
    NATIVE_NUMBERS,
    Figure,
    Quantities,
    find_quantities,
)
from knowledge.reading.question import Condition, Group, Months, Question, Ranking, Subject
from knowledge.reading.scan import Keyword, Scan, Unknown, asks_count, scan
from knowledge.reading.subjects import Resolved, Subjects

# Set words → the kind of thing a group holds.
SET_WORDS = (("projects", "project_row"), ("revenue_list", "revenue"), ("lines_word", "line"),
             ("division_word", "division"))  # fmt: skip
RANK_WORDS = ("ranking", "ranking_high", "ranking_low")
# The default measure of a condition by the unit of its figure.
DEFAULT_BY_UNIT = {MONEY: "budget", RATE: "spent_rate", PEOPLE: "current"}
# A check on a fact written in a project's text rather than on a declared measure.
FACT = "fact"
# Endings of a comparison word that make it a question ("넘어", "넘지", "넘나").
QUESTION_ENDINGS = ("어", "지", "나", "니", "냐", "죠", "까", "요", "야", "습니까", "음", "임")
# Where one question ends and another begins: "몇 개고 …", "얼마이고 …", "…, 그리고".
# A clause that ends as a question does ("…맞는지,", "…얼마인지", "…입니까"), before 그리고/이며.
ASKS_ITSELF = re.compile(
    r"(?:는지|인지|은지|습니까|나요|맞아|맞지|얼마|몇\s*[가-힣]{0,2}|[?？]"
    r"|(?:언제|어디서?|얼마나?|몇\s*[가-힣]{0,2}\s)\s*[가-힣]{1,5})\s*[,，]?\s*$"  # "언제 열리고 …": when, then another ask
)
# "소관 부서와 예산현액", "담당 과하고 집행률": the 과 in charge and a figure, two asks.
OFFICE_AND = re.compile(
    r"(?:부서|소관|담당\s*과|담당)\s*(?:와|랑|이랑|하고|및|,)\s"
    # "혁신파크 운영 예산이랑 담당과": the figure, and then its 과 asked beside it
    r"|(?:이랑|랑|하고|과|와|및|,)\s*(?:담당|소관)\s*(?:과|부서)"
    # "「…」은 어느 과 세부사업이며 예산현액은": which 과, then its own figure
    r"|어느\s*(?:과|부서)\s*(?:의\s*)?(?:세부사업|사업|소관|담당)?\s*(?:이며|이고|인지|,)"
)
# "예산-지출", "원인행위 − 지출": a measure written less another.
MINUS = re.compile(r"[가-힣]\s*[-−]\s*[가-힣]")
# Answers that already hold every part of a two-part question ("과 몇 개고 팀 몇 개야").
WHOLE = frozenset({q.PARTS, q.ORGANIZATION})
# "…이라고 적었는데 맞아?": what the asker wrote down (적다 as to write, not to be few).
# "1억원(100,000천원)": the same amount said again in another unit, in brackets.
# Head counts of a 과 (not kinds of staff): 현원, 정원, 과부족, 결원.
HEAD_COUNTS = frozenset({"current", "quota", "shortage", "vacancies"})
# "미집행 세부사업 4건의 예산현액 합계": how many there are, said again of the set named.
RESTATED_COUNT = re.compile(r"(사업|항목|과|부서)\s*\d+\s*(?:건|개)의(?=\s)")
# "…(A, B, C) 3건의 예산현액 합계": how many things a list just named holds, said again.
LISTED_COUNT = re.compile(r"(?<=[)가-힣])\s+\d+\s*(?:건|개)의(?=\s)")
RESTATED_AMOUNT = re.compile(r"(?<=[원억만])\s*\(\s*[\d,.]+\s*(?:천원|백만원|만원|억원|원)\s*\)")
THINGS = frozenset({"거", "것", "건", "게", "거는", "것은", "사업", "항목", "과", "곳"})
THING_ENDING = re.compile(r"(?:하|되)?(?:는|한|던|할)(?:거|것|건)$")
GLUED_ASIDE = re.compile(r"(?<=[가-힣]{2})(말고|빼고|제외하고)(?=[\s?.!,)]|$)")
QUOTED_WRITING = re.compile(r"라고\s*(?:적|썼|써|쓴|기재|작성|표기|기입)[가-힣]*")
# "…저조한 것으로 보이는데, 집행률을 밝혀 주십시오": what the asker believes, then the question.
PREMISE_CLAUSE = re.compile(r"(?<=[가-힣])(?:는데|은데|인데|지만|으나)\s*[,，]\s*")
# "전년 대비 얼마나 증가": the year before is what the change is against, not another measure.
AGAINST_LAST_YEAR = re.compile(
    r"((?:전년도?|작년|지난\s*해|[’'‘]?20년|2020년)(?:\s*예산)?)\s*(?:대비|보다|에\s*비해|에\s*비하여)"
)
SECTION_REFERENCE = re.compile(r"[ⅠⅡⅢⅣⅤ]\s*(?:장|\.)?")
# Staffing said as filling the 정원 or being short of people: 결원 (정원 − 현원) none or some.
# "정원 다 채운 과" → 결원 없는 과, "정원 못 채웠지?" → 결원 있지?, "인원 모자란 과" → 결원 있는.
QUOTA_FILLED = re.compile(
    r"(?:정원|인원)\s*(?:을|를|이|은|도)?\s*(?:다|모두|전부|꽉)?\s*(?P<not>(?:못|안)\s*)?"
    r"(?P<verb>채워진|채운|채웠|채우|찼|찬|차\s*있)(?P<end>[가-힣]*)"
)
# "모자란 과", "부족한 부서": a 과 short of something, with no money said: of people.
OFFICE_SHORT = re.compile(r"(?<![가-힣])(?:모자란|모자라는|부족한)\s*(?=과|부서)")
STAFF_SAID = re.compile(r"정원|현원|인원|사람|직원|인력|결원")
MONEY_SAID = re.compile(r"예산|돈|금액|원인행위|지출|집행|세입|징수|억|천원")
PEOPLE_SHORT = re.compile(
    r"(?:인원|사람|직원|인력)\s*(?:이|은|도)?\s*(?:좀\s*)?"
    r"(?P<verb>모자란|모자라는|부족한|모자라|모자르|부족하|부족해)(?P<end>[가-힣]*)"
)

# "정원과 현원이 같은 과", "현원 정원 같은 부서 몇 개": 같은 after two measures says they are
# equal; it is not the "같은 과" of a follow-up ("the same 과").
SAME_OFFICE = re.compile(r"(?<=\s)같은(?=\s*(?:과|부서)(?:[은는이가]|\s|\?|$|어디|몇))")

# "사회협력과 말고는 다 …?", "시민참여과 빼고 나머지 과는 …": every other 과.
OTHERS_THAN = re.compile(
    r"^(?P<named>\S+?)(?:은|는|을|를)?\s*(?:"
    r"(?:말고는|빼고는|빼곤|제외하고는|외에는|이외에는)\s+(?P<rest>.*)"
    r"|(?:말고|빼고|제외하고|외에|이외에|제외한|뺀)\s+(?P<all>(?:다|모두|전부|나머지|다른|모든)\s.*))$"
)


def _restated_list_count(text: str) -> str:
    """The count said again after a list of names ("A, B, C 3건의"), taken out; never a top
    count ("상위 3개의")."""
    if "," not in text:
        return text
    return LISTED_COUNT.sub(
        lambda m: m.group() if re.search(r"(?:상위|하위|top|TOP)\s*$", text[: m.start()]) else "",
        text,
    )


def _staffing_as_vacancies(text: str) -> str:
    """The 정원 filled (or not) and people short, said as 결원 있는/없는 (있어/없어 when asked)."""

    def said(some: bool, match: re.Match) -> str:
        adnominal = match.group("verb") in (
            "채운",
            "채워진",
            "찬",
            "모자란",
            "모자라는",
            "부족한",
        ) and not (match.group("end"))
        if adnominal:
            return "결원 있는" if some else "결원 없는"
        claimed = "지" in match.group("end") or "죠" in match.group("end")
        return ("결원 있" if some else "결원 없") + ("지" if claimed else "어")

    text = QUOTA_FILLED.sub(lambda m: said(bool(m.group("not")), m), text)
    text = PEOPLE_SHORT.sub(lambda m: said(True, m), text)
    if not MONEY_SAID.search(text) and not STAFF_SAID.search(text):
        # "모자란 과는 어디야?" (people asked before, or nothing else said): 결원 있는 과; what
        # is short said ("현원이 부족한 과") is read by the rules above and the reader.
        text = OFFICE_SHORT.sub("결원 있는 ", text)
    return text


# "A 예산이랑 B 집행률": a measure word joined to what follows by 이랑/와/과/하고 or a comma.
PAIRED = re.compile(r"(?<=[가-힣])(?:이랑|랑|하고|와|과)?\s*[,，]?\s+")
# "…이고", "…며", "그리고": two asks in one message; "반영하려고" says what for, not "and".
# A question mark with a sentence after it: two questions asked one after the other.
QUESTION_BREAK = re.compile(r"(?<=[가-힣)][?？])\s+(?=\S)")
CLAUSE = re.compile(r"(?<=[가-힣])(?<!려)(?:이고|고|이며|며)\s*[,，]?\s+|\s*,?\s*그리고\s+|\s*;\s*")
# Question words: a question that has one asks what, how much or which, not yes or no.
# What the report writes of something given free: a check finds either.
FREE_OF_CHARGE = "무상|무료"
WH_WORDS = re.compile(
    r"얼마|몇|며칠|어느|어떤|어떻게|무슨|누가|누구|언제|어디|뭐|무엇|뭔"
    r"|(?<![가-힣])머(?:머|였|임|야|지|냐|에요|예요|있|$|\s|\?)"  # "머였음?", "머있어": 뭐 typed short
)
# Keywords that say how something is asked, not what it is.
STRUCTURAL = frozenset({FILLER, "yesno", "which", "schedule", "count", "count_people", "same",
                        "more", "less", "than", "that"})  # fmt: skip
# Words that ask for the first or the last, even when the set is put in order.
SUPERLATIVES = frozenset(
    {"가장", "제일", "꼴찌", "꼴등", "최하위", "최고", "최저", "최대", "최소", "1위", "1등"}
)
# A ranking asked "in order" lists every one.
EVERY = 100
OPPOSITE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "=": "!=", "!=": "=",
            "is_null": "not_null", "not_null": "is_null"}  # fmt: skip
# Answers that give figures: an average asked must not come back as one of them.
FIGURE_ANSWERS = frozenset({q.FIGURES, q.SUM, q.DIFFERENCE, q.SHARE, q.CHECK, q.RANK, q.COUNT,
                            q.LIST})  # fmt: skip
# Content words shorter than this, or without a letter, are noise rather than something asked.
MIN_WORD = 2
LONG_ASIDE = 4  # a word set aside this long names the line whose name holds it
HANGUL_FIRST, HANGUL_COUNT, FINALS = 0xAC00, 11172, 28
ENDING_FINALS = frozenset({8, 16})  # ㄹ, ㅁ (a final ㄴ ends too many nouns: 시민)
COLLECTION = frozenset({"collected", "collection_rate", "uncollected"})  # said only of revenue
NAMED_IN_BRACKETS = re.compile(r"(?:[가-힣]+\s)?[가-힣]+\s*\((?P<name>[가-힣A-Za-z·\s]{2,20})\)")
THING_JOINED = re.compile(r"(?P<thing>사업|거|것|프로그램|제도)(?:이랑|랑|하고|과|와)\s+")
GAP_PARTICLES = ("에서", "으로", "에", "의", "은", "는", "이", "가", "을", "를", "도", "로")
LINE_ANSWERS = frozenset(
    {q.FIGURES, q.CHECK, q.SHARE, q.PARTS}
)  # what a line described is asked (PARTS: both rates checked)
# Question words that ask "who", with nothing else about duties: the project's text may say.
ONLY_WHO = frozenset({"누가", "어디서", "어디에서", "어디가", "누구"})
# "갈등 조정하는 부서", "공유서울 계획 세우는 과의": a verb's 는-form, then the word for a 과
# (the 과 that does it); 있는/없는 say whether it has something (a condition), not what it does.
# "…담당하는 과", "…소관 부서", "…하는 과": a 과 described by its work.
OFFICE_DESCRIBED = re.compile(
    r"(?:담당|소관|맡은|맡고\s*있는|[가-힣]는)\s*(?:부서|과)(?:의|에서|에|가|이|는|은)?(?![가-힣])"
)
DOING_OFFICE = re.compile(
    r"(?:(?<![있없])(?:하|[가-힣])는|(?:맡|담당하|운영하|추진하|관리하|하)고\s*있는)"
    r"\s*(?:부서|과|팀)(?:의|는|은|가|이|에서|에)?(?![가-힣])"
)
# "예산 절약한 성과에 성과금 주는 제도 운영 사업", "청년 관련 사업": a line described by what
# it does — a clause, then the word for a line.
DESCRIBED_LINE = re.compile(
    r"[가-힣](?:는|한|하고|해서)\s|[가-힣](?:는|한)\s?(?:거|것|건)(?![가-힣])|관련|위한|위해"
)
LINE_WORDS = re.compile(r"사업|프로그램|제도|(?<=[는한] )(?:거|것|건)(?![가-힣])")
# How well a line must fit a description to be offered as a choice when none leads.
DESCRIBED_CLOSE = 0.5
# How far the best line must lead the next (in distinctive words) to be taken without asking.
DESCRIBED_LEAD = 0.9
# Or how many times the next's fit, once the best fits well (a word or more of its own).
DESCRIBED_TIMES = 1.7
# Below a clear fit, names scoring this much are offered as choices (a word four names share
# gives each a quarter).
DESCRIBED_FLOOR = 0.2
# How much a word a line's project text holds counts against one its name holds.
TEXT_WEIGHT = 0.5
# And a word of the everyday words it is described with (data/glosses.toml).
GLOSS_WEIGHT = 0.75
# "두 번째 과", "세 번째 거", "2번째 사업": a place in the last list, with the word for its item.
ORDINAL_ITEM = re.compile(
    r"(?:[한두세네]|다섯|여섯|일곱|여덟|아홉|열|첫|\d+)\s*번?\s*[째쨰]\s*"
    r"(?:거|것|건|과|부서|사업|세부사업|항목|꺼)?(?:는|은|의)?"
)
# "네 배 넘게", "5배를 넘습니까", "두 배도 안 돼": a multiple, and which side of it.
TIMES_FIGURE = re.compile(
    rf"(?P<n>{NATIVE}|\d+(?:\.\d+)?)\s*배\s*(?:를|가|도|이상|넘|초과|보다|까지)?\s*"
    r"(?:(?P<less>안\s*[되돼]|못|미만|이하|안\s*넘)|넘|이상|초과|많|늘|커|크)"
)
# "사회협력과에만 있습니까", "그 과에서만 근무": only there.
ONLY_THERE = re.compile(r"(?:에서|에)\s*만(?![가-힣]*원)|과\s*만\s*(?:있|배치|근무)")
# "엠보팅은 시민참여과 담당이야?", "전환도시 정책은 지역공동체과 일이야?", "…과에서 하지?":
# whose duty it is, asked to be confirmed.
DUTY_ASKED = re.compile(
    r"(?:과|부서)\s*(?:의\s*)?(?:(?:담당|업무|일|소관)\s*(?:이야|이지|이죠|인가요|입니까|인지|이냐|"
    r"인가|야|지|죠|임|맞아|맞지|맞죠|맞나요|맞습니까)|에서\s*(?:하지|해|하나요|하냐|하죠|맡지|맡아))"
    r"\s*\??\s*$"
)
DUTY_DONE = re.compile(
    r"(?:업무|일)?\s*(?:도|을|를|는|은)?\s*(?:맡아|맡나|맡지|맡고\s*있어|맡나요|맡습니까|맡아요|담당해|담당하나"
    r"|담당하나요|담당합니까|담당하지|해|하나|하나요|하지|하죠|해요|합니까|함)\s*\??\s*$"
)
# "10월에 해?", "9월에 함?", "12월에 열려?": whether something happens in the month said.
HAPPENS_THEN = re.compile(
    r"에\s*(?:해|함|하나|하지|해요|하나요|합니까|열려|열리나|열림|열지|열어|여나|열리지|열리나요"
    r"|열립니까|있어|있나|개최해|개최하지|개최하나|진행해|진행하지)\s*\?\s*$"
)
# "…참여하였는지 여쭙습니다", "…선정하는지 확인 바랍니다": a clause asking whether, before a
# formal request (a question word in it asks what instead: see WH_WORDS).
# How far from the years a project's text writes a year checked of it may be ("계약 25년까지
# 맞아?" of ’21. 1.~’23. 12.: its dates decide, 아니요).
YEARS_AROUND = 3
# Counters only the projects' text counts in: no set of lines or revenue items is counted so.
TEXT_ONLY_COUNTERS = frozenset({"석", "실", "평", "㎡", "일", "일간"})
EMBEDDED_YESNO = re.compile(
    r"(?:[가-힣](?:는지|은지|인지|었는지|았는지|였는지)|(?:큰|한|된|던)지|§\s*(?:는|은)?지)\s*"
    r"(?:여부\s*[를을]?\s*)?"
    r"(?:여쭙|여쭤|여쭈|확인|알려|회신|답변|문의|궁금)"
    # "…활용하는지요?": the same, asked on its own
    r"|[가-힣](?:하는|되는|했는|됐는|하였는|되었는|인)지요\s*\??\s*$"
)
COMPARED_WHETHER = re.compile(
    r"§\s*(?:는|은|었는)?지\s*(?:여부\s*[를을]?\s*)?(?:여쭙|여쭤|여쭈|확인|알려|회신|답변|문의|궁금)"
)
# "얼마 썼어": how much, asked of the verb after it.
HOW_MUCH = frozenset({"얼마", "얼마나", "얼만큼", "얼마큼", "얼마정도"})
# "예산 전체의 1%": a percentage of something named before it.
OF_WHOLE_PERCENT = re.compile(r"의\s*§")
# "마지막 거", "마지막 과": the last item of a list just shown.
LAST_ITEM = re.compile(r"(?:맨\s*)?마지막\s*(?:거|것|꺼|사업|과|항목|세부사업|건)?")
# Particles that say "only this" ("온라인으로만", "서울에서뿐").
ONLY_PARTICLES = frozenset({"만", "뿐", "밖에"})
BARE_GU = frozenset({"구에", "구에서", "구는", "구가", "구도", "구들", "구를"})
# "공개모집이야?", "시행인가요?": a noun, then a copula asking whether it is so.
# A body of the city or a ward, said by its name: 기후환경본부, 복지정책실, 행정국, 은평구청.
PUBLIC_BODY = re.compile(
    r"[가-힣]{2,}(?:본부|정책실|기획실|국)(?:와|과|이랑|랑|하고|이|가|은|는|을|를|의)?"
)
# A second ask that only asks which ones ("…몇 개고 뭐뭐야", "어디어디야").
WHICH_ONES = re.compile(
    r"(?:그게|그건|그거)?(?:뭐뭐|어디어디|어떤거|어떤것|무엇무엇|뭔지|무엇인지|어디인지)"
    r"(?:야|임|예요|에요|인지|인가요|입니까|이야|냐|지)?"
)
# Words that ask for the 향후계획 by name.
PLANS_NAMED = frozenset(
    {"향후계획", "추진계획", "추진일정", "일정", "스케줄", "계획", "향후", "예정"}
)
COPULA_ASKED = (
    "이야",
    "인가요",
    "인가",
    "입니까",
    "이에요",
    "이예요",
    "이죠",
    "이지",
    "이니",
    "이냐",
    "임",  # "무료임?", "올해부터임?": phone shorthand for "is it?"
)
# "뽑아?", "맞나?": a one-letter verb stem and the ending of a question.
SHORT_VERB_ENDINGS = frozenset("아어니나냐지")
# "엠보팅으로 해?", "11월까지 하는 거야?", "대상에 마포구 들어가?": only "does it?" after
# the words.
DOES_IT = frozenset({"해", "돼", "함", "됨", "해요", "돼요", "거야", "거예요", "거에요", "건가요",
                     "건가", "거지", "거죠", "거임", "거냐", "거니", "겁니까", "들어가", "들어가나",
                     "들어가요", "들어갔어", "들어있어", "들어가지", "포함돼", "있지", "있죠",
                     "있나요", "있습니까", "있어", "있나", "있음",
                     # "22년 말까지죠?": a date, then only "is it?"
                     "까지죠", "까지지", "까지야", "까지예요", "까지에요", "까지인가요",
                     "까지입니까", "까지임", "까지냐", "부터죠", "부터지", "부터야", "부터예요"})  # fmt: skip
# "3위야?", "2등 맞아?": a place in a ranking, asked to be confirmed.
PLACE_ASKED = re.compile(r"§\s*(?:이)?(?:야|예요|에요|인가요|인가|입니까|임)\s*\??\s*$")
COUNTED_WORD = re.compile(
    r"\d+\s*(?:개|건|곳|명|회|개소|가지|배)(?:과|부서|사업|항목)?(?:중|중에|중에서|가운데)?"
)
# Endings of nouns the report's text often leaves off ("신청자" in "3,201명 신청").
NOUN_SUFFIXES = frozenset("자들수액분건명측")
# The last letter of a verb form people type ("받아", "뽑혀", "끝나"), open-ended.
VERB_TAILS = frozenset("아어여해나지고요니냐야자게서")
# A coordinated word read with the words of the name before it ("혁신파크 운영이랑 조성").
ELLIPSIS_SCORE = 85.0
# A subject's kind → the matcher's kind of entity (a Ⅲ table row is a "row" there).
KINDS_OF_ENTITIES = {"project_row": "row"}
# Answers of `Reader.holds` kept (words asked recur; the prose does not change).
HELD_KEPT = 50_000
# A name that fits several lines of one project, typed this well, names that project.
NAMED_ONE_PROJECT = 85.0
NAMED_WELL = 95.0  # a mention this close to a name names that thing


@dataclass(frozen=True)
class Phrase:
    """Neighbouring measure words read together ("지출 집행률"), with where they stand."""

    measures: tuple[str, ...]
    segment: int
    first: int  # order of its first word
    last: int


class Reader:
    """Reads questions against the report's names, the vocabulary and the declared measures."""

    def __init__(self, lexicon: Lexicon, catalog: Catalog, measures: Measures) -> None:
        self.lexicon = lexicon
        self.catalog = catalog
        self.measures = measures
        self.subjects = Subjects(catalog, measures)
        self.as_of = catalog.as_of
        self._held: dict[tuple, bool] = {}

    @functools.cached_property
    def work_names(self) -> str:
        """The names of the 세부사업 and projects, compact, for telling a word of a name ("학교"
        of 예산학교 운영) from a word that frames a question."""
        return " ".join(
            compact(e.name) for e in self.catalog.entities if e.kind in ("line", "project")
        )

    @functools.cached_property
    def described_thing(self) -> re.Pattern:
        """A word for a line after its description ("… 가르치는 강좌", "… 대주는거")."""
        nouns = "|".join(map(re.escape, self.lexicon.lists["described_things"]))
        return re.compile(rf"{nouns}|(?<=[는한])\s?(?:거|것|건)(?![가-힣])")

    @functools.cached_property
    def described_place(self) -> re.Pattern:
        """A word for a place after its description ("… 같이 일하는 사무공간")."""
        return re.compile("|".join(map(re.escape, self.lexicon.lists["described_places"])))

    def line_text(self, line_no: int) -> str:
        """The text of the project a line belongs to (its bullets and plans), compact; empty
        for a line no project of Ⅲ covers."""
        project = self.catalog.project_of_line.get(line_no)
        return self._project_texts.get(project, "") if project is not None else ""

    @functools.cached_property
    def _prose(self) -> str:
        """All the report's prose in one compact string."""
        return " ".join(passage.compact for passage in self.catalog.passages)

    @functools.cached_property
    def _project_texts(self) -> dict[int, str]:
        """Each project's prose in one compact string (the report does not change once loaded)."""
        texts: dict[int, list[str]] = {}
        for passage in self.catalog.passages:
            if passage.project_no is not None:
                texts.setdefault(passage.project_no, []).append(passage.compact)
        return {number: " ".join(parts) for number, parts in texts.items()}

    def holds(self, word: str, project_no: int | None, parts: tuple[str, ...]) -> bool:
        """Whether the report's prose holds `word` (in one project's, or some parts); the
        prose does not change while the report is loaded, so each answer is kept."""
        key = (word, project_no, parts)
        found = self._held.get(key)
        if found is None:
            # Each way `_holds` finds a word finds its first two letters in the passage.
            scope = self._prose if project_no is None else self._project_texts.get(project_no, "")
            found = _korean(word) and word[:2] in scope and any(
                _found_in(p, word) for p in self.catalog.passages
                if (project_no is None or p.project_no == project_no)
                and (not parts or p.part in parts)
            )  # fmt: skip
            if len(self._held) < HELD_KEPT:
                self._held[key] = found
        return found

    @functools.cached_property
    def _renaming(self) -> re.Pattern | None:
        keys = sorted(self.lexicon.renamed, key=len, reverse=True)
        return (
            re.compile(rf"(?<![가-힣])({'|'.join(map(re.escape, keys))})[가-힣]*") if keys else None
        )

    def _renamed(self, text: str) -> str:
        """Words typed otherwise than a report name writes them, in the name's word."""
        if self._renaming is None:
            return text
        return self._renaming.sub(lambda m: self.lexicon.renamed[m.group(1)], text)

    def _equal_measures(self, text: str) -> str:
        """같은 as 동일한 where two measures come before it ("정원과 현원이 같은 과")."""
        match = SAME_OFFICE.search(text)
        if match is None:
            return text
        before = text[: match.start()]
        said = {m for w, ms in self.lexicon.measures.items()
                if len(w) >= 2 and w not in self.lexicon.generic and w in before for m in ms}  # fmt: skip
        if len(said) < 2:
            return text
        return f"{before}동일한{text[match.end() :]}"

    def read(
        self,
        text: str,
        today: date | None = None,
        before: Before | None = None,
    ) -> Question:
        """The question `text` asks, after what `before` holds of the same conversation;
        never raises."""
        cleaned = clean(text)
        if len(cleaned) > MAX_LENGTH:
            return Question(q.HELP, note="too_long")
        if not any(ch.isalnum() for ch in cleaned):
            return Question(q.HELP, note="empty" if not cleaned else "no_letters")
        # "Ⅳ장 세부사업별 현황상", "「Ⅰ. 일반현황」상": where in the report, not what is asked.
        cleaned = SECTION_REFERENCE.sub(" ", cleaned)
        cleaned = AGAINST_LAST_YEAR.sub(r"\1", cleaned)
        cleaned = _staffing_as_vacancies(cleaned)
        cleaned = self._equal_measures(cleaned)
        cleaned = self._renamed(cleaned)
        for pattern, into in self.lexicon.rewrites:
            cleaned = pattern.sub(into, cleaned)  # "정해진 인원" → 정원 ([[rewrite]] in lexicon)
        cleaned = QUOTED_WRITING.sub("라고", cleaned)
        cleaned = GLUED_ASIDE.sub(r" \1", cleaned)  # "참여예산말고": what is set aside, apart
        cleaned = NAMED_IN_BRACKETS.sub(self._bracketed_name, cleaned)
        cleaned = RESTATED_AMOUNT.sub("", cleaned)
        cleaned = RESTATED_COUNT.sub(r"\1", cleaned)
        cleaned = _restated_list_count(cleaned)
        others = OTHERS_THAN.match(cleaned)
        if others is not None:
            # The other 과 named in full, then asked as several things at once.
            named = self.catalog.index.candidates(compact(others.group("named")))
            offices = [e.name for e in self.catalog.entities if e.kind == "division"]
            picked = {c.entity.name for c in named if c.entity.kind == "division"}
            if len(picked) == 1:
                rest = re.sub(r"^(?:나머지|다른|모든)\s*(?:과들?|부서들?)?(?:은|는|도|에|에서)?\s*",
                              "", others.group("rest") or others.group("all"))  # fmt: skip
                listed = ", ".join(o for o in offices if o not in picked)
                asked = self.read(f"{listed} {rest}", today, before)
                return replace(asked, besides=next(iter(picked)))
        premise = PREMISE_CLAUSE.split(cleaned, maxsplit=1)
        if len(premise) == 2 and premise[1].strip():
            first = self.read(premise[0], today, before)
            if first.asks == q.AUDIT or (first.asks == q.PARTS and first.parts[0].asks == q.AUDIT):
                # "…서로 다르게 기재된 것으로 보이는데, 각각의 금액을 확인해 주세요": the
                # findings give both figures and where each is written.
                return first
            asked = self.read(premise[1], today, Before(first, before.recent if before else ()))
            if asked.asks not in (q.HELP, q.NOT_FOUND, q.CLARIFY):
                if first.note and not asked.note and asked.subjects == first.subjects:
                    asked = replace(asked, note=first.note)  # how the thing described was read
                return asked
        asked_twice = self._asked_twice(cleaned, today, before)
        if asked_twice is not None:
            return asked_twice
        reading = self._reading(cleaned, today)
        question = reading.question()
        offices = [s for s in question.subjects if s.kind == "division"]
        if (
            question.asks == q.FIGURES and reading.has("duties_of") and len(offices) == 1
            and len(question.subjects) == 1 and reading.months is None and not question.note
            and not reading.has("duty")
        ):  # fmt: skip
            # "사회협력과 집행율하고 주요업무": its figures, and its 주요업무 beside them.
            duties = Question(q.DUTIES, subjects=tuple(offices))
            question = Question(q.PARTS, parts=(question, duties))
        if before is not None:
            told = reading.told()
            summed = text_sum(before.question, told)
            if summed is not None:
                return summed
            reason = self._more_of_last_fact(before, told, reading, cleaned, today)
            if reason is not None:
                return reason
            within = self._share_of_last(before.question, told, reading, cleaned, today)
            if within is not None:
                return within
            checked = self._check_of_last(before, told, reading, cleaned, today)
            checked = checked or self._check_of_last_thing(before, told, reading, cleaned, today)
            checked = checked or self._check_of_last_subject(before, told, reading, cleaned, today)
            if checked is not None:
                return checked
            beside = self._beside_last_fact(before, told, reading, cleaned, today)
            if beside is not None:
                return beside
            every = every_listed(before, told, self.subjects.figure_subjects)
            if every is not None:
                return every  # "그거 다 합치면?", "각각 지출액은?": all of what was listed
            own_rate = self._own_rate_of_last(before.question, told, reading)
            if own_rate is not None:
                return own_rate
            of_choices = self._text_of_choices(before.question, told, cleaned, today)
            if of_choices is not None:
                return of_choices
            meant = _meant(before, told)
            # "그거 국 전체 예산의 절반 넘어?": the bureau is the whole it is set against.
            only_whole = told.that and all(s.kind == "bureau" for s in told.subjects)
            # ("어디가 얼마나 더 많아?" after two things: the gap between them, not one of them)
            gap_of_recent = bool(told.operations & {q.DIFFERENCE, q.SUM}) and bool(before.recent)
            if (
                meant is not None and (not told.subjects or only_whole) and not told.why
                and not gap_of_recent
            ):  # fmt: skip
                # "그 사업 예산은?", "거기 담당 부서는?", "임기는 언제까지야": the message asks
                # about the thing just talked about; it is read with that thing named.
                said = cleaned
                if told.ranking and told.ranking.position and not told.ranking.said_direction:
                    # "두 번째 과 인원은?": the item is named; its place in the list is not asked.
                    said = ORDINAL_ITEM.sub(" ", cleaned)
                if told.last:
                    said = LAST_ITEM.sub(" ", said)  # "마지막 거는?": the item is named
                named = self.read(f"{_spoken(meant)} {said}", today)
                if named.asks not in (q.NOT_FOUND, q.HELP, q.CLARIFY):
                    return named
            previous = before.question
            if (
                meant is None
                and previous.asks in (q.TEXT, q.PLANS)
                and previous.words
                and not previous.subjects
                and not told.subjects
                and (told.asks_division or told.words or told.counted)
            ):
                # "어느 과 담당이야?" after "이노페스티벌 언제 해?": the words just asked about.
                named = self.read(f"{' '.join(previous.words)} {cleaned}", today)
                if named.asks not in (q.NOT_FOUND, q.HELP, q.CLARIFY):
                    return named
            question = follow(before, question, told, self.relative,
                              self.subjects.figure_subjects,
                              lambda m: self.measures[m].unit)  # fmt: skip
            rates = self.lexicon.rate_of
            if (
                question.asks == q.FIGURES and told.measures and not told.subjects
                and before.question.measures
                and all(m in rates.values() for m in before.question.measures)
                and set(question.measures) <= BARE_AMOUNTS
                and reading.bare_measures()
            ):  # fmt: skip
                # "그럼 지출은?" after 원인행위 집행률: the other rate, said by its base alone.
                question = replace(question, measures=tuple(rates[m] for m in question.measures))
            if (
                question.asks == q.DIFFERENCE and reading.quantities.point
                and len(question.measures) == 2 and all(m in rates for m in question.measures)
            ):  # fmt: skip
                # "원인행위랑 지출 몇 %p 차이야?": a gap in %p is of the two rates.
                question = replace(question, measures=tuple(rates[m] for m in question.measures))
            if reading.has("million") and question.asks in FIGURE_ANSWERS:
                question = replace(question, in_million=True)  # "백만원 단위로?"
            if question.asks in (q.NOT_FOUND, q.HELP, q.CLARIFY) and not told.subjects:
                # "차이는 얼마야?" after 사회협력과 예산이랑 지출액: nothing of its own to read,
                # so it is read with the things and figures just shown.
                question = self._with_last(before.question, cleaned, today) or question
        if question.asks == q.TEXT and question.facet == "why":
            return question  # "…을 축소하고 …을 확대한 이유는": one reason asked, not two asks
        if len(reading.phrases) >= 2 and reading.has("conjunction", "each"):
            paired = self._paired(cleaned, today, before, question)
            if paired is not None:
                return paired
        if reading.has("sum", "difference") and not (
            question.asks in (q.SUM, q.DIFFERENCE) and len(question.subjects) >= 2
        ):
            pair = self._described_pair(cleaned, today, reading)
            if pair is not None:
                return pair
        if question.asks in (q.TEXT, q.NOT_FOUND) and reading.measures:
            return self._in_parts(cleaned, today, before) or question
        pieces = CLAUSE.split(cleaned, maxsplit=1)
        # "인원 몇 명이고 예산은": figures of one thing, read whole, already hold both parts.
        figures_whole = question.asks == q.FIGURES and len(question.measures) >= 2
        if (
            len(pieces) == 2
            and ASKS_ITSELF.search(pieces[0])
            and question.asks not in WHOLE
            and not figures_whole
            # ("몇 명이 신청했고 최종 몇 명이 뽑혔어": two counts of one bullet, read whole)
            and not ("몇" in pieces[0] and "몇" in pieces[1] and question.asks == q.TEXT)
        ):
            # "…11,054,211천원으로 맞는지, 그리고 집행률은 얼마인지": the first clause is a
            # question of its own.
            return self._in_parts(cleaned, today, before) or question
        return question

    def _reading(self, cleaned: str, today: date | None) -> _Reading:
        quantities = find_quantities(cleaned, self.as_of.year)
        # A figure given as known ("41.0%로 되어 있는데") sets nothing a question asks about.
        quantities.figures = [f for f in quantities.figures if not f.premise]
        found = scan(quantities.text, self.lexicon, self.catalog.index)
        return _Reading(self, quantities, found, today)

    def _paired(
        self, text: str, today: date | None, before: Before | None, whole: Question
    ) -> Question | None:
        """`세입 징수율이랑 세출 지출 집행률`, `혁신파크 운영 예산이랑 조성사업 집행률`: two
        figure questions joined after a measure word, each with its own subject, when the
        whole read as one does not cover both (it asked back, or kept one subject)."""
        for match in PAIRED.finditer(text):
            left, right = text[: match.start()], text[match.end() :]
            words = left.split()
            if not words or not right.strip() or not match.group().strip():
                continue
            last = self.lexicon.groups.get(self.lexicon.strip_particle(compact(words[-1])), ())
            if MEASURE not in last and RATE_WORD not in last:
                continue
            first = self.read(left, today, before)
            if first.asks != q.FIGURES or not first.measures or not first.subjects:
                continue
            said = self._reading(right, today)
            if not (said.found.mentions or said.has("bureau", "section", "revenue")):
                return None  # "…이랑 현원은?": the same thing, read whole
            spending = all(s.kind not in ("bureau", "revenue") for s in first.subjects)
            sections = {k.word for k in said.keywords_in("section")}
            if (
                spending
                and sections <= {"세출"}
                and not (said.found.mentions or said.has("bureau", "revenue"))
            ):
                return None  # "시민참여과 현원과 세출 지출 집행률": the 과's own 세출
            second = self.read(right, today)
            if second.asks != q.FIGURES or not second.subjects:
                # "조성사업 집행률" after 혁신파크 운영: read against the first part.
                second = self.read(right, today, Before(first, before.recent if before else ()))
            if second.asks != q.FIGURES or not second.measures or not second.subjects:
                continue
            joined = said._operations() & {q.DIFFERENCE, q.SUM}
            if joined and first.measures[:1] == second.measures[:1]:
                # "A 예산과 B 예산의 차액", "… 합계": one figure of each, set together.
                asks = q.DIFFERENCE if q.DIFFERENCE in joined else q.SUM
                return Question(asks, subjects=(first.subjects[0], second.subjects[0]),
                                measures=first.measures[:1])  # fmt: skip
            both = set(first.subjects) | set(second.subjects)
            if (
                whole.asks == q.FIGURES and set(whole.subjects) == both
                and ({s.kind for s in both} <= {"division", "bureau"}
                     or first.measures == second.measures
                     or set(first.subjects) == set(second.subjects))
            ):  # fmt: skip
                # "사회협력과 예산이랑 시민참여과 집행률": read whole, both are there (a 과 has
                # every measure; a line's may be missing: each is asked its own).
                return None
            if first.subjects == second.subjects and first.measures == second.measures:
                return None
            return Question(q.PARTS, parts=(first, second))
        return None

    def _asked_twice(self, text: str, today: date | None, before: Before | None) -> Question | None:
        """ "… 맡는 과가 어디예요? … 사업 예산도 알려주세요.": a question asked, then another
        sentence asking something else — each read, the second after the first."""
        pieces = QUESTION_BREAK.split(text, maxsplit=1)
        if len(pieces) != 2 or not re.search(r"[가-힣]{2}", pieces[1]):
            return None
        first = self.read(pieces[0], today, before)
        # (the names as the first typed them: "NPO입주협업공간" is the project, its text too)
        named = (
            " ".join(r.mention.text for r in self._reading(pieces[0], today).resolved)
            if first.asks == q.TEXT
            else ""
        )
        if named and not self._reading(pieces[1], today).found.mentions:
            # "NPO입주협업공간 위치가 어디야? 남은 좌석은 몇 석이야?": the second names nothing;
            # it is asked of what the first named.
            second = self.read(f"{named} {pieces[1]}", today)
        else:
            second = self.read(pieces[1], today, Before(first, before.recent if before else ()))
        if {first.asks, second.asks} & {q.HELP, q.NOT_FOUND, q.CLARIFY}:
            return None
        if (
            first.asks == second.asks and first.subjects == second.subjects
            and not (first.asks == q.TEXT and first.words != second.words)
        ):  # fmt: skip
            return None  # "사회협력과 예산은? 집행률은?": one thing asked twice, read whole
        return Question(q.PARTS, parts=(first, second))

    def _bracketed_name(self, match: re.Match) -> str:
        """ "마을 사랑방(마을활력소)": a word said of a thing, then its name in brackets — the
        name is what is meant; the words before it are left out."""
        name = match.group("name")
        found = self.catalog.index.candidates(compact(name))
        before = match.group()[: match.start("name") - match.start()].rstrip("( ").split()
        said = compact(before[-1]) if before else ""
        if (
            found and found[0].score >= NAMED_WELL and found[0].how in ("exact", "alias")
            and said not in compact(found[0].entity.name)  # ("지역사회혁신계획(구단위…)": a name)
        ):  # fmt: skip
            return f" {name} "
        return match.group()

    def _described_pair(self, text: str, today: date | None, reading: _Reading) -> Question | None:
        """ "혁신파크 운영하는 사업이랑 시설 조성하는 사업 지출액 합치면": two things described,
        each read on its own with the figure asked, then added up (or set against each other)."""
        joined = THING_JOINED.search(text)
        if joined is None or not reading.measures:
            return None
        labels = " ".join(self.measures[m].label for m in reading.measures[:1])
        left = text[: joined.end("thing")]
        joining = {"sum", "difference"}
        right = " ".join(
            w for w in text[joined.end() :].split()
            if not (self.lexicon.groups.get(self.lexicon.strip_particle(compact(w)), frozenset())
                    & joining)
        )  # fmt: skip
        first, second = self.read(f"{left} {labels}", today), self.read(right, today)
        ones = [p.subjects[0] for p in (first, second)
                if p.asks == q.FIGURES and len(p.subjects) == 1
                and p.subjects[0].kind in ("line", "revenue")]  # fmt: skip
        if len(ones) != 2 or ones[0] == ones[1]:
            return None
        asks = q.DIFFERENCE if reading.has("difference") else q.SUM
        note = f"※ 물으신 두 사업을 ‘{ones[0].name}’, ‘{ones[1].name}’(으)로 읽었습니다."
        return Question(asks, subjects=tuple(ones), measures=reading.measures[:1], note=note)

    def _in_parts(self, text: str, today: date | None, before: Before | None) -> Question | None:
        """`입주 단체 몇 개고 지출 집행률은`: two questions in one, the second read after the first."""
        pieces = [p for p in CLAUSE.split(text, maxsplit=1) if p.strip()]
        if len(pieces) != 2:
            return None
        first = self.read(pieces[0], today, before)
        if first.asks == q.TEXT and first.not_held and not self._reading(pieces[0], today).measures:
            return None  # "시민 백명 모아놓고 … 토론행사 예산": a description goes on, no question
        if (
            first.asks in (q.COUNT, q.LIST)
            and first.group is not None
            and WHICH_ONES.fullmatch(compact(pieces[1]).rstrip("?？."))
        ):
            # "…99% 넘는거 몇개고 뭐뭐야": how many and which — the count lists its members.
            return first
        second = self.read(pieces[1], today, Before(first, before.recent if before else ()))
        said = self._reading(pieces[1], today)
        if (
            first.measures and not said.measures and not said.found.mentions
            and (said._asks_division()
                 or any(k.word in self.lexicon.lists["where"] for k in said.found.places))
        ):  # fmt: skip
            # "개방형 몇명이고 어디어디": the second asks the same measure in another way.
            labels = " ".join(self.measures[m].label for m in first.measures[:1])
            again = self.read(f"{labels} {pieces[1]}", today)
            if again.asks in (q.LIST, q.RANK, q.COUNT):
                second = again
        if {first.asks, second.asks} & {q.HELP, q.NOT_FOUND, q.CLARIFY}:
            return None
        if (
            first.asks == q.COUNT and second.asks in (q.SUM, q.AVERAGE)
            and first.group is not None and first.group == second.group
        ):  # fmt: skip
            return second  # "사회협력과 세부사업 몇 개고 예산 합계는": the sum says how many
        return Question(q.PARTS, parts=(first, second))

    def _check_of_last(
        self, before: Before, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "90% 넘어?" after 지역공동체과 지출 집행률: the figure just shown, checked."""
        previous = before.question
        compared = [f for f in reading.quantities.figures if f.comparison]
        said = reading.quantities.figures or reading._numbers_said()
        months = reading.months is not None
        if previous.asks == q.TEXT and previous.subjects and (said or months) and reading.yesno:
            # "700명 넘었어?", "그거 54개 맞아?" after a fact of a project's text: that fact,
            # checked.
            words = " ".join(previous.words)
            named = self.read(f"{previous.subjects[0].name} {words} {text}", today)
            return named if named.asks == q.TEXT and named.check is not None else None
        # "국 전체보다 낮아?", "시민참여과보다 높아?": the figure just shown, against another's.
        against = reading.yesno and reading.has("more", "less", "same") and bool(told.subjects)
        others = [s for s in told.subjects if s.kind != "bureau"]
        if (
            against
            and previous.subjects
            and (len(others) > 1 or any(s.kind != previous.subjects[0].kind for s in others))
        ):
            against = False
        if (
            previous.asks not in (q.FIGURES, q.CHECK)
            or len(previous.subjects) != 1
            or not previous.measures
            or (told.subjects and not against)
            or told.measures
            or not (compared or against)
        ):
            return None
        measures = previous.measures
        label = "집행률" if _both_rates(measures[:2]) else self.measures[measures[0]].label
        named = self.read(f"{previous.subjects[0].name} {label} {text}", today)
        return named if named.asks in (q.CHECK, q.PARTS) else None

    def _check_of_last_subject(
        self, before: Before, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "작년보다 늘었어?" after 변상금 예산, "원인행위 집행률 90% 넘었나?" after the bureau's
        total: a yes/no that names nothing, asked of the one thing just talked about — read
        with it named, taken when that reads as a check."""
        previous = before.question
        subjects = [s for s in previous.subjects if s.kind != "unit"]
        if (
            not reading.yesno_like or told.subjects or previous.group is not None
            or len(subjects) != 1 or _asks_a_set(told, reading)
        ):  # fmt: skip
            return None
        subject = subjects[0]
        # (the revenue total is named 세입 합계: "합계" alone names nothing)
        total = subject.kind == "revenue" and subject.ref is None
        name = "세입 합계" if total else subject.name
        named = self.read(f"{name} {text}", today)
        return named if named.asks == q.CHECK else None

    def _text_of_choices(
        self, previous: Question, told: Told, text: str, today: date | None
    ) -> Question | None:
        """ "수탁기관 어디야?" after lines of one project were offered (서울혁신파크 운영 or
        조성사업): a fact of that project's text, not of whichever project holds the words."""
        if previous.asks != q.CLARIFY or not previous.choices or told.subjects or not told.words:
            return None
        projects = {c.project_no for c in previous.choices}
        if len(projects) != 1 or None in projects:
            return None
        project = self.catalog.project(projects.pop())
        named = self.read(f"{project.name} {text}", today)
        own = (
            named.asks == q.TEXT and named.subjects and named.subjects[0].project_no == project.ref
        )
        return named if own else None

    def _own_rate_of_last(
        self, previous: Question, told: Told, reading: _Reading
    ) -> Question | None:
        """ "그거 몇 %야?" after 예산학교 운영 지출액: the amount's own rate (지출 집행률), not a
        share of a whole nothing said."""
        rates = self.lexicon.rate_of
        asks_percent = reading.opens_word("ratio") or reading.has("percent")
        if (
            asks_percent and not told.subjects and not told.measures
            and previous.asks == q.FIGURES and len(previous.subjects) == 1
            and len(previous.measures) == 1 and previous.measures[0] in rates
            and not reading.has("share", "bureau")
        ):  # fmt: skip
            return Question(q.FIGURES, subjects=previous.subjects,
                            measures=(rates[previous.measures[0]],))  # fmt: skip
        return None

    def _share_of_last(
        self, previous: Question, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "그 중 혁신파크 운영이 차지하는 비중은?" after 사회협력과 예산: a part named, as a
        share of the whole just shown."""
        named = list(told.subjects)
        if not named and told.words:
            # "그 중 조성 비중은?": a word only one of the things added up has in its name
            named = [s for s in previous.subjects
                     if any(w in compact(s.name) for w in told.words)]  # fmt: skip
        if (
            previous.asks == q.SUM and reading.has("share") and len(named) == 1
            and named[0] in previous.subjects and len(previous.subjects) >= 2
            and previous.measures and not previous.note
        ):  # fmt: skip
            # "둘이 합치면?" then "그 중 사회협력과 비중은?": its part of the sum just shown.
            others = tuple(s for s in previous.subjects if s != named[0])
            return Question(q.SHARE, subjects=(named[0], *others),
                            measures=previous.measures[:1], note="within")  # fmt: skip
        group = previous.group
        offices = [s for s in told.subjects if s.kind == "division"]
        if (
            group is not None and group.kind == "division" and not group.conditions
            and len(offices) == 1 == len(told.subjects)
            and (reading.has("share") or reading.has("percent"))
        ):  # fmt: skip
            # "과별로는?" then "그 중 지역공동체과 비중은?": the 과 within the bureau's total.
            label = self.measures[(told.measures or previous.measures or ("budget",))[0]].label
            again = self.read(f"{self.catalog.bureau} {label} 중 {text}", today)
            return again if again.asks == q.SHARE else None
        wholes = [s for s in previous.subjects if s.kind in ("division", "bureau")]
        if not (reading.has("share") and told.subjects and len(wholes) == 1):
            return None
        if previous.asks != q.FIGURES or any(
            s.kind in ("division", "bureau") for s in told.subjects
        ):
            return None
        label = self.measures[previous.measures[0]].label if previous.measures else ""
        again = self.read(f"{wholes[0].name} {label} 중 {text}", today)
        return again if again.asks == q.SHARE else None

    def _with_last(self, previous: Question, text: str, today: date | None) -> Question | None:
        """`text` read with the things and the figures of the last answer named before it."""
        if previous.asks not in FIGURE_ANSWERS or not previous.subjects or previous.parts:
            return None
        names = " ".join(_spoken(s) for s in previous.subjects)
        # A label's formula ("(원인행위액−지출액)") is how it is computed, not words asked.
        labels = " ".join(
            re.sub(r"\([^)]*\)", "", self.measures[m].label) for m in previous.measures
        )
        again = self.read(f"{names} {labels} {text}", today)
        return again if again.asks not in (q.NOT_FOUND, q.HELP, q.CLARIFY) else None

    def _check_of_last_thing(
        self, before: Before, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "작년보다 예산 늘었어?", "다 행정직이야?" after one thing's figures: a yes/no with a
        measure of its own, asked of the thing just talked about."""
        previous = before.question
        subjects = [s for s in previous.subjects if s.kind not in ("bureau", "unit")]
        if not reading.yesno or told.subjects or len(subjects) != 1 or previous.group is not None:
            return None
        if previous.asks not in (q.FIGURES, q.CHECK) or not told.measures:
            return None
        if _asks_a_set(told, reading):
            return None
        said = subjects[0].name
        shown = [m for m in previous.measures if m not in told.measures][:1]
        if (
            reading.has("same")
            and shown
            and len(told.measures) == 1
            and not reading.quantities.figures
        ):
            # "현원도 같아?" after 정원: the one against the other.
            said += " " + self.measures[shown[0]].label
        named = self.read(f"{said} {text}", today)
        return named if named.asks == q.CHECK else None

    def _beside_last_fact(
        self, before: Before, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "금액으로는?" after a count the text gives: the money the same bullet gives; "계약
        언제까지야?" after who runs it: the dates beside it — the last fact's words, asked again."""
        previous = before.question
        money = [k.word for k in reading.keywords_in(MEASURE)]
        amounts = {*self.lexicon.lists["amount_words"], *self.lexicon.lists["text_money_words"]}
        if previous.asks != q.TEXT or not previous.words or told.subjects:
            return None
        if not ((money and set(money) <= amounts) or reading.asks_when()):
            return None
        named = " ".join(_spoken(s) for s in previous.subjects[:1])
        again = self.read(f"{named} {' '.join(previous.words)} {text}", today)
        return again if again.asks == q.TEXT else None

    def _more_of_last_fact(
        self, before: Before, told: Told, reading: _Reading, text: str, today: date | None
    ) -> Question | None:
        """ "왜 늘렸대?", "누가 와?", "그중 대면은?" after a fact of a project: what its text
        says, read with the project and the words of the last question named."""
        projects = [s for s in before.question.subjects if s.kind == "project"]
        # "전체 몇 개소야?", "거기 총 금액은?": the whole of the fact just asked, not the bureau.
        whole_said = (
            all(s.kind == "bureau" for s in told.subjects)
            and not reading.found.mentions
            and {k.word for k in reading.keywords_in("bureau")}
            <= set(self.lexicon.lists["whole_count"])
        )
        if told.why or (told.subjects and not whole_said) or not projects:
            return None
        # "누가 와?", "어느 동이야?", "언제 했어?" after a fact of a project: more of that fact.
        asks_more = before.question.asks == q.TEXT and (
            reading.has("which")
            or reading.opens_word("when")
            or reading.found.unit is not None
            or told.narrow  # "그중 대면은?" after "회의 몇 번 했어?"
            # "지원금은?" after "공유기업 몇 개 지정했어?": another side of the same fact
            or any(k.word in self.lexicon.prose for k in reading.found.places)
        )
        # "그 중 공무원은?" after counts of people: 공무원 names people of the text, not a 과's.
        people_of_text = told.people and before.question.unit == "명"
        if not (reading.opens_word("reason") or asks_more) or told.months:
            return None
        # "지원금 총액은?": money the projects' text writes, not a figure of the tables.
        money_of_text = all(
            k.word in self.lexicon.lists["text_money_words"] for k in reading.keywords_in(MEASURE)
        ) and any(k.word in self.lexicon.prose for k in reading.found.places)
        if (
            told.measures
            and not people_of_text
            and not (whole_said and told.that)
            and not money_of_text
        ):
            return None
        # The words of the fact just asked carry over, but not a facet the reader put in for
        # a word of its own ("어디 있어" → 위치).
        facets = self.lexicon.facets
        stages = tuple(self.lexicon.lists["stage_words"])
        # ("신청은 몇 곳?" after "입주단체 몇 개": another stage of the count, 입주 not carried)
        # (only when the project's text writes that stage: else the old words find the bullet)
        new_stage = any(
            stage in w and reading.in_text((stage,), projects[0].project_no)
            for w in told.words + reading.typed
            for stage in stages
        )
        words = " ".join(
            w
            for w in before.question.words
            if w not in told.words
            and w not in facets
            # (a word naming the old stage's things, 입주단체; a bare stage word stays with
            # the bullet it found: "공모 신청" then "최종 몇 명 뽑혔어?")
            and not (new_stage and any(stage in w and w != stage for stage in stages))
        )
        unit = before.question.unit
        if told.narrow and reading.found.unit is None and unit not in (None, "원", "*"):
            text = f"{text} 몇 {unit}"  # "그중 대면은?": the same count, of a part
        named = self.read(f"{projects[0].name} {words} {text}", today)
        return named if named.asks == q.TEXT else None

    def relative(
        self, subjects: tuple[Subject, ...], words: tuple[str, ...]
    ) -> tuple[Subject, ...]:
        """Words read against earlier subjects: `조성사업` after 서울혁신파크 운영 is 서울혁신파크
        조성사업; `운영` among the candidates offered picks the one that has it."""
        found: list[Subject] = []
        for word in words:
            key = compact(word)
            among = [s for s in subjects if key and key in compact(s.name)]
            if len(among) == 1:
                found.append(among[0])
                continue
            for subject in subjects:
                other = self._sibling(subject, key)
                if other is not None:
                    found.append(other)
                    break
        return tuple(dict.fromkeys(found))

    def _sibling(self, subject: Subject, key: str) -> Subject | None:
        """The thing a word names when said after `subject`: its first words and the word
        (`조성사업` after 서울혁신파크 운영). Something else than the thing itself is looked for
        first, with its first words cut shorter each time (`역량강화` after 갈등관리 거버넌스
        강화 is 갈등관리 역량강화, no typo of 갈등관리 거버넌스 역량강화); failing that, the
        thing itself."""
        parts = subject.name.split()
        itself = None
        for cut in range(len(parts) - 1, 0, -1):
            best = leaders(self.catalog.index.candidates(compact(" ".join(parts[:cut])) + key))
            # A line after a line: the project of the same words is not meant.
            best = [c for c in best if c.entity.kind == subject.kind] or best
            if len(best) != 1 or best[0].score < ELLIPSIS_SCORE:
                continue
            if best[0].entity.name != subject.name:
                return self.subjects.of(best[0].entity)
            itself = itself or self.subjects.of(best[0].entity)
        return itself


class _Unclear(Exception):
    """A name fits several things equally at the level the question needs: ask back."""

    def __init__(self, question: Question) -> None:
        self.question = question


class _Reading:
    """One question being read: the facts found in it, then the decision."""

    def __init__(
        self, reader: Reader, quantities: Quantities, found: Scan, today: date | None
    ) -> None:
        self.reader = reader
        self.catalog = reader.catalog
        self.quantities = quantities
        self.found = found
        self.lexicon = reader.lexicon
        self.measures_of = reader.measures
        self.used: set[Phrase] = set()  # measure phrases a condition's figure took
        self.phrases = self._phrases()
        self.measures: tuple[str, ...] = ()  # what is asked while the measures are read
        self.measures = self._measures()
        every = self.has("both", "each")
        found = _fee_as_word(found, self.lexicon, self._speaks_of_charge)
        found = self.found = _given_as_word(found, self.lexicon, compact(quantities.text))
        self.resolved = [reader.subjects.resolve(m, self.measures, every) for m in found.mentions]
        self.content = self._content()
        self._read_ellipsis()
        self.resolved = [self._told_of_in_text(r) for r in self.resolved]
        self.resolved = [self._named_apart(r) for r in self.resolved]
        names = [compact(s.name) for r in self.resolved for s in r.subjects]
        # A word inside a name given ("NPO입주협업공간 입주") says what is asked about it:
        # it is looked for in the text, but it is not unexplained.
        self.unknown = [u for u in self.content if not any(u.word in n for n in names)]
        self.set_aside_words: set[str] = set()  # what was said not to be meant (… 말고)
        self.set_aside_lines: set = set()  # the lines it named
        self.left_out_lines: list[Subject] = []  # lines left out of a set asked for
        self.left_out_at: list[int] = []  # where they were named
        self._set_aside_named()
        self._left_out_of_set()
        self._narrow_by_words()
        # Verb forms the lexicon does not know ("찍은", "밝혀", "걸로"), that neither the report's
        # prose nor its names hold, do not name anything: they are left out, and the reply
        # says so. Nouns the report lacks ("부산시", "투표율") still stop a figure answer.
        self.skipped = [u for u in self.unknown if _verb_like(u.word, self.lexicon)
                        and not self.in_text((u.word,))
                        and not self.catalog.index.candidates(u.word)]  # fmt: skip
        # With a thing named, a noun of the framing ("메모", "검토", "시점", "일괄") is left out
        # too; a noun that names a figure of its own ("평균", "투표율", "1인당") or an office
        # the report lacks ("복지과") is not: without it the answer would be another figure.
        counts = found.unit is not None or self.found_has_count()
        if any(r.sure for r in self.resolved) and not counts:
            self.skipped += [u for u in self.unknown if u not in self.skipped
                             and _framing(u.word, self.lexicon) and not self.in_text((u.word,))
                             and not self.catalog.index.candidates(u.word)
                             and u.word not in reader.work_names]  # fmt: skip
        self.unknown = [u for u in self.unknown if u not in self.skipped]
        self.months = resolve_months(quantities, reader.as_of, today, self.catalog.plan_months)
        self.asks_what = bool(WH_WORDS.search(quantities.text)) or self.has("which")
        self.claims_duty = bool(DUTY_ASKED.search(self.quantities.text)) and any(
            c.entity.kind == "division" for m in self.found.mentions for c in m.best[:1]
        )
        # "사회협력과에서 기부금품 모집 업무도 맡아?": a 과 named, then work its 주요업무 hold.
        self.claims_duty = self.claims_duty or (
            bool(DUTY_DONE.search(self.quantities.text))
            and any(r.sure and r.subjects[0].kind == "division" for r in self.resolved)
            and bool(self.unknown_words)
            and all(self.in_text((w,), parts=("duty",)) for w in self.unknown_words)
        )
        self.yesno = (
            self.has("yesno")
            or self._ends_on_comparison()
            or self._asks_if_changed()
            # "다 행정직이야?" ("… 다 알려줘요" asks for them all)
            or (self._says_all and self._ends_as_question() and not self._tell_me())
            or self.claims_duty  # "엠보팅은 시민참여과 담당이야?"
            or (self.has("none") and self._ends_as_question())  # "결원 없어?"
            or self._ends_on_ranking()  # "사회협력과 집행률 제일 낮아?"
            # "징수율이 50%를 넘었는지 회신 바랍니다": a figure compared, whether, asked formally.
            or bool(COMPARED_WHETHER.search(self.quantities.text))
            # "A 집행률이 국 전체보다 높은지 확인하여 주시기 바랍니다": whether, asked formally.
            or (
                any(
                    k.word.endswith("지")
                    for k in self.keywords_in("more") + self.keywords_in("less")
                )
                and bool(EMBEDDED_YESNO.search(self.quantities.text))
            )
            # "추가 입주자 공모 10월에 해?": a month, then only "does it happen?".
            or (self.months is not None and bool(HAPPENS_THEN.search(self.quantities.text)))
            # "사회협력과 예산 3위야?": a place said, then only "is it?".
            or (
                self.quantities.position is not None
                and bool(PLACE_ASKED.search(self.quantities.text))
            )
        ) and not self.asks_what

    def _set_aside_named(self) -> None:
        """`모더레이터 양성 말고 민주시민교육 추진하는 사업`, `권역 센터 말고 시 센터`: what is said
        right before 말고 (대신, 아니고) is what is not meant — never a subject, and not a
        word to look for."""
        aside = [k.order for k in self.found.places if k.word in self.lexicon.lists["set_aside"]]
        for order in aside:
            said = [k.order for k in self.found.places
                    if k.order < order and self.lexicon.groups.get(k.word) != {FILLER}]  # fmt: skip
            after = [r for r in self.resolved if r.mention.order > order]
            # ("…하는 사업(토론 진행자 양성 프로그램 말고) 예산": set aside in brackets)
            bracketed = re.search(r"(?:말고|아니고|제외)\s*[)\]）]", self.quantities.text)
            # ("… 지출액 얼마임? 토론 진행자 양성하는 거 말고": an afterthought at the end)
            last = max((k.order for k in self.found.places), default=order) == order
            trailing = last and self.quantities.text.rstrip(" ?.!요").endswith(
                tuple(self.lexicon.lists["set_aside"])
            )
            if (
                not after and not any(u.order > order for u in self.content)
                and not bracketed and not trailing
            ):  # fmt: skip
                continue  # "사회협력과 말고는 다 채웠지?": all but it, asked of it too
            boundary = max(said, default=-1)
            gone = [r for r in self.resolved if boundary < r.mention.order < order]
            words = {u.order for u in self.content if boundary < u.order < order}
            if not (gone or words):
                continue  # "과별 말고 국 전체로": a set word is set aside (see `_set_aside`)
            dropped = {s for r in gone for s in r.subjects}
            self.set_aside_words |= {compact(r.mention.text) for r in gone}
            self.set_aside_lines |= {s.ref for r in gone for s in r.subjects if s.kind == "line"}
            self.set_aside_words |= {u.word for u in self.content if u.order in words}
            self.resolved = [r for r in self.resolved if r not in gone]
            self.resolved = [
                Resolved(r.mention, tuple(s for s in r.subjects if s not in dropped))
                if set(r.subjects) - dropped
                else r
                for r in self.resolved
            ]
            self.content = [u for u in self.content if u.order not in words]
            self.unknown = [u for u in self.unknown if u.order not in words]

    def _left_out_of_set(self) -> None:
        """ "갈등관리협치과 … 80% 넘는 사업 뭐뭐? 구단위계획형은 빼고", "혁신파크 운영 빼고 예산
        제일 큰 거": a line named right before 빼고/제외/말고, with a set of lines asked for, is
        left out of the set — not the subject."""
        offices_asked = bool(self.keywords_in("division_word"))
        set_asked = self.keywords_in("lines_word") or self.has(*RANK_WORDS) or offices_asked
        if not set_asked:
            return
        leaving = [k.order for k in self.found.places
                   if "except" in self.lexicon.groups.get(k.word, ())
                   or k.word in self.lexicon.lists["set_aside"]]  # fmt: skip
        for order in leaving:
            before = [r for r in self.resolved if r.mention.order < order]
            if not before:
                continue
            last = before[-1]
            between = [k for k in self.found.places if last.mention.order < k.order < order
                       and self.lexicon.groups.get(k.word) != {FILLER}]  # fmt: skip
            if between or not (last.sure and len(last.subjects) == 1):
                continue
            kind = last.subjects[0].kind
            if kind != "line" and not (kind == "division" and offices_asked):
                continue
            self.left_out_lines.append(last.subjects[0])
            self.left_out_at.append(last.mention.order)
            self.resolved = [r for r in self.resolved if r is not last]

    def _named_apart(self, resolved: Resolved) -> Resolved:
        """ "마을센터 재위탁 어떻게 진행돼?": a short name that stands for several things, and
        beside it a word only one of their names holds (재위탁) — that one is meant."""
        if resolved.sure or not resolved.subjects:
            return resolved
        said = compact(resolved.mention.text)
        # (a noun typed as itself, not a verb's stem — "누가 운영해요" names no 운영 line —
        # nor a word said not to be meant: "권역 말고")
        nouns = {self.lexicon.strip_particle(t) for t in self.typed
                 if self.lexicon.predicate_stem(t) is None}  # fmt: skip
        # (the word right before a 말고/빼고 of the lexicon is set aside)
        leaving = {k.order for k in self.found.places
                   if "except" in self.lexicon.groups.get(k.word, ())
                   or k.word in self.lexicon.lists["set_aside"]}  # fmt: skip
        words = [u.word for u in self.content if len(u.word) >= MIN_WORD and u.word not in said
                 and u.word in nouns and u.order + 1 not in leaving]  # fmt: skip
        holders = [s for s in resolved.subjects if any(w in compact(s.name) for w in words)]
        if len(holders) != 1:
            return resolved
        return replace(resolved, subjects=(holders[0],))

    def _narrow_by_words(self) -> None:
        """`혁신팍 조성 집행률`: a name that stands for several 세부사업 (a project, a short
        name), and beside it a word only one of their names holds — that line is meant, and the
        word is part of its name, not something else asked. Only for a figure the lines hold:
        a fact or a plan is asked of the project ("NPO 입주협업공간 지상층에 있어?")."""
        if not any("line" in self.measures_of[m].kinds for m in self.measures):
            return
        for index, resolved in enumerate(self.resolved):
            subjects = resolved.subjects
            if len(subjects) == 1 and subjects[0].kind == "project":
                lines = self.reader.subjects.figure_subjects(subjects[0], ("budget",))
            elif len([s for s in subjects if s.kind == "line"]) > 1:
                lines = tuple(s for s in subjects if s.kind == "line")
            else:
                continue
            if len(lines) < 2 or any(s.kind != "line" for s in lines):
                continue
            for word in self.content:
                if word.word in compact(resolved.mention.text):
                    continue
                # "정비·조성하는": two words joined by a dot, either may be the one
                pieces = [word.word] + ([word.word[:2], word.word[-2:]] if len(word.word) >= 4
                                        else [])  # fmt: skip
                holding = []
                for piece in pieces:
                    holding = [s for s in lines if len(piece) >= MIN_WORD
                               and piece in compact(s.name)]  # fmt: skip
                    if holding:
                        break
                if len(holding) == 1:
                    self.resolved[index] = Resolved(resolved.mention, (holding[0],))
                    self.unknown = [u for u in self.unknown if u.word != word.word]
                    break

    # --- facts -----------------------------------------------------------------------------

    def found_has_count(self) -> bool:
        """`방문객 수`, `몇 개`: a count is asked, so an unknown noun is what is counted."""
        return self.found.has("count", "count_people")

    def has(self, *groups: str) -> bool:
        return self.found.has(*groups)

    def bare_measures(self) -> bool:
        """Measures said by their base word alone ("지출은?", "원인행위는?"): no 액/금액, and
        no 얼마 asking an amount."""
        words = [k.word for k in self.found.places if self.lexicon.measures.get(k.word)]
        amount = any(t.startswith("얼마") for t in self.typed)
        return bool(words) and not amount and not any(w.endswith(("액", "돈")) for w in words)

    def keywords_in(self, group: str) -> list[Keyword]:
        return [k for k in self.found.places if group in self.lexicon.groups.get(k.word, ())]

    @property
    def unknown_words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.word for u in self.unknown))

    @property
    def text_words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.word for u in self.content))

    def _asks_if_changed(self) -> bool:
        """ "전년도 대비 증가하였습니까?", "작년보다 줄었나요?": whether something rose or fell,
        asked with no question word."""
        last = self.typed[-1] if self.typed else ""
        # ("…정리해 줄래요?": a request, not 줄었나요)
        ends_on_change = last.startswith(tuple(self.lexicon.lists["changed"])) and not (
            self.lexicon.is_closing(last)
        )
        return ends_on_change and self._ends_as_question() and not self.has("which")

    def _ends_as_question(self) -> bool:
        """`전액 집행되었습니까?`, `미집행이야?`: the message ends as a question does."""
        text = self.quantities.text.rstrip()
        return text.endswith("?") or text.endswith(QUESTION_ENDINGS)

    def _ends_on_ranking(self) -> bool:
        """ "사회협력과 집행률 제일 낮아?": a ranking word, as a predicate, closes the question."""
        places = [k for k in self.found.places if self.lexicon.groups[k.word] != {FILLER}]
        if not places or self._set_kind() is not None:
            return False
        last = places[-1]
        ranked = self.lexicon.groups[last.word] & set(RANK_WORDS)
        return bool(ranked) and last.word.endswith(tuple(self.lexicon.lists["rank_predicate"]))

    def _ends_on_comparison(self) -> bool:
        """`300억 넘지?`, `90% 넘어?`: a figure and its comparison close the question."""
        tail = self.quantities.text.rsplit(GAP.strip(), 1)[-1]
        words = [compact(w) for w in tail.split()]
        if not any(f.comparison for f in self.quantities.figures):
            # "100%예요?", "23명이에요?": a figure said, then only "is it?".
            asked = tail.strip().endswith("?")
            return (
                bool(self.quantities.figures)
                and asked
                and "".join(words) in self.lexicon.lists["is_it"]
            )
        quiet = {FILLER, "yesno"}
        if not all(not w or self.lexicon.groups.get(w, frozenset()) <= quiet for w in words):
            return self._spends_past_figure(tail, words)
        # "90% 넘어?", "300억 넘었죠?", "이상이야?" ask; "80% 이상인 거" names a set, and so
        # does "80% 안 되는 거 알려줘요".
        if len(words) >= 2 and words[-1].startswith(self._tell_words) and set(words[:-1]) & THINGS:
            return False
        ending = self.quantities.figures[-1].written + "".join(words)
        # "100번 넘게 함?": a phone-typed verb ending, asked.
        typed_ending = (
            bool(words)
            and words[-1] in self.lexicon.lists["typed_verb_endings"]
            and tail.strip().endswith("?")
        )
        return (
            ending.endswith(QUESTION_ENDINGS)
            or typed_ending
            or any("yesno" in self.lexicon.groups.get(w, ()) for w in words)
        )

    def _spends_past_figure(self, tail: str, words: list[str]) -> bool:
        """ "연말엔 95% 넘게 집행해?", "90% 넘게 쓸 예정이야?": after the figure and its
        comparison only the spending itself and an ending that asks — no word for a set ("…
        넘게 집행한 사업은?" names the lines that did)."""
        if not tail.strip().endswith("?") or not words:
            return False
        sets = {"lines_word", "division_word", "count", "projects", "revenue_list", "which"}
        for word in words:
            groups = self.lexicon.groups.get(self.lexicon.strip_particle(word), frozenset())
            if groups & sets:
                return False
        last = words[-1]
        spends = any(
            MEASURE in self.lexicon.groups.get(w, ()) or self.lexicon.predicate_stem(w) == "집행"
            for w in words
        )
        return spends and (
            last.endswith(QUESTION_ENDINGS) or self.lexicon.predicate_stem(last) == "집행"
        )

    def _phrases(self) -> list[Phrase]:
        """Measure words grouped where they stand next to each other.

        Fillers may stand between them; a particle ends a phrase ("정원이 현원보다" names two).
        """
        items: list[tuple[int, int, str | None]] = [
            (k.order, k.segment, k.word) for k in self.found.places
        ]
        items += [(m.order, m.segment, None) for m in self.found.mentions]
        items += [(u.order, u.segment, None) for u in self.found.unknown_places]
        items.sort()
        phrases: list[Phrase] = []
        run: list[tuple[int, int, str]] = []

        def close() -> None:
            if run:
                measures = self._phrase_measures([word for _, _, word in run])
                if measures:
                    phrases.append(Phrase(measures, run[0][1], run[0][0], run[-1][0]))
            run.clear()

        for order, segment, word in items:
            groups = self.lexicon.groups.get(word, frozenset()) if word else frozenset()
            if MEASURE in groups or RATE_WORD in groups:
                if run and run[-1][1] != segment:
                    close()
                run.append((order, segment, word))
            elif groups == {FILLER} and word not in self.lexicon.particles:
                continue
            else:
                close()
        close()
        return phrases

    def _phrase_measures(self, words: list[str]) -> tuple[str, ...]:
        lexicon = self.lexicon
        rated = any(RATE_WORD in lexicon.groups[w] for w in words)
        specific = [
            m
            for w in words
            if w in lexicon.measures and w not in lexicon.generic
            for m in lexicon.measures[w]
        ]
        generic = [m for w in words if w in lexicon.generic for m in lexicon.measures.get(w, ())]
        # A generic word yields to a specific one of its own family ("지출 집행액" is 지출액),
        # not to another family ("징수액 예산" names both).
        covered = set(specific) | {lexicon.rate_of.get(m) for m in specific}
        counts_people = any(self.measures_of[m].unit == PEOPLE for m in specific)
        kept = [m for w in words if w in lexicon.generic
                if not set(lexicon.measures.get(w, ())) & covered
                and not (counts_people and self._all_people(lexicon.measures.get(w, ())))
                for m in lexicon.measures.get(w, ())]  # fmt: skip
        if specific and kept and not rated:
            return tuple(dict.fromkeys(specific + kept))
        if specific:
            if rated:
                rates = [lexicon.rate_of[m] for m in specific if m in lexicon.rate_of]
                already = [m for m in specific if self.measures_of[m].is_rate]
                # "현원, 예산현액, 지출액, 지출 집행률": the rate word goes with the word just
                # before it; figures named further before it are asked as they are — a head
                # count, a budget, an amount said as one (…액), not "원인행위·지출 집행률".
                at = max(i for i, w in enumerate(words) if RATE_WORD in lexicon.groups[w])
                apart = [m for w in words[: max(0, at - 1)]
                         if w in lexicon.measures and w not in lexicon.generic
                         for m in lexicon.measures[w] if not self.measures_of[m].is_rate
                         and (m not in lexicon.rate_of or w.endswith("액"))]  # fmt: skip
                return tuple(dict.fromkeys(apart + (already + rates or specific)))
            return tuple(dict.fromkeys(specific))
        if rated:
            rates = [m for m in generic if self.measures_of[m].is_rate]
            rates += [lexicon.rate_of[m] for m in generic if m in lexicon.rate_of]
            return tuple(dict.fromkeys(rates)) or ("committed_rate", "spent_rate")
        return tuple(dict.fromkeys(generic))

    def _all_people(self, measures: tuple[str, ...]) -> bool:
        return all(self.measures_of[m].unit == PEOPLE for m in measures)

    def _office_after(self, *groups: str) -> bool:
        """Whether the last word for a 과 comes after every word of `groups`: the 과 are the set
        asked, told apart by those ("세부사업 10개 넘는 과")."""
        # ("미집행 사업과 해당 예산현액": 과 typed onto a word is the particle "and")
        offices = [k for k in self.keywords_in("division_word") if not self._joining(k)]
        before = [k.order for group in groups for k in self.keywords_in(group)]
        return bool(offices and before) and offices[-1].order > max(before)

    def _lines_by_division(self) -> bool:
        """ "세부사업 10개 넘는 과": the 과 word after the 세부사업 word, the set asked."""
        if any(f.unit != COUNT for f in self.quantities.figures):
            return False  # "80% 넘는 세부사업 5개 이상인 과": lines counted under a condition
        return self._office_after("lines_word", "unexecuted")

    def _unexecuted_by_division(self) -> bool:
        """ "미집행 세부사업이 하나도 없는 과", "미집행 사업 제일 많은 과": 과 told apart by how many
        of their lines are 미집행 — the 과 word comes after every 미집행 and 세부사업 word."""
        if not self.keywords_in("unexecuted"):
            return False
        if any(k.word.endswith("별") for k in self.keywords_in("division_word")):
            return True  # "과별 미집행 사업 수"
        return self._office_after("unexecuted", "lines_word")

    def _measures(self) -> tuple[str, ...]:
        measures = tuple(dict.fromkeys(m for p in self.phrases for m in p.measures))
        if self._unexecuted_by_division():
            # "지출 실적 없는 세부사업 있는 과": the money words say what 미집행 is.
            measures = ("unexecuted_count", *(m for m in measures if m != "line_count"
                                              and not self.measures_of[m].is_money))  # fmt: skip
        # "성과낸 사람한테 돈 주는 제도": people said with 한테/에게 receive something; they are
        # no head count asked.
        given_to = {
            t[: -len(e)] for t in self.typed for e in ("한테", "에게", "께") if t.endswith(e)
        }
        counted = [k for k in self.found.places
                   if any(self.measures_of[m].unit == PEOPLE for m in self.lexicon.measures.get(k.word, ()))]  # fmt: skip
        if counted and all(k.word in given_to for k in counted):
            measures = tuple(m for m in measures if self.measures_of[m].unit != PEOPLE)
        if "line_count" in measures and self._money_said():
            # "1억 이상 10억 미만 세부사업 개수": the lines that meet it, counted — not each
            # 과's number of lines.
            measures = tuple(m for m in measures if m != "line_count")
        money = [m for m in measures if m != "budget" and self.measures_of[m].is_money]
        if "budget" in measures and money:
            # "돈 제일 많이 걷힌 세입": money in general, said beside the amount that is meant.
            said = [k.word for k in self.found.places
                    if "budget" in self.lexicon.measures.get(k.word, ())]  # fmt: skip
            if said and all(w in self.lexicon.lists["vague_money"] for w in said):
                measures = tuple(m for m in measures if m != "budget")
        if self._staff_kinds(measures) and not any(
            tuple(self.lexicon.measures.get(k.word, ())) in (("quota",), ("current",))
            for k in self.found.places
        ):
            # "시간선택제임기제 가운데 갈등관리협치과 소속 인원": 인원 is that kind's count, not
            # the 과's 정원 and 현원 beside it.
            measures = tuple(m for m in measures if m not in ("quota", "current")) or measures
        every_kind = [p for p in self.phrases if len(self._staff_kinds(p.measures)) >= 3]
        named_kinds = [m for p in self.phrases if p not in every_kind
                       for m in self._staff_kinds(p.measures)]  # fmt: skip
        if every_kind and named_kinds:
            # "직종별 현원 중 임기제 인원": the kind named, not every kind the 직종별 table has
            # (정원 said keeps the head counts: "정원과 현원, 직종별 현원 중 기술직").
            quota_said = any("quota" in p.measures for p in self.phrases)
            measures = tuple(m for m in measures if m in named_kinds
                             or (quota_said and m in HEAD_COUNTS))  # fmt: skip
        people = [m for m in measures if self.measures_of[m].unit == PEOPLE]
        if len(people) >= 2 and len(people) < len(measures) and self._bare_rate_phrases():
            # "현원 중 행정직 인원과 그 비율": the rate of the head counts, not 집행률.
            measures = tuple(
                m for p in self.phrases if not self._is_bare_rate(p) for m in p.measures
            )
            measures = tuple(dict.fromkeys(measures))
        kept = [m for p in self.phrases if not self._is_bare_rate(p) for m in p.measures]
        ratio_said = any(k.word in self.lexicon.lists["ratio"] for k in self.found.places)
        if ratio_said and self._whole_then_part():
            # "국 현원중에 사회협력과 비율", "국 전체 중 사회협력과 예산 비율": a part's share of
            # the whole said before 중, in the measure said — not the part's 집행률.
            budget_said = any("budget" in self.lexicon.measures.get(k.word, ())
                              for k in self.found.places)  # fmt: skip
            if len(kept) == 1 and self._bare_rate_phrases():
                measures = tuple(kept)
            elif budget_said and all(self.measures_of[m].is_rate for m in measures):
                measures = ("budget",)
        if not measures and self._lines_counted_by_division():
            return ("line_count",)  # "세부사업이 가장 많은 과": how many lines each 과 has
        amount_of = {
            m: self.measures_of[m].ratio_of for m in measures if self.measures_of[m].ratio_of
        }
        if (
            len(measures) == 2
            and self.has("than")
            and self.measures_of[measures[0]].is_money
            and measures[0] != "budget"  # "예산 대비 지출액 비율" is the printed 집행률
            and amount_of.get(measures[1]) not in (None, measures[0])
        ):
            # "원인행위액 대비 지출액 비율": one amount over another, not the printed rate.
            return (measures[0], amount_of[measures[1]])
        if self.has("percent") and not self.has("share"):
            # "원인행위 기준은 몇 %": the rate of what is named.
            measures = tuple(dict.fromkeys(self.lexicon.rate_of.get(m, m) for m in measures))
        if self._spends_by_year_end() and set(measures) <= {"committed", "spent", "budget"}:
            # "연말까지 얼마 써?": its outlook; "연말까지 다 써?": its outlook rate.
            measures = ("outlook_rate",) if self.has("fully") else ("outlook_amount",)
        elif (
            "outlook_amount" in measures
            and "outlook_left" not in measures
            and self._asks_outlook()
            and not self.has("difference", "than", "compare")
        ):
            # "올해 말까지 얼마 집행할 것으로 예상됩니까?": the outlook is what is asked.
            measures = tuple(m for m in measures if m not in ("committed", "spent", "budget"))
        if "outlook_amount" in measures and "remaining" in measures:
            # "연말 예상액 대비 아직 안 쓴 돈": what is left against the outlook.
            measures = tuple(
                "outlook_left" if m == "remaining" else m for m in measures if m != "outlook_amount"
            )
        if {"outlook_amount", "spent"} <= set(measures) and self.has("difference"):
            # "연말 집행예상액에서 지출액을 뺀 금액": what is left to spend by the year end.
            measures = tuple(m for m in measures if m not in ("outlook_amount", "spent", "budget"))
            measures = ("outlook_left", *measures)
        gaps = {
            frozenset(m.difference_of): m.name for m in self.measures_of.values() if m.difference_of
        }
        if (
            "outlook_unspent" in measures and self.has("difference")
            and "outlook_amount" not in measures
            and frozenset(m for m in measures if m != "outlook_unspent") in gaps
        ):  # fmt: skip
            # "예산현액에서 지출액 빼면 남는 돈": what the subtraction leaves, not the outlook's.
            measures = tuple("remaining" if m == "outlook_unspent" else m for m in measures)
        others = frozenset(m for m in measures if m != "remaining")
        if "remaining" in measures and self.has("difference") and others in gaps:
            # "예산에서 원인행위액 뺀 잔액": the gap between the two named, called 잔액.
            measures = (gaps[others],)
        if "committed" in measures and "remaining" in measures:
            # "원인행위액 중 아직 지출되지 않은 금액": what is committed and not yet paid.
            measures = tuple(
                "committed_unspent" if m == "remaining" else m for m in measures if m != "committed"
            )
        based_on = self._based_on()
        if based_on:
            # "원인행위 기준으로 제일 낮은": the rate on that basis (집행률(원인행위 기준)).
            measures = tuple(dict.fromkeys(based_on.get(m, m) for m in measures))
        pair = ("committed_rate", "spent_rate")
        named_rates = {p.measures[0] for p in self.phrases if len(p.measures) == 1} & set(pair)
        if named_rates and any(set(p.measures) == set(pair) for p in self.phrases):
            # "지출 집행률이 가장 저조한 과와 해당 집행률": the rate named, said again.
            measures = tuple(m for m in measures if m not in pair or m in named_rates)
        if all(m in measures for m in pair):
            # "원인행위 기준으로 보면 집행률": the rate on the basis named, not both rates.
            based = [self.lexicon.rate_of[m] for m in measures if m in ("committed", "spent")]
            if len(based) == 1:
                measures = tuple(
                    m for m in measures if m not in ("committed", "spent", *pair) or m == based[0]
                )
                measures = (based[0], *measures) if based[0] not in measures else measures  # fmt: skip
        gap = self._gap_measure(measures)
        if gap is not None:
            # "두 집행률 차이가 가장 큰 과", "예산과 지출 차이 제일 큰 사업": the gap itself is
            # what ranks or filters the set.
            measures = (gap,)
        for measure in self.measures_of.values():
            if measure.said_as and measure.said_as <= set(measures):
                # "1인당 지출액": the measures said together mean one of their own.
                at = min(measures.index(m) for m in measure.said_as)
                # "현원 1인당 지출액": what it is computed from is read in it, not asked apart.
                rest = [m for m in measures if m not in measure.said_as | measure.reads]
                measures = (*rest[:at], measure.name, *rest[at:])
        per_head = [m for m in measures if "current" in self.measures_of[m].reads
                    and self.measures_of[m].is_money]  # fmt: skip
        if per_head:
            # "현원 1인당 예산": 현원 is what it is divided by, not a figure asked apart.
            measures = tuple(m for m in measures
                             if m not in self.measures_of[per_head[0]].reads or m in per_head)  # fmt: skip
        for name in measures:
            # "예산보다 얼마 더 걷혔어?": the gap already is budget against collected.
            measures = tuple(m for m in measures if m not in self.measures_of[name].stands_for)
        last_year = self.reader.as_of.year - 1 in self.quantities.years
        changed = self.has("decreased", "increased", "than", "difference", "compare")
        if last_year and changed and "budget" in measures:
            # "예산은 작년보다 얼마나 줄었어?": the change from the ’20 budget.
            measures = tuple("change_amount" if m == "budget" else m for m in measures)
        kinds = {c.entity.kind for m in self.found.mentions for c in m.best}
        if (
            (kinds == {"revenue"} or (not kinds and self.has("revenue")))
            and self.has("decreased", "increased")
            and set(measures) <= {"budget"}
        ):
            # ("세입 중 가장 많이 줄어든 항목": the items, ranked by that change)
            # "지난연도수입 얼마나 줄었어": a revenue item changes only in its budget.
            measures = ("change_amount",)
        if self._previous_year() and "budget" in measures:
            # "2020년 세입 예산": the revenue table's ’20 budget.
            measures = tuple("budget_2020" if m == "budget" else m for m in measures)
        return tuple(dict.fromkeys(measures))

    def _gap_measure(self, measures: tuple[str, ...]) -> str | None:
        """The declared gap between the two measures said, asked of a set: ranked, counted or
        filtered by a figure (one thing's gap is a difference of its own two figures)."""
        said = set(measures)
        for name in measures:
            gap = self.measures_of[name]
            if gap.difference_of and said == {name, *gap.difference_of}:
                return name  # "예산현액에서 지출액을 뺀 잔액": the gap, named with its two
        if (
            len(said) == 3
            and "budget" in said
            and any(k.word in self.lexicon.lists["amount_words"] for k in self.found.places)
        ):
            said.discard("budget")  # "차액이 가장 큰 과와 그 금액": the gap's own amount
        if not self.has("difference") or len(said) != 2:
            return None
        if said & {"committed_rate", "spent_rate"}:
            said = {self.lexicon.rate_of.get(m, m) for m in said}  # "원인행위랑 지출률 갭"
        ranked = self.quantities.position or self.quantities.top or self.has(*RANK_WORDS)
        over_set = self._set_kind() is not None
        if not (ranked or over_set) and self.found.mentions:
            return None  # "사회협력과 정원 현원 차이 3명 아니죠?": one thing's own gap
        if not (ranked or self.quantities.figures or over_set):
            return None
        return next((m.name for m in self.measures_of.values()
                     if m.difference_of and set(m.difference_of) == said), None)  # fmt: skip

    def _previous_year(self) -> bool:
        return self.reader.as_of.year - 1 in self.quantities.years and not (
            self.has("decreased", "increased", "than", "difference")
        )

    def _content(self) -> list[Unknown]:
        """Content words that are neither names nor known words, as typed (particles off)."""
        left = []
        for place in self.found.unknown_places:
            word = place.word
            # "복지과", "교통국": an office the report does not have keeps its 과 (no particle).
            if not word.endswith(self.lexicon.lists["office_endings"]) or len(word) < MIN_WORD + 1:
                word = self.lexicon.strip_particle(word)
            if len(word) < MIN_WORD or not any(is_hangul(c) or c.isalpha() for c in word):
                continue
            if COUNTED_WORD.fullmatch(word):
                continue  # "9개 주요사업": a count said of the set, not a word to look for
            left.append(Unknown(word, place.segment, place.order))
        return left

    def _read_ellipsis(self) -> None:
        """`혁신파크 운영이랑 조성`, `운영, 조성`: a word after a name is read with its first words."""
        listed = "," in self.quantities.text or "/" in self.quantities.text
        if not (
            listed
            or self.has(
                "conjunction",
                "sum",
                "difference",
                "compare",
                "than",
                "both",
                "each",
                "times",
                "share",
            )
            or any(k.word in self.lexicon.lists["set_aside"] for k in self.found.places)
        ):
            return
        for resolved in list(self.resolved):
            words = resolved.mention.words
            subjects = self._narrowed(list(resolved.subjects), resolved, "holder")
            if len(subjects) == 1:
                # The name's first words as the report writes them ("서울혁신파크" of 서울혁신파크
                # 운영).
                parts = subjects[0].name.split()
                stems = [compact(" ".join(parts[:k])) for k in range(len(parts) - 1, 0, -1)]
            elif len(words) > 1:
                stems = []  # "혁신파크 조성 말고 운영": the words as typed, whichever it names
            else:
                continue
            stems.append("".join(words[:-1]))
            kinds = {KINDS_OF_ENTITIES.get(s.kind, s.kind) for s in resolved.subjects}
            for unknown in [u for u in self.content if u.order > resolved.mention.order]:
                found = next((leaders(self.catalog.index.candidates(stem + unknown.word))
                              for stem in stems if stem), [])  # fmt: skip
                # "혁신파크 … 운영": the line 운영 beside lines, not the project of that name
                found = [c for c in found if c.entity.kind in kinds] or found
                if len(found) == 1 and found[0].score >= ELLIPSIS_SCORE:
                    subject = self.reader.subjects.of(found[0].entity)
                    if subject not in subjects and subject.kind in {
                        s.kind for s in resolved.subjects
                    }:
                        mention = replace(resolved.mention, text=unknown.word, order=unknown.order)
                        self.resolved.append(Resolved(mention, (subject,)))
                        self.content.remove(unknown)
                    break
            # "서울혁신파크 운영이랑 조성사업": a later name that fits several things is the one
            # that goes on from this name's first words.
            for index, other in enumerate(self.resolved):
                if other.sure or other.mention.order <= resolved.mention.order:
                    continue
                said = compact(other.mention.text)
                found = next((leaders(self.catalog.index.candidates(stem + said))
                              for stem in stems if stem), [])  # fmt: skip
                if len(found) == 1 and found[0].score >= ELLIPSIS_SCORE:
                    subject = self.reader.subjects.of(found[0].entity)
                    if subject in other.subjects:
                        self.resolved[index] = Resolved(other.mention, (subject,))

    def in_text(self, words: tuple[str, ...], project_no: int | None = None,
                parts: tuple[str, ...] = ()) -> bool:  # fmt: skip
        """Whether the report's prose holds every word (in one project's, or some parts)."""
        return bool(words) and all(self.reader.holds(w, project_no, parts) for w in words)

    def _organisations_said(self) -> list[str]:
        """Corporations typed with the mark of their kind ("(사)마을"): a fact checked against
        the text must name them too (never checked by the other words alone)."""
        return organisations(self.quantities.text)

    def _numbers_said(self) -> list[str]:
        """Numbers typed with their counter and outside any name ("3년으로" → 3년, "24석"): a
        fact checked against the text must hold them too."""
        names = [compact(m.text) for m in self.found.mentions]
        said = []
        before = ""
        for raw in self.quantities.text.split():
            word = compact(raw)
            number = re.match(r"\d+(?:[.,]\d+)?[가-힣]?", raw)
            after_month, before = before.endswith("월"), raw
            if not number or any(word in name for name in names):
                continue
            # Dates are checked against the bullet's dates, and years apart ("8월 28일", "2021");
            # days on their own are a length ("60일 연장").
            if re.match(r"\d+(?:월|/|\.\d)|\d{4}", raw) or (after_month and "일" in raw):
                continue
            said.append(number.group(0))
        return said

    def _told_of_in_text(self, resolved: Resolved) -> Resolved:
        """ "마을센터 잔여기간 위탁금액": a short name for a project and for its budget line is
        the project when the words asked beside it are all in the project's text (the line's
        figures are taken only for what the text does not say)."""
        projects = [
            self.reader.subjects.of(c.entity) for c in resolved.mention.best
            if c.entity.kind == "project"
        ]  # fmt: skip
        if len(projects) != 1 or resolved.subjects == (projects[0],) or not resolved.sure:
            return resolved
        named = " ".join(compact(s.name) for s in resolved.subjects)  # "운영" names the line
        words = tuple(
            w for w in (c.word for c in self.content) if len(w) >= MIN_WORD and w not in named
        )
        if not words or not self.in_text(words, projects[0].project_no):
            return resolved
        return Resolved(resolved.mention, (projects[0],))

    def _held_in(self, word: str, project_no: int | None) -> bool:
        """A word in a project's text, or a place typed with its kind ("은평구") the text
        writes bare (은평) — only for what a named project's yes/no looks for."""
        if self.in_text((word,), project_no):
            return True
        bare = bare_place(word)
        return bare is not None and self.in_text((bare,), project_no)

    def _charge_asked(self) -> bool:
        """ "회의실 빌리면 돈 내야 돼?", "임대료 무료야?": whether something costs, yes or no."""
        return not self.asks_what and self._speaks_of_charge()

    def _speaks_of_charge(self) -> bool:
        """A fee, and paying it or not."""
        return self.says("fees") and (self.says("paying") or self.says("free_of_charge"))

    @property
    def yesno_like(self) -> bool:
        """Asked whether it is so, in any of the ways `yesno` and `_predicate_asked` read."""
        return self.yesno or self._predicate_asked()

    def _predicate_asked(self) -> bool:
        """ "위탁기간 90일 연장했어?", "은평구청이 운영함?": a fact's words, then only a verb,
        with no question word — whether it is so."""
        words = self.quantities.text.replace("?", " ").split()
        if not words or self.asks_what:
            return False
        if EMBEDDED_YESNO.search(self.quantities.text):
            return True  # "…참여하였는지 여쭙습니다": whether it is so, asked formally
        last = compact(words[-1])
        if self.lexicon.is_closing(last) or last.startswith(tuple(self.lexicon.lists["musing"])):
            return False  # "알려줘", "궁금해": a request, not a yes/no
        if self.lexicon.predicate_stem(last):
            return True
        asked = self.quantities.text.rstrip().endswith(("?", "？"))
        # "공개모집이야?": a noun, then only "is it?"; "뽑아?": a verb of one letter, asked.
        copula = any(last.endswith(e) and len(last) >= len(e) + 2 for e in COPULA_ASKED)
        short_verb = len(last) == 2 and last[-1] in SHORT_VERB_ENDINGS
        return asked and (copula or short_verb or last in DOES_IT)

    @functools.cached_property
    def _says_all(self) -> bool:
        """`다 행정직이야?`, `전원 행정직인가요`: a word for all of them, typed on its own."""
        words = self.quantities.text.split()
        fully = tuple(self.lexicon.lists["fully_verbs"]) if self.has("fully") else ()
        return any(
            (
                compact(w) in self.lexicon.lists["all_of"]
                or self.lexicon.strip_particle(compact(w)) in self.lexicon.lists["all_of"]
            )
            # ("다 집행할 것으로 예상되는 사업": 다 is of the verb, fully spent)
            and not (at + 1 < len(words) and fully and compact(words[at + 1]).startswith(fully))
            for at, w in enumerate(words)
        )  # "전원으로 구성됐어?"

    @functools.cached_property
    def _tell_words(self) -> tuple[str, ...]:
        """Requests to be told or shown ("알려줘요", "보여줘"), from the lexicon."""
        return tuple(self.lexicon.lists["tell_me"])

    def asks_when(self) -> bool:
        """Whether a word asks when ("언제", "언제까지"), not only a word of plans (계획)."""
        return any(k.word.startswith("언제") for k in self.keywords_in("schedule"))

    def _tell_me(self) -> bool:
        """Whether the question ends asking to be told or shown ("알려줘요", "보여줘")."""
        words = self.quantities.text.split()
        return bool(words) and compact(words[-1]).startswith(self._tell_words)

    def _all_of_set(self) -> bool:
        """ "세부사업 다 집행했어?", "5개 과 모두 …": the word for all right after the set's
        word — every member is asked about ("예산 다 쓰는 사업 있어?": 다 is how it is spent)."""
        words = self.quantities.text.split()
        sets = self.lexicon.lists["set_nouns"]
        return any(
            compact(first).rstrip("들은는이가").endswith(tuple(sets))
            and compact(second) in self.lexicon.lists["all_of"]
            # ("… 세부사업 다 알려줘요": every one of them listed, not a check of each)
            and not (third or "").startswith(self._tell_words)
            for first, second, third in zip(words, words[1:], [*words[2:], None], strict=False)
        )

    def says(self, words: str) -> bool:
        """Whether the question, spaces aside, holds one of the lexicon's `words` list."""
        text = self._compact_text
        return any(word in text for word in self.lexicon.compact_list(words))

    @functools.cached_property
    def _compact_text(self) -> str:
        return compact(self.quantities.text)

    def opens_word(self, words: str) -> bool:
        """Whether a typed word begins with one of the lexicon's `words` ("언제까지임", not the
        시기 inside 주시기)."""
        starts = tuple(self.lexicon.lists[words])
        return any(t.startswith(starts) for t in self.typed)

    @functools.cached_property
    def typed(self) -> tuple[str, ...]:
        """The question's words as typed, each in compact form; a bracket parts words too
        ("진행자(모더레이터)" is two words)."""
        words = WORD_BREAK.split(self.quantities.text)
        return tuple(c for c in (compact(w) for w in words) if c)

    def _one_project_word(self) -> bool:
        """Whether a long word not understood ("전자투표") stands in one project's text only."""
        for word in (w for w in self.unknown_words if len(w) >= 3):
            holding = {p.project_no for p in self.catalog.passages
                       if p.project_no is not None and _holds(p, word)}  # fmt: skip
            if len(holding) == 1:
                return True
        return False

    def unknown_words_in_one_project(self) -> bool:
        """Whether the words not understood all stand in one project's text and not in most."""
        # (a 구 asked is checked against the ones the text names, not looked for: "운영주체
        # 마포구청 맞아?")
        words = tuple(w for w in self.unknown_words if len(w) >= MIN_WORD
                      and not (self.yesno_like and district(w) is not None))  # fmt: skip
        if not words:
            return False
        holding = {p.project_no for p in self.catalog.passages
                   if p.project_no is not None and all(_holds(p, w) for w in words)}  # fmt: skip
        # (two long words as well: "선별진료소 운영주체", a bullet and its detail)
        if not holding and (len(words) >= 3 or (len(words) == 2 and min(map(len, words)) >= 4)):
            # ("기존 수탁기관 (사)마을과 위탁기간을 90일 연장": the words of two bullets of one
            # project, a bullet and its detail — that project's, when no other holds them all)
            projects = {p.project_no for p in self.catalog.passages if p.project_no is not None}
            holding = {n for n in projects
                       if all(any(_holds(p, w) for p in self.catalog.passages
                                  if p.project_no == n) for w in words)}  # fmt: skip
            return len(holding) == 1
        return 0 < len(holding) <= 2

    def best_project(self, words: tuple[str, ...]) -> int | None:
        """The project whose prose holds the most of the words, when one clearly does."""
        scores: dict[int, int] = {}
        for passage in self.catalog.passages:
            if passage.project_no is None:
                continue
            held = sum(len(w) for w in words if _holds(passage, w))
            scores[passage.project_no] = max(scores.get(passage.project_no, 0), held)
        ranked = sorted(scores.items(), key=lambda s: -s[1])
        if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    # --- subjects at the level a question needs ------------------------------------------

    def subjects_at(self, level: str) -> list[Subject]:
        """Named subjects as the question needs them; raises _Unclear to ask which.

        level: "holder" (what has the figures), "project" (whose text and plans), "division".
        """
        picked: list[Subject] = []
        for resolved in self.resolved:
            mapped = self._mapped(resolved.subjects, level)
            if len(mapped) > 1:
                mapped = self._narrowed(mapped, resolved, level)
            if len(mapped) > 1:
                if level == "holder" and any(set(mapped) & set(r.subjects) for r in self.resolved
                                             if r is not resolved and r.sure):  # fmt: skip
                    continue
                if level == "holder" and self.has("sum", "both", "each"):
                    picked += mapped  # "NPO지원센터 두 사업 합하면": all the names it fits
                    continue
                # "시민참여과랑 시민숙의 지출률 차이": set beside a 과, the one that is a 과.
                kinds = {s.kind for r in self.resolved if r is not resolved and r.sure
                         for s in r.subjects} & {"division"}  # fmt: skip
                alike = [s for s in mapped if s.kind in kinds]
                if len(alike) == 1 and self.has("conjunction", "compare", "difference", "sum"):
                    picked += alike
                    continue
                if self._loose_word(resolved, mapped):
                    continue  # "비영리 … 보조금 주는 사업 지출액": 보조금 is no revenue item here
                # "시도비 보조금 … 수입": another word names one of them alone, that one.
                alone = {r.subjects[0] for r in self.resolved
                         if r is not resolved and len(r.subjects) == 1} & set(mapped)  # fmt: skip
                if len(alone) == 1:
                    picked += list(alone)
                    continue
                raise _Unclear(Question(q.CLARIFY, choices=tuple(mapped[:8]), rest=self._rest()))
            picked += mapped
        return list(dict.fromkeys(picked))

    def _loose_word(self, resolved: Resolved, mapped: list[Subject]) -> bool:
        """A loose match beside a sure name, of things that have none of the figures asked."""
        others_sure = any(r.sure for r in self.resolved if r is not resolved)
        kinds = {s.kind for s in mapped}
        return (
            others_sure and bool(self.measures) and kinds <= {"revenue", "line", "division"}
            and not any(k in self.measures_of[m].kinds for m in self.measures for k in kinds)
        )  # fmt: skip

    def _mapped(self, subjects: tuple[Subject, ...], level: str) -> list[Subject]:
        mapped: list[Subject] = []
        for subject in subjects:
            if level == "division":
                if subject.kind in ("bureau", "unit", "revenue"):
                    mapped.append(subject)
                elif subject.division:
                    mapped.append(Subject("division", subject.division, subject.division))
            elif level == "project":
                if subject.kind in ("division", "bureau", "unit", "revenue", "project"):
                    mapped.append(subject)
                elif subject.project_no is not None:
                    mapped.append(self._project(subject.project_no))
            else:
                mapped.append(subject)
        return list(dict.fromkeys(mapped))

    def _project(self, number: int) -> Subject:
        return self.reader.subjects.of(self.catalog.project(number))

    def _narrowed(self, mapped: list[Subject], resolved: Resolved, level: str) -> list[Subject]:
        # "npo센터 … 권역센터 말고": a name that starts a word set aside is not meant.
        # (none yet while the reading is being built)
        aside = [w for w in getattr(self, "set_aside_words", ()) if len(w) >= MIN_WORD]
        kept = [s for s in mapped
                if not any(_longest_start(compact(s.name), w) >= MIN_WORD for w in aside)]  # fmt: skip
        if aside and kept and len(kept) < len(mapped):
            mapped = kept
            if len(mapped) == 1:
                return mapped
        if level == "holder":
            holders = {s: set(self.reader.subjects.figure_subjects(s, self.measures)) or {s}
                       for s in mapped}  # fmt: skip
            # A name that fits a line and the project holding it means the line.
            minimal = [s for s in mapped if not any(holders[o] < holders[s] for o in mapped)]
            union = set().union(*(holders[s] for s in minimal))
            if len(union) == 1:
                return list(union)
            return minimal
        if level == "project":
            projects = [s for s in mapped if s.kind == "project"]
            if self.text_words and len(projects) > 1:
                best = self.best_project(self.text_words)
                if best is not None:
                    return [self._project(best)]
            if projects and len(projects) < len(mapped) and len(projects) == 1:
                return projects
        return mapped

    def _rest(self) -> str:
        return " ".join(
            k for k in dict.fromkeys(self.found.keywords) if self.lexicon.groups[k] != {FILLER}
        )

    def told(self) -> Told:
        """What the message said by itself (see follow.Told)."""
        subjects = tuple(s for r in self.resolved for s in r.subjects[:1] if r.sure)
        if self.has("bureau") and not subjects:
            subjects = (Subject("bureau", self.catalog.bureau),)
        intents = ("schedule", "status", "overview", "duty", "duties_of", "organization", "help",
                   "inconsistency", "not_held", "revenue", "asks_division")  # fmt: skip
        ranked = self.quantities.position or self.quantities.top or self.has(*RANK_WORDS)
        return Told(
            subjects=subjects,
            measures=self._ordered_by_than(self.measures),
            set_word=self._set_kind() is not None,
            conditions=tuple(c for c in self._conditions() if c.other is None or self.has("than")),
            ranking=self._ranking() if ranked else None,
            operations=frozenset(self._operations() - {q.RANK, q.LIST}),
            months=self.months is not None,
            narrow=self.has("narrow"),
            intent=self.has(*intents) or bool(self.unknown) or bool(self.quantities.years),
            # "왜?" asks for the evidence; "왜 대면을 줄였어?" asks the report's reason.
            why=self.has("why") and self._only_why(),
            that=self.has("that"),
            office=any(k.word.endswith(("과", "부서")) for k in self.keywords_in("that")),
            last_year=self.reader.as_of.year - 1 in self.quantities.years,
            rebased=bool(self._based_on()),
            both=self.has("both"),
            three=self.has("three"),
            whether=self.yesno and not self.has("which"),
            every=self.has("each")
            or any(t in self.lexicon.lists["all_of"] for t in self.typed)
            or (self.has("that") and any(t in self.lexicon.lists["those"] for t in self.typed)),
            asks_division=self._asks_division() or self.has("duty"),
            counted=self.found.unit is not None and not self.measures,
            shown_after=self._shown_after_ranked_set(),
            reason=self.opens_word("reason"),
            last=LAST_ITEM.search(self.quantities.text) is not None,
            people=bool(self.measures) and self._all_people(self.measures),
            others=self.has("others"),
            compare=self.has("compare", "than"),
            eok=self.has("eok", "million"),
            words=tuple(
                dict.fromkeys(
                    [u.word for u in self.content]
                    + [compact(r.mention.text) for r in self.resolved if not r.sure]
                    # "넓이는?": what the report writes for it (면적) is asked of its text.
                    + [
                        self.lexicon.prose[k.word]
                        for k in self.found.places
                        if all(is_hangul(c) for c in self.lexicon.prose.get(k.word, "-"))
                    ]
                )
            ),
        )

    def _claimed_owner(self, question: Question) -> Question:
        """ "엠보팅 시민참여과 담당 맞지?": whose duty it is, checked against the 과 named."""
        named = [s for s in question.subjects if s.kind == "division"]
        if question.asks != q.DUTY or not self.yesno or len(named) != 1:
            return question
        owner = named[0]
        words = tuple(w for w in question.words if w != compact(owner.name))
        if not words:
            return question  # "시민참여과 업무 맞지?": nothing else is asked of it
        subjects = tuple(s for s in question.subjects if s != owner)
        return replace(question, subjects=subjects, words=words, note=f"claim:{owner.name}")

    def _denied(self, question: Question) -> bool:
        """ "시민숙의예산과 현원 20명 아니지?", "기술직 없지?": the question states the opposite
        of what is checked; "차이 없지?" is itself the claim checked."""
        said = compact(self.quantities.text).rstrip("?.!")
        check = question.check
        if check is not None and FREE_OF_CHARGE in check.written and self.says("paying"):
            # "임대료 내야 돼?" asks the opposite of 무상; "안 내도 되는 거 아니지?" both.
            return not said.endswith(tuple(self.lexicon.lists["denied"]))
        if said.endswith(tuple(self.lexicon.lists["denied"])):
            return True
        check = question.check
        if (
            said.endswith(tuple(self.lexicon.lists["denied_comparison"]))
            and check is not None
            and (check.value is None or (check.measure == "change_amount" and check.value == 0))
            and check.comparison in (">", "<")
        ):
            return True  # "국 평균보다 높지 않죠?": it is not higher, as the question says
        # ("결원 없지?" is checked as none: the claim itself)
        gap_claim = question.check is not None and question.check.written in ("차이 없음", "없음")
        gap_claim = gap_claim or question.note == "absent"  # "미집행 사업 없지?" likewise
        return said.endswith(tuple(self.lexicon.lists["denied_none"])) and not gap_claim

    def _only_why(self) -> bool:
        """ "왜?", "근거는?": nothing asked besides the evidence of the last answer."""
        quiet = {"why", FILLER, "yesno", "that", "which", "overview"}
        return (
            not self.resolved
            and not self.measures
            and not self.content
            and all(
                self.lexicon.groups.get(k.word, frozenset()) <= quiet for k in self.found.places
            )
        )

    # --- the decision ----------------------------------------------------------------------

    def question(self) -> Question:
        rules = (
            self._nothing, self._help, self._audit, self._not_held, self._year_marked,
            self._years, self._monthly,
            self._organization, self._vision, self._duty, self._revenue_described, self._described_surely,
            self._plans, self._text,
            self._group, self._figures,
        )  # fmt: skip
        for rule in rules:
            try:
                decided = rule()
            except _Unclear as unclear:
                return unclear.question
            if decided is not None:
                # "국 평균 집행률": a rate of the bureau is its average rate, weighted by budget.
                bureau_rate = (
                    self.has("bureau")
                    and bool(self.measures)
                    and all(self.measures_of[m].is_rate for m in self.measures)
                )
                if (
                    self.has("average") and decided.asks in FIGURE_ANSWERS and not bureau_rate
                    and self._against_whole() is None  # "국 평균보다": the bureau's figure
                ):  # fmt: skip
                    # "사회협력과 평균 예산": no set to average over; never the plain figure.
                    return Question(q.NOT_FOUND, words=("평균",))
                # (a word that framed a date checked was used: "계약기간 22년 말까지죠?")
                skipped = tuple(dict.fromkeys(u.word for u in self.skipped
                                              if not (decided.check and self._frames_date(u.word))
                                              and u.word not in self._office_verbs))  # fmt: skip
                if "읽었습니다" in decided.note and decided.subjects:
                    # A word the line described was read by is not said to be left out
                    # ("짓고": 조성 of 서울혁신파크 조성사업).
                    # (nor one of the everyday words it was matched by: "땅", "건물")
                    read_as = decided.subjects[0]
                    name = compact(read_as.name)
                    gloss = self.lexicon.glosses.get((read_as.kind, read_as.name), "")
                    skipped = tuple(
                        w for w in skipped
                        if not (w in self.lexicon.prose and compact(self.lexicon.prose[w]) in name)
                        and _longest_start(name, w) < MIN_WORD
                        and _longest_start(gloss, self.lexicon.strip_particle(w)) < MIN_WORD
                    )  # fmt: skip
                if decided.asks == q.VISION:
                    said = self.lexicon.compact_list("vision_words")
                    skipped = tuple(w for w in skipped if not w.startswith(said))
                if decided.asks in (q.AUDIT, q.PARTS):
                    # ("서로 다르게 기재된": how the report's own figures are asked about)
                    said = (*self.lexicon.compact_list("as_recorded"),
                            *self.lexicon.compact_list("agreeing"),
                            *self.lexicon.compact_list("differing"), "서로")  # fmt: skip
                    skipped = tuple(w for w in skipped if not w.startswith(said))
                check = decided.check
                if check is not None and check.measure == FACT and check.other:
                    # ("화상회의가 대면회의보다": the labels compared are used, not left out)
                    labels = (compact(check.written), compact(check.other))
                    skipped = tuple(w for w in skipped if not any(x.startswith(w) for x in labels))
                decided = self._claimed_owner(decided)
                return replace(decided, in_eok=self.has("eok"), skipped=skipped,
                               in_million=self.has("million"),
                               denied=self._denied(decided))  # fmt: skip
        return self._described() or Question(q.NOT_FOUND, words=self.unknown_words)

    def _nothing(self) -> Question | None:
        meaningful = [k for k in self.found.keywords if self.lexicon.groups[k] != {FILLER}]
        if meaningful or self.found.mentions or self.unknown or self.quantities.figures:
            return None
        if self.months is not None or self.quantities.years:
            return None
        return Question(q.HELP, note="greeting")

    def _help(self) -> Question | None:
        if self.has("help") and not self.found.mentions and not self.measures and not self.unknown:
            return Question(q.HELP)
        return None

    def _audit(self) -> Question | None:
        typed = self._compact_text
        # "…합산하면 국 합계와 일치하는지", "…동일하게 기재되어 있는지": the report's own
        # figures set against each other, as the ingest checks did — of the measures said.
        recorded = any(w in typed for w in self.lexicon.compact_list("as_recorded"))
        differ = recorded and any(w in typed for w in self.lexicon.compact_list("differing"))
        own = differ or (
            recorded and any(w in typed for w in self.lexicon.compact_list("agreeing"))
        )
        if not (self.has("inconsistency") or own):
            return None
        subjects = tuple(self._sure())
        # whether they agree, or whether they differ, is asked: the answer leads with 예/아니요
        said = ("differ" if differ else "agree") if own and not self.has("inconsistency") else ""
        # (parts added up against their total: only the checks of sums answer it)
        summed = own and any(w in typed for w in self.lexicon.compact_list("summed_up"))
        audit = Question(q.AUDIT, subjects=subjects, measures=self.measures, note=said,
                         facet="sum" if summed else "")  # fmt: skip
        if not (own and self.measures):
            return audit
        # The figures set against each other, beside what the checks found of them.
        held = tuple(dict.fromkeys(
            h for s in subjects
            if s.kind in ("division", "line", "revenue", "bureau", "project", "project_row")
            for h in self.reader.subjects.figure_subjects(s, self.measures)
        ))  # fmt: skip
        figures = Question(q.FIGURES, subjects=held or (Subject("bureau", self.catalog.bureau),),
                           measures=self.measures)  # fmt: skip
        return Question(q.PARTS, parts=(audit, figures))

    def _not_held(self) -> Question | None:
        asked = [k.word for k in self.keywords_in("not_held")]
        if self._set_kind():
            # "20억 이상인 거 이름": the names of what is listed.
            asked = [w for w in asked if "list" not in self.lexicon.groups[w]]
        # ("혁신파크 노후건물 보수 언제": 보수, a repair the named project's text writes, is no pay)
        # (a sum asked of it, "직원 보수 얼마야", is pay: not held)
        projects = self._named_projects() if not (self.measures or self.found.unit) else set()
        asked = [w for w in asked
                 if not (len(w) >= 2 and any(self.in_text((w,), p) for p in projects))]  # fmt: skip
        if not asked:
            return None
        if set(asked) <= set(self.lexicon.lists["soft_not_held"]) and any(
            self.in_text((u.word,)) for u in self.unknown
        ):
            return None  # "플랫폼 이름": a person's name is not held; a platform's is in the text
        return Question(q.NOT_HELD, subjects=tuple(self._sure()), not_held=tuple(asked))

    def _years(self) -> Question | None:
        """A year other than the report's: only the revenue table has the year before."""
        years = [y for y in self.quantities.years if y != self.reader.as_of.year]
        if not years:
            return None
        previous = self.reader.as_of.year - 1
        revenue = (
            self.has("revenue", "revenue_list", "decreased", "increased")
            or any(s.kind == "revenue" for s in self._sure())
            or bool(COLLECTION & set(self.measures))  # "…들어온 돈, 징수율이랑 작년 대비 증감"
        )
        # The revenue table has the year before's budget (and the change from it), not what
        # was collected then: "2020년 세입 징수액" is not in the report.
        of_last_year = {"budget", "budget_2020", "change_amount", "change_rate"}
        # "전년 대비 증감률 … 징수율": a change asked sets the year against the report's.
        changes = {"change_rate", "change_amount"} & set(self.measures)
        compared = not self._previous_year() or bool(changes)
        if (
            set(years) == {previous}
            and revenue
            and (set(self.measures) <= of_last_year or compared)
        ):
            return None
        if set(years) == {previous} and revenue and self.unknown:
            # "작년에 못 걷어서 올해 걷은 세입": last year is part of what the money is.
            described = self._revenue_described()
            if described is not None and described.asks == q.FIGURES:
                return described
        if self.has("schedule") and (not self.measures or min(years) > self.reader.as_of.year):
            return None  # plans name the next year's work ("’22. 예산편성")
        if not self.measures and not revenue and all(self._year_written(y) for y in years):
            return None  # "위탁기간 2023년 12월까지야?": the projects' text writes that year
        if self._year_checked() is not None:
            return None  # "중랑 마을활력소 22년에 완공돼?": the year checked of its text
        if self._dated_check() and any(self._year_of_named(y) for y in years):
            return None  # "수탁기관 계약기간 22년 말까지죠?": checked against its dates
        said = ", ".join(f"{y}년" for y in dict.fromkeys(years))
        parts = ()
        if self.reader.as_of.year in self.quantities.years:
            # "2020년 … 이랑 올해 거 비교해줘": the year the report has is answered too.
            current = self._figures()
            parts = (current,) if current is not None and current.asks != q.NOT_FOUND else ()
        return Question(q.NOT_HELD, subjects=tuple(self._sure()), not_held=(said,), parts=parts)

    def _date_checked(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words a check finds in a bullet, with a date said: a word for a period the text
        does not write ("계약기간") is the bullet's dates, and "…까지죠" only asks."""
        kept = tuple(w for w in words if not (self._frames_date(w) and not self.in_text((w,))))
        return kept or words

    def _frames_date(self, word: str) -> bool:
        """With a date said, a word for a period ("계약기간": the bullet's dates) or "…까지죠"
        (only asking) frames the check; it is no word to find."""
        period = self.lexicon.strip_particle(word) in self.lexicon.compact_list("period_words")
        return self.months is not None and (period or word in DOES_IT)

    def _named_well(self, subject: Subject) -> bool:
        """Whether a subject was named as such, not found in part inside a longer word."""
        return any(
            r.subjects == (subject,) and r.mention.best and r.mention.best[0].score >= NAMED_WELL
            for r in self.resolved
        )

    def _dated_check(self) -> bool:
        """ "…계약기간 22년 말까지죠?": whether a date said (a month of a year) is checked of a
        thing named, asked yes or no, no figure asked."""
        named = len(self._named_projects()) == 1
        # ("계약 23년까지": the contract's term, not 원인행위액)
        contract = self.measures == ("committed",) and "계약" in self._compact_text
        measures = bool(self.measures) and not contract
        return self.months is not None and self.yesno_like and named and not measures

    def _year_marked(self) -> Question | None:
        """ "마을활력소 중 2023년에 생기는 곳 어디야", "올해 안에 끝나는 곳은": which things the
        named project's text marks with the year asked ("구로거점(’23)", "광진(연내)")."""
        years = set(self.quantities.years)
        projects = self._named_projects()
        where = (
            self.opens_word("where")
            or self.has("which")
            or any(t.startswith(("곳", "데", "어떻게", "뭐", "무엇")) for t in self.typed)
        )
        if len(years) != 1 or self.measures or len(projects) != 1 or not where:
            return None
        if self.months is not None and (self.months.first.month, self.months.last.month) != (1, 12):
            return None
        year, project = years.pop(), projects.pop()
        if year not in self.catalog.years_marked.get(project, ()):
            return None
        months = Months(date(year, 1, 1), date(year, 12, 1), f"{year}년")
        return Question(q.TEXT, subjects=(self._project(project),), months=months, facet="marked")

    def _year_checked(self) -> Months | None:
        """ "구로 거점 마을활력소 내년에 완공돼?", "정식 운영은 22년부터야?": one year said alone
        (no month, no figure), asked yes or no of a project whose text writes dates around it,
        is the whole of that year, checked against the years the text gives."""
        years = set(self.quantities.years)
        if (
            self.months is not None or len(years) != 1 or self.quantities.figures
            or self.measures or not self.yesno_like
        ):  # fmt: skip
            return None
        year = years.pop()
        if not self._year_of_named(year):
            return None
        return Months(date(year, 1, 1), date(year, 12, 1), f"{year}년")

    def _named_projects(self) -> set[int]:
        """The projects the things named belong to ("서울혁신파크": its project and its lines)."""
        return {s.project_no for r in self.resolved for s in r.subjects
                if s.kind in ("project", "line", "row") and s.project_no is not None}  # fmt: skip

    def _year_of_named(self, year: int) -> bool:
        """Whether the text of the project named writes dates in or around `year` (a check of
        a date in another year is decided by its dates, never refused for the year)."""
        projects = self._named_projects()
        written = {y for y, passages in self.reader.catalog.years_written.items()
                   if any(p.compact in passages for p in self.catalog.passages
                          if p.project_no in projects)}  # fmt: skip
        return (
            bool(written)
            and min(written) <= year + YEARS_AROUND
            and year - YEARS_AROUND <= max(written)
        )

    def _year_written(self, year: int) -> bool:
        """Whether a passage of the projects' text writes `year` beside a word asked (수탁기관
        (’21. 1.~’23. 12.), (임기) 2021. 5월 ~ 2022. 3월); a year the text only writes
        elsewhere (’18년~’21년 사업계획서) says nothing of what was asked."""
        words = [u.word for u in self.unknown if len(u.word) >= 2]
        passages = self.reader.catalog.years_written.get(year, ())
        return any(word in passage for word in words for passage in passages)

    def _monthly(self) -> Question | None:
        """`7월 지출액`: the report gives figures as of its 기준일, not month by month."""
        if self.months is None or not self.measures or self.has("schedule"):
            return None
        if self._dated_check():
            return None  # "계약 23년까지 맞아?": a date checked of the text, no month's figure
        if self.months.day is not None and self.yesno_like and self._one_project_word():
            # "예산사업 고르는 전자투표 8월28일까지 하는거 맞지?": a day checked of words one
            # project's text holds; 예산 there says what is voted on.
            return None
        relative = self.quantities.relative_months
        if relative is not None and relative[1][1] is None:
            return None  # "연말까지 더 쓸 돈": the year-end outlook, not a month
        said = self.months.said.split(": ")[0]
        return Question(q.NOT_HELD, subjects=tuple(self._sure()), not_held=(f"{said} 월별 수치",))

    def _organization(self) -> Question | None:
        subjects = self._sure()
        if any(s.kind == "unit" for s in subjects) and not self.measures:
            return Question(q.ORGANIZATION, note="history")
        others = [s for s in subjects if s.kind not in ("bureau", "unit")]
        # ("어떤 조직들이 통합된": the word for the organisation, said in the plural)
        unknown = [w for w in self.unknown_words
                   if "organization" not in self.lexicon.groups.get(w, frozenset())]  # fmt: skip
        if not self.has("organization") or others or self.measures or unknown:
            return None
        if self._operations() - {q.COUNT} or self.has("lines_word", "projects", "revenue"):
            return None
        # "이전 조직", "어디서 합쳐진": the bodies it was formed from are asked too.
        history = any(k.word in self.lexicon.lists["history_words"] for k in self.found.places)
        return Question(q.ORGANIZATION, note="history" if history else "")

    def _vision(self) -> Question | None:
        """ "국 비전 뭐야", "시민협력국 추진전략", "정책방향 알려줘": the report's Ⅱ, the part asked
        for first. Not when a figure, a project or a line is asked ("사업 추진전략 예산")."""
        said = self.lexicon.compact_list("vision_words")
        typed = [t for t in self.typed if t.startswith(said)]
        if not typed or self.measures:
            return None
        if any(s.kind not in ("bureau", "division") for s in self._sure()):
            return None
        vision = any(t.startswith(("비전", "정책비전", "슬로건", "모토")) for t in typed)
        note = ("" if vision
                else "direction" if any(t.startswith(("추진방향", "중점방향", "정책방향")) for t in typed)
                else "strategy" if any(t.startswith(("추진전략", "전략")) for t in typed)
                else "")  # fmt: skip
        offices = tuple(s for s in self._sure() if s.kind == "division")
        return Question(q.VISION, subjects=offices, note=note)

    def _asks_division(self) -> bool:
        """`어느 과`, `어떤 부서`: a question word, then the word for a 과."""
        places = self.found.places
        if self.has("asks_division"):
            return True
        if any(
            self.lexicon.groups[a.word] & {"which", "duty"}
            and (
                "division_word" in self.lexicon.groups[b.word]
                or ("duty" in self.lexicon.groups[a.word] and b.word in ("곳", "데"))
            )
            for a, b in itertools.pairwise(places)
        ):
            return True  # "어느 과", "담당하는 과", "맡은 곳"
        where = self.lexicon.lists["where"]
        if any(
            (a.word in where or "which" in self.lexicon.groups[a.word])
            and "duties_of" in self.lexicon.groups[b.word]
            for a, b in itertools.pairwise(places)
        ):
            return True  # "어디 업무야", "어느 과 업무"
        kinds_of_staff = [m for m in self.measures if m not in ("current", "quota")
                          and self.measures_of[m].unit == PEOPLE
                          and "division" in self.measures_of[m].kinds]  # fmt: skip
        asked_where = any(
            k.word in where or "location" in self.lexicon.groups[k.word] for k in places
        )
        if kinds_of_staff and not self.found.mentions and asked_where:
            return True  # "개방형 어디어디 있어": the 과 that have them
        # "부서는 어디입니까", "담당하는 과는 어디": the word for a 과, then where.
        said = [k.word for k in places]
        office = next(
            (i for i, w in enumerate(said) if "division_word" in self.lexicon.groups[w]), None
        )
        if office is not None and any(w in where for w in said[office + 1 :]):
            return True
        if (
            (self.measures or self.found.unit == "명")
            and DOING_OFFICE.search(self.quantities.text)
            and not ((self.quantities.figures and not self.yesno) or self.has(*RANK_WORDS))
        ):
            return True  # "마을 공동체 지원하는 과의 지출액": the 과 that does it
        # "공론장 운영하는 부서", "서울갈등포럼 준비하는 과는?": the question ends on the word
        # for a 과 after words the report's prose holds.
        said_places = [k for k in places if self.lexicon.groups[k.word] != {FILLER}]
        last = said_places[-1] if said_places else None
        return (
            last is not None
            and "division_word" in self.lexicon.groups[last.word]
            and bool(self.content)
            and all(u.order < last.order for u in self.content)
            and any(self.in_text((w,)) for w in self.text_words if len(w) >= MIN_WORD)
        )

    @functools.cached_property
    def _office_verbs(self) -> frozenset[str]:
        """The stems of verbs said right before the 과 they describe ("만드는 과" → 만드; not
        "센터는 어느 과", where 는 marks the topic)."""
        return frozenset(t[:-1] for t, after in itertools.pairwise(self.typed)
                         if t.endswith(("는", "한", "된")) and after.startswith(("과", "부서", "팀")))  # fmt: skip

    def _duty(self) -> Question | None:
        """Which 과 handles something: a duty word, and no figure or set asked for."""
        if (
            self.has("schedule", "duties_of") and self.months is not None
            and not self._asks_division()
        ):  # fmt: skip
            # "하반기 사회협력과 소관 주요 일정", "갈등관리협치과 10월에 하는 일": its plans
            # then, not its duties
            return None
        if self.asks_when() and not self._asks_division() and not self.has("duties_of"):
            return None  # "지금 맡은 수탁기관 위탁 언제 끝나?": when, of what it is entrusted
        # "마을센터 위탁받아 운영하는 데 어디야": who the text names (데 is no 과 there).
        offices_said = [k for k in self.keywords_in("division_word") if not k.word.startswith("데")]
        if self.has("prose_facet") and not offices_said:
            return None
        if PARTNER_ASKED.search(self.quantities.text):
            return None  # "어느 부서와 협업해?": the partner the text names, not the 과 in charge
        after_duty = [w for w in self.unknown_words if w.endswith("분과")]
        if after_duty and self.in_text(tuple(after_duty)):
            return None  # "담당 분과": a body of the project's text (온예산분과), not a 과
        entrusted = (
            [s for s in self.subjects_at("project") if s.kind == "project"
             and self.in_text(("수탁기관",), s.project_no)]
            if ENTRUSTED_TO.search(self.quantities.text) and not offices_said else []
        )  # fmt: skip
        if len(entrusted) == 1:
            # "마을센터 지금 맡고 있는 데는 어디야?": a thing run by a body it is entrusted to
            # is run by that body (現 수탁기관), not by the 과 in charge of it.
            # (the words the lexicon writes as 現 say the current body is asked)
            now = ("現",) if any(self.lexicon.prose.get(k.word) == "現" or k.word == "現"
                                 for k in self.found.places) else ()  # fmt: skip
            return Question(q.TEXT, subjects=tuple(entrusted), words=("수탁기관",),
                            hints=(*now, "수탁기관"))  # fmt: skip
        divisions = [s for s in self._sure() if s.kind == "division"]
        if divisions and self.has("lines_word") and not self._asks_division():
            return None  # "시민숙의예산과 소관 세부사업": its lines, not its 주요업무
        if self.measures and self.has("among") and self._office_of_set() is not None:
            return None  # "마을공동체 담당하는 과 세부사업 중에 80% 안 되는 거": its lines
        plain = not (self.measures or self.unknown or self._operations())
        if self.has("duties_of") and divisions and len(divisions) == len(self.resolved) and plain:
            return Question(q.DUTIES, subjects=tuple(divisions[:1]))
        asks_division = self._asks_division()
        if (
            asks_division and self.measures and self._conditions() and not self._sure()
            and not (self.yesno and DOING_OFFICE.search(self.quantities.text))
        ):  # fmt: skip
            return None  # "예산 100억 넘는 과 어디어디?": the 과 that meet a condition
        named_office = any(s.kind == "division" for s in self._sure())
        # Words not understood are fine when the 주요업무 hold one of them ("마을공동체 담당하는
        # 과", "기부금 받는 일 하는 과": 받는 says how).
        # ("마을활력소 만드는 과 집행률": a verb says how, and holds nothing itself)
        verbs = self._office_verbs
        unheld = any(w not in verbs for w in self.unknown_words) and not any(
            self.in_text((w,), parts=("duty",)) for w in self.unknown_words
        )
        # "… 짜는 과는 몇 명이야": the 과's head count.
        measures = self.measures or (("current",) if self.found.unit == "명" else ())
        if (
            asks_division
            and measures
            and not (unheld or named_office or self._operations() - {q.LIST, q.COUNT})
        ):
            of_division = self._of_division(measures)
            if of_division is not None and of_division.asks == q.FIGURES and self.yesno:
                # "마을센터 맡고 있는 과 원인행위 집행률 90% 넘어?": the 과's figure, checked.
                checked = self._check(list(of_division.subjects), measures)
                if checked is not None:
                    return replace(checked, note=of_division.note or checked.note)
            if of_division is not None:
                return of_division
        claims = self.claims_duty and not self.measures
        if not (self.has("duty") or asks_division or claims) or (
            self.measures and not asks_division
        ):
            return None
        if asks_division and not self.resolved and not self.text_words and not self.measures:
            return None  # "어떤 과가 있어?": the 과 themselves
        operations = self._operations() - {q.LIST}
        if (
            q.COUNT in operations
            and asks_division
            and not any(t.startswith(("몇", "개수")) for t in self.typed)
        ):
            operations -= {q.COUNT}  # "기부금품 맡은 곳": a place said, nothing counted
        if operations or (self.has("lines_word", "projects") and self.has("list")):
            return None
        words = self.text_words
        only_who = {
            k.word for k in self.keywords_in("duty")
        } <= ONLY_WHO and not self._asks_division()
        if only_who and words and not self.in_text(words, parts=("duty",)) and self.in_text(words):
            return None  # "선별진료소 누가 운영해": the project's text says who
        measure_words = tuple(k.word for k in self.keywords_in(MEASURE))
        named = tuple(compact(r.mention.text) for r in self.resolved)
        # (a verb's stem says how, and is no thing to name back: "만드는 과" → not ‘만드’)
        asked = tuple(dict.fromkeys(tuple(w for w in words if w not in verbs) + named
                                    + measure_words))  # fmt: skip
        numbers = list(dict.fromkeys(
            s.project_no for r in self.resolved for s in r.subjects if s.project_no))  # fmt: skip
        projects = [self.reader.subjects.of(self.catalog.project(n)) for n in numbers]
        # (other words say what else is asked: "선별진료소 누가 운영해" is its own text's)
        plain_who = only_who and all(w in self.lexicon.lists["running"] for w in words)
        contractor = self.lexicon.lists["contractor"][0]
        if (
            (plain_who or contractor in self._compact_text) and len(projects) == 1
            and self.in_text((contractor,), project_no=projects[0].project_no)
        ):  # fmt: skip
            # "마을센터 누가 운영해?": the body it is entrusted to, as its text says, and the
            # 과 in charge.
            entrusted = Question(q.TEXT, subjects=(projects[0],), words=(contractor,))
            in_charge = Question(q.DUTY, subjects=(projects[0],), words=asked)
            return Question(q.PARTS, parts=(entrusted, in_charge))
        if any(self.in_text((w,), parts=("duty",)) for w in words + named):
            # The 주요업무 hold what was asked: they decide, whatever the names fit.
            return Question(q.DUTY, subjects=tuple(self._sure()), words=asked)
        if words and not self.resolved:
            # "이노페스티벌 준비하는 과": not in the 주요업무, but in one project's text: its 과.
            number = self.best_project(words)
            if number is not None and self.in_text(words[:1], project_no=number):
                project = self.reader.subjects.of(self.catalog.project(number))
                held = tuple(w for w in words if self.in_text((w,), project_no=number))
                return Question(q.DUTY, subjects=(project,), words=held)
        subjects = [s for s in self.subjects_at("division") if s.kind not in ("bureau", "unit")]
        if subjects and all(s.kind == "division" for s in subjects) and not words:
            named_divisions = [r for r in self.resolved if r.subjects[0].kind == "division"]
            if len(named_divisions) == len(self.resolved):
                return Question(q.DUTIES, subjects=tuple(subjects[:1]))
        given = [s for r in self.resolved if r.sure for s in r.subjects if s.kind != "division"]
        if not (words or named or given or subjects):
            return None  # "그 사업 하는 과 지출 집행률": a figure's words are no 주요업무 asked
        return Question(q.DUTY, subjects=tuple(given or subjects), words=asked)

    def _office_in_charge(self) -> tuple[Subject, str] | None:
        """The 과 a question describes by its work (`마을공동체 담당하는 과`: the one 과 whose
        주요업무 hold the words), else the 과 of the thing named; with the note that says so."""
        named = [s for s in self._sure() if s.kind not in ("division", "bureau", "unit")]
        names = tuple(compact(r.mention.text) for r in self.resolved)
        words = tuple(w for w in self.text_words if len(w) >= MIN_WORD) + names
        duties = [p for p in self.catalog.passages if p.part == "duty"]
        # "기부금 받는 일 하는 과": words no duty holds (받는) say how, not what.
        words = tuple(w for w in words if any(_holds_any(p, w) for p in duties))
        if words and not any(s.kind == "division" for s in self._sure()):
            # "마을공동체 담당하는 과 원인행위액", "서울시 위원회 관리 … 총괄하는 부서": the one
            # 과 whose 주요업무 hold the words decides, whatever a name in them fits.
            owners = {p.division for p in duties if all(_holds_any(p, w) for w in words)}
            said = tuple(w for w in words if w in names)
            if not owners and said:
                # "NPO 지원센터 관리하는 과": the names said decide when the verbs do not fit
                owners = {p.division for p in duties if all(_holds_any(p, w) for w in said)}
            if not owners:
                # "엠보팅 운영 및 예산낭비신고센터 담당 부서": one 과's duties, a word in each.
                owners = {
                    d for d in {p.division for p in duties}
                    if all(any(_holds_any(p, w) for p in duties if p.division == d) for w in words)
                }  # fmt: skip
            if len(owners) == 1:
                name = owners.pop()
                note = f"※ 소관: 물으신 일은 {name}의 주요업무에 있습니다."
                return Subject("division", name, name, ref=name), note
        if named and named[0].division:
            office = Subject("division", named[0].division, named[0].division)
            return office, f"※ 소관: ‘{named[0].name}’은(는) {office.name} 소관입니다."
        return None

    def _office_of_set(self) -> tuple[Subject, str] | None:
        """`혁신파크 담당하는 과에서 예산 두 번째로 큰 사업`, `민주시민교육 담당하는 과 사업들 중
        …`: the set is the 세부사업 of the 과 described by its work."""
        described = OFFICE_DESCRIBED.search(self.quantities.text)
        if described is None or not LINE_WORDS.search(self.quantities.text, described.end()):
            return None
        if any(s.kind == "division" for s in self._sure()):
            return None
        return self._office_in_charge()

    def _of_division(self, measures: tuple[str, ...]) -> Question | None:
        """A figure of the 과 in charge: `공유서울 담당하는 과는 현원이 몇 명이야` (the 과 whose
        주요업무 hold what was said, else the 과 of a named line), `관리운영직은 어느 과에 있어`
        (the 과 that have any)."""
        named = [s for s in self._sure() if s.kind not in ("division", "bureau", "unit")]
        if named and OFFICE_AND.search(self.quantities.text):
            # "NPO입주협업공간 소관 부서와 예산현액": its 과 and its own figure (the reply
            # names the 과 in charge beside the figure).
            return Question(q.FIGURES, subjects=tuple(named), measures=measures)
        in_charge = self._office_in_charge()
        if in_charge is not None:
            office, note = in_charge
            return Question(q.FIGURES, subjects=(office,), measures=measures, note=note)
        people = [m for m in measures if self.measures_of[m].unit == PEOPLE
                  and m not in ("current", "quota")]  # fmt: skip
        if not named and people and not self._sure():
            # "과부족 있는 과": a 과부족 is either way (△2), any but none; "결원 없는 과": none.
            if self.has("none"):
                having = Condition(people[0], "=", 0.0, None, "없는")
            else:
                having = Condition(people[0], "!=" if people[0] == "shortage" else ">", 0.0,
                                   None, "있는")  # fmt: skip
            return Question(q.LIST, group=Group("division", conditions=(having,)),
                            measures=(people[0],))  # fmt: skip
        return None

    def _described(self) -> Question | None:
        """A figure of a line described by what it does, not named: `시민 정책제안 발굴해서
        실행까지 하는 사업 예산`. Each word counts by how few line names hold it; the line that
        holds clearly the most is taken (the answer says how it was read), close ones are asked
        back with buttons, and words no name holds are never dropped silently."""
        text = self.quantities.text
        # A line's figures, or the year-end outlook of its row in Ⅲ ("시민 행복 높이는 사업
        # 연말까지 예상 집행액").
        line_measures = [m for m in self.measures
                         if self.measures_of[m].kinds & {"line", "project_row"}]  # fmt: skip
        # ("갈등 예방 사업": two words no name holds whole, then 사업, describe one too)
        described = DESCRIBED_LINE.search(text) or len(self.unknown_words) >= 2
        # (a project named, whose several lines the description tells apart, needs no word for
        # a line: "혁신파크 짓고 고치는 공사쪽 예산")
        sure_projects = [s for s in self._sure() if s.kind == "project"]
        of_project = len(sure_projects) == 1 and len(self.reader.subjects.figure_subjects(
            sure_projects[0], ("budget",))) >= 2  # fmt: skip
        # (a word for a place inside a line's name said is the name's: "NPO입주협업공간 … 잔여
        # 좌석")
        unnamed = text.lower()
        for word in (w for r in self.resolved if r.sure and r.subjects[0].kind == "line"
                     for w in r.mention.words):  # fmt: skip
            unnamed = unnamed.replace(word, " ")
        thing = (
            self.reader.described_thing.search(text)
            or self.reader.described_place.search(unnamed)
            or (of_project and self.unknown_words)
        )
        if not (line_measures and described and thing):
            return None
        if any(
            self.lexicon.groups[k] & set(RANK_WORDS)
            and ("ranking" in self.lexicon.groups[k] or len(k) >= 3 or k.startswith("최"))
            for k in self.found.keywords
        ):
            return None  # "… 제외하고 예산이 가장 큰 사업": a ranking of lines, not one described
        sure = self._sure()
        # Within a 과 or a project named, the lines described are among its own
        # ("지역공동체과에서 동 단위로 … 지원하는 사업", "혁신파크 시설 짓고 고치는 사업").
        within = sure[0] if len(sure) == 1 and sure[0].kind in ("division", "project") else None
        if within is not None and within.kind == "division" and not self._named_well(within):
            # ("… 시민이랑 공무원이 같이 숙의하는 예산 운영 사업": a word of a 과's name,
            # said as what the line does, names no 과)
            within, sure = None, []
        if within is None and any(s.kind in ("division", "revenue", "bureau") for s in sure):
            return None
        project_lines = (
            {s.ref for s in self.reader.subjects.figure_subjects(within, ("budget",))
             if s.kind == "line"}
            if within is not None and within.kind == "project" else set()
        )  # fmt: skip
        in_division = within is not None and within.kind == "division"
        if not self.unknown and sure and len(project_lines) < 2 and not in_division:
            return None  # every word understood, and a name said: that name
        stems = self._described_words()
        lines = [e for e in self.catalog.entities if e.kind == "line"]
        if within is not None and within.kind == "division":
            lines = [e for e in lines if e.division == within.name]
            stems = [w for w in stems if w not in compact(within.name)]
        elif len(project_lines) >= 2 and not self._fits_elsewhere(lines, stems, project_lines):
            lines = [e for e in lines if e.ref in project_lines]
            stems = [w for w in stems if w not in compact(within.name)]
        if self.set_aside_words:
            # "토론 진행자 양성 프로그램 말고 …": a line whose name holds two of the words set
            # aside is what is not meant.
            aside = [w for w in self.set_aside_words if len(w) >= MIN_WORD]
            # (or one long word its name holds whole: "참여예산 말고")
            lines = [e for e in lines if e.ref not in self.set_aside_lines
                     and sum(max(_longest_start(compact(e.name), w),
                                 _longest_start(self.lexicon.glosses.get(("line", e.name), ""), w))
                             >= MIN_WORD for w in aside) < 2
                     and not any(len(w) >= LONG_ASIDE and w in compact(e.name)
                                 for w in aside)]  # fmt: skip
        # The names, and the everyday words people describe each line with (data/glosses.toml):
        # "빌라 모인 동네 정비하는 사업" is the 저층주거지 one.
        held, glossed, told, by_name, by_text, by_gloss = self._line_fits(lines, stems)
        scores = _ranked(by_name, by_text, by_gloss)
        # A word its text or its everyday words hold is said of the line.
        project_told = told
        told = {w: [max(a, b) for a, b in zip(told[w], glossed[w], strict=True)] for w in stems}
        named = sorted(((n, i) for i, n in enumerate(by_name)), key=lambda p: -p[0])
        at = scores[0][1]
        line = lines[at]
        named_line = self._named_line()
        # A place another line's text names points elsewhere ("도봉에 있는 혁신파크 조성 사업":
        # 도봉 is the other 혁신파크's place).
        own = next((i for i, e in enumerate(lines) if named_line and e.ref == named_line.ref), None)
        elsewhere = False
        for word in self.unknown_words:
            count = len(lines)
            in_names = {i for i in range(count) if held.get(word, [0] * count)[i] >= MIN_WORD}
            in_texts = {i for i in range(count) if told.get(word, [0] * count)[i] >= MIN_WORD}
            if district(word) is not None and in_texts and own not in in_names | in_texts:
                elsewhere = True
        if own is not None and not elsewhere:
            line = lines[own]
            # "주민들 마을공동체 활동 지원하는 사업": a line named in full inside the description
            # is the line described (the reply says how it was read).
            return self._line_described(line)
        if by_name[at] + by_text[at] + by_gloss[at] < 1:
            # "마을 만드는 사업 예산": words several names share, none of them clearly the one:
            # those names are offered, never a "not in the report" for words it holds.
            close = [self.reader.subjects.of(lines[i]) for score, i in named
                     if score >= DESCRIBED_FLOOR][:4]  # fmt: skip
            if len(close) > 1:
                return Question(q.CLARIFY, choices=tuple(close), rest=self._rest(),
                                note="described")  # fmt: skip
            return None
        matched = sum(max(held[w][at], told[w][at]) >= MIN_WORD for w in stems)
        covered = matched == len(stems)
        # Every word described is in this line's name or text, and any other line that has
        # them all has fewer in its name ("시 계속사업에 시민 의견 반영하려고 숙의하는 예산
        # 사업": 숙의 in the name of 시민숙의예산 운영, the rest in the project's text it
        # shares with 시민참여예산 운영; 반영 alone is in a third name).
        in_name = [sum(held[w][i] >= MIN_WORD for w in stems) for i in range(len(lines))]
        alone = covered and len(stems) >= 3 and not any(
            all(max(held[w][i], told[w][i]) >= MIN_WORD for w in stems)
            and in_name[i] >= in_name[at]
            for i in range(len(lines)) if i != at
        )  # fmt: skip
        # Taken when the names and the names with their text agree on it and one of them
        # leads clearly; a name that leads while the text points elsewhere is asked back.
        leads = [
            ranked[0][1] if _leads(ranked[0][0], ranked[1][0]) else None
            for ranked in (scores, named)
        ]
        text_top = max(range(len(lines)), key=lambda i: by_text[i])
        # The text points elsewhere only by a described word the name taken does not hold
        # ("권역별로 NPO 지원센터 만들고 운영하는": another project's text says NPO, 지원,
        # 운영 too, words the 권역 NPO지원센터 line's name holds itself).
        elsewhere_words = [
            w for w in stems if project_told[w][text_top] >= MIN_WORD and held[w][at] < MIN_WORD
        ]
        text_points = text_top if by_text[text_top] >= 1 and elsewhere_words else None
        agreed = leads[0] == at or (leads[1] == at and text_points in (None, at))
        if ((matched >= 2 or covered) and agreed) or alone:
            return self._line_described(line)
        # A place said must be one the line's name or everyday words hold ("도봉에 있는 혁신파크
        # 조성 사업": none does, so none is offered; a place its project's plans name is not
        # where it is); the best fit, alone there, is the line ("용산에서 사무 공간 내주는").
        places = [w for w in stems if district(w) is not None]
        placed = [i for i in range(len(lines))
                  if all(max(held[w][i], glossed[w][i]) >= len(w) for w in places)]  # fmt: skip
        if places and placed == [at]:
            return self._line_described(line)
        close = [self.reader.subjects.of(lines[i]) for score, i in scores
                 if score >= DESCRIBED_CLOSE and i in placed][:4]  # fmt: skip
        if not close:
            return None  # nothing close enough to offer: not a line described
        if (
            len(close) == 1 and by_name[at] >= 1 and text_points in (None, at)
            and self._one_name_holds(held, at)
        ):  # fmt: skip
            # "시민들한테 예산 가르치는 학교 사업": a word only this name holds, whole, and no
            # other line close: that line, said how it was read.
            return self._line_described(line)
        return Question(q.CLARIFY, choices=tuple(close), rest=self._rest())

    def _fits(self, items: list, kind: str, stems: list[str]) -> tuple[tuple, tuple]:
        """How far each item's name, and its everyday words, hold each word of a description:
        (held, scores) for the names, then for the words (see `_described_scores`)."""
        names = [compact(e.name) for e in items]
        glosses = [self.lexicon.glosses.get((kind, e.name), "") for e in items]
        held = {w: [_longest_start(n, w) for n in names] for w in stems}
        glossed = {w: [_longest_start(g, w) if g else 0 for g in glosses] for w in stems}
        return (
            (held, _described_scores(held, len(items))),
            (glossed, _described_scores(glossed, len(items))),
        )

    def _line_fits(self, lines: list, stems: list[str]) -> tuple:
        """How each line fits a description: (held, glossed, told) — the first letters of each
        word its name, its everyday words and its project's text hold — and the scores of the
        three (see `_described_scores`). The text counts less than the name: "용산에 사무 자리
        내주는 사업" is the one whose text says 용산 and 입주공간."""
        (held, by_name), (glossed, by_gloss) = self._fits(lines, "line", stems)
        texts = [self.reader.line_text(e.ref) for e in lines]
        told = {w: [_longest_start(text, w) if text else 0 for text in texts] for w in stems}
        return held, glossed, told, by_name, _described_scores(told, len(lines)), by_gloss

    def _fits_elsewhere(self, lines: list, stems: list[str], project_lines: set) -> bool:
        """Whether a line outside the project a short name found fits the description clearly
        better than the project's own lines, on names and everyday words ("동북쪽에 청년들 위한
        혁신파크 새로 짓는 사업": 혁신파크 finds 서울혁신파크, the description 동북권 청년혁신파크)."""
        (_, by_name), (_, by_gloss) = self._fits(lines, "line", stems)
        fits = [n + GLOSS_WEIGHT * g for n, g in zip(by_name, by_gloss, strict=True)]
        inside = max(f for f, e in zip(fits, lines, strict=True) if e.ref in project_lines)
        outside = max(f for f, e in zip(fits, lines, strict=True) if e.ref not in project_lines)
        return _leads(outside, inside)

    def _revenue_described(self) -> Question | None:
        """A revenue item said by what the money is ("허락 없이 시 땅 쓴 사람한테 물리는 돈",
        "매년 정기적으로 들어오는 세외수입"): the item whose name and everyday words hold the
        description clearly best, said how it was read; close ones are asked back."""
        revenue_measures = [m for m in self.measures if self.measures_of[m].kinds == {"revenue"}]
        named = [s for r in self.resolved for s in r.subjects if s.kind == "revenue"]
        said = any(w in self._compact_text for w in self.lexicon.lists["revenue_words"])
        if not (revenue_measures or named or said):
            return None
        if not (revenue_measures or named) and self.found.unit in ("건", "명"):
            return None  # "제안 몇 건 들어왔어": things counted coming in, not money
        if any(s.kind not in ("revenue", "bureau") for s in self._sure()):
            return None
        if any(r.subjects and all(s.kind not in ("revenue", "bureau") for s in r.subjects)
               for r in self.resolved) and any(
            f in self._compact_text for f in self.lexicon.lists["fees"]
        ):  # fmt: skip
            return None  # "NPO 협업공간 … 임대료 있어?": a charge of a place, not 공유재산임대료
        revenue_kind = any("revenue" in self.measures_of[m].kinds for m in self.measures)
        if self.measures and not (revenue_kind or said):
            return None  # "… 보조금 주는 거 지출액": money paid out, a line's
        if not said and not revenue_kind and _gives_out(self._compact_text, self.lexicon):
            return None  # "… 시민 실험에 보조금 주는 공모, 얼마 지원했어요?": paid out too
        # The item named is the whole the description narrows ("정기적으로 들어오는 세외수입":
        # 경상적세외수입 of 세외수입); the words that ask for revenue are no part of it.
        asking = self.lexicon.lists["revenue_words"]
        stems = [w for w in self._described_words() if not w.startswith(tuple(asking))]
        items = [e for e in self.catalog.entities if e.kind == "revenue"]
        # What was typed of a name ("보조금 반환": both 반환수입 items) bounds the items.
        typed = [compact(r.mention.text) for r in self.resolved
                 if any(s.kind == "revenue" for s in r.subjects)]  # fmt: skip
        demoted = ""
        if len(typed) == 1:
            bounded = [e for e in items if typed[0] in compact(e.name)] or items
            rest = [w for w in stems if not (w in typed[0] or typed[0] in w)]
            # ("공유재산을 허가 없이 쓴 사람한테 물리는 돈": the rest fits no item the name
            # bounds, so the name is a word of the description, and every item is open)
            (_, _), (glossed, _) = self._fits(bounded, "revenue", rest)
            if not (len(bounded) == 1 and self.unknown and rest
                    and not any(g[0] >= MIN_WORD for g in glossed.values())):  # fmt: skip
                items, stems = bounded, rest
            else:
                # (and the name's own words count as everyday words, not as the name said)
                demoted, typed = typed[0], []
        if not stems or not (self.unknown or (len(typed) == 1 and len(items) > 1)):
            return None  # every word understood, and no whole narrowed: the normal reading
        (held, by_name), (glossed, by_gloss) = self._fits(items, "revenue", stems)
        if demoted:
            named_stems = [w for w in stems if not (w in demoted or demoted in w)]
            (held, by_name), _ = self._fits(items, "revenue", named_stems)
            held.update({w: [0] * len(items) for w in stems if w not in held})
        fits = sorted(
            (
                (n + GLOSS_WEIGHT * g, i)
                for i, (n, g) in enumerate(zip(by_name, by_gloss, strict=True))
            ),
            key=lambda p: -p[0],
        )
        (best, at), second = fits[0], (fits[1][0] if len(fits) > 1 else 0.0)
        if best < GLOSS_WEIGHT:
            return None
        if not self.unknown and typed and compact(items[at].name) == typed[0]:
            return None  # the item named itself, as named
        item = self.reader.subjects.of(items[at])
        # (one everyday word of its own, and no other item holding any word said, leads too)
        alone = second == 0
        if len(items) > 1 and not (_leads(best, second) or alone):
            # (the best alone close: the next ones that fit at all are offered beside it)
            close = [f for f, _ in fits[:3] if f >= DESCRIBED_CLOSE]
            floor = DESCRIBED_CLOSE if len(close) > 1 else DESCRIBED_FLOOR
            close = [self.reader.subjects.of(items[i]) for f, i in fits[:3] if f >= floor]
            if len(close) > 1:
                return Question(q.CLARIFY, choices=tuple(close), rest=self._rest())
            return None
        fits_it = [w for w in stems if max(held[w][at], glossed[w][at]) >= MIN_WORD]
        unread = tuple(
            u.word for u in self.unknown
            if not any(u.word.startswith(w) or w.startswith(u.word) for w in fits_it)
            and u.word not in self.lexicon.lists["city_words"]
        )  # fmt: skip
        if len(unread) > len(fits_it) + len(typed):
            return None  # more of what was said is not of this item than is (its name too)
        measures = tuple(m for m in self.measures if "revenue" in self.measures_of[m].kinds)
        note = f"※ 물으신 항목을 ‘{items[at].name}’(으)로 읽었습니다."
        return Question(q.FIGURES, subjects=(item,), measures=measures, note=note, skipped=unread)

    def _said_of_line(self, line: Subject) -> Question | None:
        """A figure of a line its name's words found, the rest of the words describing it
        ("백명 모아놓고 의견 나누는 토론회 지출액"): taken when, with every word said, that
        line fits clearly best; the words it did not read are said."""
        offices = tuple(self.lexicon.lists["office_endings"])
        if any(w.endswith(offices) for w in self.unknown_words):
            return None  # another office ("교육청 민주시민교육"): not a description
        if self.has("schedule"):
            return None  # "이노페스티벌 언제고 …": a second question, not a description
        lines = [e for e in self.catalog.entities if e.kind == "line"]
        stems = self._described_words()
        *_, by_name, by_text, by_gloss = self._line_fits(lines, stems)
        scores = _ranked(by_name, by_text, by_gloss)
        (best, at), (second, _) = scores[0], scores[1]
        if lines[at].ref != line.ref or not _leads(best, second):
            return None
        said = ", ".join(f"‘{w}’" for w in self.unknown_words)
        note = f"※ {said}은(는) ‘{line.name}’을(를) 설명하는 말로 보고 답했습니다."
        return Question(q.FIGURES, subjects=(line,), measures=self.measures, note=note)

    def _line_described(self, line) -> Question | None:
        """The figures asked of the line a description was read as, said how it was read; its
        row of Ⅲ for the year-end outlook (none when no project's table has the line)."""
        # ("사람들이 함께 배우는 … 사업, 지출 집행률": a line has no head count; the word for
        # people is whom it is for)
        measures = tuple(m for m in self.measures
                         if self.measures_of[m].kinds & {"line", "project_row"}) or self.measures  # fmt: skip
        subjects = self.reader.subjects.figure_subjects(self.reader.subjects.of(line), measures)
        if not subjects:
            return None
        note = f"※ 물으신 사업을 ‘{line.name}’(으)로 읽었습니다."
        if q.SHARE in self._operations() and subjects[0].kind == "line":
            # "… 사업이 맡은 과 예산에서 몇 %": its share of its 과 (or of the bureau).
            return replace(self._share([subjects[0]], measures), note=note)
        asked_whether = self.yesno or (
            any(f.comparison for f in self.quantities.figures)
            and bool(EMBEDDED_YESNO.search(self.quantities.text))
        )
        if asked_whether and self.quantities.figures:
            # "… 사업 예산 8억 넘어?", "… 15억원을 초과하는지 여쭙습니다": checked.
            check = self._check(list(subjects), measures)
            if check is not None:
                return replace(check, note=note)
        return Question(q.FIGURES, subjects=subjects, measures=measures, note=note)

    @staticmethod
    def _one_name_holds(held: dict[str, list[int]], at: int) -> bool:
        """Whether some described word begins a word of the name at `at` and of no other name
        ("권역별로": 권역)."""
        return any(
            starts[at] >= MIN_WORD and sum(s >= MIN_WORD for s in starts) == 1
            for word, starts in held.items()
            if len(word) >= MIN_WORD
        )

    def _table_words(self) -> list[Keyword]:
        """Words for a figure of the tables (예산, 지출액, 집행률 …), not money the text gives."""
        return [k for k in self.keywords_in(MEASURE)
                if len(k.word) >= MIN_WORD and k.word not in self.lexicon.lists["amount_words"]
                and k.word not in self.lexicon.lists["text_money_words"]
                and any(self.measures_of[m].kinds & {"line", "project_row"}
                        for m in self.lexicon.measures.get(k.word, ()))]  # fmt: skip

    def _named_line(self) -> Subject | None:
        """The one line named in full ("시민숙의예산 운영"), if any."""
        lines = [r.subjects[0] for r in self.resolved if r.sure and r.subjects[0].kind == "line"
                 and r.mention.best and r.mention.best[0].score >= NAMED_WELL]  # fmt: skip
        return lines[0] if len(lines) == 1 else None

    def _glossed(self, line: Subject, words: tuple[str, ...] | None = None) -> bool:
        """Whether every word not understood is one of the line's everyday words ("청년
        혁신거점 짓는" of 동북권 청년혁신파크 조성사업)."""
        gloss = self.lexicon.glosses.get(("line", line.name), "").split()
        words = self.unknown_words if words is None else words
        if any(self.in_text((w,)) for w in words):
            return False  # "이노페스티벌 언제고 …": a thing of the text, asked of its own
        return bool(words and gloss) and all(
            any(g == w or (len(w) >= MIN_WORD and g.startswith(w)) for g in gloss) for w in words
        )

    def _describes(self, line: Subject) -> bool:
        """Whether the words not understood are said of the line in one bullet that names it
        ("시민의견 반영을 위한 시민숙의예산 운영")."""
        name = compact(line.name)
        words = self.unknown_words
        return bool(words) and any(
            name in p.compact and all(_holds(p, w) for w in words) for p in self.catalog.passages
        )

    def _described_surely(self) -> Question | None:
        """Before the projects' text is searched: a table figure (예산, 지출액, 집행률 …) asked
        of a line described, taken only when one line clearly fits."""
        if not self._table_words():
            return None
        if self.months is not None and self.months.day is not None and self.yesno_like:
            return None  # "예산사업 고르는 전자투표 8월28일까지 맞지?": a day checked, no figure
        if any(t.startswith(("지원금", "지원액")) for t in self.typed):
            return None  # "행복사업 공모 지원금 총 얼마 나갔어": the money the text says was given
        described = self._described()
        if described is None:
            return None
        # Names that share the words described, none clearly: asked back before the projects'
        # text is searched for a figure it cannot give.
        asked_back = (
            (described.note == "described" or described.asks == q.CLARIFY)
            and bool(self.unknown) and not self._sure()
            and self._line_set() is None  # "마을 관련 사업 예산 합계": the lines it names, added
        )  # fmt: skip
        sure = self._sure()
        if described.asks == q.CLARIFY and len(sure) == 1 and sure[0].kind == "line":
            # "…사람에게 성과금을 주는 제도": a word of one line's name, the rest describing it.
            return self._said_of_line(sure[0]) or (described if asked_back else None)
        return described if described.asks in LINE_ANSWERS or asked_back else None

    def _described_words(self) -> list[str]:
        """The words of a description as typed, endings and particles off, without the words
        that ask (measures, the word for a line, closings)."""
        asking = {FILLER, MEASURE, RATE_WORD, "lines_word", "conjunction", "which", "yesno",
                  "ranking", "among", "except"}  # fmt: skip
        stems = []
        typed = self.typed
        # A particle a figure or year taken out left at a word's head ("작년에 못 걷은":
        # "에못걷은") is no part of the word.
        after_gap = {compact(w) for w in re.findall(r"§\s*(\S+)", self.quantities.text)}
        heads = GAP_PARTICLES  # (case particles only: "들어온" keeps its 들)
        typed = tuple(
            next((w[len(p) :] for p in heads if w.startswith(p) and len(w) - len(p) >= 2), w)
            if w in after_gap
            else w
            for w in typed
        )
        # The word for the thing described ("… 가르치는 교육 사업"): a measure after it is what
        # is asked, and measure words before it describe ("예산 편성 과정을 가르치는").
        things = tuple(self.lexicon.lists["described_things"])
        thing_at = max((i for i, w in enumerate(typed) if w.endswith(things)), default=-1)
        asked_after = any(
            MEASURE in self.lexicon.groups.get(w, frozenset()) for w in typed[thing_at + 1 :]
        )
        for at, word in enumerate(typed):
            groups = self.lexicon.groups.get(word, frozenset())
            if MEASURE in groups and (word in typed[at + 1 :] or (at < thing_at and asked_after)):
                # "예산 짜는 법 배우는 … 사업 예산": the figure asked comes last; the same
                # measure word before it is what the line is about.
                stems.append(word)
                continue
            if groups and groups <= asking | {"schedule", "count"}:
                # A word that frames questions elsewhere but is part of a line's name is
                # content here ("동 단위로 … 계획 세우도록": 동단위계획형).
                plain = self.lexicon.strip_particle(word)
                named = len(plain) >= MIN_WORD and plain in self.reader.work_names
                if not (named and groups <= {FILLER, "schedule"}):
                    continue
            # ("실행까지하는": the ending, then the particle before it; "숙의하는거": the thing)
            word = (
                THING_ENDING.sub("", word) if len(THING_ENDING.sub("", word)) >= MIN_WORD else word
            )
            stem = self.lexicon.strip_particle(self.lexicon.predicate_stem(word) or word)
            if any(stem in aside or word in aside for aside in self.set_aside_words):
                continue  # "(토론 진행자 양성 프로그램 말고)": what is not meant
            if (
                word in self.lexicon.lists["set_aside"]
                or word in self.lexicon.lists["purpose_words"]
            ):
                continue
            if self.lexicon.groups.get(stem, frozenset()) & {"lines_word"}:
                continue  # "세부사업의": the word for a line with its particle
            stem = compact(self.lexicon.prose.get(word, self.lexicon.prose.get(stem, stem)))
            # "토론행사", "교육프로그램": the word for a line glued on is no part of what it does.
            stem = next((stem[: -len(t)] for t in self.lexicon.lists["described_things"]
                         if stem.endswith(t) and len(stem) - len(t) >= MIN_WORD), stem)  # fmt: skip
            if len(stem) >= MIN_WORD and (
                not (self.lexicon.groups.get(stem, frozenset()) & asking)
                or self._of_people_only(stem)
            ):
                stems.append(stem)
        if self.reader.as_of.year - 1 in self.quantities.years:
            # "작년에 못 걷은 돈": the year is part of the description, as the glosses say it
            stems += self.lexicon.lists["last_year_said"]
        # "시민 백명 모아서 …": a head count said of the line is part of what it is (its
        # everyday words hold "100인"), unless it is a threshold.
        stems += [f.written for f in self.quantities.figures
                  if f.unit == "명" and f.comparison is None and not f.premise]  # fmt: skip
        return list(dict.fromkeys(stems))

    def _of_people_only(self, word: str) -> bool:
        """A word for staff said in a line's description ("공무원들 … 교육하는 사업"): whom
        the line is for, since no line has a head count."""
        named = self.lexicon.measures.get(word, ())
        return (
            self.lexicon.groups.get(word) == {MEASURE}
            and bool(named)
            and all(not (self.measures_of[m].kinds & {"line", "project_row"}) for m in named)
        )

    def _plans(self) -> Question | None:
        schedule = self.has("schedule") or self.months is not None
        if not schedule or self._figure_measures() or self._spends_by_year_end():
            return None  # "연말까지 다 써?": the year-end outlook, not a plan
        if self._operations() - {q.LIST} or self.quantities.figures:
            return None
        words = self.text_words
        if self.unknown_words and not self.in_text(self.unknown_words, parts=("plan",)):
            return None  # "시민총회 언제": a date in the project's text, not a plan
        if len(words) >= 2 and self._held_together(words, "현황") > len(
            self._one_plans_words(words)
        ):
            return None  # "지금 수탁기관 위탁 언제 끝나?": what the status says, not a plan
        named = [s.project_no for s in self.subjects_at("project") if s.kind == "project"]
        # (a word for a period, "계약기간", asks for the dates; it is no word to find)
        periods = self.lexicon.compact_list("period_words")
        # (nor is a word of the project's own name: "마을센터 재위탁 향후 일정")
        title = compact(self._project(named[0]).name) if len(named) == 1 else ""
        things = tuple(w for w in words if self.lexicon.strip_particle(w) not in periods
                       and w not in title)  # fmt: skip
        # ("향후 일정", "추진계획": the plans asked for by name)
        plans_named = any(k.word in PLANS_NAMED for k in self.found.places)
        if (
            things and len(named) == 1 and not plans_named and self.in_text(things, named[0])
            and not any(self.in_text((w,), named[0], parts=("plan",)) for w in things)
        ):  # fmt: skip
            return None  # "혁신파크 수탁기관 언제까지야": its dates in the text, no plan of it
        subjects = [s for s in self.subjects_at("project") if s.kind not in ("bureau", "unit")]
        if any(s.kind == "revenue" for s in subjects):
            return None
        if not subjects:
            # "갈등관리사업 실태평가 언제": a line no project holds is found among the plans
            # by the words of its name.
            lines = [s for r in self.resolved for s in r.subjects
                     if s.kind == "line" and s.project_no is None]  # fmt: skip
            named = tuple(w for s in lines for w in s.name.split() if len(w) >= MIN_WORD)
            if named and len(self._one_plans_words(named)) < len(named):
                return None  # no plan names it: its dates are in the projects' text, if any
            words += named
        plan_words = self._one_plans_words(words)
        own = {s.project_no for s in subjects if s.kind == "project"}
        if self.yesno_like and self.months is not None and own and words:
            # "수탁기관 계약기간 2023년 12월까지 맞아?": words only the project's other text
            # holds are checked against its dates there, not against its plans.
            in_plans = any(_holds(p, w) for p in self.catalog.passages for w in words
                           if p.part == "plan" and p.project_no in own)  # fmt: skip
            elsewhere = any(_holds(p, w) for p in self.catalog.passages for w in words
                            if p.part not in ("plan", "duty") and p.project_no in own)  # fmt: skip
            if elsewhere and not in_plans:
                return None
        if self.yesno and self.months is not None:
            targets = self._targets()
            projects = tuple(s for s in subjects if s.kind == "project")
            return Question(q.CHECK, subjects=projects if targets else tuple(subjects),
                            months=self.months, words=targets, note="plans")  # fmt: skip
        note = self.months.said if self.months and "‘" in self.months.said else ""
        # "11월에 끝나는 것들": the plans that end then, not every one under way then.
        facet = "ends" if self.months is not None and self.says("ends") else ""
        if self.months is not None and not facet and not self._planned_then():
            # "8월 28일에 뭐 했어": no plan runs then; the status text's dated bullets do.
            facet = "done"
        return Question(q.PLANS, subjects=tuple(subjects), months=self.months,
                        words=plan_words if not subjects else (), note=note, facet=facet)  # fmt: skip

    def _planned_then(self) -> bool:
        """Whether some 향후계획 item runs in a month asked."""
        months = self.months
        return any(months.first <= m <= months.last for m in self.catalog.plan_months)

    def _held_together(self, words: tuple[str, ...], part: str) -> int:
        """How many of the words one passage of a part of the projects' text holds, at most."""
        return max((sum(_holds(p, w) for w in words)
                    for p in self.catalog.passages if p.part == part), default=0)  # fmt: skip

    def _one_plans_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The asked words one plan holds together, the most of them ("공론의제 선정 … 언제
        추진됩니까": 추진 is in no plan with 공론의제; it is left out, not matched alone)."""
        plans = [p for p in self.catalog.passages if p.part == "plan"]
        held = [tuple(w for w in words if _holds(p, w)) for p in plans]
        best = max(held, key=len, default=())
        return best if best else tuple(w for w in words if self.in_text((w,), parts=("plan",)))

    def _targets(self) -> tuple[str, ...]:
        """The things a question names, split where it joins them (`A이랑 B 둘 다`): each as
        the words to find it by."""
        items: list[tuple[int, str | None]] = [(u.order, u.word) for u in self.content]
        names = [(r.mention.order, compact(r.mention.text)) for r in self.resolved]
        if not self.content:
            items += names  # named things alone: found by their names
        for keyword in self.found.places:
            groups = self.lexicon.groups[keyword.word]
            if "conjunction" in groups:
                items.append((keyword.order, None))
            elif not groups & STRUCTURAL:
                items.append((keyword.order, keyword.word))
        targets, current = [], []
        for _, word in sorted(items, key=lambda item: item[0]):
            if word is None:
                if current:
                    targets.append(" ".join(current))
                current = []
            else:
                current.append(word)
        if current:
            targets.append(" ".join(current))
        return tuple(targets)

    def _figure_measures(self) -> bool:
        """Measures a named thing (or the bureau) has: a figure is asked, not a text."""
        return bool(self.measures)

    def _counted(self) -> bool:
        """`몇 개소`, `좌석`: a count the report writes in its prose, not a figure of a table."""
        if any(f.unit == COUNTED_UNIT for f in self.quantities.figures):
            return True  # "50곳 넘어?": a count compared with
        unit = self.found.unit
        if unit in (None, "원", "*"):
            return unit == "*" and not self.measures
        return not (unit == "명" and any(self.measures_of[m].unit == PEOPLE for m in self.measures)
                    and self._people_subject())  # fmt: skip

    def _people_subject(self) -> bool:
        subjects = self._sure()
        return not subjects or any(s.kind in ("division", "bureau") for s in subjects)

    def _text(self) -> Question | None:
        """A fact from a project's text: words the figures do not use, or a count it writes."""
        if self._line_set() is not None:
            return None  # "갈등관리 관련 세부사업 몇 개": lines the word names, counted
        if self._named_line() is not None and self._table_words() and not self.yesno:
            return None  # "시민 의견 반영하려는 시민숙의예산 운영 지출액": the line's figure
        # ("지원 받은 구에 은평구도": 구 with its particle is the 자치구 said again)
        unknown = tuple(w for w in self.unknown_words if w not in BARE_GU)
        words = tuple(w for w in self.text_words if w not in BARE_GU)
        status = self.has("status", "overview") and not self.measures
        # Words the report's prose holds are looked for; nouns it does not hold are said to be
        # missing in the reply ("NPO입주협업공간 주소": 주소 is not there, the address line is).
        # A Seoul 구 the text does not name is checked against the ones it does ("대상에 마포구
        # 들어가?"), not said to be missing.
        asks_whether = self.yesno or self._predicate_asked()
        # (and a city body: "복지정책실이랑 협업해?" of "기후환경본부와 협업")
        # (and a city body asked of a project named, no figure asked: "시민회의 … 복지정책실
        # 이랑 협업해?" of "기후환경본부와 협업"; "문화본부 예산" is another body's, not held)
        districts = tuple(w for w in unknown if asks_whether and (
            district(w) is not None
            or (PUBLIC_BODY.fullmatch(w) and not self.measures and self._named_projects())
        ))  # fmt: skip
        missing = tuple(w for w in unknown if not self.in_text((w,)) and w not in districts
                        and not self._frames_date(w) and w not in DOES_IT
                        # ("임기 종료 시점": when, not a thing to find)
                        and self.lexicon.strip_particle(w) not in self.lexicon.lists["when"])  # fmt: skip
        asks_reason = self.opens_word("reason") and any(
            s.kind == "project" for s in self.subjects_at("project")
        )
        if unknown and len(missing) == len(unknown) and not asks_reason:
            return None
        if missing:
            unknown = tuple(w for w in unknown if w not in missing)
            words = tuple(w for w in words if w not in missing)
        subjects = [s for s in self.subjects_at("project") if s.kind == "project"]
        money_or_rate = any(self.measures_of[m].unit != PEOPLE for m in self.measures)
        # ("예산사업 고르는 전자투표 8월28일까지 맞지?": a day checked; 예산 says what is voted on)
        day_checked = self.months is not None and self.months.day is not None and self.yesno_like
        if not subjects and money_or_rate and not self.found.unit and not day_checked:
            return None  # "서울창의상 예산": a figure of something the report gives none for
        # A kind of staff named (not 인원/사람, which the prose counts too).
        staff = [m for m in self.measures if m not in ("quota", "current")
                 and self.measures_of[m].unit == PEOPLE and "bureau" in self.measures_of[m].kinds]  # fmt: skip
        if not subjects and staff and not self.unknown_words_in_one_project():
            return (
                None  # "시간선택제 … 총 인원과 부서별 배치": the staff table, not a project's text
            )
        named = [r for r in self.resolved if r.sure and r.mention.best
                 and r.mention.best[0].score >= NAMED_WELL]  # fmt: skip
        offices = {s.name for r in named for s in r.subjects if s.kind == "division"}
        if named and not subjects and len(offices) == 1 and words and not self.measures:
            # "숙의예산과 시민투표 대상 몇개": a fact of the 과's own flagship project, the one
            # whose text holds the words.
            own = [e.ref for e in self.catalog.entities
                   if e.kind == "project" and e.division in offices and self.in_text(words, e.ref)]  # fmt: skip
            if len(own) == 1:
                subjects = [self._project(own[0])]
        if named and not subjects:
            # "갈등관리사업 실태평가 언제": a line no project holds, whose dates or reason a
            # project's text gives under its name.
            asks_fact = self.opens_word("when") or self.opens_word("reason")
            line_words = tuple(w for r in named for s in r.subjects if s.kind == "line"
                               for w in s.name.split() if len(w) >= MIN_WORD)  # fmt: skip
            best = self.best_project(line_words) if asks_fact and line_words else None
            if best is not None and self.in_text(line_words, best):
                facet = "when" if self.opens_word("when") else "why"
                return Question(q.TEXT, subjects=(self._project(best),), words=line_words,
                                facet=facet)  # fmt: skip
            return None  # a thing was named that has no text: its words are not about another
        # "NPO입주협업공간 주소": a word the report writes otherwise (위 치) is what is asked.
        asked_prose = tuple(self.lexicon.prose[k.word] for k in self.found.places
                            if all(is_hangul(c) for c in self.lexicon.prose.get(k.word, "-")))  # fmt: skip
        if asked_prose and subjects and not unknown:
            unknown = words = asked_prose
        elif asked_prose and subjects:
            # "소재지와 전용면적": both facets are asked, each found in its bullet.
            unknown = words = tuple(dict.fromkeys(unknown + asked_prose))
        # "NPO입주·협업공간은 왜 만들었어?": the reason the named project's text gives; verbs
        # its text does not hold never send the question to another project.
        reason = bool(subjects) and self.opens_word("reason")
        if reason:
            held = tuple(w for w in words if self.in_text((w,), subjects[0].project_no))
            unknown, words = tuple(w for w in unknown if w in held), held
        if not (unknown or status or reason or (self._counted() and subjects)):
            return None
        if not unknown and self._set_kind() and not subjects:
            return None
        if not subjects and not unknown:
            return None
        # A name typed in full ("서울혁신파크") names its project even when it fits several of
        # its lines: the project's text is asked, never another project's.
        named_well = any(r.mention.best and r.mention.best[0].score >= NAMED_WELL
                         for r in self.resolved if r.sure) or any(
            r.mention.best and r.mention.best[0].score >= NAMED_ONE_PROJECT
            and len(self._mapped(r.subjects, "project")) == 1 for r in self.resolved
        )  # fmt: skip
        held = tuple(w for w in words if subjects and (
            self._held_in(w, subjects[0].project_no) or w in districts
        ))  # fmt: skip
        # Words left out of what is looked for: a yes/no they qualify is not decided without
        # them ("한마당 총회 현장 위주로 했어?": 현장 위주 is what is checked).
        loose: tuple[str, ...] = ()
        if subjects and held and 2 * len(held) >= len(words) and len(held) < len(words):
            # "구청 행복사업 공모 … 지원": most words are in the named project's text; the one
            # it writes otherwise (자치구) does not send the question to another project.
            # (a word of when something ends says nothing of what is checked: "마무리돼?")
            ends = self.lexicon.compact_list("ends")
            # (a word of a corporation's name is checked with the name: "(사)마을")
            named_corporations = compact(" ".join(self._organisations_said()))
            # (nor one that frames a date checked: "수탁기관 계약기간 22년 말까지죠?")
            # (nor the facet a word was read as: "검사 장소가 … 맞아?" of 위치)
            loose = tuple(w for w in words if w not in held and _noun_like(w)
                          and w not in asked_prose
                          and not w.startswith(ends) and w not in named_corporations
                          and not _verb_like(w, self.lexicon)
                          and not self._frames_date(w) and w not in DOES_IT)  # fmt: skip
            unknown = tuple(w for w in unknown if w in held)
            words = held
        if (
            subjects and words and not self.in_text(words, subjects[0].project_no)
            and not set(words) <= set(districts)
        ):  # fmt: skip
            if named_well and not any(self.in_text((w,), subjects[0].project_no) for w in words):
                # "혁신파크 위치": the project named does not say; another project's 위치 is
                # not its answer.
                return Question(q.TEXT, subjects=tuple(subjects[:1]), words=words,
                                not_held=tuple(w for w in words if _noun_like(w)))  # fmt: skip
            if not named_well:
                best = self.best_project(words)
                subjects = [self._project(best)] if best is not None else []
        elif not subjects and words:
            prose = tuple(self.lexicon.prose[k.word] for k in self.found.places
                          if k.word in self.lexicon.prose)  # fmt: skip
            best = self.best_project(words + prose)
            # "동북권 청년혁신파크 위치": a thing named that no project's text is about is not
            # answered from whichever project holds the words.
            # Only facet words (위치, 면적) found that project: they say nothing of which.
            lines = [s for r in self.resolved for s in r.subjects if s.kind in ("line", "row")]
            facets = self.lexicon.facets
            own = [w for w in words if not any(w in compact(s.name) for s in lines)]
            generic = all(w in facets for w in own)
            if generic and lines and best is not None and all(s.project_no != best for s in lines):
                return None
            # "주민자치회 총회의 개최 시기": a name read as a line no project's text is about,
            # and written in no text, is not dropped to answer another project's 총회: what
            # was asked is said not to be there.
            loose_names = tuple(compact(r.mention.text) for r in self.resolved if r.subjects
                                and all(s.kind == "line" and s.project_no is None
                                        for s in r.subjects))  # fmt: skip
            projects = [e.ref for e in self.catalog.entities if e.kind == "project"]
            if loose_names and not any(
                self.in_text((n,), p) for n in loose_names for p in projects
            ):
                return Question(q.TEXT, words=words, not_held=(" ".join(loose_names + words),))
            subjects = [self._project(best)] if best is not None else []
        hints: tuple[str, ...] = ()
        if subjects:
            # The question's own keywords that the text also uses ("잔여 좌석": 잔여공간 24석),
            # and the name's own words: they break ties between bullets, they do not decide.
            hints = tuple(k.word for k in self.found.places
                          if self.lexicon.groups[k.word] != {FILLER}
                          and self.in_text((k.word,), subjects[0].project_no))  # fmt: skip
            if unknown:
                hints += tuple(w for w in words if w not in unknown)
                words = unknown
            hints += tuple(self.lexicon.prose[k.word] for k in self.found.places
                           if k.word in self.lexicon.prose)  # fmt: skip
        if self.found.unit and self.says("whole_count"):
            hints += ("총",)  # "전부 몇 곳": the bullet that gives the total (총 61개소)
        overview = (self.has("overview") and not self.has("status") and not words and subjects
                    and not self.opens_word("reason"))  # fmt: skip
        unit = self.found.unit
        if unit is None and any(self.measures_of[m].unit == PEOPLE for m in self.measures):
            unit = "명"  # "참여 인원": a count of people in the text
        check = None
        # "구로 거점 내년에 완공돼?": a year said alone, checked against the years the text writes.
        months = self.months or self._year_checked()
        # "신청한 거 다 뽑혔어?": a year the text does not write or "all of them" qualifies
        # the words, and finding the words does not check it — the text is shown, no verdict.
        # No project named either: words found in whichever text holds them decide nothing.
        named_project = any(r.subjects[0].kind in ("project", "line", "row") for r in self.resolved)
        # "시민총회 9월 1일에 해?": a date checked of words that only one project's text holds.
        # "주민자율조정가 양성 강동구에서 하는 거 맞아?": two words or more that only one
        # project's text holds together name it as well as its name would.
        several = len([w for w in self.unknown_words if len(w) >= MIN_WORD]) >= 2
        named_project = named_project or (
            (months is not None or several) and self.unknown_words_in_one_project()
        )
        # "대면회의가 가장 많이 개최됐어?": which is most is not decided by finding the words.
        # "오프라인으로만 했어?": only that, which finding the word does not show either.
        only = any(k in ONLY_PARTICLES for k in self.found.keywords)
        # (a year said with a month is a date to check: "위탁기간 22년 12월 31일까지 맞죠?")
        qualified = (
            (bool(self.quantities.years) and months is None)
            or self._says_all or not named_project
            or self.has("ranking", "ordering") or only
        )  # fmt: skip
        # "7월 안에 끝났어?": when something ends, asked of a month, is whether it is so.
        ends_then = months is not None and self.says("ends") and not self.asks_what
        charged = self._charge_asked()
        every = (
            self._says_all and named_project and self.yesno_like and not self.quantities.years
            and not self.has("ranking", "ordering") and not only and (unknown or words)
        )  # fmt: skip
        compared = self._labels_compared() if self.yesno_like else None
        if compared is not None:
            # "화상회의가 대면회의보다 많았지?": two counts the text labels, one against the other.
            check = compared
        elif every and not charged:
            # "신청한 단체 다 입주함?", "61곳 전부 운영 중이야?": all of the whole the text
            # counts, which it shows is not so when it counts fewer of them.
            check = Condition(FACT, "all", written=" ".join(unknown or words))
        elif charged and named_project and not qualified and not self.quantities.figures:
            # "임대료 내야 돼?", "대관 무료야?": whether it is free, as the text says 무상/무료;
            # paying asked is the opposite (see _denied).
            held = [
                w
                for w in (unknown or words)
                if self.in_text((w,), subjects[0].project_no if subjects else None)
            ]
            # The fee the text writes (임대료) decides it; else what is used (회의실).
            fees = [w for w in held if w in self.lexicon.lists["fees"]]
            check = Condition(FACT, "in", written=" ".join([*(fees or held), FREE_OF_CHARGE]))
        elif (
            (self.yesno or self._predicate_asked() or ends_then)
            and not missing
            # (a date or a figure is what a check with one decides, whatever else is said)
            and not (loose and not self.quantities.figures and months is None)
            # "7,000명을 대상으로 대면조사로 실시됐다는데": a figure checked, and a word that
            # qualifies it which the text does not hold (대면조사) — not decided by the figure
            and not any(len(w) >= 3 for w in loose)
            # ("직접 만나서 설문한 거예요?": two words the text does not hold qualify it too)
            and len(loose) < 2
            and not self.opens_word("reason")
            and not (qualified and not self.quantities.figures)
            # A figure checked of words no project was named for: only when the words are
            # one project's ("30명 넘어?" is never decided by whichever text has a 명 count).
            and (named_project or bool(self.resolved) or self.unknown_words_in_one_project())
        ):
            # "위원 1000명 넘어?", "용산구에 있는 거 맞지?": checked against the text found.
            figure = self.quantities.figures[0] if self.quantities.figures else None
            check = (
                Condition(FACT, figure.comparison or "=", figure.value, None, figure.written)
                if figure
                else Condition(
                    FACT,
                    "in",
                    written=" ".join(
                        [
                            *_checked(self._date_checked(unknown or words), asked_prose),
                            *self._numbers_said(),
                            *self._organisations_said(),
                        ]
                    ),
                )
            )
            unit = figure.unit if figure else unit
        # A named money measure or rate ("집행률", "예산 비율") is no ratio of the text's counts.
        # (money the projects' text writes, "총사업비", is no figure of the tables)
        text_money = (*self.lexicon.lists["text_money_words"], "비", "사업", "금액")
        money_or_rate_named = any(
            k.word not in self.lexicon.lists["ratio"] and k.word not in text_money
            for k in self.keywords_in(MEASURE)
        )
        # "협의회 인원 다 더하면 몇 명": the counts of the bullet, added up.
        summed = unit is not None and q.SUM in self._operations() and check is None
        # "협의회 전체 인원 몇 명": the whole, which a bullet may give only as its parts.
        whole = unit is not None and self.says("whole_count") and not summed
        # "투표 언제까지야", "왜 늘렸어": the dates or the reason of what the words name.
        facet = "when" if self.opens_word("when") else "why" if self.opens_word("reason") else ""
        if (
            not facet
            and self.opens_word("where")
            and any(
                t.startswith(("자치구", "구", "동네", "지역")) or t.endswith("구")
                for t in self.typed
            )
        ):
            facet = "districts"  # "공모 뽑힌 자치구 어디어디": the bullet that names the 구
        if not facet and self.opens_word("ratio") and not money_or_rate_named:
            facet = "ratio"  # "신청자 대비 선정 비율", "경쟁률": two counts of the text, divided
        asked_once = self.quantities.text.count("몇") <= 1 and not self.has("conjunction")
        if not facet and unit is not None and asked_once and not summed and not whole:
            facet = "count"  # "댓글 몇 개": one count, the one the asked word labels
        if check is not None and months is not None:
            # "7월 안에 끝났어?": the end of its dates by then; "11월 20일까지야?": the end is then.
            if self.says("ends"):
                facet = "by"
            elif "까지" in self.quantities.text:
                facet = "until"
        return Question(
            q.TEXT, subjects=tuple(subjects[:1]), words=words, unit=unit, check=check,
            # "전자투표 9월에 하는 거 맞아?": the month is part of what is checked.
            months=months if check is not None else None,
            note="overview" if overview else "sum" if summed else "whole" if whole else "",
            facet=facet,
            hints=tuple(dict.fromkeys(hints)),
            not_held=tuple(w for w in missing if _noun_like(w))
            + tuple(k.word for k in self.keywords_in("not_held")
                    if k.word in self.lexicon.lists["soft_not_held"]),
        )  # fmt: skip

    def _operations(self) -> set[str]:
        found = set()
        if self.has("sum"):
            found.add(q.SUM)
        if self.has("average") and self._against_whole() is None:
            # ("국 평균보다 집행률 높은 과": the bureau's own rate is the 평균 meant)
            found.add(q.AVERAGE)
        if len(self.measures) == 2 and MINUS.search(self.quantities.text):
            found.add(q.DIFFERENCE)  # "예산-지출 얼마 남음": one less the other
        changes = {"change_amount", "change_rate"}
        # "예산현액에서 지출액을 뺀 잔액": the one gap asked is the difference already (unless
        # two things are set against each other: "A랑 B 잔액 차이").
        one_gap = (
            len(self.measures) == 1
            and bool(self.measures_of[self.measures[0]].difference_of)
            and len(self.found.mentions) < 2
        )
        # ("…보다 몇 명 많아": how many more, a count asked of the comparison)
        how_many = self.has("which") or (
            self.has("count_people", "count") and self.has("more", "less")
        )
        if (self.has("difference") and not one_gap) or (
            self.has("than") and how_many and not self.has("each")
            and not (self.measures and set(self.measures) <= changes)
        ):  # fmt: skip
            # "전년 대비 얼마나 증가 … 증감액과 증감률을": the change is already the gap.
            found.add(q.DIFFERENCE)
        elif (
            self.has("more", "less") and self.has("which")
            and any(t.startswith(("얼마나", "얼마", "몇")) for t in self.typed)
            and not self.measures and not self.found.mentions
        ):  # fmt: skip
            # "어디가 얼마나 더 많아?" after two things: which is more, and by how much.
            found.add(q.DIFFERENCE)
        people = [m for m in self.measures if self.measures_of[m].unit == PEOPLE]
        if self.has("other_than", "except") and len(people) == 2 and len(self.measures) == 2:
            # "현원 중 행정직 아닌 사람", "행정직 빼고 현원": the whole less the part.
            found.add(q.DIFFERENCE)
        # "징수율은 몇 %" asks the rate; "전체 대비 비율은 몇 %" (no rate named) a share.
        rated = any(self.measures_of[m].is_rate for k in self.found.places
                    for m in self.lexicon.measures.get(k.word, ()))  # fmt: skip
        # ("지출률 차이 몇프로": the gap between two rates, in %p, is what the % asks)
        rated = rated or (
            q.DIFFERENCE in found and any(self.measures_of[m].is_rate for m in self.measures)
        )
        if self.has("share") or (self.has("percent") and not rated) or self._part_of_named():
            found.add(q.SHARE)
        if self.has("times"):
            found.add(q.TIMES)
        if asks_count(self.found, self.lexicon) and not self.has("count_people"):
            found.add(q.COUNT)
        ranked = self.quantities.position or self.quantities.top or self.has(*RANK_WORDS)
        if (
            ranked
            and not (self.has("than") and self._compared_measures())
            and not (self._against_whole())
        ):
            found.add(q.RANK)  # "정원보다 현원 적은": a comparison, not a ranking
        if self.has("list", "unexecuted", "fully"):
            found.add(q.LIST)
        if self.says("related") and self.keywords_in("lines_word") and not self.measures:
            found.add(q.LIST)  # "마을 관련 사업 알려줘": the lines the word relates
        return found

    def _whole_then_part(self) -> bool:
        """The bureau, or a 과, said before 중/가운데, and a 과 or a line of it after: a part of
        that whole (국 … 중 사회협력과, 갈등관리협치과 … 중 지역사회혁신계획 지원)."""
        among = self.keywords_in("among")
        if not among:
            return False
        at = among[0].order
        wholes = [k for k in self.found.places if k.order < at and "bureau" in
                  self.lexicon.groups.get(k.word, ())]  # fmt: skip
        # (read before the names are resolved: the best entity of each name said)
        placed = [(m.best[0].entity, m.order) for m in self.found.mentions if m.best]
        before = [e for e, o in placed if o < at]
        after = [e for e, o in placed if o > at]
        if len(after) != 1 or len(before) > 1:
            return False
        part = after[0]
        if before:
            whole = before[0]
            return whole.kind == "division" and part.kind == "line" and part.division == whole.name
        return bool(wholes) and part.kind in ("division", "line")

    def _part_of_named(self) -> bool:
        """ "갈등관리협치과 예산 중 지역사회혁신계획 지원 비율": a whole named, 중/가운데 after it,
        a part of it named, and only the bare word for a ratio: the part's share."""
        bare = [k for k in self.keywords_in(RATE_WORD) if k.word in self.lexicon.lists["ratio"]]
        if not bare or len(self.keywords_in(MEASURE)) > 1:
            return False
        return self._whole_then_part()

    def _lines_counted_by_division(self) -> bool:
        """ "세부사업이 제일 많은 과", "사업 수 적은 부서": 세부사업 said before a word of
        more or most, and the 과 after it — 과 ranked by how many lines they have."""
        lines = [k.order for k in self.keywords_in("lines_word")]
        divisions = [k.order for k in self.keywords_in("division_word")]
        many = [k.order for k in self.found.places
                if self.lexicon.groups.get(k.word, frozenset()) & {"more", "less", *RANK_WORDS}]  # fmt: skip
        return bool(lines and divisions and many) and min(lines) < min(many) < max(divisions)

    def _lines_counted(self) -> bool:
        """ "세부사업 수", "세부사업 개수" said."""
        return any("line_count" in self.lexicon.measures.get(k.word, ()) for k in self.found.places)

    def _money_said(self) -> bool:
        """An amount said ("1억 이상"): a figure of money, never a count of lines."""
        return any(f.unit == "천원" for f in self.quantities.figures)

    def _set_kind(self) -> str | None:
        if self.measures == ("line_count",) or self._unexecuted_by_division():
            return "division"
        if self._lines_by_division() and any(f.unit == COUNT for f in self.quantities.figures):
            return "division"  # "세부사업 10개 넘는 과"
        if not self.measures and self._money_said() and self._lines_counted():
            return "line"
        if self.has("average") and (self.has("revenue") or self._revenue_measures()):
            return "revenue"  # "세입 징수율 평균": over the revenue items
        for group, kind in SET_WORDS:
            places = [k for k in self.keywords_in(group)
                      if not self._joining(k) and not self._set_aside(k)]  # fmt: skip
            if places:
                if kind == "revenue" and not (self.has("revenue") or self._revenue_measures()):
                    continue
                return kind
        return None

    def _set_aside(self, keyword: Keyword) -> bool:
        """`과별 말고 국 전체로`: a set word followed by 말고 is what is not asked."""
        after = [k for k in self.found.places if k.order == keyword.order + 1]
        return any(k.word in self.lexicon.lists["set_aside"] for k in after)

    def _joining(self, keyword: Keyword) -> bool:
        """A set word typed onto the word before it that is the particle "and" there
        ("사업과 해당 예산현액"), unless a ranking word stands before it ("젤낮은과")."""
        return (
            keyword.attached
            and "conjunction" in self.lexicon.groups[keyword.word]
            and not self._after_ranking(keyword)
        )

    def _after_ranking(self, keyword: Keyword) -> bool:
        """`젤낮은과`: 과 typed onto a ranking word is the 과, not the particle 과."""
        before = [k for k in self.found.places if k.order == keyword.order - 1]
        return any(self.lexicon.groups[k.word] & set(RANK_WORDS) for k in before)

    def _revenue_measures(self) -> bool:
        return any(self.measures_of[m].kinds == {"revenue"} for m in self.measures)

    def _line_set(self) -> tuple[str, tuple[int, ...]] | None:
        """`마을 사업 중 예산 제일 큰 거`, `갈등관리 관련 세부사업 몇 개`: a word several 세부사업
        names hold, with a set asked of them — those lines are the set (the word as said, and
        their line numbers). A word no name is made of alone ("마을") counts as well as one
        that fits several names about equally ("갈등관리")."""
        operations = self._operations() & {q.RANK, q.COUNT, q.LIST, q.SUM, q.AVERAGE}
        set_said = bool(self.keywords_in("lines_word")) or self.says("related")
        tested = any(f.comparison for f in self.quantities.figures)
        # "갈등 사업 예산": one word several names hold, then 사업 and a measure — those lines.
        plain = (set_said and bool(self.measures) and len(self.unknown_words) == 1
                 and not self.resolved and not self.yesno_like)  # fmt: skip
        # "혁신파크 관련 사업 다 알려줘": the lines a word relates, listed.
        related = self.says("related") and bool(self.keywords_in("lines_word"))
        if not ((operations or tested or plain or related) and (set_said or q.RANK in operations)):
            return None
        if self.yesno_like and not (tested or self.has("unexecuted", "fully")):
            return None  # "마을 관련 사업 중 미집행 있어?" asks of the set; other yes/no do not
        if OFFICE_DESCRIBED.search(self.quantities.text):
            return None  # "마을공동체 담당 과 사업": the 과 that does it, not names with the word

        def lines_of(found: Resolved) -> tuple[int, ...]:
            lines = tuple(int(s.ref) for s in found.subjects if s.kind == "line")
            if related and not lines:
                # ("혁신파크 관련 사업": every line whose name holds the word, not only the
                # lines of the project the short name stands for)
                said = compact(found.mention.text)
                lines = tuple(int(e.ref) for e in self.catalog.entities
                              if e.kind == "line" and said in compact(e.name))  # fmt: skip
            if not lines and found.sure and found.subjects[0].kind == "project" and set_said:
                # "혁신파크 사업 중 예산 큰 거": the project's own 세부사업
                number = found.subjects[0].project_no
                lines = tuple(n for n, p in self.catalog.project_of_line.items() if p == number)
            return lines if len(lines) > 1 else ()

        several = [r for r in self.resolved if lines_of(r)]
        others = [r for r in self.resolved if r not in several
                  and any(s.kind != "division" for s in r.subjects)]  # fmt: skip
        if others or len(several) > 1:
            return None
        if several and not self.unknown:
            if operations == {q.SUM} and not tested:
                return None  # "혁신파크 두 사업 합하면": the lines the name fits, added up
            found = several[0]
            said = found.mention.text
            at = self.quantities.text.lower().find(said)
            if at >= 0 and len(self.quantities.text) == len(self.quantities.text.lower()):
                said = self.quantities.text[at : at + len(said)]  # "NPO" as typed, not "npo"
            return said, lines_of(found)
        if several or len(self.unknown_words) != 1:
            return None
        word = self.unknown_words[0]
        if len(word) < 2 or not _korean(word):
            return None
        lines = tuple(e.ref for e in self.catalog.entities
                      if e.kind == "line" and word in compact(e.name))  # fmt: skip
        return (word, lines) if len(lines) > 1 else None

    def _group(self) -> Question | None:
        """A question over a set: 세부사업, 과, 세입 항목 or 주요사업, with conditions."""
        office = self._office_of_set()
        line_set = None if office is not None else self._line_set()
        if self.unknown and line_set is None and office is None:
            return None
        subjects = self._sure()
        if line_set is not None:
            # the name that picked the set is no subject of its own
            subjects = [s for s in subjects if s.kind == "division"]
        if office is not None:
            subjects = [office[0]]  # the words that described the 과 are no subjects
        named = [s for s in subjects if s.kind not in ("bureau", "division")]
        scope = [s for s in subjects if s.kind == "division"]
        if self.has("sum", "both", "each") and any(
            len(r.subjects) > 1 and any(s.kind not in ("bureau", "division") for s in r.subjects)
            for r in self.resolved
        ):
            return None  # "NPO지원센터 두 사업 합하면": the lines the name fits
        kind = self._set_kind()
        if line_set is not None:
            kind = "line"
        if self.found.unit in TEXT_ONLY_COUNTERS:
            return None  # "잔여 좌석은 몇 석?": seats the text counts, not lines
        if kind is None and self.has("share") and self.yesno_like:
            return None  # "갈등관리협치과 예산이 국 전체의 30% 넘게 차지해?": its share, checked
        operations = self._operations()
        conditions = self._conditions()
        counted = self._count_checked(kind)
        if counted is not None:
            operations = operations | {q.COUNT}
        if (
            kind == "revenue" and not conditions and self.measures == ("collected_over_budget",)
            and not operations & {q.RANK, q.SUM, q.AVERAGE}
        ):  # fmt: skip
            # "예산보다 더 걷힌 항목": the items collected over their budget, not every item.
            over = Condition("collected_over_budget", ">", 0.0, None, "예산보다 더 걷힌")
            conditions = (over,)
        asked = [c.measure for c in conditions] + list(self.measures)
        if (
            kind == "line"
            and asked
            and not subjects
            and all(
                "line" not in self.measures_of[m].kinds
                and "project_row" in self.measures_of[m].kinds
                for m in asked
            )
        ):
            kind = "project_row"  # "연말 집행예상률 100%인 사업": only the Ⅲ tables have it
        if self.has("rank_of") and len(subjects) == 1:
            return self._rank_of(subjects[0])
        unsure = [r for r in self.resolved if not r.sure and len(r.subjects) > 1]
        if (
            kind == "line" and unsure and line_set is None and not conditions
            and not operations & {q.RANK, q.COUNT, q.SUM, q.AVERAGE}
        ):  # fmt: skip
            return None  # "시민 교육 사업 예산": the lines the words fit, never all 43
        parent, under = None, False
        if kind == "revenue" and len(named) == 1 and named[0].kind == "revenue":
            set_word = self.keywords_in("revenue_list")
            mention = next(r.mention for r in self.resolved if r.subjects[0] == named[0])
            if (
                (
                    operations & {q.RANK, q.COUNT, q.SUM, q.AVERAGE}
                    or (conditions and not self.yesno_like)
                )
                and set_word
                and mention.order < set_word[0].order
            ):
                # "경상적세외수입 안에서 … 항목"; "세외수입 항목 중 징수율 50% 못 미치는 항목":
                # the items a condition picks, at any depth under it.
                parent, named = named[0].name, []
                under = bool(conditions)
        if named and not (
            kind in ("project_row", "plan") and all(s.kind == "project" for s in named)
        ):
            return None
        if len(scope) > 1 and kind in (None, "division"):
            return None  # "시민참여과, 사회협력과 두 과의 합계": the 과 named
        # "지역공동체과 예산 탑3", "사회협력과 두 번째로 큰": the 과's lines, ranked.
        ranked_in = (len(scope) == 1 and q.RANK in operations and not self.yesno
                     and (self.quantities.top is not None or self.quantities.position))  # fmt: skip
        if kind is None and ranked_in:
            kind = "line"
        bureau_named = any(s.kind == "bureau" for s in subjects)
        if kind is None and bureau_named and not conditions and q.RANK not in operations:
            return None  # "시민협력국에서 일하는 사람은 모두 몇 명": the bureau's own figures
        if kind is None:
            if not (conditions or (operations & {q.RANK, q.COUNT, q.LIST} and not scope)):
                return None
            exact = [c for c in conditions if c.value is not None]
            if scope and exact and all(c.comparison == "=" for c in exact):
                return None  # "지역공동체과 지출액이 27,669,365천원 … 맞는지": the 과's own figures
            if q.DIFFERENCE in operations and all(c.other for c in conditions):
                return None  # "정원 대비 현원 몇 명 모자라": a difference, not a set
            if self.yesno_like:
                # "세입 징수률 90% 넘었어?", "갈등관리협치과 90% 넘게 썼어?": about one thing,
                # not a set
                return None
            kind = self._default_kind(conditions)
        elif kind == "division" and scope and not operations and not conditions:
            return None  # "사회협력과 예산": the 과 word is part of the name
        elif not (operations or conditions or self.measures or self.has("which") or scope):
            return None
        said_set = self._set_kind() is not None and bool(conditions)
        if (
            kind == "revenue"
            and self.yesno
            and not named
            and not self.has("revenue_list", "leaves", "count", "list", "which")
        ):
            return None  # "세입 예산이 전년 대비 증가했습니까?": the revenue total, checked
        if (
            self.yesno_like and subjects and not self.has("count", "list") and not said_set
            and counted is None
        ):  # fmt: skip
            return None  # "사회협력과 미집행이야?": the 과; "…과 세부사업 중 미집행 있어?": not
        if (
            kind == "project_row"
            and not self.measures
            and not conditions
            and operations <= {q.LIST, q.COUNT}
        ):
            kind = "project"  # "주요사업 목록": the nine projects themselves
        measures = self._fitting(self.measures, kind)
        division = scope[0].name if scope and kind != "division" else None
        project = next((s.project_no for s in named if s.kind == "project"), None)
        # Ranked revenue items are the items themselves: a subtotal is not ranked against its
        # own parts ("징수액 제일 많은 세입 항목"), unless subtotals are asked for.
        # Added up or averaged, they are the items too: a subtotal counted beside its parts
        # would count them twice ("세입 항목 징수액 합계" had been 10,828,668천원, twice the
        # 5,414,334천원 collected).
        leaves = self.has("leaves") or (
            kind == "revenue" and bool(operations & {q.RANK, q.SUM, q.AVERAGE})
            and (parent is None or under) and not self.has("subtotal")
        )  # fmt: skip
        group = Group(kind, division, project, conditions, parent, under=under, leaves=leaves)
        if line_set is not None:
            group = replace(group, named=line_set[0], lines=line_set[1])
        if self.left_out_lines and kind == "line":
            # "구단위계획형은 빼고": the set's lines but that one
            left = {s.ref for s in self.left_out_lines}
            pool = group.lines or tuple(
                int(e.ref) for e in self.catalog.entities
                if e.kind == "line" and (division is None or e.division == division)
            )  # fmt: skip
            group = replace(group, lines=tuple(n for n in pool if n not in left),
                            without=tuple(s.name for s in self.left_out_lines))  # fmt: skip
        offices_left = [s.name for s in self.left_out_lines if s.kind == "division"]
        if offices_left and kind == "division":
            # "사회협력과 말고 현원이 정원보다 적은 과": the other 과.
            group = replace(group, without=tuple(offices_left))
        # "징수율 100% 넘는 항목 징수액 합계": the condition's measure says which items; the
        # other measure named is what is added up or averaged.
        tested = {c.measure for c in conditions if self.measures_of[c.measure].is_rate}
        if operations & {q.SUM, q.AVERAGE} and any(m not in tested for m in measures):
            measures = tuple(m for m in measures if m not in tested)
        if q.AVERAGE in operations:
            simple = "simple" if self.has("simple") else ""
            return Question(q.AVERAGE, group=group, measures=measures or ("budget",), note=simple)
        if q.SUM in operations:
            if {"quota", "current"} <= set(measures):
                measures = tuple(m for m in measures if m != "quota")  # 인원 합계: 현원
            return Question(q.SUM, group=group, measures=measures or ("budget",))
        if q.RANK in operations and kind != "project":
            measure = self._rank_measure(measures, kind)
            rest = tuple(m for m in measures if m != measure)
            if self.has("ranking_high") and self.has("ranking_low") and not self.quantities.top:
                # "제일 높은 과랑 제일 낮은 과 몇 %p 차이": the whole order, first less last;
                # "가장 큰 사업과 가장 작은 사업을 각각": both ends of it.
                ranking = Ranking(descending=True, count=EVERY)
                note = "spread" if q.DIFFERENCE in operations else "ends"
                return Question(q.RANK, group=group, measures=(measure,), ranking=ranking,
                                note=note)  # fmt: skip
            return Question(q.RANK, group=group, measures=(measure, *rest), ranking=self._ranking())
        shown = tuple(c.measure for c in conditions)
        if any(c.comparison == "is_null" for c in conditions):
            # "미집행 사업": what there is to show of them is their budget.
            shown = ("budget",)
            measures = tuple(m for m in measures if m not in ("committed", "spent"))
        shown = tuple(dict.fromkeys(shown + measures))
        if counted is not None:
            return Question(q.COUNT, group=group, measures=shown, check=counted)
        asks = q.COUNT if q.COUNT in operations else q.LIST
        note = "exists" if self.yesno and not self.has("which") else ""
        if note and self._all_of_set() and len(conditions) == 1 and conditions[0].value is not None:
            # "지역공동체과 세부사업 다 집행했어?": whether every one is so — 예 only when none
            # is not (those listed when some are not).
            condition = conditions[0]
            if condition.comparison in OPPOSITE:
                rest = replace(group, conditions=(self._negated_all(condition),))
                absent = Question(asks, group=rest, measures=shown, note="absent")
                # The member nearest the bar decides it: shown after the verdict.
                nearest = Question(
                    q.RANK, group=replace(group, conditions=()), measures=(condition.measure,),
                    ranking=Ranking(descending=condition.comparison in ("<", "<="), count=1),
                )  # fmt: skip
                return Question(q.PARTS, parts=(absent, nearest))
        if note and self.has("none") and not any("없는" in c.written for c in conditions):
            # "미집행 사업 없어?": 예 only when there are none ("미집행 사업 없는 과 있어?" asks
            # whether there is such a 과: its 없는 is the condition's).
            note = "absent"
        if note and not conditions:
            # "… 다 쓰는 걸로 보고 있는 거지?": a yes/no about no condition at all is not
            # "is there any 세부사업" — it was not understood.
            return None
        return Question(asks, group=group, measures=shown, note=note)

    def _count_checked(self, kind: str | None) -> Condition | None:
        """ "시민참여과 세부사업이 7개 맞습니까?", "지출 집행률 90% 넘는 세부사업 10개 넘어?":
        how many a set holds, checked against the count said (never "there are some")."""
        if kind is None or not self.yesno_like:
            return None
        counts = [f for f in self.quantities.figures if f.unit == COUNTED_UNIT]
        if len(counts) != 1 or (kind == "division" and self._lines_by_division()):
            return None  # "세부사업 10개 넘는 과 있어?": the count is the 과' condition
        figure = counts[0]
        return Condition("count", figure.comparison or "=", figure.value, None, figure.written)

    def _rank_of(self, subject: Subject) -> Question | None:
        """`공유서울 확산은 예산 순위 몇 위?`: where one thing stands among its kind."""
        holders = self.reader.subjects.figure_subjects(subject, self.measures)
        if len(holders) != 1:
            return None
        holder = holders[0]
        kind = holder.kind
        if kind in ("bureau", "unit"):
            return None  # the bureau is one of a kind: no place among others
        measure = self._rank_measure(self._fitting(self.measures, kind), kind)
        low = self._low()
        division = holder.division if self.has("among") and kind != "division" else None
        return Question(
            q.RANK, group=Group(kind, division), measures=(measure,),
            ranking=Ranking(descending=not low, of=holder.name),
        )  # fmt: skip

    def _default_kind(self, conditions: tuple[Condition, ...]) -> str:
        measures = [c.measure for c in conditions] + list(self.measures)
        if self.has("revenue") and all("revenue" in self.measures_of[m].kinds for m in measures):
            return "revenue"  # "예산 백만원 넘는 세입": revenue items, not lines
        for measure in measures:
            kinds = self.measures_of[measure].kinds
            for kind in ("line", "division", "revenue", "project_row"):
                if kind in kinds:
                    return kind
        return "line"

    def _fitting(self, measures: tuple[str, ...], kind: str) -> tuple[str, ...]:
        return tuple(m for m in measures if kind in self.measures_of[m].kinds)

    def _based_on(self) -> dict[str, str]:
        """Amounts said as a basis (`원인행위 기준`, `지출 기준으로`): the rate on that basis."""
        found = {}
        places = sorted(self.found.places, key=lambda k: k.order)
        for phrase in self.phrases:
            if len(phrase.measures) != 1 or phrase.measures[0] not in ("committed", "spent"):
                continue
            said = [k.word for k in places if phrase.first <= k.order <= phrase.last]
            if any(w.endswith("액") for w in said):
                continue  # "지출액 기준으로": the amount itself
            after = next((k for k in places if k.order > phrase.last), None)
            if after is not None and after.word in self.lexicon.lists["basis"]:
                found[phrase.measures[0]] = self.lexicon.rate_of[phrase.measures[0]]
        return found

    def _phrase_union(self) -> set[str]:
        return {m for p in self.phrases for m in p.measures}

    def _rank_measure(self, measures: tuple[str, ...], kind: str) -> str:
        """What a ranking is by: measure words the conditions did not take, else the first."""
        if (
            kind == "revenue" and self.has("decreased", "increased") and self.has(RATE_WORD)
            and set(measures) <= {"budget", "change_amount", "budget_2020"}
        ):  # fmt: skip
            return "change_rate"  # "가장 크게 줄어든 세입 항목, 비율로 봤을 때"
        rank_words = [k for g in ("ranking", "ranking_high", "ranking_low")
                      for k in self.keywords_in(g)]  # fmt: skip
        ranked_at = min((k.order for k in rank_words), default=None)
        if any("쓴" in k.word or "나간" in k.word for k in rank_words) and set(measures) <= {
            "budget"
        }:
            return "spent"  # "돈 제일 많이 쓴 사업": the money spent
        fits = [p for p in self.phrases if p not in self.used
                and all(not kind or kind in self.measures_of[m].kinds for m in p.measures)]  # fmt: skip
        before = [p for p in fits if ranked_at is not None and p.last < ranked_at]
        if len(before) >= 2 and set(before[-1].measures) <= set(self.measures):
            # "지출 실적이 있는 사업 가운데 지출 집행률이 가장 낮은": the words just before it.
            measures = before[-1].measures
            return measures[-1] if _both_rates(measures) else measures[0]
        free = [m for p in self.phrases if p not in self.used for m in p.measures]
        free = [m for m in free if (not kind or kind in self.measures_of[m].kinds)
                and (m in self.measures or m not in self._phrase_union())]  # fmt: skip
        if free:
            measures = tuple(dict.fromkeys(free))
        joined = len(self.phrases) >= 2 and any(
            self.phrases[0].last < k.order < self.phrases[-1].first
            for k in self.keywords_in("conjunction")
        )  # "예산이랑 지출액 제일 큰": both named, the first ranks
        if len(measures) == 2 and "budget" in measures and not joined:
            # "예산 제일 많이 남은 과": 예산 says what money; 남은 says which figure of it.
            other = next(m for m in measures if m != "budget")
            if self.measures_of[other].unit == self.measures_of["budget"].unit:
                return other
        if measures:
            return measures[-1] if _both_rates(measures) else measures[0]
        if kind == "revenue":
            return "budget"
        if kind == "division" and self.has("count_people"):
            return "current"
        low = self._low()
        size_words = {"큰", "작은", "많은", "적은", "가장큰", "제일큰", "가장작은", "제일작은"}
        if low and not size_words & set(self.found.keywords):
            return "spent_rate"
        return "budget"

    def _shown_after_ranked_set(self) -> bool:
        """`제일 낮은 과 예산은?`: a ranking word, the set word, then every measure word."""
        ranked = [
            k.order for k in self.found.places if self.lexicon.groups[k.word] & set(RANK_WORDS)
        ]
        sets = [k.order for group, _ in SET_WORDS for k in self.keywords_in(group)]
        measured = [k.order for k in self.keywords_in(MEASURE)]
        if not (ranked and sets and measured):
            return False
        set_at = min((o for o in sets if o > min(ranked)), default=None)
        return set_at is not None and all(o > set_at for o in measured)

    def _low(self) -> bool:
        """The lowest first: "제일 낮은", and "가장 … 낮죠?" (a ranking word, then less)."""
        if self.has("ranking_high"):
            return False
        return self.has("ranking_low") or (
            self.has("ranking") and self.has("less") and not self.has("more")
        )

    def _ranking(self) -> Ranking:
        top = self.quantities.top
        low = self._low()
        if top is not None and top[1] is not None:
            low = not top[1]
        if self.has("decreased") and not self.has("increased"):
            low = True  # "가장 크게 감소한": the most negative change first
        count = top[0] if top else None
        superlative = (self.has("ranking") and not self.has("ordering")) or any(
            k.word in SUPERLATIVES for k in self.found.places
        )
        if count is None and self.quantities.position is None and self.has("ordering"):
            count = None if superlative else EVERY  # "높은 순으로": the whole set in order
        said = self.has("ranking_high", "ranking_low", "decreased") or bool(
            top and top[1] is not None
        )
        return Ranking(
            descending=not low, position=self.quantities.position, count=count,
            said_direction=said, said_place=self.quantities.place_said,
        )  # fmt: skip

    def _figures(self) -> Question | None:
        """Figures of named subjects: their values, or a sum, difference, share or check."""
        if self.unknown:
            described = self._described()
            if described is not None:
                return described
            line = self._named_line()
            if (
                line is not None and self._table_words()
                and (self._describes(line) or self._glossed(line))
            ):  # fmt: skip
                # The other words describe the line named, as its project's text does.
                said = ", ".join(f"‘{w}’" for w in self.unknown_words)
                note = f"※ {said}은(는) ‘{line.name}’을(를) 설명하는 말로 보고 답했습니다."
                return Question(q.FIGURES, subjects=(line,), measures=self.measures, note=note)
            sure = self._sure()
            if len(sure) == 1 and sure[0].kind == "line" and self._glossed(sure[0]):
                # "동북권에 청년 혁신거점 짓는 사업": the words left are the line's own everyday
                # words — they describe it, nothing else is asked.
                said = ", ".join(f"‘{w}’" for w in self.unknown_words)
                note = f"※ {said}은(는) ‘{sure[0].name}’을(를) 설명하는 말로 보고 답했습니다."
                return Question(q.FIGURES, subjects=(sure[0],), measures=self.measures, note=note)
            glossing = [s for s in sure if s.kind == "line"]
            if (
                len(sure) >= 2
                and glossing
                and all(any(self._glossed(s, (w,)) for s in glossing) for w in self.unknown_words)
            ):
                # "구 단위 지역혁신계획 지원사업이 갈등관리협치과 예산에서 …": words each one of
                # the lines named is everyday said by; the question is read without them.
                self.unknown = []
                return self._figures()
            if len(sure) == 1 and sure[0].kind == "line" and self._table_words():
                described = self._said_of_line(sure[0])
                if described is not None:
                    return described
            asking = tuple(self.lexicon.lists["revenue_words"])
            if (
                len(sure) == 1 and sure[0].kind == "revenue"
                and all(w.startswith(asking) for w in self.unknown_words)
            ):  # fmt: skip
                # "이자로 들어오는 세입 얼마 걷혔어": words that only say it is money coming in.
                measures = self.measures or ("collected",)
                return Question(q.FIGURES, subjects=(sure[0],), measures=measures)
            offices = [s for s in sure if s.kind == "division"]
            if (
                not self.measures and len(offices) == 1 and len(sure) == 1
                and all(self.in_text((w,), parts=("duty",)) for w in self.unknown_words)
            ):  # fmt: skip
                # "사회협력과 기부금품": work its 주요업무 hold, shown with the 과 that has it.
                return Question(q.DUTY, words=self.unknown_words)
            # Words the report does not hold: say so, whatever the names fit (no asking back).
            return Question(q.NOT_FOUND, subjects=tuple(self._sure()), words=self.unknown_words,
                            measures=self.measures)  # fmt: skip
        subjects = self._figure_subjects()
        if not subjects and not self.measures and not self.has("revenue", "bureau"):
            return None  # nothing named and no figure asked: not a figure question
        if not subjects:
            subjects = [self._default_subject()]
        measures = self.measures
        holders_of = self.reader.subjects.figure_subjects
        for project in [s for s in subjects if s.kind == "project"]:
            holders = holders_of(project, measures)
            if len(holders) > 1 and not self.has("sum"):
                # "혁신팍 운영 예산": a word typed beside the name that only one of its lines'
                # names holds says which line.
                said = {u.word for u in self.content if len(u.word) >= MIN_WORD}
                fit = [h for h in holders if any(w in compact(h.name) for w in said)]
                if len(fit) == 1 and said:
                    subjects = [fit[0] if s == project else s for s in subjects]
                    continue
                # "혁신파크 예산": the project has several budget lines; ask which.
                rest = " ".join(self.measures_of[m].label for m in measures[:1]) or "예산"
                return Question(q.CLARIFY, choices=holders, rest=rest)
        if (
            not measures
            and self.found.unit == "명"
            and all(s.kind in ("division", "bureau") for s in subjects)
        ):
            measures = ("current",)  # "사회협력과 몇 명이야": its head count
        subjects = [h for s in subjects for h in (holders_of(s, measures) or (s,))]
        # "보조금 쓰고 남은 거 반납받는 수입 징수율": a word of the description named a measure
        # the thing has not (잔액 of a revenue item); the ones it has are asked.
        kinds = {s.kind for s in subjects}
        fitting = tuple(m for m in measures if kinds <= self.measures_of[m].kinds)
        if fitting and kinds == {"revenue"}:
            measures = fitting
        if not measures and len(subjects) == 1 and subjects[0].kind == "project":
            # "마을공동체종합지원센터 재위탁 (어떻게 돼가?)": a project with no figures of its
            # own is asked for how it stands.
            numbers = self._numbers_said()
            if numbers and self.yesno_like:
                # "마을센터 재위탁 3년이야?": the number, checked against the bullet that has it.
                # (the name's words typed say what the number is of: "재위탁" 3년)
                title = compact(subjects[0].name)
                hints = tuple(w for t in self.typed
                              if len(w := self.lexicon.strip_particle(t)) >= MIN_WORD
                              and w in title)  # fmt: skip
                return Question(q.TEXT, subjects=tuple(subjects), words=tuple(numbers),
                                hints=hints,
                                check=Condition(FACT, "in", written=" ".join(numbers)))  # fmt: skip
            return Question(q.TEXT, subjects=tuple(subjects))
        operations = self._operations()
        compared = self._compared_measures()
        stated = self.has("fully", "unexecuted", "executed") and self._ends_as_question()
        # "…27,669,365천원, 89.0%로 파악하고 있는데 일치하는지": figures given to be checked.
        stated = stated or (self.has("same") and bool(self.quantities.figures))
        # "…일부라도 집행되었는지 여쭙습니다": whether, asked formally.
        stated = stated or (
            self.has("fully", "unexecuted", "executed")
            and bool(EMBEDDED_YESNO.search(self.quantities.text))
        )
        # "징수액이 예산보다 적었어?": one measure against another, asked as a question with
        # no 얼마/몇 in it, is whether it is so.
        asked_compared = (
            compared is not None
            and (self._ends_as_question() or bool(EMBEDDED_YESNO.search(self.quantities.text)))
            and not self.has("difference")
        )  # ("…을 초과하였는지 확인하여 주시기 바랍니다": whether, asked formally)
        if self.yesno or (
            ((self.has("yesno") and compared) or stated or asked_compared) and not self.asks_what
        ):
            check = self._check(subjects, measures)
            if check is not None:
                return check
        if q.TIMES in operations and len(subjects) >= 2:
            return self._times(subjects, measures)
        whole_named = self._whole_named(subjects) if {q.SUM, q.SHARE} <= operations else None
        if {q.SUM, q.SHARE} <= operations and whole_named is None:
            # "A랑 B 합치면 사회협력과 예산의 몇 %": the one named after 합치면 is the whole.
            summed_at = min((k.order for k in self.keywords_in("sum")), default=None)
            places = {r.subjects[0]: r.mention.order for r in self.resolved if r.sure}
            after = [s for s in subjects if summed_at is not None
                     and places.get(s, -1) > summed_at and s.kind != "bureau"]  # fmt: skip
            if len(after) == 1:
                whole_named = after[0]
        named = [s for s in subjects if s.kind != "bureau" and s != whole_named]
        if {q.SUM, q.SHARE} <= operations and len(named) >= 2:
            # "A랑 B 합치면 얼마고 국 전체의 몇 %야": the sum, then its share of the whole.
            measure = next((m for m in measures if self.measures_of[m].is_money), "budget")
            whole = whole_named or self._whole_of_sum(named)
            summed = Question(q.SUM, subjects=tuple(named), measures=(measure,))
            share = Question(q.SHARE, subjects=(*named, whole), measures=(measure,), note="summed")
            if "얼마" in self.quantities.text:
                return Question(q.PARTS, parts=(summed, share))
            # "합계가 국 전체에서 차지하는 비중": the share is what is asked, the sum its support.
            return Question(q.PARTS, parts=(share, summed))
        if q.SHARE in operations and "change_amount" in measures and len(subjects) == 1:
            # "작년 대비 몇 % 늘었어": the rate of the change, not the change's share of a whole.
            return Question(q.FIGURES, subjects=tuple(subjects),
                            measures=("change_rate", "change_amount"))  # fmt: skip
        if q.SHARE in operations or self._ratio_of_counts(measures):
            share = self._share(subjects, measures)
            rates = [f for f in self.quantities.figures if f.unit == RATE]
            if share.asks == q.SHARE and rates and share.measures and self.yesno_like:
                # "…의 30% 넘게 차지해?": the share, checked against the figure.
                figure = rates[0]
                condition = Condition(share.measures[0], figure.comparison or ">=", figure.value,
                                      None, figure.written)  # fmt: skip
                share = replace(share, check=condition)
            elif share.asks == q.SHARE and share.subjects and not self.yesno_like:
                # "…이 국 전체에서 차지하는 비중과 지출 집행률": the share, and the rate asked
                # beside it of the same thing.
                named = {m for k in self.found.places
                         for m in self.lexicon.measures.get(k.word, ())}  # fmt: skip
                beside = tuple(m for m in measures if self.measures_of[m].is_rate
                               and m not in share.measures and m in named)  # fmt: skip
                if beside:
                    figures = Question(q.FIGURES, subjects=share.subjects[:1], measures=beside)
                    return Question(q.PARTS, parts=(share, figures))
            return share
        if q.DIFFERENCE in operations or self.quantities.point or compared:
            difference = self._difference(subjects, measures)
            if difference is not None:
                return difference
        if q.SUM in operations and len(subjects) >= 2:
            return Question(q.SUM, subjects=tuple(subjects), measures=measures or ("budget",))
        added = [m for m in measures if self.measures_of[m].adds_to]
        if q.SUM in operations and len(measures) == 1 and added:
            # "시간선택제까지 포함하면 총 몇 명": the head count with them.
            measures = (self.measures_of[added[0]].adds_to, added[0])
        if q.SUM in operations and len(measures) >= 2:
            # "시간선택제 포함하면 인원 총 몇 명": measures of one thing added up.
            if {"quota", "current"} <= set(measures):
                measures = tuple(m for m in measures if m != "quota")
            office = subjects[0] if len(subjects) == 1 else None
            if "line_count" in measures and office is not None and office.kind == "division":
                # "사회협력과 소관 세부사업 수와 예산 합계": how many lines, and their total.
                lines = Group("line", division=office.name)
                rest = tuple(m for m in measures if m != "line_count") or ("budget",)
                return Question(q.SUM, group=lines, measures=rest)  # the sum says how many
            if len(measures) >= 2:
                return Question(
                    q.SUM, subjects=tuple(subjects[:1]), measures=measures, note="measures"
                )
        if len(subjects) >= 2 and self.has(*RANK_WORDS) and measures:
            return Question(q.RANK, subjects=tuple(subjects),
                            measures=(self._rank_measure(measures, ""),), ranking=self._ranking())  # fmt: skip
        return Question(q.FIGURES, subjects=tuple(subjects), measures=measures)

    # --- parts of the decision -------------------------------------------------------------

    def _sure(self) -> list[Subject]:
        return [r.subjects[0] for r in self.resolved if r.sure]

    def _figure_subjects(self) -> list[Subject]:
        """Named subjects in order; a 과 named only to say whose line it is (소관) is dropped."""
        subjects = self.subjects_at("holder")
        owned = {s.division for s in subjects if s.kind != "division"}
        share = q.SHARE in self._operations()
        # "사회협력과 예산에서 공유서울 확산 예산 빼면": the 과 and its one line, one less the other.
        # (two measures said: "집행예상액에서 지출액을 뺀" is one thing's two figures)
        minus = (self.has("difference") and len([s for s in subjects if s.kind != "division"]) == 1
                 and len([m for m in self.measures if m != "remaining"]) <= 1
                 and set(self.measures) <= {"budget", "committed", "spent", "remaining"})  # fmt: skip
        lone_office = [k for k in self.keywords_in("division_word") if not k.attached]
        named_office = any(s.kind == "division" for s in subjects)
        if (
            minus
            and lone_office
            and not named_office
            and len(subjects) == 1
            and subjects[0].division
        ):
            # "그 사업 빼면 과 예산 얼마 남아?": its own 과, less the line.
            office = subjects[0].division
            subjects = [Subject("division", office, office, ref=office), *subjects]
        if owned and not share and not minus:
            subjects = [s for s in subjects if not (s.kind == "division" and s.name in owned)]
        if any(s.kind != "bureau" for s in subjects) and not share:
            subjects = [s for s in subjects if s.kind != "bureau"] or subjects
        if self.has("revenue") or self._revenue_measures():
            # "시민협력국 세입 …": the bureau's revenue is the revenue table's 합계.
            subjects = [Subject("revenue", "합계") if s.kind == "bureau" else s for s in subjects]
        compares = self.has("than", "difference", "compare") or self.quantities.point
        # "시민숙의예산과 집행률이 국 전체 집행률 이상인지 여부": the bureau is checked against.
        compares = compares or (self.yesno and self.has("more", "less", "same"))
        whole = self._default_subject()  # the bureau, or the revenue table's 합계
        if compares and self.has("bureau") and subjects and whole not in subjects:
            # "시민참여과 지출 집행률 국 전체보다 몇 포인트 낮음?": the bureau is compared too.
            subjects.append(whole)
        return subjects

    def _default_subject(self) -> Subject:
        if self.has("revenue") or self._revenue_measures():
            return Subject("revenue", "합계")
        return Subject("bureau", self.catalog.bureau)

    def _conditions(self) -> tuple[Condition, ...]:
        conditions: list[tuple[int, Condition]] = []  # (where it stands, condition)
        for figure in self.quantities.figures:
            measure = self._measure_for(figure)
            if measure is not None:
                condition = Condition(measure, figure.comparison or "=", figure.value, None,
                                      figure.written)  # fmt: skip
                conditions.append((self._figure_place(figure), condition))
        short_of_whole = [k.order for k in self.keywords_in("fully") if self._not_done(k.order)]
        unexecuted = self.keywords_in("unexecuted")
        for keyword in unexecuted:
            if any(at < keyword.order <= at + 2 for at in short_of_whole):
                continue  # "전액 집행 안 된": short of the whole, not 미집행
            if self._unexecuted_by_division():
                each = any(k.word.endswith("별") for k in self.keywords_in("division_word"))
                counted = any(f.unit == COUNT for f in self.quantities.figures)
                if not (self.has(*RANK_WORDS) or each or counted):
                    # "미집행 사업 없는 과": none of its lines; "있는 과": one or more.
                    none = self.has("none") or any("없" in k.word for k in unexecuted[1:])
                    conditions.append((keyword.order, Condition(
                        "unexecuted_count", "=" if none else ">", 0.0, None,
                        "미집행 세부사업이 없는" if none else "미집행 세부사업이 있는")))  # fmt: skip
                break
            conditions.append((keyword.order, Condition("spent", "is_null", written="미집행")))
        how_much = [k.order for k in self.found.places if k.word in HOW_MUCH]
        set_said = any(self.keywords_in(group) for group, _ in SET_WORDS)
        for keyword in self.keywords_in("executed"):
            if any(keyword.order - 3 <= at < keyword.order for at in how_much):
                continue  # "얼마나 돈을 썼어": how much was spent, not which spent any
            if self.quantities.figures and not set_said:
                continue  # "예산의 90% 넘게 썼어?": the verb of the figure, not a set's state
            conditions.append((keyword.order, Condition("spent", "not_null", written="집행 실적")))
        if self.has("fully") and not any(
            c.measure in ("spent_rate", "outlook_rate")
            # ("원인행위 100% 다 채운": the 100% said is what 다 means)
            or (c.measure.endswith("_rate") and c.value is not None and c.value >= 100)
            for _, c in conditions
        ):
            place = self.keywords_in("fully")[0].order
            # "연말까지 전액 집행이 예상되는지": the year-end outlook, not what is spent so far.
            outlook = self._asks_outlook() or any(m.startswith("outlook") for m in self.measures)
            rate = "outlook_rate" if outlook else "spent_rate"
            if self._not_done(place):
                # "전액 집행되지 않은", "다 못 쓴": short of the whole budget.
                conditions.append((place, Condition(rate, "<", 100.0, None, "100% 미만")))
            else:
                conditions.append((place, Condition(rate, ">=", 100.0, None, "100%")))
        # "얼마 늘었나" asks by how much (a measure); "늘어난 항목" picks a set.
        how_much = self.has("which") and self._set_kind() is None
        if self.has("decreased") and not self.has(*RANK_WORDS) and not how_much:
            conditions.append((0, Condition("change_amount", "<", 0.0, None, "감소")))
        if self.has("increased") and not self.has(*RANK_WORDS) and not how_much:
            conditions.append((0, Condition("change_amount", ">", 0.0, None, "증가")))
        compared = self._compared_measures()
        if compared is not None:
            # Placed at its 보다/대비: "사회협력과 말고 현원이 정원보다 적은 과" leaves the 과
            # out; 말고 before the comparison does not turn it around.
            than = [k.order for k in self.keywords_in("than")]
            conditions.append((max(than, default=0), compared))
        money = [m for m in self.measures if self.measures_of[m].is_money]
        if (
            self._set_kind() == "revenue"
            and money
            and not self.quantities.figures
            and (self.has("none") or any(c.measure == "spent" for _, c in conditions))
        ):
            # "예산 없는 세입 항목", "예산이 편성 안 된 항목": the report's ‘-’ for that amount
            # (a revenue item has no 지출, so 안 된 is said of the amount named).
            conditions = [(p, c) for p, c in conditions if c.measure != "spent"]
            conditions.append((0, Condition(money[0], "is_null", written="없는")))
        whole = self._against_whole()
        if whole is not None:
            conditions.append((0, whole))
        gaps = [m for m in self.measures if self.measures_of[m].difference_of]
        if gaps:
            # "두 집행률 차이가 10%p 이상": the figure is the gap's.
            of = set(self.measures_of[gaps[0]].difference_of)
            conditions = [(place, replace(c, measure=gaps[0])
                           if c.measure in of and c.value is not None else c)
                          for place, c in conditions]  # fmt: skip
        places = [place for place, _ in conditions]
        tests = [self._negated(place, c, places) for place, c in conditions]
        # "한 푼도 집행 안 된": two words for one test are one condition
        seen: set[tuple] = set()
        unique = []
        for test in tests:
            key = (test.measure, test.comparison, test.value, test.other, test.gap, test.times)
            if key not in seen:
                seen.add(key)
                unique.append(test)
        return tuple(unique)

    def _against_whole(self) -> Condition | None:
        """ "국 전체 지출 집행률보다 낮은 과", "시민협력국 평균보다 집행률 높은 세부사업": the
        members of a set against the bureau's own figure of one measure."""
        than = self.has("than") or any(
            k.word in self.lexicon.lists["than_verbs"] for k in self.found.places
        )
        if not (than and self.has("bureau")):
            return None
        if not (self.keywords_in("division_word") or self.keywords_in("lines_word")):
            return None
        rates = [m for m in self.measures if self.measures_of[m].is_rate]
        measures = rates or list(self.measures)
        if set(measures) == {"committed_rate", "spent_rate"}:
            measures = ["spent_rate"]  # "집행률" said alone: the 지출 집행률
        if len(measures) != 1 or self.quantities.figures:
            return None
        low = self.has("less", "ranking_low")
        high = self.has("more", "ranking_high")
        if low == high:
            return None
        said = "낮은" if low else "높은"
        if not self.measures_of[measures[0]].is_rate:
            said = "적은" if low else "많은"
        return Condition(measures[0], "<" if low else ">", None, None, f"국 전체보다 {said}",
                         whole=True)  # fmt: skip

    def _not_done(self, place: int) -> bool:
        """Whether the words just after `place` deny it ("전액 집행 안 됐지", "다 쓰지 못한")."""
        said = [*self.found.places, *self.found.unknown_places]
        after = [k.word for k in said if place < k.order <= place + 2]
        markers = self.lexicon.lists["not_done"]
        return any(marker in word for word in after for marker in markers)

    def _figure_place(self, figure: Figure) -> int:
        """The order of the first word after a figure (its comparison stands there)."""
        after = [k.order for k in self.found.places if k.segment > figure.segment]
        return min(after) - 1 if after else 10**6

    @staticmethod
    def _negated_all(condition: Condition) -> Condition:
        """The members that are not so, when all of them are asked about."""
        return replace(condition, comparison=OPPOSITE[condition.comparison],
                       written=f"{condition.written} 미달" if condition.comparison in (">=", ">")
                       else f"{condition.written} 초과")  # fmt: skip

    def _negated(self, place: int, condition: Condition, places: list[int]) -> Condition:
        """`미집행 빼고`, `100% 빼고`: a condition followed by 빼고/제외 is turned around — only
        the one right before it ("30% 미만인 거 (0원인 건 빼고)": the 0원 one)."""
        # "집행 실적 없는 건 빼고": 건/거/것 between the condition and 빼고 say nothing.
        # ("집행 실적이 없는 사업을 제외할 때": nor the word for a line)
        following = [k for k in self.found.places if k.order > place
                     and not self.lexicon.groups[k.word] <= {FILLER, "count", "lines_word"}]  # fmt: skip
        if not following or "except" not in self.lexicon.groups[following[0].word]:
            return condition
        if any(place < other < following[0].order for other in places):
            return condition  # another condition stands between it and 빼고
        if any(place < r.mention.order < following[0].order for r in self.resolved) or any(
            place < order < following[0].order for order in self.left_out_at
        ):
            return condition  # "미집행 사업 저층주거지 관리 사업 말고": the thing named is left out
        return replace(condition, comparison=OPPOSITE[condition.comparison],
                       written=f"{condition.written} 제외")  # fmt: skip

    def _comes_to(self, figure: Figure) -> bool:
        """Whether 으로/로 follows the figure ("…에서 330,628천원으로 줄었다")."""
        pieces = self.quantities.text.split(GAP.strip())
        after = pieces[figure.segment + 1] if figure.segment + 1 < len(pieces) else ""
        return after.lstrip().startswith(("으로", "로 ", "로,", "로?"))

    def _as_fall(self, condition: Condition) -> Condition:
        """`10% 이상 줄었어?`: a fall of at least 10% is a change of −10% or less."""
        falls = self.has("decreased") and not self.has("increased")
        changes = condition.measure in ("change_rate", "change_amount")
        if not (falls and changes and condition.value and condition.value > 0):
            return condition
        # ("58,254천원 줄었다": the change is −58,254천원)
        flipped = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "=": "="}.get(condition.comparison)
        if flipped is None:
            return condition
        return replace(condition, comparison=flipped, value=-condition.value)

    def _measure_for(self, figure: Figure) -> str | None:
        """The measure a figure is about: the nearest measure words before it, else after."""
        # (a revenue item's figure said with 줄었다/늘었다 is its change even without 작년: the
        # table's only change is the one from the ’20 budget)
        changed = self.has("increased", "decreased") and (
            self.reader.as_of.year - 1 in self.quantities.years
            or any(s.kind == "revenue" for s in self._sure())
        )
        if changed and self._comes_to(figure):
            changed = False  # "330,628천원으로 줄었지?": what it came to, not the change
        if figure.unit == RATE and changed:
            return "change_rate"  # "작년보다 5% 이상 늘었어?": the rate of the change
        if figure.unit == MONEY and changed:
            return "change_amount"  # "작년보다 4억 넘게 줄었나요?": the amount of the change
        if figure.unit == RATE and self._asks_outlook() and not self._rate_named():
            # "연말까지 예산 100% 다 쓸 걸로 예상되는 사업": the year-end outlook rate.
            return "outlook_rate"
        if figure.unit == COUNT and self._lines_by_division():
            # "미집행 사업이 2개 이상인 과", "세부사업 10개 넘는 과": the 과 by how many lines.
            return "unexecuted_count" if self._unexecuted_by_division() else "line_count"
        before = [p for p in self.phrases if p.segment <= figure.segment]
        after = [p for p in self.phrases if p.segment > figure.segment]
        for phrase in [*reversed(before), *after]:
            for measure in phrase.measures:
                fitted = self._in_unit(measure, figure.unit)
                if fitted is not None:
                    self.used.add(phrase)
                    return fitted
        return DEFAULT_BY_UNIT.get(figure.unit)

    def _in_unit(self, measure: str, unit: str) -> str | None:
        if self.measures_of[measure].unit == unit:
            return measure
        rate = self.lexicon.rate_of.get(measure)
        if unit == RATE and rate is not None:
            return rate
        if unit == MONEY:
            # "지출률 30% 미만인 거 (0원인 건 빼고)": money said of a rate is its amount.
            amount = next((m for m, r in self.lexicon.rate_of.items() if r == measure), None)
            if amount is not None and self.measures_of[amount].unit == MONEY:
                return amount
        return None

    def _direction(self) -> str | None:
        """ ">", "<" or "=" from the words that compare; None when they do not say."""
        if self.has("same"):
            return "="
        more = self.has("more", "ranking_high", "increased")
        less = self.has("less", "ranking_low", "decreased")
        if more == less:
            return None
        return ">" if more else "<"

    def _compared_measures(self) -> Condition | None:
        """`정원보다 현원 적은`, `징수액이 예산 넘었어`, `정원 현원 같지`: a measure against another.

        With 보다, the measure before it is the reference; without, the first is set against the
        second.
        """
        measures = list(dict.fromkeys(m for p in self.phrases for m in p.measures))
        if len(measures) < 2 or len(self.keywords_in(MEASURE)) < 2:
            return None  # "인원" alone names two counts, but sets neither against the other
        direction = self._direction()
        if direction is None:
            return None
        than = self.keywords_in("than")
        superlative = (*SUPERLATIVES, "젤")
        if than and any(k.word.startswith(superlative) for k in self.found.places):
            return None  # "예산 대비 덜 쓴 금액 제일 많은 과": a ranking, 대비 names its measure
        if than:
            pivot = than[0].order
            before = [p for p in self.phrases if p.last < pivot]
            if not before:
                return None
            reference = before[-1].measures[0]
            others = [m for m in measures if m != reference]
            if any(m in before[-1].measures for m in others):
                return None  # "원인행위 집행률이 국 전체 집행률보다": the same rate said short
        else:
            if not self.has("same", "more", "less") or self.has(*RANK_WORDS):
                return None  # "예산 가장 적게 남은": a ranking, not one measure against another
            others, reference = [measures[0]], measures[1]
        if not others or self.measures_of[others[0]].unit != self.measures_of[reference].unit:
            return None
        return Condition(others[0], direction, None, reference)

    def _is_bare_rate(self, phrase: Phrase) -> bool:
        """A phrase that is only a word for a rate ("비율"), naming no measure of its own."""
        words = [k.word for k in self.found.places if phrase.first <= k.order <= phrase.last]
        return bool(words) and all(w in self.lexicon.lists["ratio"] for w in words)

    def _bare_rate_phrases(self) -> bool:
        return any(self._is_bare_rate(p) for p in self.phrases)

    def _labels_compared(self) -> Condition | None:
        """ "재입주가 신규보다 많아?": the word before the one said with 보다, set against it."""
        if self.quantities.figures:
            return None
        direction = self._direction()
        said = self._labels_said()
        if direction not in (">", "<") or said is None:
            return None
        first, second = said
        known = self.lexicon.groups
        if any(compact(w) in known for w in (first, second)):
            return None  # "예산이 작년보다 많아?": measures, not the text's labels
        return Condition(FACT, direction, None, second, first)

    def _labels_said(self) -> tuple[str, str] | None:
        """A word said with 이/가/은/는, then the next said with 보다 ("화상회의가 대면회의보다"):
        the two, particles off."""
        words = self.typed
        for before, word in itertools.pairwise(words):
            second = word.removesuffix("보다")
            if second == word or len(second) < MIN_WORD:
                continue
            first = before[:-1] if before.endswith(tuple("이가은는")) else ""
            if len(first) >= MIN_WORD:
                return first, second
        return None

    def _by_year_end(self) -> bool:
        relative = self.quantities.relative_months
        if relative is not None and relative[1][1] is None:
            return True
        # "올해 안에 다 쓸 예정이야?": within the report's year, said with the year.
        return self.quantities.years == [self.reader.as_of.year] and bool(
            re.search(r"§\s*(?:안|내)(?:에|으로|로)?(?![가-힣])", self.quantities.text)
        )

    def _spends_by_year_end(self) -> bool:
        """ "연말까지 얼마 써?", "연말까지 얼마 집행해?": spending by the year end, the outlook."""
        return self._by_year_end() and any(
            t.startswith(self.lexicon.lists["spend_verbs"]) for t in self.typed
        )

    def _asks_outlook(self) -> bool:
        """ "연말까지 … 예상", "연말까지 다 쓸 예정": the year-end outlook is asked."""
        return self._by_year_end() and (self.says("expected") or self._spends_by_year_end())

    def _of_whole(self, figure) -> bool:
        """Whether a figure is said as a whole the question takes part of ("18명 중 과반")."""
        after = self.quantities.text.split(GAP)[figure.segment + 1 :]
        return bool(after) and after[0].lstrip().startswith("중")

    def _check(self, subjects: list[Subject], measures: tuple[str, ...]) -> Question | None:
        """A yes/no question about named things: a figure against a threshold, against another
        measure or thing, a state (미집행, 늘었지), or a place in a ranking."""
        times = self._times_check(subjects, measures)
        if times is not None:
            return times
        figures = self.quantities.figures
        said = [m for p in self.phrases for m in p.measures]
        # "절반 넘어?", "70% 넘게 차지해?", "세입 예산 전체의 1%를 넘어?": a part of the whole,
        # not a 집행률 ("예산의 90% 넘게 썼어?" is one: a measure of spending is said).
        of_whole = (
            self.quantities.fraction
            or self.has("share")
            or (
                bool(OF_WHOLE_PERCENT.search(self.quantities.text))
                and all(m in ("budget", "budget_2020") for m in said)
            )
        )
        fraction = [f for f in figures if f.unit == RATE] if of_whole else []
        part_of_kind = self._office_of_kind(subjects, measures)
        kinds = self._staff_kinds(tuple(said))
        rates_said = [m for m in said if self.measures_of[m].is_rate]
        percents = [f for f in figures if f.unit == RATE]
        if (
            percents
            and len(kinds) == 1
            and not rates_said
            and part_of_kind is None
            and (len(subjects) <= 1 and all(s.kind in ("division", "bureau") for s in subjects))
        ):
            # "사회협력과 행정직이 절반 넘어?", "기술직 10% 넘어?": the kind's part of the
            # 현원, checked (never a 집행률: no rate was said).
            return self._share_checked(subjects, kinds[0], percents[0])
        if fraction and part_of_kind is not None:
            # "시간선택제 임기제 절반 넘게 갈등관리협치과 소속이야?": the 과's share of the
            # bureau's kind, checked (never a 집행률 against 50%).
            return self._share_checked(subjects, part_of_kind[1], fraction[0])
        money = [m for m in said if self.measures_of[m].is_money]
        spending = self.has("executed") or any(m != "budget" for m in money)
        if fraction and money and subjects and not self.has("sum") and not spending:
            # "지역공동체과 예산이 국 전체 예산의 절반 넘어?": its share of the whole, checked
            # (never a 집행률 against 50%).
            share = self._share(subjects, (money[0],))
            if share.asks == q.SHARE:
                figure = fraction[0]
                condition = Condition(money[0], figure.comparison or ">=", figure.value, None,
                                      figure.written)  # fmt: skip
                return replace(share, check=condition)
        if self.has("sum") and len(subjects) >= 2 and len(figures) == 1:
            # "A랑 B 예산 합치면 60억 넘어?": the sum checked against the figure.
            figure = figures[0]
            measure = self._measure_for(figure) or (measures or ("budget",))[0]
            if all(s.kind in self.measures_of[measure].kinds for s in subjects):
                condition = Condition(measure, figure.comparison or "=", figure.value, None,
                                      figure.written)  # fmt: skip
                return Question(q.SUM, subjects=tuple(subjects), measures=(measure,),
                                check=condition)  # fmt: skip
        compared = self._compared_measures()
        if compared is not None:
            return Question(q.CHECK, subjects=tuple(subjects[:1]), check=compared,
                            measures=(compared.measure, compared.other))  # fmt: skip
        figures = self.quantities.figures
        if self.has("difference") and len(measures) >= 2 and (figures or self.has("none")):
            # "정원 현원 차이 3명 아니죠?": the figure is the gap between the two;
            # "정원 현원 차이 없지?": the gap checked against nothing.
            first, second = self._ordered_by_than(measures)[:2]
            if {first, second} == {"quota", "current"}:
                first, second = "quota", "current"
            if figures:
                figure = figures[0]
                condition = Condition(first, figure.comparison or "=", figure.value, second,
                                      figure.written, gap=True)  # fmt: skip
            else:
                condition = Condition(first, "=", 0.0, second, "차이 없음", gap=True)
            return Question(q.CHECK, subjects=tuple(subjects[:1]), check=condition,
                            measures=(first, second))  # fmt: skip
        if figures:
            checks = []
            for figure in figures:
                measure = self._measure_for(figure)
                if measure is None:
                    continue
                # "집행률 90% 넘지?", "원인행위랑 지출 둘 다 80% 넘음?": both rates are checked.
                rates = tuple(dict.fromkeys(self.lexicon.rate_of.get(m, m) for m in measures))
                both = len(figures) == 1 and figure.unit == RATE and _both_rates(rates)
                for each in ("committed_rate", "spent_rate") if both else (measure,):
                    condition = Condition(each, figure.comparison or "=", figure.value, None,
                                          figure.written, approx=_tolerance(figure))  # fmt: skip
                    if self._of_whole(figure) and self.says("majority"):
                        # "18명 중 과반이 …": more than half of the figure said as a whole.
                        condition = Condition(each, ">", figure.value / 2, None,
                                              f"{figure.written} 중 과반")  # fmt: skip
                    condition = self._as_fall(condition)
                    checks.append(Question(q.CHECK, subjects=tuple(subjects), check=condition,
                                           measures=(each,)))  # fmt: skip
            if len(checks) > 1:
                # "지출액이 27,669,365천원, 집행률이 89.0%로 … 일치하는지": each figure checked;
                # "둘 다 80% 넘음?" asks whether all of them hold.
                return Question(
                    q.PARTS, parts=tuple(checks), note="all" if self.has("both") else ""
                )
            return checks[0] if checks else None
        if (self.has(*RANK_WORDS) or self.quantities.position) and len(subjects) == 1 and measures:
            ranked = self._rank_of(subjects[0])
            if ranked is not None:
                # "두 번째로 낮아?": the place said, else the first.
                place = self.quantities.position or 1
                return replace(
                    ranked, ranking=replace(ranked.ranking, position=place), note="check"
                )
        direction = self._direction()
        if len(subjects) == 2 and direction is not None:
            measure = (measures or ("budget",))[0]
            if {"quota", "current"} <= set(measures):
                measure = "current"
            if _both_rates(measures[:2]) and not self._rate_named():
                # "시민참여과 집행률 국 전체보다 높아?": both rates, each checked (the first
                # line says both verdicts when they differ).
                checks = tuple(
                    Question(q.CHECK, subjects=tuple(subjects),
                             check=Condition(rate, direction, None, None, ""), measures=(rate,))
                    for rate in ("committed_rate", "spent_rate")
                )  # fmt: skip
                return Question(q.PARTS, parts=checks)
            condition = Condition(measure, direction, None, None, "")
            return Question(q.CHECK, subjects=tuple(subjects), check=condition, measures=(measure,))
        states = [c for c in self._conditions()
                  if c.other is None
                  and (c.value in (None, 0.0) or c.written in ("100%", "100% 미만"))]  # fmt: skip
        if states:
            condition = states[0]
            return Question(q.CHECK, subjects=tuple(subjects), check=condition,
                            measures=(condition.measure,))  # fmt: skip
        kinds_of_staff = self._staff_kinds(measures)
        only = ONLY_THERE.search(self.quantities.text)
        if (
            only
            and len(subjects) == 1
            and subjects[0].kind == "division"
            and len(kinds_of_staff) == 1
        ):
            # "임기제는 사회협력과에만 있습니까?": the 과 that have any, against the one named.
            having = Condition(kinds_of_staff[0], ">", 0.0, None, "있는")
            return Question(q.LIST, group=Group("division", conditions=(having,)),
                            measures=(kinds_of_staff[0],), note=f"only:{subjects[0].name}")  # fmt: skip
        if len(subjects) == 1 and len(kinds_of_staff) == 1 and self._says_all:
            # "다 행정직이야?": every one of its staff is of that kind.
            condition = Condition(kinds_of_staff[0], "=", None, "current", "전원")
            return Question(q.CHECK, subjects=tuple(subjects), check=condition,
                            measures=(kinds_of_staff[0], "current"))  # fmt: skip
        counted = [m for m in measures if not self.measures_of[m].is_rate]
        if len(counted) == 2 and "budget" in counted:
            counted = [m for m in counted if m != "budget"]  # "돈 쓴 거 있음?": the 지출액
        if len(subjects) == 1 and set(counted) == {"committed", "spent"} and self.says("exists"):
            # "집행 실적이 있는지 여부": whether anything was executed at all.
            condition = Condition("spent", "not_null", written="집행 실적")
            return Question(q.CHECK, subjects=tuple(subjects), check=condition,
                            measures=("spent",))  # fmt: skip
        said_counts = [m for m in measures if not self.measures_of[m].is_rate]
        if subjects and len(said_counts) == 1 and self.has("none"):
            # "사회협력과 결원 없어?", "개방형 직위 없지?": whether it has none.
            condition = Condition(said_counts[0], "=", 0.0, None, "없음")
            return Question(q.CHECK, subjects=tuple(subjects), check=condition,
                            measures=(said_counts[0],))  # fmt: skip
        if len(subjects) == 1 and len(counted) == 1 and self.says("exists"):
            # "개방형 직위 있어?", "올해 예산이 잡혀 있어?": whether it has any.
            condition = Condition(counted[0], ">", 0.0, None, "있음")
            return Question(q.CHECK, subjects=tuple(subjects), check=condition,
                            measures=(counted[0],))  # fmt: skip
        return None

    def _rate_named(self) -> bool:
        """Whether one rate was named ("지출 집행률", "원인행위 기준"), not 집행률 alone."""
        return any(
            len(p.measures) == 1 and p.measures[0] in ("committed_rate", "spent_rate")
            for p in self.phrases
        ) or bool(self._based_on())

    def _times_check(self, subjects: list[Subject], measures: tuple[str, ...]) -> Question | None:
        """`작년보다 네 배 넘게 늘었어?`, `원인행위 집행률이 지출 집행률의 5배를 넘습니까?`: one
        measure of one thing against a multiple of another."""
        said = TIMES_FIGURE.search(self.quantities.text)
        if said is None or len(subjects) not in (1, 2):
            return None
        number = said.group("n")
        factor = float(NATIVE_NUMBERS.get(number) or number)
        comparison = "<" if said.group("less") else ">"
        written = f"{number}배" if number[0].isdigit() else f"{number} 배"
        if len(subjects) == 2:
            # "A 예산이 B의 10배 넘어?": one measure of the two things.
            measure = (measures or ("budget",))[0]
            if not all(s.kind in self.measures_of[measure].kinds for s in subjects):
                return None
            condition = Condition(measure, comparison, factor, None, written, times=True)
            return Question(q.CHECK, subjects=tuple(subjects), check=condition, measures=(measure,))
        if self.reader.as_of.year - 1 in self.quantities.years:
            pair = ("budget", "budget_2020")  # the revenue table's two years
        elif (
            len(measures) == 2
            and self.measures_of[measures[0]].unit == self.measures_of[measures[1]].unit
        ):
            pair = (measures[0], measures[1])
        else:
            return None
        if not all(subjects[0].kind in self.measures_of[m].kinds for m in pair):
            return None
        condition = Condition(pair[0], comparison, factor, pair[1], written, times=True)
        return Question(q.CHECK, subjects=tuple(subjects), check=condition, measures=pair)

    def _ratio_of_counts(self, measures: tuple[str, ...]) -> bool:
        """`현원 중에 행정직 비율`, `원인행위액 대비 지출액 비율`: a rate word beside two counts
        of people, or two amounts set one against the other, is a share."""
        people = [m for m in measures if self.measures_of[m].unit == PEOPLE]
        if self.has(RATE_WORD) and len(people) >= 2 and len(people) == len(measures):
            return True
        # ("사회협력과 행정직 비율": a kind of staff, a rate word: its share of the 현원)
        kinds = self._staff_kinds(measures)
        if self.has(RATE_WORD) and len(kinds) == 1 and len(people) == len(measures):
            return True
        money = [m for m in measures if self.measures_of[m].is_money]
        return self.has(RATE_WORD) and self.has("than") and len(money) == len(measures) == 2

    def _staff_kinds(self, measures: tuple[str, ...]) -> list[str]:
        """The kinds of staff among the measures (행정직, 임기제 …), not the head counts."""
        return [m for m in measures if self.measures_of[m].unit == PEOPLE and m not in HEAD_COUNTS]

    def _share_checked(self, subjects: list[Subject], kind: str, figure: Figure) -> Question:
        """A kind of staff's share (of a 과's 현원, or a 과's of the bureau's kind) checked
        against the figure said."""
        condition = Condition(kind, figure.comparison or ">=", figure.value, None, figure.written)
        return replace(self._share(subjects, (kind,)), check=condition)

    def _office_of_kind(
        self, subjects: list[Subject], measures: tuple[str, ...]
    ) -> tuple[Subject, str] | None:
        """A kind of staff said first, then one 과 ("시간선택제 임기제 중에 갈등관리협치과",
        "시간선택제 절반 넘게 갈등관리협치과 소속"): the 과 is a part of the bureau's kind —
        not the kind a part of the 과's 현원 ("사회협력과 인원 중 기술직")."""
        kinds = self._staff_kinds(measures)
        offices = [s for s in subjects if s.kind == "division"]
        if len(kinds) != 1 or len(offices) != 1 or len(subjects) != 1:
            return None
        kind_at = [p.first for p in self.phrases if kinds[0] in p.measures]
        office_at = [r.mention.order for r in self.resolved if offices[0] in r.subjects]
        if not kind_at or not office_at or min(kind_at) > min(office_at):
            return None
        return offices[0], kinds[0]

    def _share(self, subjects: list[Subject], measures: tuple[str, ...]) -> Question:
        """A part of its whole: a 과 of the bureau, a line of its 과 (or of the bureau when
        the question says 국 전체), a revenue item of another; or one measure of another
        ("현원 중 행정직 비율")."""
        kinds = self._staff_kinds(measures)
        offices = [s for s in subjects if s.kind in ("division", "bureau")]
        part_of_kind = self._office_of_kind(subjects, measures)
        if part_of_kind is not None:
            # "시간선택제 임기제 중에 갈등관리협치과 비율": the 과's part of the bureau's kind.
            office, kind = part_of_kind
            bureau = Subject("bureau", self.catalog.bureau)
            return Question(q.SHARE, subjects=(office, bureau), measures=(kind,))
        if len(kinds) == 1 and len(offices) == len(subjects) <= 1:
            # "사회협력과 인원 중 기술직 비중", "행정직 비율 국전체로": of its staff now (현원).
            whole = tuple(subjects) or (Subject("bureau", self.catalog.bureau),)
            return Question(q.SHARE, subjects=whole, measures=(kinds[0], "current"))
        same_unit = [
            m for m in measures if self.measures_of[m].unit == self.measures_of[measures[0]].unit
        ]
        rates = [m for m in measures if self.measures_of[m].ratio_of]
        if len(subjects) == 1 and rates and not self.has("bureau", "share"):
            # "예산 중에 실제로 나간 돈 비율이 몇 %": the rate itself is that share.
            return Question(q.FIGURES, subjects=tuple(subjects), measures=tuple(rates))
        # "국 현원 중에 사회협력과 사람": the 과 within the bureau, not one measure over another.
        within_bureau = self.has("bureau") and subjects[0].kind != "bureau"
        if len(subjects) == 1 and len(same_unit) >= 2 and not within_bureau:
            whole, part = self._whole_first(same_unit[:2])
            return Question(q.SHARE, subjects=tuple(subjects), measures=(part, whole))
        measure = next((m for m in measures if self.measures_of[m].is_money), "budget")
        if measures and not self.measures_of[measures[0]].is_money:
            measure = measures[0]
        if self.measures_of[measure].is_rate:
            # "과 전체 지출액 중 그 사업의 지출액이 차지하는 비율": a share of one thing in
            # another is of amounts — a rate over a rate is no share.
            measure = self._in_unit(measure, MONEY) or measure
        part = next((s for s in subjects if s.kind != "bureau"), subjects[0])
        whole_named = self._whole_named(subjects)
        if whole_named is None and len(subjects) == 2:
            # "지역공동체과 예산 중 마을활력소 비중": a 과 holds its lines, never the reverse
            # (the line named by its project's short name is no name said in order).
            office = [s for s in subjects if s.kind == "division"]
            held = [
                s for s in subjects if s.kind == "line" and office and s.division == office[0].name
            ]
            whole_named = office[0] if office and held else None
        if whole_named is not None and len(subjects) == 2:
            # "갈등관리협치과 예산에서 지역사회혁신계획 지원 비중": the one before 에서 is the whole.
            part = next(s for s in subjects if s != whole_named)
            return Question(q.SHARE, subjects=(part, whole_named), measures=(measure,))
        if part.kind == "bureau":
            # "국 전체에서 몇 퍼센트?" with nothing named: the share of which 과?
            label = self.measures_of[measure].label
            return Question(q.CLARIFY, choices=self.reader.subjects.divisions(),
                            rest=f"{label} 비중")  # fmt: skip
        named = [s for s in subjects if s is not part]
        bureau = Subject("bureau", self.catalog.bureau)
        if named:
            whole = named[0]
        elif part.kind == "revenue":
            whole = Subject("revenue", "합계")
        elif (
            part.kind == "division"
            or not part.division
            or (self.has("bureau") and not self._own_office_said())
        ):
            whole = bureau
        else:
            whole = Subject("division", part.division, part.division)
        return Question(q.SHARE, subjects=(part, whole), measures=(measure,))

    def _own_office_said(self) -> bool:
        """ "그 사업을 맡은 과 전체 예산에서": the 과 said as the whole (전체 of it), and no 국."""
        return self.has("division_word") and not any(
            "국" in k.word for k in self.keywords_in("bureau")
        )

    def _whole_of_sum(self, parts: list[Subject]) -> Subject:
        """What several things added up are a share of: their 과 when all are lines of one and
        the bureau is not said, else the bureau (the revenue total for revenue items)."""
        if all(s.kind == "revenue" for s in parts):
            return Subject("revenue", "합계")
        divisions = {s.division for s in parts}
        if all(s.kind == "line" for s in parts) and len(divisions) == 1 and not self.has("bureau"):
            division = divisions.pop()
            return Subject("division", division, division)
        return Subject("bureau", self.catalog.bureau)

    def _times(self, subjects: list[Subject], measures: tuple[str, ...]) -> Question:
        """`갈등관리협치과 예산은 시민참여과의 몇 배`: the first over the second, unless the
        second is said to be the base (`시민참여과 대비`, `시민참여과보다`)."""
        first, second = subjects[0], subjects[1]
        base_words = [k.order for k in self.found.places
                      if "than" in self.lexicon.groups[k.word]]  # fmt: skip
        places = {r.subjects[0]: r.mention.order for r in self.resolved if r.subjects}
        if base_words and first in places and second in places:
            after_first = [o for o in base_words if places[first] < o < places[second]]
            if after_first:
                first, second = second, first
        measure = next(iter(measures), "budget")
        return Question(q.SHARE, subjects=(first, second), measures=(measure,), note=q.TIMES)

    def _whole_named(self, subjects: list[Subject]) -> Subject | None:
        """The subject said before 에서/중/가운데 when another follows it: the whole."""
        places = {r.subjects[0]: r.mention.order for r in self.resolved if r.subjects}
        whole = self.lexicon.lists["whole_marks"]
        marks = [k.order for k in self.found.places if k.word in whole]
        ordered = sorted((places[s], s) for s in subjects if s in places)
        if len(ordered) != 2 or not marks:
            return None
        (first, whole), (second, _) = ordered
        return whole if any(first < m < second for m in marks) else None

    def _whole_first(self, measures: list[str]) -> tuple[str, str]:
        """Of two measures, the whole and the part: the whole is the one before 중/가운데/에서
        or 대비 ("현원 대비 행정직 비율")."""
        among = self.keywords_in("among") or self.keywords_in("than")
        if among:
            before = [p for p in self.phrases if p.last < among[0].order]
            if before and before[-1].measures[0] in measures:
                whole = before[-1].measures[0]
                return whole, next(m for m in measures if m != whole)
        # ("예산에서 아직 지출 안 된 금액이 몇 %": 예산현액 holds every other amount of a line)
        for whole in ("budget", "current", "quota"):
            if whole in measures[:2]:
                return whole, next(m for m in measures[:2] if m != whole)
        return measures[1], measures[0]

    def _ordered_by_than(self, measures: tuple[str, ...]) -> tuple[str, ...]:
        """`예산보다 얼마 더 걷혔어`: the measure before 보다 is taken away from the other."""
        than = self.keywords_in("than")
        if not than or len(measures) < 2:
            return measures
        before = [p for p in self.phrases if p.last < than[0].order]
        if not before:
            return measures
        reference = before[-1].measures[-1]
        if reference not in measures:
            return measures
        return (*(m for m in measures if m != reference), reference)

    def _amount_and_rate(self, pair: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
        """Of an amount and a rate asked as a difference: ("own", pair) when the rate is the
        amount's own; ("rates", the two rates) when the amount was said bare (원인행위, not
        원인행위액) beside another rate; else None."""
        if len(pair) != 2 or {self.measures_of[m].unit for m in pair} != {MONEY, RATE}:
            return None
        amount = next(m for m in pair if self.measures_of[m].unit == MONEY)
        rate = next(m for m in pair if self.measures_of[m].unit == RATE)
        rates = self.lexicon.rate_of
        if rates.get(amount) == rate:
            return "own", pair
        said = [
            k.word for k in self.found.places if amount in self.lexicon.measures.get(k.word, ())
        ]
        if amount in rates and said and not any(w.endswith("액") for w in said):
            return "rates", tuple(rates[amount] if m == amount else m for m in pair)
        return None

    def _difference(self, subjects: list[Subject], measures: tuple[str, ...]) -> Question | None:
        if len(subjects) >= 2:
            measure = measures[0] if measures else "budget"
            if _both_rates(measures):
                measure = "spent_rate"
            return Question(q.DIFFERENCE, subjects=tuple(subjects[:2]), measures=(measure,))
        if len(measures) >= 2:
            ordered = self._ordered_by_than(measures)
            if MINUS.search(self.quantities.text):
                # "예산-지출": as written, the first less the second.
                said = [m for k in self.found.places for m in self.lexicon.measures.get(k.word, ())]
                ordered = tuple(dict.fromkeys(m for m in said if m in measures)) or ordered
            paired = self._amount_and_rate(ordered[:2])
            if paired is not None and paired[0] == "own":
                # "예산현액 대비 지출액이 얼마인지 지출 집행률과 함께": an amount and its own
                # rate are never taken one from the other; both are shown.
                return Question(q.FIGURES, subjects=tuple(subjects[:1]), measures=ordered[:2])
            if paired is not None:
                # "원인행위랑 지출 집행률 몇%p 차이": the amount said bare takes the rate word
                # said after it — the gap of the two rates.
                ordered = paired[1]
            if set(ordered[:2]) == {"quota", "current"}:
                ordered = ("quota", "current")  # "정원 대비 현원 몇 명 모자라": 정원 − 현원
            elif self.has("other_than", "except"):
                # "행정직 빼고 현원": the whole (현원, 정원) less the part named.
                wholes = [m for m in ordered if m in ("current", "quota")]
                ordered = (*wholes, *(m for m in ordered if m not in wholes))
            return Question(q.DIFFERENCE, subjects=tuple(subjects[:1]), measures=ordered[:2])
        return None


# "어느 부서와 협업", "어떤 기관이랑 협력": a partner asked, whom the text names.
PARTNER_ASKED = re.compile(
    r"(?:부서|기관|단체|곳|데)\s*(?:와|과|랑|이랑|하고)\s*(?:함께\s*)?(?:협업|협력|연계|공동)"
)
# "맡고 있는 데", "운영 맡은 곳": the body that runs it (a 과 is said 과/부서).
ENTRUSTED_TO = re.compile(r"맡(?:고\s*있는|고\s*있|은|는|아\s*하는)\s*(?:데|곳|기관|단체|업체)")
# Amounts whose base word alone ("지출은?") names the rate after a rate was asked.
BARE_AMOUNTS = frozenset({"committed", "spent", "collected", "outlook_amount"})


def _asks_a_set(told: Told, reading: _Reading) -> bool:
    """ "사회협력과 말고 현원이 정원보다 적은 과 있어?": a set of its own, picked by a condition or
    with something left out of it — never a check of the thing talked about before."""
    return told.set_word and bool(told.conditions or reading.left_out_lines)


def _meant(before: Before, told: Told) -> Subject | None:
    """The thing a follow-up points back at without naming it, when it asks something of its
    own about it: `그 사업`/`그거` after a list is its first item; a 과 asked (`거기 담당
    부서는?`, `어느 과 소관이야?`) or words of a project's text after a fact about a project
    are about the last thing named."""
    previous = before.question
    ranking = told.ranking
    # ("그 중 예산 2위는?": a place in a ranking by the measure said, not the 2nd item listed)
    placed = ranking is not None and ranking.said_place and bool(told.measures)
    if (
        ranking and ranking.position and not ranking.said_direction and not told.conditions
        and not placed
    ):  # fmt: skip
        # "두 번째 거 징수액은?", "세 번째 사업 집행률": that item of what the last answer
        # listed (in its order: ranked, or as the report lists them) or named.
        items = before.listed if previous.group is not None else tuple(previous.subjects)
        # "두 번째는?" after a ranking moves along it (its measure shown); a measure of its
        # own ("두 번째 과 인원은?") is asked of that item.
        moves_along = previous.asks == q.RANK and not told.measures
        fits = len(items) >= ranking.position >= 1 and (previous.group or not told.set_word)
        if fits and not moves_along:
            return items[ranking.position - 1]
    if told.last and not told.conditions and not told.ranking:
        # "마지막 거는?", "마지막 과 인원": the last item of what the last answer listed.
        items = before.listed or tuple(previous.subjects)
        if len(items) >= 2:
            return items[-1]
    # ("거기서 예산 두 번째로 큰 건?" after a list of lines: a ranking within what was listed,
    # not its first; "그 과에서 … 제일 큰 세부사업" after the 과 ranked first is that 과)
    within_list = told.ranking is not None and not told.set_word
    # ("거기서 아직 안 나간 사업은 몇 개?": a condition on what was listed, not its first)
    within_list = within_list or (told.narrow and bool(told.conditions))
    if told.that and before.listed and previous.group is not None and not within_list:
        return before.listed[0]
    if previous.asks == q.DUTY and before.listed and (told.that or told.measures):
        return before.listed[0]  # "거기 인원은?" after the 과 that handles something
    subjects = [s for s in previous.subjects if s.kind not in ("bureau", "unit")]
    if not subjects or previous.group is not None:
        return None
    if (
        told.that and told.office and q.SHARE not in told.operations
        and subjects[0].kind != "division" and subjects[0].division
    ):  # fmt: skip
        # "그 과 인원은?" after a line: the 과 it belongs to ("그게 그 과 예산에서 몇 %야?":
        # the line, against its 과).
        office = subjects[0].division
        return Subject("division", office, office, ref=office)
    if told.that or (told.asks_division and not told.words):
        return subjects[0]
    # "참여 인원은?" after a fact of a project: a count its text gives.
    asks_text = told.words or told.counted or told.people
    if previous.asks in (q.TEXT, q.PLANS) and asks_text and (not told.measures or told.people):
        return subjects[0]
    return None


def _framing(word: str, lexicon: Lexicon) -> bool:
    """A noun that frames the question rather than naming a figure: not a rate, a per-head or
    an average, not an office, and of two letters or more."""
    return (
        len(word) >= 2
        and not word.endswith(lexicon.lists["figure_noun_endings"])
        and word not in lexicon.lists["figure_nouns"]
        and not any(c.isdigit() for c in word)
    )


def _spoken(subject: Subject) -> str:
    """A subject's name as said again in a question read with it: the revenue total is
    "세입" (its name, 합계, would ask for a sum)."""
    if subject.kind == "revenue" and subject.name == "합계":
        return "세입"
    return subject.name


def _verb_like(word: str, lexicon: Lexicon) -> bool:
    """`찍은`, `밝혀`, `보면`, `걸로`: a verb form, or a word with its particle, that names
    nothing; `부산시`, `투표율`, `주소` are nouns."""
    return len(word) >= 2 and word.endswith(lexicon.lists["verb_form_endings"])


def _checked(words: tuple[str, ...], facets: tuple[str, ...]) -> list[str]:
    """The words a check finds in the text: a facet the reader put in for a verb ("뽑아":
    선정) decides nothing when the words asked are there ("무작위 추첨으로 뽑아?")."""
    return [w for w in words if w not in facets] or list(words)


def _noun_like(word: str) -> bool:
    """`주소`, `투표율` name a thing; `받아`, `뽑혀` are verbs the reader did not know."""
    return len(word) >= 2 and not (word[-1] in VERB_TAILS and not has_final(word[-1]))


def _both_rates(measures: tuple[str, ...]) -> bool:
    return set(measures) == {"committed_rate", "spent_rate"}


def _longest_start(name: str, word: str) -> int:
    """How many first letters of a word a name holds ("시민들한테" → 시민: 2): Korean glues its
    endings on, so a start of two letters or more counts; a last letter may carry the ㄹ or ㅁ
    of an ending ("아낄", "아낌" hold 아끼)."""
    return next(
        (cut for cut in range(len(word), MIN_WORD - 1, -1)
         if word[:cut] in name or _without_ending_consonant(word[:cut]) in name),
        0,
    )  # fmt: skip


def _without_ending_consonant(word: str) -> str:
    """`아낄` → `아끼`: the last letter without a final ㄹ or ㅁ (the consonant an ending leaves
    on a verb's stem); the word itself when it has none."""
    code = ord(word[-1]) - HANGUL_FIRST
    if not 0 <= code < HANGUL_COUNT or code % FINALS not in ENDING_FINALS:
        return word
    return word[:-1] + chr(ord(word[-1]) - code % FINALS)


def _ranked(by_name: list[float], by_text: list[float], by_gloss: list[float]) -> list:
    """(score, index) of each line described, best first: the name counts most, then the
    everyday words, then the project's text."""
    return sorted(
        (
            (n + TEXT_WEIGHT * t + GLOSS_WEIGHT * g, i)
            for i, (n, t, g) in enumerate(zip(by_name, by_text, by_gloss, strict=True))
        ),
        key=lambda p: -p[0],
    )


def _leads(first: float, second: float) -> bool:
    """Whether the best fit leads the next clearly: by a margin, or by a multiple of it once
    it fits well itself."""
    return first - second >= DESCRIBED_LEAD or (first >= 1 and first >= DESCRIBED_TIMES * second)


def _described_scores(held: dict[str, list[int]], count: int) -> list[float]:
    """How well each name fits a description, from how many first letters of each word each
    name holds: a word counts by how much of it a name holds and by how few names hold as much
    ("시민" is in many, "절약" in one); where some name holds a word whole, a name holding only
    its first letters does not count ("성과금": 성과평가 is not it)."""
    scores = [0.0] * count
    for word, starts in held.items():
        whole = any(start >= len(word) for start in starts)
        for i, start in enumerate(starts):
            if start >= MIN_WORD and (start >= len(word) or not whole):
                scores[i] += start / len(word) / sum(other >= start for other in starts)
    return scores


def _tolerance(figure) -> float:
    """How far a figure said roughly may be from the report's and still be it: half its last
    unit ("약 788억 5천만원" = 78,850,000천원: 5,000천원; "약 92%": 0.5%p); 0 when exact. An
    amount written in units ("110억 5천만원") is rounded to its last: half of it (5,000천원),
    as a pasted draft is checked."""
    if figure.comparison not in (None, "="):
        return 0.0
    if not figure.approx:
        if figure.unit != "천원" or "천원" in figure.written.replace(" ", ""):
            return 0.0
        # (the unit words of an amount, in 천원: written with them, it is rounded to the last)
        written = [(figure.written.rfind(word) + len(word), len(word), size)
                   for word, size in MONEY_UNITS.items() if word in figure.written]  # fmt: skip
        if len({end for end, _, _ in written}) < 2:
            return 0.0  # "111억": one unit said, the figure as it stands
        return 0.5 * max(written)[2]
    whole = round(figure.value)
    if whole == 0 or abs(figure.value - whole) > 1e-9:
        return 0.05  # "약 92.6%": a tenth
    zeros = len(str(abs(whole))) - len(str(abs(whole)).rstrip("0"))
    return 0.5 * 10**zeros


def _gives_out(text: str, lexicon: Lexicon) -> bool:
    """Money given out ("보조금 주는", "얼마 지원했어"): never a revenue item, which comes in."""
    return any(w in text for w in lexicon.lists["given_out"])


def _given_as_word(found: Scan, lexicon: Lexicon, text: str) -> Scan:
    """ "시민 실험에 보조금 주는 공모, 얼마 지원했어요?": money given out, said with a word that
    only revenue items' names hold (보조금 of the 반환수입 items), names none of them — no
    revenue item comes in by being given out; the other words say what is asked."""
    if not _gives_out(text, lexicon) or any(w in text for w in lexicon.lists["revenue_words"]):
        return found
    given = [m for m in found.mentions
             if m.best and all(c.entity.kind == "revenue" for c in m.best)]  # fmt: skip
    if not given or (len(given) == len(found.mentions) and not found.unknown):
        return found
    # (the word is a name's, not the text's: it is left to the words around it)
    return replace(found, mentions=[m for m in found.mentions if m not in given])


def _fee_as_word(found: Scan, lexicon: Lexicon, charged: Callable[[], bool]) -> Scan:
    """ "NPO입주협업공간 들어가면 임대료 내야 돼?": a fee asked of something named is a word to
    find in its text, not the revenue item 공유재산임대료 the fee word is part of."""
    fees = [
        m for m in found.mentions
        if compact(m.text) in lexicon.lists["fees"] and m.best and m.best[0].entity.kind == "revenue"
    ]  # fmt: skip
    if not fees or len(fees) == len(found.mentions):
        return found
    if not charged():
        return found
    return replace(
        found,
        mentions=[m for m in found.mentions if m not in fees],
        unknown=[*found.unknown, *(compact(m.text) for m in fees)],
        unknown_places=[
            *found.unknown_places,
            *(Unknown(compact(m.text), m.segment, m.order) for m in fees),
        ],
    )


def _korean(word: str) -> bool:
    """Korean, or the report's Hanja (現): digits and stray Latin letters ("31m") would be
    found anywhere in the prose."""
    return any(is_hangul(c) or "\u4e00" <= c <= "\u9fff" for c in word)


def _holds(passage: Passage, word: str) -> bool:
    """A Korean word (`_korean`) in a passage as typed, or without a suffix the text leaves
    off (`신청자` → 신청)."""
    return _korean(word) and _found_in(passage, word)


def _holds_any(passage: Passage, word: str) -> bool:
    """`_holds`, and a word in Latin letters ("npo") as the passage writes it in any case."""
    if _korean(word):
        return _found_in(passage, word)
    return word.lower() in passage.compact.lower()


def _found_in(passage: Passage, word: str) -> bool:
    if word in passage.compact:
        return True
    if len(word) >= 3 and word[-1] in NOUN_SUFFIXES and word[:-1] in passage.compact:
        return True
    # A compound the text writes apart ("전용면적": "(면 적) 전용 1,815.6㎡").
    return len(word) >= 4 and any(
        word[:cut] in passage.compact and word[cut:] in passage.compact
        for cut in range(2, len(word) - 1)
    )

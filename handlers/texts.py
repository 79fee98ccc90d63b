"""Every fixed Korean sentence the bot says, in one place so wording stays consistent."""

WELCOME = (
    "<b>시민협력국 업무보고 도우미</b>입니다.\n"
    "2021년 8월 13일 기준 업무보고의 예산·집행률·인력·사업·일정을 물어보시면 "
    "보고서의 수치 그대로 답합니다.\n\n"
    "아래 예시를 누르거나 직접 질문을 입력해 보세요."
)

# Buttons under /start: real questions covering a figure, a pick-one, a list and a schedule.
START_EXAMPLES = (
    "갈등관리협치과 집행률",
    "혁신파크 예산",
    "시민협력국 부서 목록",
    "10월 일정",
)

HELP = (
    "<b>이렇게 물어보세요</b>\n\n"
    "<b>예산·집행</b>: 예산현액, 지출액, 집행률, 잔액\n"
    "  · 갈등관리협치과 집행률\n"
    "  · 서울혁신파크 운영 예산\n"
    "<b>인력</b>: 정원, 현원, 과부족\n"
    "  · 시민참여과 현원 몇 명이야?\n"
    "<b>세입</b>: 예산액, 징수액, 징수율\n"
    "  · 세입 징수율\n"
    "<b>사업 현황·계획</b>: 추진현황, 향후계획, 월별 일정\n"
    "  · 서울시민회의 추진현황\n"
    "  · 10월 일정\n"
    "<b>담당 부서</b>\n"
    "  · 기부금품 담당 부서\n"
    "<b>순위·비교·목록</b>\n"
    "  · 집행률 가장 낮은 사업\n"
    "  · 시민참여과 vs 사회협력과 예산\n"
    "  · 시민협력국 부서 목록\n"
    "<b>직접 조회·차트·파일</b>\n"
    "  · /sql SELECT name, spent_rate FROM budget_lines ORDER BY spent_rate LIMIT 5\n"
    "  · /schema (표와 열 설명) · /chart 집행률 · /chart 사회협력과\n"
    "  · /export 사회협력과 (CSV·엑셀)\n"
    "  · 수치 답 아래 「근거 SQL」 버튼: 그 수치를 만든 SQL\n"
    "<b>글 대조·보고서 검증</b>\n"
    "  · /check 글 (또는 글에 답장으로 /check): 수치마다 ✓ ✗ ?\n"
    "  · /검증 (또는 /audit 사회협력과): 보고서 안에서 서로 맞지 않는 곳\n"
    "<b>이어서 묻기</b>: 「그럼 지출액은?」「사회협력과는?」「그중 제일 낮은 건?」\n"
    "  · 지난 답에 답장하면 그 답에 이어서 묻습니다 · /reset: 새로 시작\n\n"
    "띄어쓰기나 오타가 있어도 괜찮습니다. 후보가 여럿이면 버튼으로 골라 주세요.\n"
    "그룹에서는 저를 멘션하거나 제 메시지에 답장하면 답합니다.\n"
    "다른 대화방에서 <code>@{username} 질문</code>을 입력하면 답을 바로 보낼 수 있습니다."
)

START_COMMAND = ("start", "시작하기와 예시 질문")
CHECK_COMMAND = ("check", "붙여 넣은 글의 수치를 보고서와 대조")
AUDIT_COMMAND = ("audit", "보고서 안에서 서로 맞지 않는 곳 (/검증)")
RESET_COMMAND = ("reset", "대화를 새로 시작 (앞의 질문을 잊음)")
RESET_DONE = "대화를 새로 시작합니다. 앞의 질문은 잊었습니다."
HELP_COMMAND = ("help", "물어볼 수 있는 것과 예시")

ERROR = "죄송합니다. 답을 준비하다 문제가 생겼습니다. 잠시 후 다시 질문해 주세요."
# Telegram refused what we tried to send (400, 413): say so instead of staying silent.
SEND_REFUSED = "텔레그램이 이 답을 받지 않아 보내지 못했습니다. 범위를 좁혀 다시 요청해 주세요."
SEND_TOO_LARGE = (
    "보낼 파일이 텔레그램 한도보다 커서 보내지 못했습니다. 범위를 좁혀 다시 요청해 주세요."
)

# The gate (handlers.guard).
NOT_ALLOWED = "죄송합니다. 이 봇은 허용된 사용자만 이용할 수 있습니다. 담당자에게 문의해 주세요."
TOO_MANY = "질문이 너무 잦습니다. 1분에 {limit}개까지 답해 드리니 잠시 후 다시 질문해 주세요."
NO_SQL = "/sql 은 허용된 사용자만 쓸 수 있습니다. 궁금한 것은 글로 물어봐 주세요."
ADMINS_ONLY = "관리자만 쓸 수 있는 명령입니다."

# /sql (handlers.sql).
SQL_BUSY = "먼저 보내신 /sql 을 실행하는 중입니다. 끝난 뒤에 다시 보내 주세요."
SQL_NOT_INLINE = "/sql 과 /schema 는 봇과의 대화창에서 보내 주세요"
SQL_NOT_INLINE_DETAIL = "인라인 모드에서는 SQL을 실행하지 않습니다."

# Subscriptions when the state file cannot be used.
SUBSCRIPTIONS_OFF = (
    "지금은 구독 기능을 쓸 수 없습니다(상태 파일 문제). 질문에는 계속 답해 드립니다. "
    "관리자에게 알려 주세요."
)
UNKNOWN_COMMAND = "모르는 명령입니다. /help 에서 물어볼 수 있는 것을 확인해 주세요."
STALE_BUTTON = "이 버튼은 더 이상 쓸 수 없습니다. 질문을 다시 입력해 주세요."
STALE_EVIDENCE = "이 버튼의 근거를 더 찾을 수 없습니다. 질문을 다시 보내 주세요."
TEXT_ONLY = "글로 질문해 주세요. 예: 갈등관리협치과 집행률"
INLINE_HINT = "사용법 보기"
INLINE_NO_ANSWER = "답을 찾지 못했습니다"

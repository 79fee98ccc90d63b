"""The command line: `ask`, `ask --jsonl`, `chat`, and `run` (Telegram, or the console without a token)."""

from __future__ import annotations

import argparse
import json
import sys

from knowledge import Answer, Engine
from knowledge.conversation import Conversation, Conversations
from knowledge.sql.commands import answer_command, answer_evidence, split_command


def answer(engine: Engine, text: str, conversation: Conversation | None = None) -> Answer:
    """The console's one door, as in Telegram: /sql and /schema go to the sandbox's workers,
    everything else to the engine (a follow-up within `conversation`)."""
    if split_command(text) is not None:
        from knowledge.sql.sandbox import shared_sandbox

        return answer_command(shared_sandbox(engine.connection), text)
    return engine.ask(text, conversation=conversation)


def render_plain(answer: Answer) -> str:
    """The answer as a person reads it in a terminal: the text, then numbered choices."""
    lines = [answer.text]
    if answer.choices:
        lines.append("")
        lines.extend(f"  [{i}] {c.label}" for i, c in enumerate(answer.choices, 1))
    return "\n".join(lines)


def ask_jsonl(engine: Engine, stdin, stdout) -> None:
    """One JSON object per input line, in order, flushed; no line ever breaks the loop.

    A line may be a JSON object `{"chat": "<id>", "q": "..."}`: lines with the same chat are
    one conversation, answered in order (follow-ups read against the earlier turns).
    """
    conversations = Conversations()
    for raw in stdin:
        # Bytes that are not UTF-8 arrive as lone surrogates; they become U+FFFD, not a crash.
        line = raw.rstrip("\r\n").encode("utf-8", "replace").decode("utf-8")
        query, chat_id = _turn(line)
        conversation = conversations.get(chat_id) if chat_id is not None else None
        reply = answer(engine, query, conversation)
        record = {"query": query, **reply.to_json()}
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()


def _turn(line: str) -> tuple[str, str | None]:
    """(the question, its conversation) from a plain line or a `{"chat", "q"}` object line."""
    if line.startswith("{"):
        try:
            turn = json.loads(line)
        except ValueError:
            return line, None
        if isinstance(turn, dict) and isinstance(turn.get("q"), str):
            chat_id = turn.get("chat")
            return turn["q"], None if chat_id is None else str(chat_id)
    return line, None


CONSOLE_EXAMPLES = 4


def first_screen(engine: Engine) -> str:
    """What the console shows before the first question: what this is and how to use it."""
    rows = engine.connection.execute("SELECT bureau, as_of FROM report LIMIT 1").fetchall()
    bureau, as_of = rows[0] if rows else ("시민협력국", None)
    dated = f" (기준일 {as_of.isoformat()})" if as_of else ""
    examples = " · ".join(engine.lexicon.examples[:CONSOLE_EXAMPLES])
    return "\n".join(
        [
            f"{bureau} 업무보고{dated}의 예산·집행률·인력·세입·사업·일정을 물어보세요.",
            f"예) {examples}",
            "답 아래 [1] [2] 같은 후보가 나오면 번호만 입력해 고릅니다.",
            "/근거: 방금 받은 답의 근거 SQL · /reset: 대화를 새로 시작합니다.",
            "TELEGRAM_BOT_TOKEN 을 설정하고 다시 실행하면 텔레그램 봇이 됩니다.",
            "끝내려면 Ctrl+D (또는 Ctrl+C).",
        ]
    )


def chat(engine: Engine) -> None:
    """An interactive console; a number picks one of the last answer's choices."""
    print(first_screen(engine))
    last_choices, last_answer = (), None
    conversation = engine.conversation()
    while True:
        try:
            line = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return
        picked = line.strip()
        if picked in ("/근거", "/sql근거"):
            print(answer_evidence(last_answer) if last_answer else "아직 답한 질문이 없습니다.")
            continue
        if picked in ("/reset", "/초기화"):
            conversation = engine.conversation()
            print("대화를 새로 시작합니다. 앞의 질문은 잊었습니다.")
            continue
        if picked.isdigit() and 0 < int(picked) <= len(last_choices):
            line = last_choices[int(picked) - 1].query
        reply = answer(engine, line, conversation)
        last_choices, last_answer = reply.choices, reply
        print(render_plain(reply))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="시민협력국 업무보고 봇")
    commands = parser.add_subparsers(dest="command")
    ask = commands.add_parser("ask", help="answer one question, or one per line with --jsonl")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--jsonl", action="store_true", help="read questions from stdin, JSON out")
    ask.add_argument("--sql", action="store_true", help="also print the SQL behind the answer")
    check = commands.add_parser(
        "check", help="check a text's figures against the report (the text, or stdin)"
    )
    check.add_argument("text", nargs="*")
    audit = commands.add_parser("audit", help="where the report disagrees with itself")
    audit.add_argument("subject", nargs="*", help="narrow to one 과, project or budget line")
    chart = commands.add_parser("chart", help="a bar chart as PNG: 집행률, 예산, 세입 or a 과")
    chart.add_argument("topic", nargs="*")
    chart.add_argument("-o", "--output", help="PNG path (default: the chart's own file name)")
    export = commands.add_parser("export", help="the budget lines as .xlsx or .csv")
    export.add_argument("division", nargs="*")
    export.add_argument("-o", "--output", help="file path; .csv or .xlsx picks the format")
    commands.add_parser("chat", help="interactive console on the same engine")
    summary = commands.add_parser("summary", help="the weekly summary, as subscribers get it")
    summary.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
    unanswered = commands.add_parser(
        "unanswered", help="questions the bot could not answer, most asked first (BOT_STATE_DB)"
    )
    unanswered.add_argument("--limit", type=int, default=100)
    run_parser = commands.add_parser("run", help="Telegram with a token, else the console")
    mode = run_parser.add_mutually_exclusive_group()
    mode.add_argument("--polling", dest="mode", action="store_const", const="polling")
    mode.add_argument("--webhook", dest="mode", action="store_const", const="webhook")
    return parser


def _bot_today():
    """BOT_TODAY, when it is set and valid: the day relative months count from."""
    from services.config import Settings

    try:
        return Settings.from_env().bot_today
    except Exception:  # a bad setting is reported where it matters (run); here it is ignored
        return None


def print_summary(engine: Engine, today: str | None) -> int:
    """`python -m bot summary [--today 2021-09-06]`: --today, else BOT_TODAY, else today in Seoul."""
    from datetime import date

    from knowledge.calendar import today_in_seoul
    from knowledge.summary import build_summary
    from services.config import Settings

    try:
        day = date.fromisoformat(today) if today else Settings.from_env().bot_today
    except ValueError:
        print("날짜는 2021-09-06 처럼 적어 주세요.", file=sys.stderr)
        return 2
    text, _ = build_summary(engine.connection, day or today_in_seoul())
    print(text)
    return 0


def save_power_file(engine: Engine, args: argparse.Namespace) -> int:
    """`chart 집행률 -o out.png` and `export [과] -o lines.xlsx`: write the file, say where."""
    # Imported here: matplotlib and openpyxl take a second to load that `ask` never needs.
    from knowledge.sql.sandbox import shared_sandbox

    sandbox = shared_sandbox(engine.connection)
    try:
        if args.command == "chart":
            from knowledge.files.charts import render_chart

            made = render_chart(sandbox, " ".join(args.topic))
        else:
            from knowledge.files.export import export_lines

            file_format = "csv" if (args.output or "").lower().endswith(".csv") else "xlsx"
            made = export_lines(sandbox, " ".join(args.division), file_format)
    except ValueError as unknown:
        print(str(unknown), file=sys.stderr)
        return 2
    path = args.output or made.filename
    with open(path, "wb") as handle:
        handle.write(made.data)
    print(f"{path} 에 저장했습니다.")
    return 0


def print_unanswered(limit: int) -> int:
    """`python -m bot unanswered`: the anonymised questions with how often they were asked."""
    import duckdb

    from services.config import Settings
    from services.usage import read_unanswered

    path = Settings.from_env().bot_state_db
    try:
        questions = read_unanswered(path, limit)
    except (duckdb.Error, OSError) as error:
        # Nothing to show without the file: the one case where an unusable file is an error.
        print(f"상태 파일을 읽을 수 없습니다 ({path}): {error}", file=sys.stderr)
        return 1
    if not questions:
        print("답하지 못한 질문이 아직 없습니다.")
        return 0
    width = len(f"{questions[0].asked:,}")
    for question in questions:
        print(f"{question.asked:>{width},}  {question.last_day}  {question.question}")
    return 0


def run(engine: Engine, mode: str | None) -> int:
    """Telegram (polling, or webhook with WEBHOOK_URL) with a token; the console without one."""
    # Imported here so `ask` and `chat` start without loading python-telegram-bot.
    from bot.runner import run_telegram
    from services.config import Settings

    settings = Settings.from_env()
    if settings.mode == "console":
        chat(engine)
        return 0
    return run_telegram(engine, settings, mode or settings.mode)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    if args.command == "unanswered":
        return print_unanswered(args.limit)
    engine = Engine.load()
    engine.today = _bot_today()
    if args.command == "ask":
        if args.jsonl:
            ask_jsonl(engine, sys.stdin, sys.stdout)
        else:
            reply = answer(engine, " ".join(args.question))
            print(render_plain(reply))
            if args.sql:
                print("\n" + answer_evidence(reply))
        return 0
    if args.command == "check":
        text = " ".join(args.text) if args.text else sys.stdin.read()
        print(render_plain(engine.ask("/check\n" + text)))
        return 0
    if args.command == "audit":
        print(render_plain(engine.ask(" ".join(["/검증", *args.subject]))))
        return 0
    if args.command in ("chart", "export"):
        return save_power_file(engine, args)
    if args.command == "chat":
        chat(engine)
        return 0
    if args.command == "summary":
        return print_summary(engine, args.today)
    return run(engine, getattr(args, "mode", None))

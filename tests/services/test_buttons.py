"""Callback data names only what the bot offered: signed payloads, long ones kept by key."""

import pytest

from services.buttons import Button, ButtonBook
from services.limits import CALLBACK_DATA_LIMIT

TOKEN = "4242:TEST-token"


@pytest.mark.parametrize(
    "query",
    [
        "혁신파크 조성사업 예산",
        "서울혁신파크 운영 및 시민참여 활성화 사업의 2021년 예산현액과 집행률",
    ],
    ids=["short-question-travels-itself", "long-question-travels-as-a-key"],
)
def test_offered_data_fits_64_bytes_and_reads_back(query):
    book = ButtonBook.for_token(TOKEN)
    data = book.offer("q", query)
    assert len(data.encode()) <= CALLBACK_DATA_LIMIT
    assert book.read(data) == Button("q", query)


def test_a_short_button_still_works_after_a_restart():
    data = ButtonBook.for_token(TOKEN).offer("q", "10월 일정")
    assert ButtonBook.for_token(TOKEN).read(data) == Button("q", "10월 일정")


def test_a_long_buttons_key_is_recognised_after_a_restart_but_its_payload_is_gone():
    data = ButtonBook.for_token(TOKEN).offer("q", "긴 질문 " * 20)
    assert ButtonBook.for_token(TOKEN).read(data) == Button("q", None)


@pytest.mark.parametrize(
    "data",
    [
        "q:/sql SELECT 6*7",
        "iq:/sql SELECT 6*7|AAAAAAAA",
        "",
        "|",
        "kq:unknownkey|xxxxxxxx",
    ],
    ids=["old-style-forgery", "bad-signature", "blank", "separator-only", "made-up-key"],
)
def test_data_we_did_not_offer_is_refused(data):
    assert ButtonBook.for_token(TOKEN).read(data) is None


def test_a_changed_payload_breaks_the_signature():
    book = ButtonBook.for_token(TOKEN)
    data = book.offer("q", "10월 일정")
    assert book.read(data.replace("10월 일정", "/sql SELECT 1")) is None


def test_another_bots_buttons_are_refused():
    data = ButtonBook.for_token("other:token").offer("q", "10월 일정")
    assert ButtonBook.for_token(TOKEN).read(data) is None


def test_kept_keys_are_bounded_oldest_first():
    book = ButtonBook(b"secret", kept=2)
    first, *_ = [book.offer("q", f"{n} " + "긴 질문 " * 20) for n in range(3)]
    assert book.read(first) == Button("q", None)

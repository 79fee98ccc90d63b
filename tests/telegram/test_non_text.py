"""Updates without text: a short hint in private chats, silence elsewhere, never an error."""

import itertools
import time

import pytest
from conftest import process
from fakebot import GROUP_CHAT, PERSON

from handlers import texts

CHANNEL = {"id": -100777, "type": "channel", "title": "시민협력국 소식"}
PHOTO = [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]
VOICE = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
LOCATION = {"latitude": 37.5665, "longitude": 126.978}
CONTACT = {"phone_number": "010-0000-0000", "first_name": "민지"}
_ids = itertools.count(10_000)


def update(kind: str, content: dict, chat: dict | None = None, sender: bool = True) -> dict:
    chat = chat or {"id": PERSON["id"], "type": "private", "first_name": PERSON["first_name"]}
    message = {"message_id": next(_ids), "date": int(time.time()), "chat": chat, **content}
    if sender:
        message["from"] = PERSON
    if kind.startswith("edited"):
        message["edit_date"] = int(time.time())
    return {"update_id": next(_ids), kind: message}


HINTED = {
    "photo": update("message", {"photo": PHOTO}),
    "photo-with-caption": update("message", {"photo": PHOTO, "caption": "이거 예산 얼마?"}),
    "voice": update("message", {"voice": VOICE}),
    "location": update("message", {"location": LOCATION}),
    "contact": update("message", {"contact": CONTACT}),
}
IGNORED = {
    "edited-text": update("edited_message", {"text": "10월 일정"}),
    "edited-photo": update("edited_message", {"photo": PHOTO}),
    "channel-post": update("channel_post", {"text": "10월 일정"}, CHANNEL, sender=False),
    "edited-channel-post": update(
        "edited_channel_post", {"text": "10월 일정"}, CHANNEL, sender=False
    ),
    "group-photo": update("message", {"photo": PHOTO}, GROUP_CHAT),
    "group-location": update("message", {"location": LOCATION}, GROUP_CHAT),
}


@pytest.mark.parametrize("kind", HINTED)
async def test_private_non_text_gets_the_hint(telegram_app, fake_bot_api, kind):
    await process(telegram_app, HINTED[kind])
    assert fake_bot_api.sent_texts() == [texts.TEXT_ONLY]
    assert telegram_app.bot_data.usage.counters()["errors"] == 0


@pytest.mark.parametrize("kind", IGNORED)
async def test_edits_channel_posts_and_group_media_are_ignored(telegram_app, fake_bot_api, kind):
    await process(telegram_app, IGNORED[kind])
    assert fake_bot_api.requests("sendMessage") == []
    assert telegram_app.bot_data.usage.counters()["errors"] == 0

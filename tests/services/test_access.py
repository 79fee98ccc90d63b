"""Who may use the bot: the allow-lists and the admins."""

import pytest

from services.access import AccessPolicy, Remembered
from services.config import Settings

ALICE, BOB, ADMIN = 1, 2, 9
GROUP = -100123

CASES = [
    ("open-to-everyone", AccessPolicy(), BOB, BOB, True),
    ("listed-person-in-private", AccessPolicy(users=frozenset({ALICE})), ALICE, ALICE, True),
    ("unlisted-person-in-private", AccessPolicy(users=frozenset({ALICE})), BOB, BOB, False),
    ("listed-person-in-any-group", AccessPolicy(users=frozenset({ALICE})), ALICE, GROUP, True),
    ("anyone-in-a-listed-group", AccessPolicy(chats=frozenset({GROUP})), BOB, GROUP, True),
    ("listed-group-only-not-private", AccessPolicy(chats=frozenset({GROUP})), BOB, BOB, False),
    (
        "admin-always",
        AccessPolicy(users=frozenset({ALICE}), admins=frozenset({ADMIN})),
        ADMIN,
        ADMIN,
        True,
    ),
    ("channel-post-without-person", AccessPolicy(users=frozenset({ALICE})), None, -5, False),
    ("inline-query-without-chat", AccessPolicy(users=frozenset({ALICE})), ALICE, None, True),
]


@pytest.mark.parametrize(
    ("policy", "user", "chat", "allowed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_allows(policy, user, chat, allowed):
    assert policy.allows(user, chat) is allowed


def test_admins_admin_and_admins_only():
    policy = AccessPolicy(admins=frozenset({ADMIN}))
    assert policy.is_admin(ADMIN) and not policy.is_admin(ALICE) and not policy.is_admin(None)


def test_settings_read_the_lists_and_the_rate():
    settings = Settings.from_env(
        {
            "BOT_ALLOWED_USERS": "1, 2",
            "BOT_ALLOWED_CHATS": "-100123",
            "BOT_ADMINS": "9",
            "BOT_USER_RATE": "5",
        }
    )
    assert settings.allowed_users == {1, 2} and settings.allowed_chats == {-100123}
    assert settings.admins == {9} and settings.user_rate == 5
    assert Settings.from_env({}).user_rate == 20 and Settings.from_env({}).admins == frozenset()


def test_a_bad_list_is_refused_with_its_name():
    with pytest.raises(ValueError, match="BOT_ADMINS"):
        Settings.from_env({"BOT_ADMINS": "alice"})


def test_remembered_tells_once_and_stays_bounded():
    told = Remembered(size=3)
    assert [told.add(1), told.add(1), told.add(2)] == [True, False, True]
    for key in range(10, 20):
        told.add(key)
    assert len(told) == 3 and told.add(1)

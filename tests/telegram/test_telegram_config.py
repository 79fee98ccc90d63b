"""Settings from the environment: defaults, parsing, modes, and secrets kept out of repr."""

import re

import pytest

from services.config import TELEGRAM_API_URL, Settings

TOKEN = "123456:ABC-secret-token"


def test_no_variables_means_the_console_with_public_telegram_urls():
    settings = Settings.from_env({})
    assert settings.mode == "console"
    assert settings.telegram_api_url == TELEGRAM_API_URL
    assert settings.port == 8080
    assert settings.log_level == "INFO"


@pytest.mark.parametrize(
    ("environ", "mode"),
    [
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, "polling"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example/tg"}, "webhook"),
        ({"WEBHOOK_URL": "https://bot.example/tg"}, "console"),
        ({"TELEGRAM_BOT_TOKEN": "   "}, "console"),
    ],
    ids=["token-polls", "token-and-webhook-url", "webhook-without-token", "blank-token"],
)
def test_mode_follows_token_and_webhook_url(environ, mode):
    assert Settings.from_env(environ).mode == mode


def test_every_variable_is_read():
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
            "TELEGRAM_FILE_URL": "http://127.0.0.1:8081/file/bot",
            "WEBHOOK_URL": "https://bot.example/telegram/hook",
            "WEBHOOK_SECRET": "s3cret",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": "9000",
            "LOG_LEVEL": "debug",
            "TELEGRAM_TIMEOUT": "2.5",
            "TELEGRAM_MAX_RETRIES": "5",
            "TELEGRAM_MESSAGES_PER_SECOND": "0",
        }
    )
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert settings.telegram_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.webhook_path == "/telegram/hook"
    assert settings.secret_token == "s3cret"
    assert (settings.webhook_listen, settings.port, settings.log_level) == (
        "127.0.0.1",
        9000,
        "DEBUG",
    )
    assert (settings.request_timeout, settings.max_retries) == (2.5, 5)
    assert settings.messages_per_second == 0


@pytest.mark.parametrize("name", ["PORT", "TELEGRAM_TIMEOUT", "TELEGRAM_MAX_RETRIES"])
def test_a_bad_number_names_its_variable(name):
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: "abc"})


def test_derived_webhook_secret_is_stable_and_allowed_by_telegram():
    first = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).secret_token
    again = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).secret_token
    other = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN + "x"}).secret_token
    assert first == again != other
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", first)
    assert TOKEN not in first


def test_repr_and_secrets_keep_the_token_out_of_logs():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": "s3cret"})
    assert TOKEN not in repr(settings) and "s3cret" not in repr(settings)
    assert {TOKEN, "s3cret"} <= set(settings.secrets())

"""A short load run through the fake Bot API while it injects random network faults: every
question that arrived is answered, none twice. The full run is benchmarks/telegram_load.py."""

from chaos import Chaos

from benchmarks.telegram_load import run


async def test_every_question_is_answered_once_through_random_faults_and_outages(engine):
    chaos = Chaos(seed=7, share=0.1)
    figures = await run(
        users=10, rate=0, faults=False, engine=engine, questions=8, chaos=chaos, outages=1
    )
    assert (figures["missing"], figures["duplicated"]) == (0, 0)
    assert figures["questions"] == 80
    # The run really was disturbed: refused connections and several kinds of faults.
    injected = figures["faults_injected"]
    assert injected.get("outage") == 1
    assert len(set(injected) - {"outage"}) >= 3, injected

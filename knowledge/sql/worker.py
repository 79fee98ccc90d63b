"""Entry point of a /sql worker process: `python -m knowledge.sql.worker <database file>`."""

import os
import sys

from knowledge.sql.sandbox import serve

if __name__ == "__main__":
    # Replies go to a private copy of stdout; anything else printing there (native code
    # included) lands in /dev/null instead of corrupting a reply.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    serve(sys.argv[1], sys.stdin.buffer, replies)

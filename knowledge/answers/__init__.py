"""Answers: one writer per kind of answer, from the rows a plan returned to the reply people read."""

"""The claims of a pasted text (`extract`) and their verdicts against the report (`verify`);
`knowledge.check.check_text` runs them and `knowledge.answers.checks` writes the reply."""

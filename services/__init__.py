"""What the Telegram features use besides the engine: settings, the gate, the state file and
the stores on it, the weekly delivery, calendar words and Telegram's limits."""

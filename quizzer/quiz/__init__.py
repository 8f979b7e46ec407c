"""Quiz sessions: choosing questions, the clock, checking answers, scoring. No UI code here."""

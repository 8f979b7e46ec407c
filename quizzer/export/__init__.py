"""Taking the bank elsewhere: flash-card decks for Anki."""

"""The learner's progress: the attempt log and the spaced-repetition schedule."""

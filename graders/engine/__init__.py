"""The grading engine: a run, the calls of student code in their sandbox, the reference peers' machinery, the kernel's and the wire's facts, verdicts and results."""

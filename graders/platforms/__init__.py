"""The instructors' platforms: a class graded at once, its report, LMS file names, Gradescope, PrairieLearn, GitHub Classroom, and the report formats they read."""

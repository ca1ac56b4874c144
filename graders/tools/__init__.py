"""The student's tools (progress, hint, watch, peer, reset) and the maintainer's lesson scaffold."""

"""Tests of the graders: they grade real submissions in real processes."""

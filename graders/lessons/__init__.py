"""The lessons: each one's checks (test_<id>.py, collected by pytest), its reference peers (peers_<id>.py, for the checks and `nox -s peer`), its stub as shipped (stubs/)."""

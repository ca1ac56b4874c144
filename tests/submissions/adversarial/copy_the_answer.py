"""Attack (copy the answer): import the reference solution from the course's solutions/ folder."""

import sys

sys.path.insert(0, "__COURSE_ROOT__")
from solutions.client_flow import request  # noqa: E402,F401

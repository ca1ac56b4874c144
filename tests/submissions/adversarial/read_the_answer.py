"""Attack (copy the answer): read the reference solution's source and run it."""

namespace = {}
with open("__COURSE_ROOT__/solutions/client_flow.py") as f:
    exec(f.read(), namespace)
request = namespace["request"]

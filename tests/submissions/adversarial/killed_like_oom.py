"""Attack (break the grader): be killed by the kernel with SIGKILL mid-call, as its OOM killer does it.

A call that allocates within its address-space limit but past a container's
memory limit (Gradescope's 768 MB) is killed by the kernel with SIGKILL.
A process cannot SIGKILL itself when it is PID 1 of its own namespace (the
kernel ignores that), but the kernel can: past its hard CPU-time limit,
which this code lowers to one second and then spins. Either way the
student's failure ("killed by SIGKILL: too much memory?"), never "the
grader itself failed".
"""

import resource


def request(host, port, message):
    resource.setrlimit(resource.RLIMIT_CPU, (1, 1))
    while True:
        pass

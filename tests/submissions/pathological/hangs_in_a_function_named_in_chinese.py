"""Pathological: hangs forever inside a function whose name is in Chinese (a valid Python 3 name).

faulthandler writes the stack in ASCII (\\u7b49...); the report must show the name in its own letters.
"""

import threading


def 等一个没人设置的事件():
    threading.Event().wait()


def request(host, port, message):
    等一个没人设置的事件()

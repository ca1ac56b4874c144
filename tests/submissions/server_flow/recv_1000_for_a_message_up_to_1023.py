"""Bug (an independent trial): recv(1000) for a message the contract allows up to 1023 bytes long: a message of 1000..1023 bytes is cut, echoed and returned without its tail."""

# BUG: recv(1000) (a round number) instead of recv(1024). A message of 1000..1023
# bytes, which the lesson allows ("The client's message is shorter than 1024 bytes
# and may be any bytes"), is cut: the echo and the return value lose its tail, and
# the unread bytes make close() send RST.
import socket

def serve_once(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as lst:
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind((host, port))
        lst.listen()
        conn, _ = lst.accept()
        with conn:
            msg = conn.recv(1000)
            conn.sendall(msg)
    return msg

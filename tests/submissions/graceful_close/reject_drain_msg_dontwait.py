# BUG: drain uses MSG_DONTWAIT and stops at the first BlockingIOError, closing while the body still arrives -> RST.
# Lesson: "Drain: recv() in a loop, throwing the data away, until b\"\"".
import socket

def request_and_half_close(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)
    finally:
        s.close()

def serve_one_request(port, host="127.0.0.1"):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            chunks = []
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                chunks.append(data)
            request = b"".join(chunks)
            conn.sendall(request[::-1])
        finally:
            conn.close()
        return request
    finally:
        listener.close()

def reject_and_drain(port, host="127.0.0.1"):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            buf = b""
            while b"\n" not in buf:
                data = conn.recv(4096)
                if not data:
                    break
                buf += data
            end = buf.find(b"\n")
            header = buf[:end + 1] if end >= 0 else buf
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            try:
                while conn.recv(65536, socket.MSG_DONTWAIT):
                    pass
            except BlockingIOError:
                pass  # nothing more for now: done
        finally:
            conn.close()
        return header
    finally:
        listener.close()

"""Bug: a dual-stack IPv6 listener on "::" (双栈监听; an independent trial): every interface, not the host given."""

import socket


def serve_once(port, host="127.0.0.1"):
    # 双栈监听：IPv4 和 IPv6 都能连
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.listen()
    conn, addr = s.accept()
    data = conn.recv(1024)
    conn.sendall(data)
    conn.close()
    s.close()
    return data

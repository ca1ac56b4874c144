# recv(64) instead of recv(1024) (a third independent trial's): a message of 64 to 1023 bytes is cut. Lesson 2: "The
# reference client's message is shorter than 1024 bytes": receive it with one recv(1024).
import socket
def serve_once(port, host="127.0.0.1"):
    with socket.create_server((host, port)) as listener:
        conn, addr = listener.accept()
        with conn:
            message = conn.recv(64)
            conn.sendall(message)
    return message

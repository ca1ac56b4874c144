"""A deadlock: no shutdown(SHUT_WR); a thread waits in recv() and the main thread in a selector without timeout."""
import selectors
import socket
import threading


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        reader = threading.Thread(target=client.recv, args=(1,), daemon=True)
        reader.start()
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ)
            selector.select()
        return client.recv(4096)

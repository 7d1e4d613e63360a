#!/usr/bin/python3
"""ftpserver.py DIR USER PASSWORD — a loopback FTP server for the `loa send`
tests, from the Debian package python3-pyftpdlib (run it with Debian's
/usr/bin/python3, which is where that package installs).

Listens on 127.0.0.1 on a free port (passive ports too), prints "PORT" as
its first line on stdout, and serves until killed. One user, USER with
PASSWORD, may read and write DIR; any other login is refused with 530.
"""
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    root, user, password = sys.argv[1:4]
    logging.basicConfig(level=logging.CRITICAL)
    auth = DummyAuthorizer()
    auth.add_user(user, password, root, perm="elradfmwMT")
    handler = FTPHandler
    handler.authorizer = auth
    handler.masquerade_address = None
    handler.permit_foreign_addresses = False
    server = FTPServer(("127.0.0.1", 0), handler)
    print(server.address[1], flush=True)
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()

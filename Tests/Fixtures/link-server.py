# A server on 127.0.0.1 for brief check --external tests: answers 200, 301, 404, 500, HEAD-refused (405
# then 200 on GET) and slowly (4 s), plus a port that accepts and never answers and one that refuses.
# Writes "<port> <silent port> <refused port>" to the file named by its argument (else prints it) and serves until killed.
import http.server, socket, sys, threading, time
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def answer(self, body):
        p = self.path
        if p == "/ok": code, headers = 200, {}
        elif p == "/moved": code, headers = 301, {"Location": "/ok"}
        elif p == "/missing": code, headers = 404, {}
        elif p == "/broken": code, headers = 500, {}
        elif p == "/no-head":
            code, headers = (405, {}) if self.command == "HEAD" else (200, {})
        elif p == "/slow":
            time.sleep(4); code, headers = 200, {}
        else: code, headers = 404, {}
        self.send_response(code)
        for k, v in headers.items(): self.send_header(k, v)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body: self.wfile.write(b"ok")
    def do_HEAD(self): self.answer(False)
    def do_GET(self): self.answer(True)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
silent = socket.socket(); silent.bind(("127.0.0.1", 0)); silent.listen(16)
refused = socket.socket(); refused.bind(("127.0.0.1", 0)); refused_port = refused.getsockname()[1]; refused.close()
ports = f"{server.server_address[1]} {silent.getsockname()[1]} {refused_port}\n"
if len(sys.argv) > 1:  # written whole, then renamed: a reader never sees half a line
    open(sys.argv[1] + ".tmp", "w").write(ports)
    import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
else:
    print(ports, end="", flush=True)
server.serve_forever()

"""Attack (forge, inject): control sequences and markup in its output, its exception and its file's lines.

OSC 52 writes the instructor's clipboard, OSC 0 the terminal's title, CSI
clears the screen and the line; NUL, DEL, C1 controls and bidi overrides
make reports invalid or misleading; backticks close a Markdown fence; HTML
and a leading `=` are for the report page and the spreadsheet. Each must
reach every sink escaped: terminal, JSON, JUnit XML, CSV, Markdown, HTML.
"""

NASTY = ("\x1b]52;c;cHduZWQ=\x07\x1b]0;owned\x07\x1b[2J\x1b[H\r\x1b[2K\x00\x08\x7f\x85\x9b31m"
         "\u202eevil\u202c\u2066\ufeff\ufffe ```` <script>alert(1)</script> =HYPERLINK(\"x\")")


def request(host, port, message):
    print(NASTY, flush=True)
    raise RuntimeError(NASTY)  # \x1b[2J

"""The Chinese edition follows its house style (/work/shared/ZH-STYLE.md), in every text.

Every Chinese text a student reads is checked: README.zh.md, lessons/zh/,
the `*_zh` fields of course.toml, and every Chinese string and comment of
the course's Python (the message and hint templates, the stubs' Chinese
lines, noxfile.py's docstrings, anything else in graders/), found with
`ast` (string constants, f-string parts included) and `tokenize`
(comments), not with a guess at quoting.

The rules, each with the spot it failed at:

- punctuation: in a Chinese sentence, `, : ; ? ! ( )` are full-width. A
  half-width one right after a Chinese character, or right before one, is a
  defect (so is ASCII `"` or `...` against a Chinese character, and 「」).
  Code keeps its own characters: Markdown code spans and fenced blocks, link
  targets and URLs are left out, and a string that is bytes data (the
  receiver of `.encode()`) is not text.
- rendered: a template is checked as the student reads it too, filled with
  samples (Chinese where code fills a field with another Chinese text: a
  server's label, a kind, a hint), and lesson 6's server labels as its code
  composes them: a half-width bracket next to a field shows only then.
- words: one word per concept (ZH-STYLE.md's glossary); the forbidden
  variants are listed below, each with the word to use.
"""

from __future__ import annotations

import ast
import io
import re
import string
import tokenize
import tomllib
from pathlib import Path

import pytest

from graders.text import catalogue, lang

ROOT = Path(__file__).resolve().parent.parent

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A Chinese character: a Han character, CJK punctuation, a full-width form, Chinese quotes, …… and ——.
CHINESE = f"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’…—]"
HAN_RE = re.compile(f"[{HAN}]")

PUNCTUATION = [
    (re.compile(f"(?<={CHINESE})[,:;?!()]"), "half-width punctuation right after a Chinese character"),
    (re.compile(f"[,:;?!(](?={CHINESE})|\\)(?=[{HAN}])"), "half-width punctuation right before a Chinese character"),
    (re.compile(f"[,:;?!] +(?={CHINESE})"), "half-width punctuation and a space before a Chinese character"),
    (re.compile(f'(?<=[{HAN}])"|"(?=[{HAN}])'), "ASCII quote against a Chinese character (use “”)"),
    (re.compile(f"(?<=[{HAN}])\\.\\.\\.|\\.\\.\\.(?=[{HAN}])"), "... against a Chinese character (use ……)"),
    (re.compile("[「」]"), "「」 (use “”)"),
    (re.compile(f"[，。、：；？！）”] +(?=[{HAN}])"), "a space after full-width punctuation"),
    (re.compile(f"(?<=[{HAN}]) +(?=[{HAN}])"), "a space between two Chinese characters"),
]

# ZH-STYLE.md's glossary: the words that must not be used, and the one to use instead.
FORBIDDEN = {
    "评分程序": "评分器", "判分器": "评分器",
    "参考服务器": "参考服务端", "服务器": "服务端 (the program; a machine is 机器)", "标准答案": "参考解",
    "对方": "对端", "客户机": "客户端",
    "侦听": "监听", "插口": "套接字", "socket 对象": "套接字",
    "三路握手": "三次握手", "四次握手": "四次挥手", "四路挥手": "四次挥手", "半闭": "半关闭",
    "发送缓存": "发送缓冲区", "接收缓存": "接收缓冲区", "收包队列": "接收队列",
    "监听队列": "全连接队列（backlog）", "地址重用": "端口复用（SO_REUSEADDR）",
    "堵塞": "阻塞", "死线": "截止时间", "期限": "截止时间",
    "分片": "一段 / 分段", "分包": "一段 / 分段", "数据帧": "帧",
    "请求头这一行": "首行", "请求头": "首行", "请求体": "消息体",
    "登记": "注册", "事件环": "事件循环", "不再读不读数据": "对不读取回复的客户端暂停读取 (ZH-STYLE.md's trial)", "示意图": "图解", "暗示": "提示", "未完成": "尚未开始 / 尚未实现",
}
# A forbidden word inside a longer, right one: 自动评分包 (an autograder package), 尚未完成 (ZH-STYLE.md's own example).
NOT_AFTER = {"分包": "评", "未完成": "尚"}
FORBIDDEN_RE = re.compile("|".join((f"(?<!{NOT_AFTER[word]})" if word in NOT_AFTER else "") + re.escape(word)
                                   for word in sorted(FORBIDDEN, key=len, reverse=True)))

# Entries of the catalogue that are lists of words split on spaces (the answers a prompt accepts), not sentences.
WORD_LISTS = {"RESET_YES"}

# Where the tutorial itself is quoted word for word (“……”), its words stay, whatever the glossary says.
SEED_QUOTES = {"接收缓存区"}


def markdown_prose(text: str) -> list[tuple[int, str]]:
    """(line number, text) of a Markdown file's prose: fenced blocks dropped; code spans, URLs, link targets masked."""
    lines: list[tuple[int, str]] = []
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = re.sub(r"(`+).+?\1", "X", line)  # a code span keeps its own characters
        line = re.sub(r"\]\([^)]*\)", "]X", line)  # a link's target
        line = re.sub(r"<https?://[^>]*>", "X", line)
        lines.append((number, line))
    return lines


def encoded_constants(tree: ast.AST) -> set[int]:
    """ids of the string constants that are bytes data: the receiver of `.encode()`."""
    return {id(node.func.value) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "encode" and isinstance(node.func.value, ast.Constant)}


def python_texts(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every Chinese string constant and comment of a Python file."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    data = encoded_constants(tree)
    texts = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in data
             and HAN_RE.search(node.value)]
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and HAN_RE.search(token.string):
            texts.append((token.start[0], token.string))
    return texts


def toml_texts(path: Path) -> list[tuple[int, str]]:
    """(lesson number, text) of every `*_zh` field of course.toml, lists included."""
    texts: list[tuple[int, str]] = []
    for number, lesson in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["lesson"], 1):
        for key, value in lesson.items():
            if key.endswith("_zh") and key != "text_zh":
                texts += [(number, item) for item in (value if isinstance(value, list) else [value])]
    return texts


def chinese_files() -> list[Path]:
    """Every file that holds Chinese text for the student, the maintainer's tools' own included."""
    files = [ROOT / "README.zh.md", *sorted((ROOT / "lessons" / "zh").glob("*.md")),
             ROOT / "noxfile.py", ROOT / "graders" / "text" / "locale" / "zh" / "LC_MESSAGES" / "course.po"]
    for folder in ("graders", "exercises", "solutions"):
        files += [path for path in sorted((ROOT / folder).rglob("*.py"))
                  if HAN_RE.search(path.read_text(encoding="utf-8"))]
    return files


def texts_of(path: Path) -> list[tuple[int, str]]:
    if path.suffix == ".md":
        return markdown_prose(path.read_text(encoding="utf-8"))
    if path.suffix == ".toml":
        return toml_texts(path)
    if path.suffix == ".po":  # the catalogue: each translation, at the line of its entry (not the word lists)
        return [(entry["line"], entry["msgstr"]) for entry in catalogue.read_po(path)
                if entry["msgctxt"] is not None and entry["msgctxt"] not in WORD_LISTS]
    return python_texts(path)


def defects(path: Path) -> list[str]:
    """Each defect of a file as 'file:line: what -> the words around it'."""
    found = []
    for line, text in texts_of(path):
        for rule, what in PUNCTUATION:
            for match in rule.finditer(text):
                around = text[max(0, match.start() - 12):match.end() + 12].replace("\n", "⏎")
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}: ...{around}...")
        for match in FORBIDDEN_RE.finditer(text):
            if any(quote in text[max(0, match.start() - 4):match.end() + 4] for quote in SEED_QUOTES):
                continue
            around = text[max(0, match.start() - 12):match.end() + 12].replace("\n", "⏎")
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group()!r} -> {FORBIDDEN[match.group()]}: "
                         f"...{around}...")
    return found


def test_the_chinese_files_are_found():
    """The check below covers every kind of Chinese text: none of them silently dropped out."""
    names = {str(path.relative_to(ROOT)) for path in chinese_files()}
    for expected in ("README.zh.md", "lessons/zh/01-client_flow.md", "lessons/zh/08-event_loop.md",
                     "noxfile.py", "graders/text/locale/zh/LC_MESSAGES/course.po", "exercises/framing.py",
                     "graders/lessons/stubs/event_loop.py"):
        assert expected in names, expected
    for path in chinese_files():
        assert any(HAN_RE.search(text) for _, text in texts_of(path)), f"no Chinese text read from {path}"


def test_the_checks_catch_what_they_must():
    """Each rule fires on a sample of the defect it names, and not on the same text written right."""
    def spots(text: str) -> int:
        return sum(len(rule.findall(text)) for rule, _ in PUNCTUATION) + len(FORBIDDEN_RE.findall(text))

    for wrong in ("第 1 课:TCP 客户端(client_flow)", "你好,world", "它返回 b\"\"(EOF),然后", "hello, 你好",
                  "说好...", "「标题」", "它等到的是 什么也没有", "评分程序说", "参考服务器", "用 recv() 分片读取", "注册后登记", "分包发送", "未完成"):
        assert spots(wrong), wrong
    for right in ("第 1 课：TCP 客户端（client_flow）", "它返回 b\"\"（EOF），然后", "recv(1024) 返回 16 MiB 的数据",
                  "评分器说：OSError: [Errno 98] Address already in use", "生成自动评分包", "72 项检查尚未完成", "它等到的是 RST"):
        assert not spots(right), right
    assert not spots(markdown_prose("调用 `recv(1024)`(看这里)")[0][1].replace("(看这里)", "（看这里）"))
    assert spots(markdown_prose("调用 `recv(1024)`:它")[0][1])
    assert not markdown_prose("```\n你好,world\n```\n")


# ids without "/": a plain `pytest --collect-only` must not look as if it collected graders/ (tests/test_setup.py)
@pytest.mark.parametrize("path", chinese_files(), ids=lambda path: str(path.relative_to(ROOT)).replace("/", "-"))
def test_chinese_text_follows_the_house_style(path: Path):
    found = defects(path)
    assert not found, f"{len(found)} spot(s) against ZH-STYLE.md:\n" + "\n".join(found)


def test_readme_zh_is_the_whole_readme():
    """README.zh.md has README.md's sections, in order, and a row for every lesson of course.toml in its table."""
    def headings(text: str, level: str) -> int:
        return sum(1 for line in markdown_lines(text) if line.startswith(level + " "))

    english, chinese = (ROOT / "README.md").read_text(encoding="utf-8"), (ROOT / "README.zh.md").read_text(encoding="utf-8")
    assert headings(chinese, "##") == headings(english, "##"), "README.zh.md and README.md differ in their ## sections"
    lessons = tomllib.loads((ROOT / "course.toml").read_text(encoding="utf-8"))["lesson"]
    for number, lesson in enumerate(lessons, 1):
        row = f"| {number} | `{lesson['id']}` |"
        assert row in english, f"README.md: no row {row}"
        assert row in chinese, f"README.zh.md: no row {row} in the table of lessons"
        assert f"lessons/zh/{lesson['text']}" in chinese, f"README.zh.md does not link lessons/zh/{lesson['text']}"


def markdown_lines(text: str) -> list[str]:
    """The lines of a Markdown file outside its fenced blocks."""
    return [line for _, line in markdown_prose(text)]


# --------------------------------------------------------------------------- texts as the student reads them

# The fields of a template that code fills with code, numbers or the student's own text (Python's messages,
# reprs, addresses, names, commands): a Latin sample. Every other field is filled with Chinese, as code fills
# it with another Chinese template (a server's label, a kind, a hint, a verdict).
CODE_FIELDS = {"type", "message", "value", "repr", "data", "address", "host", "port", "file", "path", "line",
               "name", "function", "func", "command", "error", "errno", "exc", "source", "code", "call", "args",
               "lesson", "check", "module", "target", "pid", "got", "want", "expected_bytes", "text", "remote",
               "state", "missing", "signal", "flags", "stack", "frame", "word", "option", "id", "title_en", "more",
               "index", "reply", "n", "size", "count", "sent"}


def _sample(field: str, spec: str):
    if spec and spec[-1] in "dfgexX%":
        return 1.5 if spec[-1] in "fge%" else 1
    base = field.split(".")[0].split("[")[0]
    return "x1" if base in CODE_FIELDS else "中文"


def _rendered(template: str) -> str | None:
    """The template filled with samples, or None if it is not a format string."""
    values = {}
    try:
        for _, field, spec, _ in string.Formatter().parse(template):
            if field is None:
                continue
            if not field or field.isdigit():
                return None
            base = field.split(".")[0].split("[")[0]
            values[base] = _sample(base, spec or "")
        return lang.Template(template, "sample").format(**values)  # as the grader fills it (lang._Spaced)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        return None


def _zh_templates() -> list[tuple[str, str]]:
    """Every Chinese text of the catalogue (messages, hints, the manifest's titles), by its name."""
    po = Path(__file__).resolve().parents[1] / "graders" / "text" / "locale" / "zh" / "LC_MESSAGES" / "course.po"
    return [(entry["msgctxt"], entry["msgstr"]) for entry in catalogue.read_po(po)
            if entry["msgctxt"] is not None and entry["msgctxt"] not in WORD_LISTS and HAN_RE.search(entry["msgstr"])]


def _punctuation_defects(where: str, text: str) -> list[str]:
    found = []
    for rule, what in PUNCTUATION:
        for match in rule.finditer(text):
            around = text[max(0, match.start() - 12):match.end() + 12].replace("\n", "⏎")
            found.append(f"{where}: {what}: ...{around}...")
    return found


def test_every_chinese_template_reads_right_once_filled():
    """What the student reads is the template filled in: a half-width bracket or comma next to a field that
    code fills with Chinese (a server's label, a kind, a hint) is a defect the source alone does not show."""
    templates = _zh_templates()
    assert len(templates) > 300, len(templates)
    found = []
    for where, template in templates:
        text = _rendered(template)
        if text is not None:
            found += _punctuation_defects(where, text)
    assert not found, f"{len(found)} spot(s) against ZH-STYLE.md once filled:\n" + "\n".join(found)


def test_labels_composed_in_code_read_right():
    """Lesson 6's server labels, as graders/lessons/test_timeouts.py composes them (Tried.label), in the Chinese
    edition: every kind of server, and inside the messages that name a server."""
    from graders.lessons.test_timeouts import SCENARIOS, Tried
    from graders.text import messages

    zh = messages.texts("zh")
    found = []
    kinds = {kind for kinds, _ in SCENARIOS.values() for kind in kinds}
    for kind in sorted(kinds):
        label = zh.SERVER_LABEL.format(index=1, kind=zh.SERVER_KINDS.get(kind, zh.SERVER_KIND_STALLING),
                                       address="127.0.0.1:8080")
        found += _punctuation_defects(f"SERVER_LABEL({kind})", label)
        for name in ("SILENT_NOT_ABANDONED", "WRONG_ORDER", "NEVER_TRIED", "EXPECTED_REPLY_FROM"):
            template = getattr(zh, name)
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            sample = {f: (label if f in ("server", "servers") else 1.5 if f in ("after", "timeout", "every",
                                                                                 "stall") else "0, 1")
                      for f in fields}
            found += _punctuation_defects(f"{name}({kind})", template.format(**sample))
    assert "label" in vars(Tried)  # the composition this test copies is still there
    assert not found, f"{len(found)} spot(s) against ZH-STYLE.md:\n" + "\n".join(found)


def test_lists_in_sentences_use_the_editions_separator():
    """A list filled into a sentence (the lessons re-graded, the idle clients, the servers a message misses) is
    joined with LIST_SEPARATOR: 、 in Chinese, where ", " read "重新评分 client_flow, server_flow". Only lists
    that are code (a Python call to paste) keep ", "; the instructors' platforms/ are in English."""
    code_lists = {("graders/tools/peer.py", "addresses = ")}  # the first_reply() call printed to be pasted
    found = []
    for path in [ROOT / "noxfile.py", ROOT / "graders" / "plugin.py",
                 *[p for part in ("tools", "engine", "lessons", "text") for p in (ROOT / "graders" / part).rglob("*.py")]]:
        name = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if ('", ".join(' in line or '" and ".join(' in line) and not any(name == where and marker in line for where, marker in code_lists):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "lists joined with a bare \", \" (use the edition's LIST_SEPARATOR):\n" + "\n".join(found)


def test_a_field_next_to_chinese_takes_the_space_its_value_needs():
    """lang.Template.format keeps the template's space between a Chinese character and a field only where the
    value is Latin or a number (ZH-STYLE.md): the same template reads right with either (CROWD_NO_FIN's end)."""
    template = lang.Template("它等到的是 {end}；还剩 {left} 秒，客户端 {client} 说 {said}。", "sample")
    assert template.format(end="什么也没有", left=2, client="A", said="（无）") == "它等到的是什么也没有；还剩 2 秒，客户端 A 说（无）。"
    assert template.format(end="RST", left=0.5, client="甲", said="x") == "它等到的是 RST；还剩 0.5 秒，客户端甲说 x。"
    assert lang.Template("sent {data} bytes", "sample").format(data="中文") == "sent 中文 bytes"  # English: as written

"""`copydesk lsp` driven by a real LSP client (pytest-lsp, on pygls), as an editor drives it.

Run by LanguageServerTests with COPYDESK set to the built binary. Every expected range is
computed here, independently, from what `copydesk lint --format json` prints for the same
text: its 1-based scalar columns turned into 0-based UTF-16 positions.
"""
import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BINARY = os.environ["COPYDESK"]

# written for this test: a repeated word after an emoji (UTF-16 counts it as two units), an
# unattributed quote, and a caption repeated in the body
STORY = """# Council closes the harbor road

🎉🎉 Crowds heard the the vote was close on Tuesday night.

"Nobody from the city has walked this street since the summer festival."

![The sea wall](wall.jpg)

*Crews inspect the cracked sea wall below the road on Monday.*

Crews inspect the cracked sea wall below the road on Monday.
"""


def expected(text, folder, name):
    """(rule, range) of each finding `copydesk lint` reports, in LSP's UTF-16 positions."""
    out = subprocess.run([BINARY, "lint", "--format", "json", "--stdin-filename", name, "-"], input=text.encode(),
                         capture_output=True, cwd=folder).stdout
    lines = text.replace("\r\n", "\n").split("\n")

    def position(line, column):
        line = min(line, len(lines)) - 1
        prefix = lines[line][: column - 1]
        return (line, len(prefix.encode("utf-16-le")) // 2)

    return sorted((d["rule"], position(d["line"], d["column"]), position(d["endLine"], d["endColumn"]))
                  for d in json.loads(out)["files"][0]["diagnostics"])


def found(diagnostics):
    return sorted((d.code, (d.range.start.line, d.range.start.character), (d.range.end.line, d.range.end.character))
                  for d in diagnostics)


async def published(client, uri):
    """The diagnostics of the next publication for `uri`."""
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return params.diagnostics


def apply(text, edits):
    """The text with LSP edits applied (positions in UTF-16 units)."""
    lines = text.split("\n")

    def offset(p):
        before = sum(len(l) + 1 for l in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units = line.encode("utf-16-le")[: p.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="news")]))
    yield
    await lsp_client.shutdown_session()


def open_document(client, path, text, language, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=version, text=text)))


async def open_story(client, folder):
    """Opens STORY as folder/story.md; returns its path and its first diagnostics."""
    path = folder / "story.md"
    open_document(client, path, STORY, "markdown")
    return path, await published(client, path.as_uri())


async def test_diagnostics_at_the_ranges_the_command_line_gives(client: LanguageClient, tmp_path: pathlib.Path):
    path, diagnostics = await open_story(client, tmp_path)
    want = expected(STORY, tmp_path, "story.md")
    assert {rule for rule, _, _ in want} >= {"newsroom-repeated-word", "quote-unattributed", "caption-duplicated"}
    assert found(diagnostics) == want
    repeated = next(d for d in diagnostics if d.code == "newsroom-repeated-word")
    # after two emoji (four UTF-16 units, two scalars), a space and "Crowds heard " (13): 18, not 16
    assert repeated.range.start.character >= 17 and repeated.source == "copydesk"


async def test_a_code_action_fixes_and_the_diagnostic_goes(client: LanguageClient, tmp_path: pathlib.Path):
    path, diagnostics = await open_story(client, tmp_path)
    repeated = next(d for d in diagnostics if d.code == "newsroom-repeated-word")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), range=repeated.range,
        context=types.CodeActionContext(diagnostics=[repeated], only=[types.CodeActionKind.QuickFix])))
    fix = next(a for a in actions if a.diagnostics and a.diagnostics[0].code == "newsroom-repeated-word")
    fixed = apply(STORY, fix.edit.changes[path.as_uri()])
    assert "heard the vote" in fixed and "the the" not in fixed
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    after = await published(client, path.as_uri())
    assert "newsroom-repeated-word" not in {d.code for d in after}
    assert found(after) == expected(fixed, tmp_path, "story.md")


async def test_fix_all_leaves_nothing_fixable(client: LanguageClient, tmp_path: pathlib.Path):
    path, _ = await open_story(client, tmp_path)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.copydesk"]
    fixed = apply(STORY, actions[0].edit.changes[path.as_uri()])
    remaining = {rule for rule, _, _ in expected(fixed, tmp_path, "story.md")}
    assert not remaining & {"newsroom-repeated-word", "caption-duplicated"}
    assert "quote-unattributed" in remaining   # not fixable: still there


async def test_hover_explains_the_rule(client: LanguageClient, tmp_path: pathlib.Path):
    path, diagnostics = await open_story(client, tmp_path)
    quote = next(d for d in diagnostics if d.code == "quote-unattributed")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=quote.range.start))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "**quote-unattributed**" in hover.contents.value and "attribut" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=types.Position(line=0, character=2)))
    assert nothing is None


async def test_html_and_text_documents_and_closing(client: LanguageClient, tmp_path: pathlib.Path):
    html = ("<html><body><article><h1>Fire</h1><p>\u201cIt burned all night, and nobody came,\u201d</p>"
            "<p>The hall stood empty.</p></article></body></html>\n")
    text = "Fire at the hall\n\nThe hall burned on Tuesday.\n\n\"It burned all night, and nobody came to help us.\"\n"
    for name, body, language in (("fire.html", html, "html"), ("fire.txt", text, "plaintext")):
        path = tmp_path / name
        open_document(client, path, body, language)
        diagnostics = await published(client, path.as_uri())
        assert found(diagnostics) == expected(body, tmp_path, name)
        assert "quote-unattributed" in {d.code for d in diagnostics}, name
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())))
        assert list(await published(client, path.as_uri())) == []


async def test_configuration_found_from_the_workspace_and_reread(client: LanguageClient, tmp_path: pathlib.Path):
    config = tmp_path / ".copydesk.yml"
    config.write_text("rules:\n  newsroom-repeated-word:\n    enabled: false\n")
    folder = tmp_path / "desk" / "today"
    folder.mkdir(parents=True)
    path = folder / "story.md"
    open_document(client, path, STORY, "markdown")
    codes = {d.code for d in await published(client, path.as_uri())}
    assert "newsroom-repeated-word" not in codes and "quote-unattributed" in codes
    # the desk edits its configuration in the editor and saves it
    config.write_text("rules:\n  quote-unattributed:\n    enabled: false\n")
    os.utime(config, (1, 1))   # a different modification time even within one clock tick
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    codes = {d.code for d in await published(client, path.as_uri())}
    assert "newsroom-repeated-word" in codes and "quote-unattributed" not in codes
    # a broken configuration is said, and the defaults are used meanwhile
    config.write_text("rules:\n  quote-unattributed:\n    enabled: [\n")
    os.utime(config, (2, 2))
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    codes = {d.code for d in await published(client, path.as_uri())}
    assert "quote-unattributed" in codes
    assert any(".copydesk.yml" in m.message and m.type == types.MessageType.Error for m in client.messages)
    # an editor that watches files says the configuration changed without opening it
    config.write_text("rules:\n  newsroom-repeated-word:\n    enabled: false\n")
    os.utime(config, (3, 3))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    codes = {d.code for d in await published(client, path.as_uri())}
    assert "newsroom-repeated-word" not in codes and "quote-unattributed" in codes

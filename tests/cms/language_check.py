"""A crawler that reads a language tree of the public site as its reader would and lists
the sentences written in another script: on /fa/ every sentence of the page's text must
carry Persian words, apart from codes, numbers, proper names, acronyms and addresses.

Text an element marks as another language (``lang="tr"``: a proper name, or content shown
in its original language until it is translated) is not the page's language and is left
out, as a screen reader would switch voice for it."""

import re
from html.parser import HTMLParser

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’\-]*")
# Codes, addresses and the like are not sentences of any language.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b\S*\d\S*\b")
SKIPPED_TAGS = {"script", "style", "code", "kbd", "samp", "template", "noscript", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}
# Inline formatting inside a sentence; every other element starts a text run of its own,
# so a Latin title beside Persian words in the next element is judged on its own.
INLINE_TAGS = {"strong", "em", "b", "i", "abbr", "small", "mark", "bdi", "q", "sub", "sup"}


class _PageText(HTMLParser):
    """The text runs of a page in its own language: one run per block element."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, hidden)
        self.runs = [[]]
        self.attribute_texts = []

    def _hidden(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").split("-")[0]
        hidden = (self._hidden() or tag in SKIPPED_TAGS or "hidden" in attrs
                  or attrs.get("aria-hidden") == "true"
                  or (lang and lang != self.language))
        if not hidden:
            for name in ("alt", "title", "aria-label", "placeholder"):
                if attrs.get(name):
                    self.attribute_texts.append(attrs[name])
        if tag not in INLINE_TAGS:
            self.runs.append([])
        if tag not in VOID_TAGS:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _hidden = self.stack.pop()
            if open_tag == tag:
                break
        if tag not in INLINE_TAGS:
            self.runs.append([])

    def handle_data(self, data):
        if not self._hidden():
            self.runs[-1].append(data)


def _is_foreign(sentence, content):
    """A sentence with no Persian word and at least one ordinary Latin word (lower case,
    three letters or more: not a proper name, an acronym or a code) once the records'
    own content (``content``) is taken out."""
    if ARABIC_SCRIPT.search(sentence):
        return False
    for text in content:
        sentence = sentence.replace(text, " ")
    words = LATIN_WORD.findall(NOT_WORDS.sub(" ", sentence))
    return any(len(word) >= 3 and word[0].islower() for word in words)


def foreign_sentences(html, language="fa", content=()):
    """The sentences of ``html`` (visible text and accessible names) written without a
    word of ``language``'s script. ``content`` lists texts of the programme's records that
    are shown in their original language until they are translated: they are not the
    page's own words (the site's labels, messages and pages are)."""
    content = sorted((text for text in content if text), key=len, reverse=True)
    parser = _PageText(language)
    parser.feed(html)
    texts = [" ".join("".join(run).split()) for run in parser.runs] + parser.attribute_texts
    found = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?؟:;])\s+|\s[·|]\s", text):
            if sentence.strip() and _is_foreign(sentence, content):
                found.append(sentence.strip())
    return found


def crawl(client, start, skipped):
    """Every page reachable from ``start`` inside its language tree: ``{url: html}``."""
    seen, queue, pages = set(), [start], {}
    prefix = start.split("?")[0][:4]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[url] = html
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if href.startswith(prefix) and not href.startswith(skipped) and href not in seen:
                queue.append(href)
    return pages

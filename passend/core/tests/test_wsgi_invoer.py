"""GrotereBlokken reads gunicorn's request body in big blocks (issue 20 item 4): the same
bytes as gunicorn's own reading, however the socket delivered them, and nothing of the next
request on the connection."""

import os
import socket
import threading

import pytest
from gunicorn.http.body import Body, ChunkedReader, LengthReader
from gunicorn.http.unreader import IterUnreader, SocketUnreader

from passend.core.wsgi_invoer import GrotereBlokken, invoer_in_grote_blokken

BODY = os.urandom(30_000)
VOLGENDE = b"GET /volgende HTTP/1.1\r\n\r\n"


def _stukken(gegevens: bytes, grootte: int) -> list[bytes]:
    return [gegevens[i : i + grootte] for i in range(0, len(gegevens), grootte)]


def _body(stukgrootte: int) -> Body:
    # What the socket gives: the body in pieces, the next pipelined request right behind it.
    return Body(LengthReader(IterUnreader(_stukken(BODY + VOLGENDE, stukgrootte)), len(BODY)))


@pytest.mark.parametrize("stukgrootte", [1, 1000, 8192, 100_000])
@pytest.mark.parametrize("leesgrootte", [1, 1024, 64 * 1024])
def test_r3_an_upload_body_reads_whole_and_leaves_the_next_request(
    stukgrootte: int, leesgrootte: int
) -> None:
    body = _body(stukgrootte)
    invoer = GrotereBlokken(body)
    gelezen = []
    while blok := invoer.read(leesgrootte):
        assert len(blok) <= leesgrootte
        gelezen.append(blok)
    assert b"".join(gelezen) == BODY
    assert _rest(body) == VOLGENDE


def _rest(body: Body) -> bytes:
    rest = []
    while stuk := body.reader.unreader.read():
        rest.append(stuk)
    return b"".join(rest)


def test_r3_what_a_readline_left_comes_first() -> None:
    gegevens = b"eerste regel\r\n" + BODY
    body = Body(LengthReader(IterUnreader(_stukken(gegevens + VOLGENDE, 8192)), len(gegevens)))
    invoer = GrotereBlokken(body)
    assert invoer.readline() == b"eerste regel\r\n"
    assert invoer.read(3) == BODY[:3]  # from what gunicorn's readline already holds
    assert invoer.read(1024 * 1024) + invoer.read() == BODY[3:]
    assert invoer.read(10) == b""
    assert _rest(body) == VOLGENDE


def test_r3_only_a_body_with_a_length_is_wrapped() -> None:
    gezien = []

    def app(environ: dict, start_response: object) -> list[bytes]:
        gezien.append(type(environ["wsgi.input"]))
        return []

    gewikkeld = invoer_in_grote_blokken(app)
    gewikkeld({"wsgi.input": _body(8192)}, print)
    chunked = Body(ChunkedReader(None, IterUnreader([b"0\r\n\r\n"])))
    gewikkeld({"wsgi.input": chunked}, print)
    gewikkeld({"wsgi.input": BODY}, print)
    assert gezien == [GrotereBlokken, Body, bytes]


def _socketbody(stukgrootte: int, al_ontvangen: int, *, tot: int | None = None) -> Body:
    """A body behind a real socket, as in a gunicorn worker: gunicorn has already received
    `al_ontvangen` bytes with the headers; a peer sends the rest (up to `tot`) in pieces."""
    gegevens = (BODY + VOLGENDE)[:tot]
    ontvanger, zender = socket.socketpair()
    unreader = SocketUnreader(ontvanger)
    unreader.unread(gegevens[:al_ontvangen])

    def zenden() -> None:
        with zender:
            for stuk in _stukken(gegevens[al_ontvangen:], stukgrootte):
                zender.sendall(stuk)

    threading.Thread(target=zenden, daemon=True).start()
    return Body(LengthReader(unreader, len(BODY)))


@pytest.mark.parametrize("stukgrootte", [1000, 8192, 100_000])
@pytest.mark.parametrize("al_ontvangen", [0, 500, len(BODY) + 5])
@pytest.mark.parametrize("leesgrootte", [1024, 1024 * 1024])
def test_r3_from_a_socket_the_body_reads_whole_and_leaves_the_next_request(
    stukgrootte: int, al_ontvangen: int, leesgrootte: int
) -> None:
    body = _socketbody(stukgrootte, al_ontvangen)
    invoer = GrotereBlokken(body)
    gelezen = []
    while blok := invoer.read(leesgrootte):
        assert type(blok) is bytes and len(blok) <= leesgrootte
        gelezen.append(blok)
    assert b"".join(gelezen) == BODY
    assert body.reader.unreader.read(len(VOLGENDE)) == VOLGENDE


def test_r3_a_client_that_goes_away_gives_a_short_body() -> None:
    body = _socketbody(8192, 500, tot=20_000)
    invoer = GrotereBlokken(body)
    assert invoer.read(1024 * 1024) == BODY[:20_000]
    assert invoer.read(1024 * 1024) == b""

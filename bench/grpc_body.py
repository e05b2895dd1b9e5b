#!/usr/bin/env python3
"""Writes one gRPC request body (5-byte length prefix + protobuf) for h2load:
a PreprocessRequest {document_id: 1, text: 2} carrying the article in FILE.

    grpc_body.py ARTICLE.txt OUT.bin
"""
import struct
import sys


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, payload):
    # wire type 2: length-delimited
    return varint(number << 3 | 2) + varint(len(payload)) + payload


text = open(sys.argv[1], encoding="utf-8").read().encode("utf-8")
message = field(1, b"load") + field(2, text)
with open(sys.argv[2], "wb") as out:
    out.write(b"\x00" + struct.pack(">I", len(message)) + message)

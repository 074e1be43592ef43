#!/usr/bin/env python3
"""Writes one edge/v1 data batch (docs/PROTOCOL.md, "Data batch") to stdout, using only the standard library,
so mosquitto_pub can send it without any code from this repository:

    python3 gateway/tools/make_batch.py --flow 7 --session 3 --first 0 1.5 2.5 4.0 > batch.bin
    mosquitto_pub -p 1883 -i pub1 -q 1 -t edge/v1/lab/node/pi-01/data -f batch.bin

Layout (little-endian): version 1, kind 1, flags, 0, flow u16, count u16, session u32, first sequence u32,
base time i64 ms, then per sample offset u32 ms + value f64, then CRC-32 (zlib) of everything before it.
"""
import argparse
import struct
import sys
import time
import zlib

parser = argparse.ArgumentParser()
parser.add_argument("--flow", type=int, required=True)
parser.add_argument("--session", type=int, required=True)
parser.add_argument("--first", type=int, default=0, help="sequence number of the first sample")
parser.add_argument("--interval-ms", type=int, default=1000)
parser.add_argument("values", type=float, nargs="+")
args = parser.parse_args()

body = struct.pack("<BBBBHHIIq", 1, 1, 0, 0, args.flow, len(args.values), args.session, args.first,
                   int(time.time() * 1000))
body += b"".join(struct.pack("<Id", i * args.interval_ms, v) for i, v in enumerate(args.values))
sys.stdout.buffer.write(body + struct.pack("<I", zlib.crc32(body)))

#!/usr/bin/env python3
"""Writes the golden vectors of docs/PROTOCOL.md from the spec, independently of the C# codecs.

Binary payloads are packed here with struct and zlib.crc32; JSON payloads are written by hand in the canonical
member order. Both C# test suites (node side and gateway side) decode these files and re-encode the valid ones,
so a change in either codec that disagrees with the written contract fails. Re-run after changing the contract:
    python3 tests/vectors/make_vectors.py
"""
import base64, json, os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = "lab"


def topic(node, leaf):
    return "edge/v1/%s/node/%s/%s" % (SITE, node, leaf)


def batch(flow, session, first, base_ms, samples, flags=0, version=1, kind=1, count=None, crc=True):
    n = len(samples) if count is None else count
    body = struct.pack("<BBBBHHIIq", version, kind, flags, 0, flow, n, session, first, base_ms)
    for off, val in samples:
        body += struct.pack("<Id", off, val)
    if crc:
        body += struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
    return body


def ack(flow, next_seq, version=1):
    body = struct.pack("<BBHI", version, 2, flow, next_seq)
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def write(folder, name, **v):
    v = dict({"name": name}, **v)
    with open(os.path.join(HERE, folder, name + ".json"), "w") as f:
        json.dump(v, f, indent=2)
        f.write("\n")


def valid_binary(name, message, tpc, payload, fields):
    write("valid", name, message=message, topic=tpc, payloadHex=payload.hex(), fields=fields)


def valid_json(name, message, tpc, text, fields):
    write("valid", name, message=message, topic=tpc, payloadText=text, fields=fields)


def bad(name, message, tpc, error, why, payload=None, text=None, receiver="gateway"):
    v = dict(message=message, topic=tpc, receiver=receiver, expectError=error, why=why)
    if text is not None:
        v["payloadText"] = text
    else:
        v["payloadHex"] = payload.hex()
    write("malformed", name, **v)


def batch_fields(flow, session, first, base_ms, samples, flags=0):
    return {"flow": flow, "session": session, "firstSequence": first, "flags": flags, "baseTimeMs": base_ms,
            "offsetsMs": [o for o, _ in samples], "values": [v for _, v in samples]}


T0 = 1763856000000  # 2025-11-23T00:00:00Z
three = [(0, 1.5), (1000, -2.25), (2000, 1000000.0)]
valid_binary("data-batch-three-samples", "DataBatch", topic("pi-01", "data"), batch(7, 3, 100, T0, three),
             batch_fields(7, 3, 100, T0, three))
one = [(0, -0.125)]
valid_binary("data-batch-priority-resend", "DataBatch", topic("esp32-a", "data"),
             batch(65535, 4294967295, 4294967295, T0, one, flags=3), batch_fields(65535, 4294967295, 4294967295, T0, one, 3))
full = [(i * 10, i * 0.5) for i in range(256)]
valid_binary("data-batch-256-samples", "DataBatch", topic("sim-003", "data"), batch(1, 1, 0, T0, full),
             batch_fields(1, 1, 0, T0, full))
valid_binary("ack-flow-7", "Ack", topic("pi-01", "ack"), ack(7, 103), {"flow": 7, "nextSequence": 103})

valid_json("birth", "Birth", topic("pi-01", "birth"),
           '{"node":"pi-01","session":3,"firmware":"0.1.0","board":"raspberry-pi-4","capabilities":"predict,spill,gpio",'
           '"bufferCapacity":512,"bufferCeiling":4096,"heartbeatMs":1000,"maxFlows":4,"timestamp":%d}' % T0,
           {"node": "pi-01", "session": 3, "firmware": "0.1.0", "board": "raspberry-pi-4", "capabilities": "predict,spill,gpio",
            "bufferCapacity": 512, "bufferCeiling": 4096, "heartbeatMs": 1000, "maxFlows": 4, "timestamp": T0})
valid_json("birth-with-sources", "Birth", topic("pi-01", "birth"),
           '{"node":"pi-01","session":4,"firmware":"0.2.0","board":"raspberry-pi-4","capabilities":"predict,spill,gpio",'
           '"bufferCapacity":512,"bufferCeiling":4096,"heartbeatMs":250,"maxFlows":4,"timestamp":%d,"sources":"9-10,12"}' % T0,
           {"node": "pi-01", "session": 4, "firmware": "0.2.0", "board": "raspberry-pi-4", "capabilities": "predict,spill,gpio",
            "bufferCapacity": 512, "bufferCeiling": 4096, "heartbeatMs": 250, "maxFlows": 4, "timestamp": T0, "sources": "9-10,12"})
valid_json("node-state-offline-planned", "NodeState", topic("pi-01", "state"),
           '{"online":false,"session":3,"timestamp":%d,"planned":true}' % T0,
           {"online": False, "session": 3, "timestamp": T0, "planned": True})
valid_json("node-state-online", "NodeState", topic("pi-01", "state"), '{"online":true,"session":3,"timestamp":%d}' % T0,
           {"online": True, "session": 3, "timestamp": T0})
valid_json("node-state-offline-will", "NodeState", topic("pi-01", "state"), '{"online":false,"session":3,"timestamp":%d}' % T0,
           {"online": False, "session": 3, "timestamp": T0})
valid_json("telemetry", "Telemetry", topic("pi-01", "telemetry"),
           '{"session":3,"timestamp":%d,"rate":12.5,"forecast":40.75,"horizon":8,"bufferFill":96,"bufferCapacity":512,'
           '"dropped":0,"spilled":2,"unacked":96,"freeMemory":65536,"preExpanded":true,"alarm":false}' % T0,
           {"session": 3, "timestamp": T0, "rate": 12.5, "forecast": 40.75, "horizon": 8, "bufferFill": 96, "bufferCapacity": 512,
            "dropped": 0, "spilled": 2, "unacked": 96, "freeMemory": 65536, "preExpanded": True, "alarm": False})
valid_json("telemetry-with-shadow", "Telemetry", topic("sim-001", "telemetry"),
           '{"session":1,"timestamp":%d,"rate":204.5,"forecast":269.5,"horizon":3,"bufferFill":0,"bufferCapacity":544,'
           '"dropped":0,"spilled":0,"unacked":40,"freeMemory":0,"preExpanded":true,"alarm":true,"modelDropped":12,"reactiveDropped":250}' % T0,
           {"session": 1, "timestamp": T0, "rate": 204.5, "forecast": 269.5, "horizon": 3, "bufferFill": 0, "bufferCapacity": 544,
            "dropped": 0, "spilled": 0, "unacked": 40, "freeMemory": 0, "preExpanded": True, "alarm": True, "modelDropped": 12,
            "reactiveDropped": 250})
# Per-lane report (docs/PROTOCOL.md 3.3): records of flow u16, flags u8 (bit 0 pre-expanded), reserved u8, share u32,
# rate f64, forecast f64, little-endian, base64. Flow 7's share grew ahead of its burst, flow 9 steady.
LANES = [(7, True, 192, 48.0, 130.5), (9, False, 64, 20.0, 23.25)]


def lanes_b64(lanes, flags_extra=0):
    raw = b"".join(struct.pack("<HBBIdd", f, (1 if pre else 0) | flags_extra, 0, sh, r, fc) for f, pre, sh, r, fc in lanes)
    return base64.b64encode(raw).decode("ascii")


lanes_text = lanes_b64(LANES)
write("valid", "telemetry-with-lanes", message="Telemetry", topic=topic("sim-002", "telemetry"),
      payloadText='{"session":2,"timestamp":%d,"rate":68,"forecast":153.75,"horizon":3,"bufferFill":40,"bufferCapacity":256,'
                  '"dropped":0,"spilled":0,"unacked":40,"freeMemory":0,"preExpanded":true,"alarm":false,"lanes":"%s"}' % (T0, lanes_text),
      fields={"session": 2, "timestamp": T0, "rate": 68.0, "forecast": 153.75, "horizon": 3, "bufferFill": 40, "bufferCapacity": 256,
              "dropped": 0, "spilled": 0, "unacked": 40, "freeMemory": 0, "preExpanded": True, "alarm": False, "lanes": lanes_text},
      laneRecords=[{"flow": f, "preExpanded": pre, "share": sh, "rate": r, "forecast": fc} for f, pre, sh, r, fc in LANES])
valid_json("gateway-state-online", "GatewayState", "edge/v1/%s/gateway/gw-1/state" % SITE,
           '{"gateway":"gw-1","online":true,"primary":true,"timestamp":%d,"token":0,"since":%d}' % (T0, T0),
           {"gateway": "gw-1", "online": True, "primary": True, "timestamp": T0, "token": 0, "since": T0})
# HA mode: the leader's fencing token is the etcd election revision (a 64-bit integer).
valid_json("gateway-state-ha-leader", "GatewayState", "edge/v1/%s/gateway/gw-b/state" % SITE,
           '{"gateway":"gw-b","online":true,"primary":true,"timestamp":%d,"token":4294967311,"since":%d}' % (T0 + 2500, T0 + 2400),
           {"gateway": "gw-b", "online": True, "primary": True, "timestamp": T0 + 2500, "token": 4294967311, "since": T0 + 2400})
valid_json("gateway-state-standby", "GatewayState", "edge/v1/%s/gateway/gw-c/state" % SITE,
           '{"gateway":"gw-c","online":true,"primary":false,"timestamp":%d,"token":0,"since":0}' % T0,
           {"gateway": "gw-c", "online": True, "primary": False, "timestamp": T0, "token": 0, "since": 0})
valid_json("gateway-state-data-beats", "GatewayState", "edge/v1/%s/gateway/gw-1/state" % SITE,
           '{"gateway":"gw-1","online":true,"primary":true,"timestamp":%d,"token":0,"since":%d,"dataBeats":true}' % (T0, T0),
           {"gateway": "gw-1", "online": True, "primary": True, "timestamp": T0, "token": 0, "since": T0, "dataBeats": True})
valid_json("flow-owner", "FlowOwner", "edge/v1/%s/flow/7/owner" % SITE,
           '{"flow":7,"node":"pi-01","epoch":12,"resumeFrom":103,"weight":2.5,"token":0}',
           {"flow": 7, "node": "pi-01", "epoch": 12, "resumeFrom": 103, "weight": 2.5, "token": 0})
valid_json("flow-owner-ha", "FlowOwner", "edge/v1/%s/flow/7/owner" % SITE,
           '{"flow":7,"node":"sim-002","epoch":3,"resumeFrom":5120,"weight":1,"token":4294967311}',
           {"flow": 7, "node": "sim-002", "epoch": 3, "resumeFrom": 5120, "weight": 1.0, "token": 4294967311})
valid_json("config", "Config", topic("pi-01", "config"),
           '{"heartbeatMs":500,"batchSamples":32,"batchMs":250,"bufferFloor":64,"bufferCeiling":2048,"predictor":"holt","margin":1.5,'
           '"model":"","modelVersion":0,"modelChecksum":0,"weights":""}',
           {"heartbeatMs": 500, "batchSamples": 32, "batchMs": 250, "bufferFloor": 64, "bufferCeiling": 2048, "predictor": "holt", "margin": 1.5,
            "model": "", "modelVersion": 0, "modelChecksum": 0, "weights": ""})
# A linear peak model (docs/PROTOCOL.md 3.5): [period, hidden, 12 parameters] as float32 little-endian, base64, CRC-32 of the bytes.
MODEL = [288.0, 0.0, 1.5, 0.25, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]
model_bytes = b"".join(struct.pack("<f", w) for w in MODEL)
model_b64 = base64.b64encode(model_bytes).decode("ascii")
model_crc = zlib.crc32(model_bytes) & 0xFFFFFFFF
valid_json("config-model", "Config", topic("pi-01", "config"),
           '{"heartbeatMs":250,"batchSamples":64,"batchMs":1000,"bufferFloor":0,"bufferCeiling":0,"predictor":"ewma","margin":2,'
           '"model":"peak-linear","modelVersion":3,"modelChecksum":%d,"weights":"%s"}' % (model_crc, model_b64),
           {"heartbeatMs": 250, "batchSamples": 64, "batchMs": 1000, "bufferFloor": 0, "bufferCeiling": 0, "predictor": "ewma", "margin": 2.0,
            "model": "peak-linear", "modelVersion": 3, "modelChecksum": model_crc, "weights": model_b64})
valid_json("command-resend", "Command", topic("pi-01", "cmd"), '{"cmd":"resend","id":41,"flow":7,"from":100}',
           {"cmd": "resend", "id": 41, "flow": 7, "from": 100})
valid_json("command-rebirth", "Command", topic("pi-01", "cmd"), '{"cmd":"rebirth","id":42}', {"cmd": "rebirth", "id": 42})
valid_json("rollup-fleet-10s", "Rollup", "edge/v1/%s/rollup/10s/fleet" % SITE,
           '{"window":"10s","flow":-1,"start":%d,"end":%d,"count":3,"sum":999999.25,"min":-2.25,"max":1000000,"mean":333333.0833333333,'
           '"p50":1.5,"p90":1000000,"p99":1000000}' % (T0, T0 + 10000),
           {"window": "10s", "flow": -1, "start": T0, "end": T0 + 10000, "count": 3, "sum": 999999.25, "min": -2.25, "max": 1000000.0,
            "mean": 333333.0833333333, "p50": 1.5, "p90": 1000000.0, "p99": 1000000.0})

# --- malformed: each decodes to exactly one typed error
good = batch(7, 3, 100, T0, three)
d = topic("pi-01", "data")
bad("data-empty", "DataBatch", d, "Truncated", "zero-length payload", payload=b"")
bad("data-truncated-header", "DataBatch", d, "Truncated", "10 of the 24 header bytes", payload=good[:10])
bad("data-truncated-samples", "DataBatch", d, "Truncated", "last sample and checksum cut off", payload=good[:-5])
bad("data-wrong-version", "DataBatch", d, "UnsupportedVersion", "version byte 2", payload=batch(7, 3, 100, T0, three, version=2))
bad("data-wrong-kind", "DataBatch", d, "WrongKind", "an ack's kind byte on the data topic", payload=batch(7, 3, 100, T0, three, kind=2))
bad("data-count-zero", "DataBatch", d, "CountOutOfRange", "a batch holds at least one sample", payload=batch(7, 3, 100, T0, []))
bad("data-count-oversized", "DataBatch", d, "CountOutOfRange", "257 samples, one over the limit",
    payload=batch(7, 3, 0, T0, [(i, 1.0) for i in range(257)]))
bad("data-count-negative", "DataBatch", d, "CountOutOfRange", "count 0xFFFF: a -1 written by a signed encoder",
    payload=batch(7, 3, 100, T0, three, count=0xFFFF))
bad("data-nan-value", "DataBatch", d, "NotFinite", "second sample is NaN (checksum valid)",
    payload=batch(7, 3, 100, T0, [(0, 1.0), (10, float("nan"))]))
bad("data-infinite-value", "DataBatch", d, "NotFinite", "sample is +Infinity", payload=batch(7, 3, 100, T0, [(0, float("inf"))]))
bad("data-bad-checksum", "DataBatch", d, "ChecksumMismatch", "one value bit flipped after the CRC was computed",
    payload=good[:30] + bytes([good[30] ^ 0x01]) + good[31:])
bad("data-trailing-bytes", "DataBatch", d, "LengthMismatch", "two bytes after the checksum", payload=good + b"\x00\x00")
bad("data-oversized", "DataBatch", d, "Oversized", "4097 bytes, over the 4096-byte limit", payload=good + bytes(4097 - len(good)))
bad("data-sequence-wraps", "DataBatch", d, "OutOfRange", "first sequence 0xFFFFFFFF with two samples would wrap",
    payload=batch(7, 3, 0xFFFFFFFF, T0, [(0, 1.0), (1, 2.0)]))
bad("data-time-goes-backwards", "DataBatch", d, "OutOfRange", "second offset earlier than the first",
    payload=batch(7, 3, 100, T0, [(500, 1.0), (400, 2.0)]))
b = topic("pi-01", "birth")
birth_pre = b'{"node":"'
birth_post = b'","session":3,"firmware":"0.1.0","board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}'
bad("birth-sources-backwards", "Birth", topic("pi-01", "birth"), "OutOfRange", "a range of source flows that runs backwards",
    text='{"node":"pi-01","session":3,"firmware":"0.1.0","board":"rpi","bufferCapacity":1,"heartbeatMs":250,"timestamp":1,"sources":"9-3"}')
bad("birth-invalid-utf8", "Birth", b, "InvalidUtf8", "0xC3 0x28 is not UTF-8", payload=birth_pre + b"pi\xc3\x28" + birth_post)
bad("birth-overlong-utf8", "Birth", b, "InvalidUtf8", "0xC0 0xAF: an overlong '/'", payload=birth_pre + b"pi\xc0\xaf" + birth_post)
bad("birth-surrogate-utf8", "Birth", b, "InvalidUtf8", "0xED 0xA0 0x80 encodes a UTF-16 surrogate", payload=birth_pre + b"\xed\xa0\x80" + birth_post)
bad("birth-missing-session", "Birth", b, "MissingField", "no session member",
    text='{"node":"pi-01","firmware":"0.1.0","board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}')
bad("birth-session-too-large", "Birth", b, "OutOfRange", "session 2^32 does not fit the u32 on the wire",
    text='{"node":"pi-01","session":4294967296,"firmware":"0.1.0","board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}')
bad("birth-node-id-with-slash", "Birth", b, "OutOfRange", "ids are topic levels: no '/'",
    text='{"node":"pi/01","session":3,"firmware":"0.1.0","board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}')
bad("birth-nested-object", "Birth", b, "InvalidJson", "messages are flat objects",
    text='{"node":"pi-01","session":3,"firmware":{"v":1},"board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}')
bad("birth-duplicate-member", "Birth", b, "InvalidJson", "session given twice",
    text='{"node":"pi-01","session":3,"session":4,"firmware":"0.1.0","board":"x","bufferCapacity":1,"heartbeatMs":1000,"timestamp":1}')
t = topic("pi-01", "telemetry")
tel = '{"session":3,"timestamp":1,"rate":%s,"forecast":1,"bufferFill":%s,"bufferCapacity":512,"dropped":%s}'
bad("telemetry-negative-dropped", "Telemetry", t, "NegativeValue", "a cumulative drop count below zero", text=tel % ("1", "0", "-5"))
bad("telemetry-negative-buffer-fill", "Telemetry", t, "NegativeValue", "buffer fill below zero", text=tel % ("1", "-1", "0"))
bad("telemetry-nan-token", "Telemetry", t, "InvalidJson", "NaN is not a JSON number", text=tel % ("NaN", "0", "0"))
bad("telemetry-number-overflows", "Telemetry", t, "NotFinite", "1e999 overflows a double", text=tel % ("1e999", "0", "0"))
bad("telemetry-fill-above-capacity", "Telemetry", t, "OutOfRange", "content never exceeds capacity", text=tel % ("1", "600", "0"))
bad("telemetry-truncated", "Telemetry", t, "Truncated", "object not closed", text=(tel % ("1", "0", "0"))[:-12])
bad("telemetry-oversized", "Telemetry", t, "Oversized", "5000 bytes, over the 4096-byte limit",
    text='{"session":3,"pad":"' + "x" * 4980 + '"}')
bad("state-not-an-object", "NodeState", topic("pi-01", "state"), "InvalidJson", "a bare string, as some bridges send", text='"online"')
bad("topic-unknown-leaf", "DataBatch", topic("pi-01", "bogus"), "UnknownTopic", "no such leaf under node/{id}", payload=good)
bad("topic-other-version", "DataBatch", "edge/v2/lab/node/pi-01/data", "UnknownTopic", "only edge/v1 is understood", payload=good)
bad("topic-wildcard-node", "DataBatch", "edge/v1/lab/node/+/data", "UnknownTopic", "a wildcard is not a node id", payload=good)
# node-side inputs (gateway -> node)
bad("ack-bad-checksum", "Ack", topic("pi-01", "ack"), "ChecksumMismatch", "next sequence altered after the CRC",
    payload=ack(7, 103)[:4] + b"\x00" + ack(7, 103)[5:], receiver="node")
bad("ack-wrong-version", "Ack", topic("pi-01", "ack"), "UnsupportedVersion", "version 9", payload=ack(7, 103, version=9), receiver="node")
bad("ack-truncated", "Ack", topic("pi-01", "ack"), "Truncated", "8 of 12 bytes", payload=ack(7, 103)[:8], receiver="node")
bad("command-unknown", "Command", topic("pi-01", "cmd"), "OutOfRange", "no command 'format'", text='{"cmd":"format","id":1}', receiver="node")
bad("command-resend-without-from", "Command", topic("pi-01", "cmd"), "MissingField", "resend needs from",
    text='{"cmd":"resend","id":1,"flow":7}', receiver="node")
bad("flow-owner-negative-resume", "FlowOwner", "edge/v1/lab/flow/7/owner", "NegativeValue", "resumeFrom below zero",
    text='{"flow":7,"node":"pi-01","epoch":1,"resumeFrom":-1}', receiver="node")
bad("config-model-bad-checksum", "Config", topic("pi-01", "config"), "ChecksumMismatch", "weights altered after the checksum",
    text='{"model":"peak-linear","modelVersion":3,"modelChecksum":%d,"weights":"%s"}' % ((model_crc + 1) & 0xFFFFFFFF, model_b64), receiver="node")
bad("config-model-not-base64", "Config", topic("pi-01", "config"), "OutOfRange", "weights that are not base64",
    text='{"model":"peak-linear","modelVersion":3,"modelChecksum":1,"weights":"AAA*"}', receiver="node")
bad("config-ceiling-below-floor", "Config", topic("pi-01", "config"), "OutOfRange", "bufferCeiling under bufferFloor",
    text='{"bufferFloor":100,"bufferCeiling":10}', receiver="node")

# --- tolerated: the message decodes, but one optional member is dropped with its own error (docs/PROTOCOL.md 3.3)
tol = '{"session":3,"timestamp":1,"rate":1,"forecast":1,"bufferFill":0,"bufferCapacity":512,"dropped":0,"lanes":"%s"}'
TOLERATED_FIELDS = {"session": 3, "timestamp": 1, "rate": 1.0, "forecast": 1.0, "bufferFill": 0, "bufferCapacity": 512, "dropped": 0}


def tolerated(name, error, why, lanes_text):
    write("tolerated", name, message="Telemetry", topic=topic("pi-01", "telemetry"), memberErrors={"lanes": error}, why=why,
          payloadText=tol % lanes_text, fields=TOLERATED_FIELDS)


raw_nan = struct.pack("<HBBIdd", 7, 0, 0, 32, float("nan"), 1.0)
tolerated("telemetry-lanes-nan-rate", "NotFinite", "a lane's rate is NaN", base64.b64encode(raw_nan).decode("ascii"))
tolerated("telemetry-lanes-negative-forecast", "NegativeValue", "a lane's forecast below zero", lanes_b64([(7, False, 32, 1.0, -2.0)]))
tolerated("telemetry-lanes-same-flow-twice", "OutOfRange", "flow 7 reported twice", lanes_b64([(7, False, 32, 1.0, 2.0), (7, True, 32, 3.0, 4.0)]))
tolerated("telemetry-lanes-partial-record", "LengthMismatch", "23 bytes: not a whole record",
          base64.b64encode(struct.pack("<HBBIdd", 7, 0, 0, 32, 1.0, 2.0)[:23]).decode("ascii"))
tolerated("telemetry-lanes-not-base64", "OutOfRange", "lanes that are not base64", "AAA*")
tolerated("telemetry-lanes-too-many", "OutOfRange", "65 records, over the 64 a heartbeat carries",
          lanes_b64([(f, False, 32, 1.0, 1.0) for f in range(65)]))

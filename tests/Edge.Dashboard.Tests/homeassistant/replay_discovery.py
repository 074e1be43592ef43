"""Replays a gateway's Home Assistant discovery through a second broker and reads it back the way Home
Assistant's MQTT integration does, printing a JSON report (the test asserts on it).

1. Record from the gateway's broker, as a tool started after the gateway: the retained discovery configs, node
   and gateway states and rollups arrive at once; telemetry (QoS 0, not retained) with the nodes' next heartbeat.
2. Replay into the target broker (a fresh Mosquitto, the broker Home Assistant users usually run) with the
   retain flags as recorded, then start "Home Assistant": a new client that subscribes to the discovery topics,
   then to each entity's state and availability topics, while the recorded telemetry is published again.
3. Check each entity as the integration reads it (home-assistant.io/integrations/mqtt, "MQTT Discovery", and the
   sensor / binary_sensor pages): the discovery topic's shape, configs retained (so a restarted Home Assistant
   finds them), unique ids, devices and via_device, availability templates rendered with Jinja2 (Home Assistant's
   template engine) against the retained availability messages, and each state template rendered against its
   topic's message: a number for a sensor with a unit or state class, payload_on or payload_off for a binary one.

Needs Debian's python3-paho-mqtt and python3-jinja2.
"""
import argparse, json, re, sys, threading, time, uuid

import paho.mqtt.client as mqtt
from jinja2.sandbox import ImmutableSandboxedEnvironment

# <discovery_prefix>/<component>/[<node_id>/]<object_id>/config, ids from [a-zA-Z0-9_-] (the documented format).
DISCOVERY = re.compile(r"^homeassistant/(?P<component>[a-z_]+)/(?:(?P<node_id>[a-zA-Z0-9_-]+)/)?(?P<object_id>[a-zA-Z0-9_-]+)/config$")
COMPONENTS = {"sensor", "binary_sensor"}


class Recorder:
    """One MQTT client that keeps every message it gets: (topic, payload, retain)."""

    def __init__(self, port, client_id):
        self.lock, self.messages = threading.Lock(), []
        self.client = mqtt.Client(client_id=client_id, clean_session=True, protocol=mqtt.MQTTv311)
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()

    def _on_message(self, client, userdata, m):
        with self.lock:
            self.messages.append((m.topic, m.payload, bool(m.retain)))

    def subscribe(self, *topics):
        done = threading.Event()
        self.client.on_subscribe = lambda c, u, mid, granted: done.set()
        self.client.subscribe([(t, 1) for t in topics])
        if not done.wait(20):
            sys.exit("no SUBACK for " + " ".join(topics))

    def flush(self, via=None):
        """Returns once everything the broker queued for this client before now has arrived: a marker published
        after it (by this client, or by `via` after its own messages) comes behind it, as MQTT keeps the order."""
        marker = "edge-ha-check/marker/" + uuid.uuid4().hex
        self.subscribe(marker)
        (via or self.client).publish(marker, b"", qos=1).wait_for_publish()
        if not self.wait_until(lambda ms: any(t == marker for t, p, r in ms), 20):
            sys.exit("the marker did not come back")
        with self.lock:
            self.messages = [m for m in self.messages if m[0] != marker]

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def wait_until(self, condition, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition(self.snapshot()):
                return True
            time.sleep(0.1)
        return False

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()


def record(port, site, timeout):
    """Latest payload per topic, and whether the broker keeps it (a fresh subscriber gets it flagged retained)."""
    topics = ("homeassistant/#", f"edge/v1/{site}/node/+/state", f"edge/v1/{site}/gateway/+/state",
              f"edge/v1/{site}/rollup/+/fleet", f"edge/v1/{site}/node/+/telemetry")
    live = Recorder(port, "edge-ha-recorder")
    live.subscribe(*topics)
    live.flush()

    def heard_every_online_node(messages):
        online = {t.split("/")[4] for t, p, r in messages if t.endswith("/state") and "/node/" in t and p and json.loads(p).get("online")}
        return online <= {t.split("/")[4] for t, p, r in messages if t.endswith("/telemetry")}

    if not live.wait_until(heard_every_online_node, timeout):
        sys.exit("no telemetry from every online node in time")
    live.close()

    # A config or state published while recording came live, without the retained flag: ask the broker afresh.
    fresh = Recorder(port, "edge-ha-recorder-2")
    fresh.subscribe(*topics)
    fresh.flush()
    fresh.close()
    kept = {t for t, p, r in fresh.snapshot() if r}
    latest = {}
    for topic, payload, retain in live.snapshot() + fresh.snapshot():
        latest[topic] = (payload, topic in kept)
    return latest


def publish_all(port, messages, retained, then=None):
    pub = mqtt.Client(client_id="edge-ha-replay-" + uuid.uuid4().hex[:8], clean_session=True, protocol=mqtt.MQTTv311)
    pub.connect("127.0.0.1", port)
    pub.loop_start()
    for topic, (payload, retain) in messages.items():
        if retain == retained:
            pub.publish(topic, payload, qos=1, retain=retain).wait_for_publish()
    if then:
        then(pub)
    pub.disconnect()
    pub.loop_stop()


def render(env, template, payload):
    text = payload.decode("utf-8")
    try:
        value_json = json.loads(text)
    except ValueError:
        value_json = None
    return env.from_string(template).render(value=text, value_json=value_json).strip()


def check(configs, topic_messages):
    env = ImmutableSandboxedEnvironment()
    problems, entities, unique_ids = [], {}, set()
    devices = {ident for c in configs.values() if isinstance(c[0], dict) for ident in c[0].get("device", {}).get("identifiers", [])}
    for topic, (config, retained) in sorted(configs.items()):
        match = DISCOVERY.match(topic)
        if not match or match["component"] not in COMPONENTS:
            problems.append(f"{topic}: not a discovery topic for a sensor or binary_sensor")
            continue
        if not retained:
            problems.append(f"{topic}: config not retained, a restarted Home Assistant would not find it")
        if not isinstance(config, dict):
            problems.append(f"{topic}: payload is not a JSON object")
            continue
        uid = config.get("unique_id")
        if not uid or uid in unique_ids:
            problems.append(f"{topic}: unique_id {uid!r} missing or used twice")
        unique_ids.add(uid)
        device = config.get("device", {})
        if not device.get("identifiers"):
            problems.append(f"{topic}: device without identifiers")
        if device.get("via_device") and device["via_device"] not in devices:
            problems.append(f"{topic}: via_device {device['via_device']} is no discovered device")
        if "expire_after" in config and not (isinstance(config["expire_after"], int) and config["expire_after"] > 0):
            problems.append(f"{topic}: expire_after {config['expire_after']!r}")

        available = True
        for a in config.get("availability", []):
            message = topic_messages.get(a["topic"])
            if message is None or not message[1]:
                problems.append(f"{topic}: availability topic {a['topic']} has no retained message")
                available = False
                continue
            shown = render(env, a.get("value_template", "{{ value }}"), message[0])
            on, off = a.get("payload_available", "online"), a.get("payload_not_available", "offline")
            if shown not in (on, off):
                problems.append(f"{topic}: availability renders {shown!r}, neither {on!r} nor {off!r}")
            available = available and shown == on

        state = None
        message = topic_messages.get(config.get("state_topic", ""))
        if message is not None:  # else Home Assistant shows "unknown" until the first message, which is no fault
            state = render(env, config.get("value_template", "{{ value }}"), message[0])
            if match["component"] == "binary_sensor":
                if state not in (config.get("payload_on", "ON"), config.get("payload_off", "OFF")):
                    problems.append(f"{topic}: state renders {state!r}, neither payload_on nor payload_off")
            elif "unit_of_measurement" in config or "state_class" in config:
                try:
                    float(state)
                except ValueError:
                    problems.append(f"{topic}: numeric sensor renders {state!r}")
        entities[uid] = {"available": available, "state": state}
    return problems, entities


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-port", type=int, required=True)
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--site", default="lab")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    recorded = record(args.source_port, args.site, args.timeout)
    publish_all(args.target_port, recorded, retained=True)

    # "Home Assistant" starts: discovery first, then every topic its entities name.
    ha = Recorder(args.target_port, "edge-ha-check")
    ha.subscribe("homeassistant/+/+/config", "homeassistant/+/+/+/config")
    ha.flush()
    configs = {}
    for topic, payload, retain in ha.snapshot():
        try:
            configs[topic] = (json.loads(payload), retain)
        except ValueError:
            configs[topic] = (None, retain)
    wanted = sorted({c.get("state_topic") for c, r in configs.values() if isinstance(c, dict)}
                    | {a["topic"] for c, r in configs.values() if isinstance(c, dict) for a in c.get("availability", [])})
    ha.subscribe(*wanted)
    # The nodes' next heartbeats: the recorded telemetry again, then a marker behind it from the same client.
    publish_all(args.target_port, recorded, retained=False, then=lambda pub: ha.flush(via=pub))
    ha.close()

    topic_messages = {}
    for topic, payload, retain in ha.snapshot():
        if not topic.startswith("homeassistant/"):
            topic_messages[topic] = (payload, retain or topic_messages.get(topic, (None, False))[1])
    problems, entities = check(configs, topic_messages)
    print(json.dumps({"configs": len(configs), "entities": entities, "problems": problems}))


if __name__ == "__main__":
    main()

using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.Protocol;

namespace Edge.Tests.Vectors;

/// <summary>
/// Loads tests/vectors (written by make_vectors.py from the contract, not by the C# codecs) and maps decoded
/// messages to the same field names, so node-side and gateway-side tests compare against one source of truth.
/// Compiled into both test projects.
/// </summary>
internal static class GoldenVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "vectors");

    public static TheoryData<string> Names(string folder)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(Root, folder), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static GoldenVector Load(string folder, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, folder, name + ".json")));
        var root = doc.RootElement.Clone();
        bool isText = root.TryGetProperty("payloadText", out var text);
        byte[] payload = isText ? Encoding.UTF8.GetBytes(text.GetString()!) : Convert.FromHexString(root.GetProperty("payloadHex").GetString()!);
        return new GoldenVector(
            name,
            root.GetProperty("message").GetString()!,
            root.GetProperty("topic").GetString()!,
            payload,
            isText,
            root.TryGetProperty("fields", out var fields) ? fields : default,
            root.TryGetProperty("expectError", out var error) ? Enum.Parse<ProtocolError>(error.GetString()!) : ProtocolError.None,
            root.TryGetProperty("receiver", out var receiver) ? receiver.GetString()! : "gateway");
    }

    /// <summary>A fresh, empty instance of the message a vector names.</summary>
    public static object Create(string message) => message switch
    {
        "DataBatch" => new DataBatch(),
        "Ack" => new AckMessage(),
        "Birth" => new BirthMessage(),
        "NodeState" => new NodeStateMessage(),
        "Telemetry" => new TelemetryMessage(),
        "GatewayState" => new GatewayStateMessage(),
        "FlowOwner" => new FlowOwnerMessage(),
        "Config" => new ConfigMessage(),
        "Command" => new CommandMessage(),
        "Rollup" => new RollupMessage(),
        _ => throw new ArgumentException("unknown message " + message, nameof(message)),
    };

    /// <summary>Decodes with the portable core's codec for the vector's message type.</summary>
    public static ProtocolError Decode(object message, byte[] payload) => message switch
    {
        DataBatch batch => DataBatchCodec.Decode(payload, 0, payload.Length, batch),
        AckMessage ack => ack.Decode(payload, 0, payload.Length),
        IJsonMessage json => JsonCodec.Decode(json, new JsonReader(), payload, 0, payload.Length),
        _ => throw new ArgumentException("not a message", nameof(message)),
    };

    public static byte[] Encode(object message)
    {
        var buffer = new byte[ProtocolLimits.MaxPayloadBytes];
        switch (message)
        {
            case DataBatch batch:
                return buffer[..DataBatchCodec.Encode(batch, buffer, 0)];
            case AckMessage ack:
                return buffer[..ack.Encode(buffer, 0)];
            case IJsonMessage json:
                var writer = new JsonWriter();
                JsonCodec.Encode(json, writer);
                return writer.ToArray();
            default:
                throw new ArgumentException("not a message", nameof(message));
        }
    }

    /// <summary>The message's fields under the vectors' names; a cleared message describes its defaults.</summary>
    public static Dictionary<string, object?> Describe(object message) => message switch
    {
        DataBatch b => new()
        {
            ["flow"] = (long)b.Flow, ["session"] = b.Session, ["firstSequence"] = b.FirstSequence, ["flags"] = (long)b.Flags,
            ["baseTimeMs"] = b.BaseTimeMs, ["offsetsMs"] = b.OffsetsMs[..b.Count], ["values"] = b.Values[..b.Count],
        },
        AckMessage a => new() { ["flow"] = (long)a.Flow, ["nextSequence"] = a.NextSequence },
        BirthMessage m => new()
        {
            ["node"] = m.Node, ["session"] = m.Session, ["firmware"] = m.Firmware, ["board"] = m.Board, ["capabilities"] = m.Capabilities,
            ["bufferCapacity"] = m.BufferCapacity, ["bufferCeiling"] = m.BufferCeiling, ["heartbeatMs"] = m.HeartbeatMs, ["maxFlows"] = m.MaxFlows,
            ["timestamp"] = m.TimestampMs, ["sources"] = m.Sources,
        },
        NodeStateMessage m => new() { ["online"] = m.Online, ["session"] = m.Session, ["timestamp"] = m.TimestampMs, ["planned"] = m.Planned },
        TelemetryMessage m => new()
        {
            ["session"] = m.Session, ["timestamp"] = m.TimestampMs, ["rate"] = m.Rate, ["forecast"] = m.Forecast, ["horizon"] = m.Horizon,
            ["bufferFill"] = m.BufferFill, ["bufferCapacity"] = m.BufferCapacity, ["dropped"] = m.Dropped, ["spilled"] = m.Spilled,
            ["unacked"] = m.Unacked, ["freeMemory"] = m.FreeMemory, ["preExpanded"] = m.PreExpanded, ["alarm"] = m.Alarm,
            ["modelDropped"] = m.ModelDropped, ["reactiveDropped"] = m.ReactiveDropped, ["lanes"] = LanesBase64(m),
        },
        GatewayStateMessage m => new() { ["gateway"] = m.Gateway, ["online"] = m.Online, ["primary"] = m.Primary, ["timestamp"] = m.TimestampMs, ["token"] = m.Token, ["since"] = m.SinceMs, ["dataBeats"] = m.DataBeats },
        FlowOwnerMessage m => new() { ["flow"] = (long)m.Flow, ["node"] = m.Node, ["epoch"] = m.Epoch, ["resumeFrom"] = m.ResumeFrom, ["weight"] = m.Weight, ["token"] = m.Token },
        ConfigMessage m => new()
        {
            ["heartbeatMs"] = m.HeartbeatMs, ["batchSamples"] = m.BatchSamples, ["batchMs"] = m.BatchMs, ["bufferFloor"] = m.BufferFloor,
            ["bufferCeiling"] = m.BufferCeiling, ["predictor"] = m.Predictor, ["margin"] = m.Margin, ["model"] = m.Model,
            ["modelVersion"] = m.ModelVersion, ["modelChecksum"] = m.ModelChecksum, ["weights"] = Convert.ToBase64String(m.WeightBuffer, 0, m.WeightByteCount),
        },
        CommandMessage m => new() { ["cmd"] = m.Command, ["id"] = m.Id, ["flow"] = (long)m.Flow, ["from"] = m.From },
        RollupMessage m => new()
        {
            ["window"] = m.Window, ["flow"] = (long)m.Flow, ["start"] = m.StartMs, ["end"] = m.EndMs, ["count"] = m.Count, ["sum"] = m.Sum,
            ["min"] = m.Min, ["max"] = m.Max, ["mean"] = m.Mean, ["p50"] = m.P50, ["p90"] = m.P90, ["p99"] = m.P99,
        },
        _ => throw new ArgumentException("not a message", nameof(message)),
    };

    /// <summary>A member of the vector file beside its fields (laneRecords, memberErrors); default when absent.</summary>
    public static JsonElement Extra(string folder, string name, string member)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, folder, name + ".json")));
        return doc.RootElement.TryGetProperty(member, out var value) ? value.Clone() : default;
    }

    /// <summary>The decoded lanes as the vectors' laneRecords list them.</summary>
    public static List<(int Flow, bool PreExpanded, long Share, double Rate, double Forecast)> Lanes(TelemetryMessage m) =>
        [.. Enumerable.Range(0, m.LaneCount).Select(i => (m.LaneFlow(i), m.LanePreExpanded(i), m.LaneShare(i), m.LaneRate(i), m.LaneForecast(i)))];

    public static List<(int Flow, bool PreExpanded, long Share, double Rate, double Forecast)> LaneRecords(JsonElement records) =>
        records.ValueKind != JsonValueKind.Array ? [] :
        [.. records.EnumerateArray().Select(r => (r.GetProperty("flow").GetInt32(), r.GetProperty("preExpanded").GetBoolean(),
            r.GetProperty("share").GetInt64(), r.GetProperty("rate").GetDouble(), r.GetProperty("forecast").GetDouble()))];

    // The lane records packed again here, by the layout docs/PROTOCOL.md gives, not by the codec's own buffer.
    private static string LanesBase64(TelemetryMessage m)
    {
        var raw = new byte[m.LaneCount * TelemetryMessage.LaneBytes];
        for (int i = 0; i < m.LaneCount; i++)
        {
            Span<byte> r = raw.AsSpan(i * TelemetryMessage.LaneBytes);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(r, (ushort)m.LaneFlow(i));
            r[2] = (byte)(m.LanePreExpanded(i) ? 1 : 0);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)m.LaneShare(i));
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(r[8..], m.LaneRate(i));
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(r[16..], m.LaneForecast(i));
        }

        return Convert.ToBase64String(raw);
    }

    /// <summary>Every field the vector lists must equal the decoded one; returns the mismatches.</summary>
    public static List<string> Mismatches(JsonElement expected, Dictionary<string, object?> actual)
    {
        var problems = new List<string>();
        foreach (var field in expected.EnumerateObject())
        {
            if (!actual.TryGetValue(field.Name, out object? value))
            {
                problems.Add(field.Name + ": not decoded");
            }
            else if (!Same(field.Value, value))
            {
                problems.Add(field.Name + ": expected " + field.Value.GetRawText() + ", decoded " + Show(value));
            }
        }

        return problems;
    }

    private static bool Same(JsonElement e, object? v) => (e.ValueKind, v) switch
    {
        (JsonValueKind.String, string s) => e.GetString() == s,
        (JsonValueKind.True, bool b) => b,
        (JsonValueKind.False, bool b) => !b,
        (JsonValueKind.Number, long l) => e.TryGetInt64(out long x) && x == l,
        (JsonValueKind.Number, double d) => e.GetDouble().Equals(d),
        (JsonValueKind.Array, long[] a) => e.GetArrayLength() == a.Length && e.EnumerateArray().Select(x => x.GetInt64()).SequenceEqual(a),
        (JsonValueKind.Array, double[] a) => e.GetArrayLength() == a.Length && e.EnumerateArray().Select(x => x.GetDouble()).SequenceEqual(a),
        _ => false,
    };

    private static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Array a => "[" + string.Join(",", a.Cast<object>()) + "]",
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}

internal sealed record GoldenVector(
    string Name, string Message, string Topic, byte[] Payload, bool IsText, JsonElement Fields, ProtocolError ExpectError, string Receiver);

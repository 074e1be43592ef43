using Edge.Gateway.Core.Ports;
using System.Buffers.Binary;
using System.Text.Json;
using Edge.Gateway.Core.Ingest;
using Edge.Protocol;
using Edge.Tests.Vectors;

namespace Edge.Gateway.Core.Tests.Protocol;

/// <summary>
/// The gateway side of the contract: what the gateway receives goes through its InboundDecoder, what it sends
/// is encoded as the vectors say, and the vectors themselves are checked with libraries nobody here wrote.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GatewayVectorTests
{
    private static readonly Dictionary<string, InboundKind> Inbound = new()
    {
        ["DataBatch"] = InboundKind.Data,
        ["Birth"] = InboundKind.Birth,
        ["NodeState"] = InboundKind.NodeState,
        ["Telemetry"] = InboundKind.Telemetry,
        ["GatewayState"] = InboundKind.GatewayState,
        ["FlowOwner"] = InboundKind.FlowOwner,
    };

    /// <summary>What only nodes send; everything else the gateway sends (it also hears other gateways' states and owners).</summary>
    private static readonly HashSet<string> NodeOnly = ["DataBatch", "Birth", "NodeState", "Telemetry"];

    public static TheoryData<string> Valid => GoldenVectors.Names("valid");

    public static TheoryData<string> Malformed => GoldenVectors.Names("malformed");

    [Theory]
    [MemberData(nameof(Valid))]
    public void What_the_gateway_receives_decodes_to_the_documented_fields(string name)
    {
        var vector = GoldenVectors.Load("valid", name);
        var decoder = new InboundDecoder();
        var kind = decoder.Decode(vector.Topic, vector.Payload, 0, vector.Payload.Length);

        if (!Inbound.TryGetValue(vector.Message, out var expected))
        {
            Assert.Equal(InboundKind.Ignored, kind); // the gateway's own outputs are not ingested
            return;
        }

        Assert.Equal(expected, kind);
        if (expected == InboundKind.FlowOwner)
        {
            // The gateway reads owners back only to clear retained ones of flows it does not serve: the flow is
            // what it needs, and it comes from the topic.
            Assert.Equal(vector.Fields.GetProperty("flow").GetInt32(), decoder.Address.Flow);
            Assert.False(decoder.IsEmpty);
            return;
        }

        object decoded = expected switch
        {
            InboundKind.Data => decoder.Batch,
            InboundKind.Birth => decoder.Birth,
            InboundKind.NodeState => decoder.NodeState,
            InboundKind.Telemetry => decoder.Telemetry,
            InboundKind.FlowOwner => decoder.Owner,
            _ => decoder.GatewayState,
        };
        Assert.Empty(GoldenVectors.Mismatches(vector.Fields, GoldenVectors.Describe(decoded)));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Every_valid_vector_is_what_independent_libraries_read(string name)
    {
        var vector = GoldenVectors.Load("valid", name);
        if (vector.IsText)
        {
            using var doc = JsonDocument.Parse(vector.Payload);
            foreach (var field in vector.Fields.EnumerateObject())
            {
                Assert.True(doc.RootElement.TryGetProperty(field.Name, out var member), field.Name + " missing from the payload");
                Assert.True(JsonElement.DeepEquals(field.Value, member) || (member.ValueKind == JsonValueKind.Number && field.Value.GetDouble() == member.GetDouble()), field.Name);
            }

            return;
        }

        int body = vector.Payload.Length - 4;
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(vector.Payload.AsSpan(body));
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(vector.Payload.AsSpan(0, body)), crc);
        Assert.Equal(1, vector.Payload[0]);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void What_the_gateway_sends_encodes_to_the_exact_vector_bytes(string name)
    {
        var vector = GoldenVectors.Load("valid", name);
        if (NodeOnly.Contains(vector.Message))
        {
            return;
        }

        object message = FromFields(vector.Message, vector.Fields);
        Assert.Equal(Convert.ToHexString(vector.Payload), Convert.ToHexString(GoldenVectors.Encode(message)));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Every_malformed_input_the_gateway_can_receive_is_rejected_with_its_reason(string name)
    {
        var vector = GoldenVectors.Load("malformed", name);
        if (vector.Receiver != "gateway")
        {
            return;
        }

        var decoder = new InboundDecoder();
        Assert.Equal(InboundKind.Rejected, decoder.Decode(vector.Topic, vector.Payload, 0, vector.Payload.Length));
        Assert.Equal(vector.ExpectError, decoder.Error);
    }

    private static ConfigMessage Config(JsonElement f)
    {
        var config = new ConfigMessage
        {
            HeartbeatMs = f.GetProperty("heartbeatMs").GetInt64(), BatchSamples = f.GetProperty("batchSamples").GetInt64(),
            BatchMs = f.GetProperty("batchMs").GetInt64(), BufferFloor = f.GetProperty("bufferFloor").GetInt64(),
            BufferCeiling = f.GetProperty("bufferCeiling").GetInt64(), Predictor = f.GetProperty("predictor").GetString(),
            Margin = f.GetProperty("margin").GetDouble(), Model = f.GetProperty("model").GetString(), ModelVersion = f.GetProperty("modelVersion").GetInt64(),
        };
        byte[] weights = Convert.FromBase64String(f.GetProperty("weights").GetString()!);
        Assert.True(config.SetWeights(weights, weights.Length));
        Assert.Equal(f.GetProperty("modelChecksum").GetInt64(), config.ModelChecksum);
        return config;
    }

    // Built from the vector's field list, not by decoding the payload, so the encoder is checked on its own.
    private static object FromFields(string message, JsonElement f) => message switch
    {
        "Ack" => new AckMessage { Flow = f.GetProperty("flow").GetInt32(), NextSequence = f.GetProperty("nextSequence").GetInt64() },
        "FlowOwner" => new FlowOwnerMessage
        {
            Flow = f.GetProperty("flow").GetInt32(), Node = f.GetProperty("node").GetString(), Epoch = f.GetProperty("epoch").GetInt64(),
            ResumeFrom = f.GetProperty("resumeFrom").GetInt64(), Weight = f.GetProperty("weight").GetDouble(), Token = f.GetProperty("token").GetInt64(),
        },
        "GatewayState" => new GatewayStateMessage
        {
            Gateway = f.GetProperty("gateway").GetString(), Online = f.GetProperty("online").GetBoolean(), Primary = f.GetProperty("primary").GetBoolean(),
            TimestampMs = f.GetProperty("timestamp").GetInt64(), Token = f.GetProperty("token").GetInt64(), SinceMs = f.GetProperty("since").GetInt64(),
            DataBeats = f.TryGetProperty("dataBeats", out var beats) && beats.GetBoolean(),
        },
        "Config" => Config(f),
        "Command" => new CommandMessage
        {
            Command = f.GetProperty("cmd").GetString(), Id = f.GetProperty("id").GetInt64(),
            Flow = f.TryGetProperty("flow", out var flow) ? flow.GetInt32() : 0, From = f.TryGetProperty("from", out var from) ? from.GetInt64() : 0,
        },
        "Rollup" => new RollupMessage
        {
            Window = f.GetProperty("window").GetString(), Flow = f.GetProperty("flow").GetInt32(), StartMs = f.GetProperty("start").GetInt64(),
            EndMs = f.GetProperty("end").GetInt64(), Count = f.GetProperty("count").GetInt64(), Sum = f.GetProperty("sum").GetDouble(),
            Min = f.GetProperty("min").GetDouble(), Max = f.GetProperty("max").GetDouble(), Mean = f.GetProperty("mean").GetDouble(),
            P50 = f.GetProperty("p50").GetDouble(), P90 = f.GetProperty("p90").GetDouble(), P99 = f.GetProperty("p99").GetDouble(),
        },
        _ => throw new ArgumentException("not a gateway output: " + message, nameof(message)),
    };
}

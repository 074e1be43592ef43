using CsCheck;
using Edge.Tests.Vectors;

namespace Edge.Protocol.Tests;

/// <summary>Whatever arrives, decoders return a ProtocolError; they never throw.</summary>
[Trait("Category", "Unit")]
public sealed class RobustnessTests
{
    private static readonly string[] Seeds = ["data-batch-three-samples", "ack-flow-7", "birth", "telemetry", "flow-owner", "config", "command-resend", "rollup-fleet-10s"];

    [Fact]
    public void Random_mutations_of_valid_payloads_never_throw()
    {
        var vectors = Seeds.Select(n => GoldenVectors.Load("valid", n)).ToArray();
        var gen = Gen.Select(Gen.Int[0, vectors.Length - 1], Gen.Int[0, 4095], Gen.Byte, Gen.Int[-8, 8]);
        gen.Sample((which, at, value, resize) =>
        {
            var vector = vectors[which];
            var payload = vector.Payload.ToArray();
            payload[at % payload.Length] = value;
            int length = Math.Clamp(payload.Length + resize, 0, payload.Length);
            var message = GoldenVectors.Create(vector.Message);
            GoldenVectors.Decode(message, payload[..length]);
        }, iter: 20000);
    }

    [Fact]
    public void Random_bytes_never_throw_in_any_decoder()
    {
        string[] kinds = ["DataBatch", "Ack", "Birth", "NodeState", "Telemetry", "GatewayState", "FlowOwner", "Config", "Command", "Rollup"];
        Gen.Select(Gen.Int[0, kinds.Length - 1], Gen.Byte.Array[0, 300]).Sample((k, bytes) =>
        {
            var message = GoldenVectors.Create(kinds[k]);
            var error = GoldenVectors.Decode(message, bytes);
            Assert.True(Enum.IsDefined(error));
        }, iter: 20000);
    }

    [Fact]
    public void The_checksum_matches_System_IO_Hashing_Crc32()
    {
        Gen.Byte.Array[0, 512].Sample(bytes =>
            Assert.Equal((long)System.IO.Hashing.Crc32.HashToUInt32(bytes), Crc32.Compute(bytes, 0, bytes.Length)));
    }

    [Fact]
    public void Any_string_survives_a_JSON_round_trip()
    {
        // CsCheck samples on several threads: each iteration gets its own reader and writer.
        Gen.String[0, 40].Sample(text =>
        {
            var reader = new JsonReader();
            var writer = new JsonWriter();
            writer.BeginObject();
            writer.WriteString("s", text);
            writer.EndObject();
            Assert.Equal(ProtocolError.None, reader.Parse(writer.Buffer, 0, writer.Length));
            Assert.Equal(ProtocolError.None, reader.GetString("s", out string back));
            Assert.Equal(Normalise(text), back);
        });
    }

    [Fact]
    public void Any_finite_double_survives_a_JSON_round_trip_exactly()
    {
        Gen.Double.Where(d => double.IsFinite(d)).Sample(d =>
        {
            var reader = new JsonReader();
            var writer = new JsonWriter();
            writer.BeginObject();
            writer.WriteNumber("d", d);
            writer.EndObject();
            Assert.Equal(ProtocolError.None, reader.Parse(writer.Buffer, 0, writer.Length));
            Assert.Equal(ProtocolError.None, reader.GetDouble("d", out double back));
            Assert.Equal(d, back);
        });
    }

    [Fact]
    public void Every_batch_the_encoder_writes_decodes_to_the_same_samples()
    {
        var gen = Gen.Select(Gen.Int[0, 0xFFFF], Gen.Long[0, 1_000_000], Gen.Double.Where(double.IsFinite).Array[1, ProtocolLimits.MaxBatchSamples]);
        gen.Sample((flow, first, values) =>
        {
            var buffer = new byte[ProtocolLimits.MaxPayloadBytes];
            var batch = new DataBatch { Flow = flow, Session = 9, FirstSequence = first };
            for (int i = 0; i < values.Length; i++)
            {
                Assert.True(batch.TryAdd(1_700_000_000_000 + (i * 7), values[i]));
            }

            int length = DataBatchCodec.Encode(batch, buffer, 0);
            var back = new DataBatch();
            Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(buffer, 0, length, back));
            Assert.Equal(values, back.Values[..back.Count]);
            Assert.Equal(first + values.Length - 1, back.LastSequence);
            Assert.Equal(batch.TimeMs(values.Length - 1), back.TimeMs(values.Length - 1));
        }, iter: 500);
    }

    // Lone surrogates cannot be encoded in UTF-8; the writer sends U+FFFD for them, as System.Text.Json does.
    private static string Normalise(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool high = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            if (high)
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}

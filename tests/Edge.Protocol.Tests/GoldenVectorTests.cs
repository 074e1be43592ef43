using Edge.Tests.Vectors;

namespace Edge.Protocol.Tests;

/// <summary>The node side of the contract: the portable core's codecs against tests/vectors.</summary>
[Trait("Category", "Unit")]
public sealed class GoldenVectorTests
{
    public static TheoryData<string> Valid => GoldenVectors.Names("valid");

    public static TheoryData<string> Malformed => GoldenVectors.Names("malformed");

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_vector_decodes_to_its_documented_fields(string name)
    {
        var vector = GoldenVectors.Load("valid", name);
        object message = GoldenVectors.Create(vector.Message);

        Assert.Equal(ProtocolError.None, GoldenVectors.Decode(message, vector.Payload));
        Assert.Empty(GoldenVectors.Mismatches(vector.Fields, GoldenVectors.Describe(message)));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Encoding_the_decoded_message_gives_back_the_exact_bytes(string name)
    {
        var vector = GoldenVectors.Load("valid", name);
        object message = GoldenVectors.Create(vector.Message);
        GoldenVectors.Decode(message, vector.Payload);

        Assert.Equal(Convert.ToHexString(vector.Payload), Convert.ToHexString(GoldenVectors.Encode(message)));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_vector_decodes_to_its_typed_error_and_leaves_no_partial_message(string name)
    {
        var vector = GoldenVectors.Load("malformed", name);
        if (vector.ExpectError == ProtocolError.UnknownTopic)
        {
            return; // topic errors are the receiver's routing, checked on the gateway side
        }

        object message = GoldenVectors.Create(vector.Message);
        var empty = GoldenVectors.Describe(GoldenVectors.Create(vector.Message));

        Assert.Equal(vector.ExpectError, GoldenVectors.Decode(message, vector.Payload));
        Assert.Equal(empty, GoldenVectors.Describe(message), DescriptionComparer.Instance);
    }

    [Fact]
    public void A_decode_error_after_a_good_decode_clears_the_reused_message()
    {
        var good = GoldenVectors.Load("valid", "data-batch-three-samples");
        var bad = GoldenVectors.Load("malformed", "data-nan-value");
        var batch = new DataBatch();

        Assert.Equal(ProtocolError.None, DataBatchCodec.Decode(good.Payload, 0, good.Payload.Length, batch));
        Assert.Equal(ProtocolError.NotFinite, DataBatchCodec.Decode(bad.Payload, 0, bad.Payload.Length, batch));
        Assert.Equal(0, batch.Count);
        Assert.Equal(0, batch.Flow);
    }
}

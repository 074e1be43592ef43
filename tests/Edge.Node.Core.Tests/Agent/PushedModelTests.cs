using System.Buffers.Binary;
using Edge.Node.Core.Prediction;
using Edge.Protocol;

namespace Edge.Node.Core.Tests.Agent;

[Trait("Category", "Unit")]
public sealed class PushedModelTests
{
    private static ConfigMessage WithModel(long version, double bias)
    {
        double[] weights = new double[LearnedPeakPredictor.WeightsFor(0)];
        weights[2] = bias;
        var bytes = new byte[weights.Length * 4];
        for (int i = 0; i < weights.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)weights[i]);
        }

        var config = new ConfigMessage { Model = "peak-linear", ModelVersion = version, Margin = 1.0 };
        Assert.True(config.SetWeights(bytes, bytes.Length));
        return config;
    }

    [Fact]
    public void A_pushed_model_replaces_the_classical_predictor_of_the_node_and_of_every_lane()
    {
        var h = new AgentHarness();
        h.Run(100);
        Assert.Equal(0, h.Agent.ModelVersion);

        h.DeliverJson(Topics.Node("lab", "n1", Topics.Config), WithModel(3, 2.5));

        Assert.Equal(3, h.Agent.ModelVersion);
        Assert.Equal("learned", h.Agent.Sizer.Predictor.Name);
        for (int i = 0; i < h.Agent.LaneCount; i++)
        {
            var lane = Assert.IsType<LearnedPeakPredictor>(h.Agent.Sizer.LanePredictor(i));
            Assert.True(lane.HasWeights);
        }
    }

    [Fact]
    public void A_config_without_weights_rolls_the_node_back_to_its_classical_predictor()
    {
        var h = new AgentHarness();
        h.Run(100);
        h.DeliverJson(Topics.Node("lab", "n1", Topics.Config), WithModel(4, 2.0));
        Assert.Equal(4, h.Agent.ModelVersion);

        h.DeliverJson(Topics.Node("lab", "n1", Topics.Config), new ConfigMessage { Predictor = "ewma", Margin = 1.0 });

        Assert.Equal(0, h.Agent.ModelVersion);
        Assert.Equal("ewma", h.Agent.Sizer.Predictor.Name);
        Assert.Equal("ewma", h.Agent.Sizer.LanePredictor(0)!.Name);
    }

    [Fact]
    public void Weights_that_do_not_match_their_checksum_are_rejected_and_the_node_keeps_what_it_ran()
    {
        var h = new AgentHarness();
        h.Run(100);
        ConfigMessage config = WithModel(5, 2.0);
        var writer = new JsonWriter();
        int length = JsonCodec.Encode(config, writer);
        byte[] payload = writer.Buffer[..length];
        string text = System.Text.Encoding.ASCII.GetString(payload);
        int at = text.IndexOf("\"weights\":\"", StringComparison.Ordinal) + 11;
        payload[at] = payload[at] == (byte)'A' ? (byte)'B' : (byte)'A';

        h.Deliver(Topics.Node("lab", "n1", Topics.Config), payload);

        Assert.Equal(1, h.Agent.Rejected);
        Assert.Equal(0, h.Agent.ModelVersion);
        Assert.NotEqual("learned", h.Agent.Sizer.Predictor.Name);
    }
}

using Edge.Gateway.Core.Learning;
using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Tests.Learning;

[Trait("Category", "Unit")]
public sealed class FleetLearnerTests
{
    private static readonly LearnerOptions Options = new()
    {
        Trainer = new TrainerOptions { Hidden = 0, MaxIterations = 200 },
        ValidationSteps = 400,
        LiveSteps = 200,
        LiveWindow = 400,
    };

    /// <summary>
    /// Bursts that announce themselves: a two-step rise, then four steps at ten times the base, every 40 to 60
    /// steps. A model that has seen the rise forecasts the burst; an EWMA only learns it after.
    /// </summary>
    private static IEnumerable<double> Announced(int steps, int seed)
    {
        var random = new Random(seed);
        int next = 30;
        for (int t = 0; t < steps; t++)
        {
            int into = t - next;
            yield return into switch
            {
                0 => 250,
                1 => 400,
                >= 2 and < 6 => 1000,
                _ => 80 + random.Next(40),
            };

            if (into == 5)
            {
                next = t + 40 + random.Next(20);
            }
        }
    }

    [Fact]
    public void A_model_is_pushed_only_when_it_beats_the_baseline_on_recent_data_it_did_not_train_on()
    {
        var history = new RecordedHistory();
        for (int flow = 0; flow < 3; flow++)
        {
            history.Append(flow, Announced(3000, flow));
        }

        var publisher = new RecordingPublisher();
        var learner = new FleetLearner(history, publisher, Options);
        LearnerDecision decision = learner.Train();

        Assert.True(decision.Pushed, decision.Reason);
        Assert.True(decision.CandidateLoss < decision.CurrentLoss, $"{decision.CandidateLoss} vs {decision.CurrentLoss}");
        ModelRelease release = Assert.IsType<ModelRelease>(Assert.Single(publisher.Sent));
        Assert.Equal(1, release.Version);
        Assert.Equal(LearnedPeakPredictor.WeightsFor(0), release.Weights.Length);

        // The checksum is what the node computes over the bytes it receives.
        byte[] wire = ModelRelease.ToBytes(release.Weights);
        Assert.Equal(release.Checksum, (uint)Edge.Protocol.Crc32.Compute(wire, 0, wire.Length));
    }

    [Fact]
    public void A_candidate_no_better_than_the_baseline_is_not_pushed()
    {
        var history = new RecordedHistory();
        history.Append(0, Enumerable.Repeat(100.0, 3000));
        var publisher = new RecordingPublisher();

        LearnerDecision decision = new FleetLearner(history, publisher, Options).Train();

        Assert.False(decision.Pushed);
        Assert.Empty(publisher.Sent);
    }

    [Fact]
    public void A_live_model_whose_error_gets_worse_than_the_classical_predictor_is_rolled_back()
    {
        var history = new RecordedHistory();
        for (int flow = 0; flow < 2; flow++)
        {
            history.Append(flow, Announced(3000, flow + 10));
        }

        var publisher = new RecordingPublisher();
        var learner = new FleetLearner(history, publisher, Options);
        Assert.True(learner.Train().Pushed);
        Assert.False(learner.Watch(), "nothing new arrived yet");

        // The same kind of data: the model keeps its place and the dashboard sees its live error.
        for (int flow = 0; flow < 2; flow++)
        {
            history.Append(flow, Announced(400, flow + 20));
        }

        Assert.False(learner.Watch());
        Assert.Equal(1, learner.Flows[0].Version);
        Assert.True(learner.Flows[0].LiveLoss < learner.Flows[0].BaselineLoss);

        // The regime changes to a flat signal, where a margin for bursts is pure error: back to the classical predictor.
        for (int flow = 0; flow < 2; flow++)
        {
            history.Append(flow, Enumerable.Repeat(100.0, 600));
        }

        Assert.True(learner.Watch(), $"model {learner.Flows[0].LiveLoss}, baseline {learner.Flows[0].BaselineLoss}");
        Assert.Null(learner.Live);
        Assert.Equal(1, learner.Rollbacks);
        Assert.Null(publisher.Sent[^1]);
    }
}

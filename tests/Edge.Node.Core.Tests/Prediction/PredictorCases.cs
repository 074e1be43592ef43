using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Tests.Prediction;

/// <summary>Every core predictor at its defaults, for tests that hold for all of them.</summary>
internal static class PredictorCases
{
    public static IPredictor Create(string name) => name switch
    {
        "ewma" => new EwmaPredictor(),
        "holt" => new HoltPredictor(),
        "ar-rls" => new RlsArPredictor(),
        "precursor" => new PrecursorDetector(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Names => new() { "ewma", "holt", "ar-rls", "precursor" };

    public static void Feed(IPredictor predictor, IEnumerable<double> samples)
    {
        foreach (double x in samples)
        {
            Assert.True(predictor.Update(x));
        }
    }
}

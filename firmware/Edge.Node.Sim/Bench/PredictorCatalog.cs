using Edge.Node.Core.Prediction;

namespace Edge.Node.Sim.Bench;

/// <summary>The predictors the bench compares, each at its core defaults (no per-trace tuning).</summary>
internal static class PredictorCatalog
{
    public static readonly string[] Names = ["ewma", "holt", "ar-rls", "precursor"];

    public static IPredictor Create(string name) => name switch
    {
        "ewma" => new EwmaPredictor(),
        "holt" => new HoltPredictor(),
        "ar-rls" => new RlsArPredictor(),
        "precursor" => new PrecursorDetector(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown predictor."),
    };
}

namespace Edge.Bench.Buffer;

/// <summary>
/// Which traces fix the configuration (calibration) and which are scored with it (evaluation); never the same trace
/// in both. Indices point into one list of traces.
/// </summary>
internal sealed record FoldPlan(int Fold, IReadOnlyList<int> Calibration, IReadOnlyList<int> Evaluation)
{
    /// <summary>
    /// Cross-validation over one folder: trace i (in name order) is scored in fold i mod k, with the configuration the
    /// rule fixes on the other k - 1 folds.
    /// </summary>
    public static IReadOnlyList<FoldPlan> CrossValidation(int traces, int folds)
    {
        if (traces < 2)
        {
            throw new ArgumentException("Cross-validation needs at least two traces.", nameof(traces));
        }

        int k = Math.Clamp(folds, 2, traces);
        var plans = new List<FoldPlan>();
        for (int f = 0; f < k; f++)
        {
            int fold = f;
            plans.Add(new FoldPlan(
                fold,
                Enumerable.Range(0, traces).Where(i => i % k != fold).ToList(),
                Enumerable.Range(0, traces).Where(i => i % k == fold).ToList()));
        }

        return plans;
    }

    /// <summary>Calibrate on the first <paramref name="calibration"/> traces, score the rest.</summary>
    public static IReadOnlyList<FoldPlan> Apart(int calibration, int evaluation) =>
        [new FoldPlan(0, Enumerable.Range(0, calibration).ToList(), Enumerable.Range(calibration, evaluation).ToList())];
}

namespace Edge.Bench.Buffer;

/// <summary>
/// The bench's JSON document: totals over the scored traces, then each trace. <see cref="Mode"/> says how each
/// strategy's knob was chosen: "deployable" (one configuration fixed on calibration traces, never on the scored
/// ones) or "hindsight" (per trace, after seeing it: an upper reference, not something a node can do).
/// </summary>
internal sealed record BenchReport(
    string Mode,
    string Calibration,
    BenchPhysics Physics,
    IReadOnlyList<StrategyRow> Totals,
    IReadOnlyList<ForecastRow> Forecast,
    IReadOnlyList<TraceReport> Traces,
    TargetCheck Targets,
    IReadOnlyList<FoldConfiguration> Configurations,
    IReadOnlyList<StrategyRow> Hindsight,
    IReadOnlyList<CurvePoint> Curves);

/// <summary>One scored trace; Fold is the cross-validation fold that scored it (0 when calibrated apart).</summary>
internal sealed record TraceReport(string Trace, int Steps, int Fold, double OracleMeanCapacity, double Budget, IReadOnlyList<StrategyRow> Strategies, IReadOnlyList<ForecastRow> Forecast);

/// <summary>
/// A strategy's run. Knob is null in totals when it differs between traces (hindsight, or several folds).
/// AvoidableRemoved = (reactive - this) / (reactive - oracle): the share of the drops some strategy could avoid that
/// this one avoids; null where reactive drops no more than the oracle.
/// </summary>
internal sealed record StrategyRow(
    string Strategy,
    long Dropped,
    long Arrived,
    double MeanCapacity,
    double DropRate,
    double CapacityVsOracle,
    double? Knob,
    bool OverBudget,
    double? AvoidableRemoved);

internal sealed record ForecastRow(string Predictor, double Precision, double Recall, double F1, double MeanLeadSteps, long Onsets)
{
    public static ForecastRow From(ForecastCounts counts) =>
        new(counts.Predictor, counts.Precision, counts.Recall, counts.F1, counts.MeanLeadSteps, counts.Onsets);
}

/// <summary>The configuration one fold's calibration fixed: knob per strategy, at the calibration traces' budget.</summary>
internal sealed record FoldConfiguration(int Fold, IReadOnlyList<string> CalibrationTraces, double Budget, IReadOnlyDictionary<string, double> Knobs);

/// <summary>One knob value of one strategy, totalled over the scored traces: a point of the drops-against-memory picture.</summary>
internal sealed record CurvePoint(string Strategy, int KnobIndex, long Dropped, double MeanCapacity);

/// <summary>
/// The target on this run: the best predictive strategy removes at least 80 % of the avoidable drops, and
/// how its memory compares with reactive's and static's.
/// </summary>
internal sealed record TargetCheck(
    string BestPredictive,
    long BestPredictiveDropped,
    long ReactiveDropped,
    long OracleDropped,
    double AvoidableRemoved,
    bool EightyPercentOfAvoidableRemoved,
    double BestMeanCapacity,
    double ReactiveMeanCapacity,
    double StaticMeanCapacity,
    int TracesWhereStaticOrBestDrops,
    int TracesWhereBestBeatsStatic,
    IReadOnlyList<string> TracesWhereBestDoesNotBeatStatic);

namespace Edge.Bench.Buffer;

/// <summary>Strategies built from a fold's calibration traces: none yet.</summary>
internal static class LearnedStrategies
{
    public static Func<IReadOnlyList<Trace>, FoldStrategies> For(BenchPhysics physics)
    {
        ArgumentNullException.ThrowIfNull(physics);
        return _ => FoldStrategies.None;
    }
}

using Edge.Node.Core.Buffering;

namespace Edge.Bench.Buffer;

/// <summary>
/// The physics every strategy shares in the buffer bench; README.md in this folder explains each default.
/// Arrivals are scaled per trace so that the trace's mean is <see cref="MeanArrivals"/> samples a step.
/// </summary>
internal sealed record BenchPhysics
{
    public double MeanArrivals { get; init; } = 100;

    /// <summary>Uplink drain per step as a multiple of the mean arrivals.</summary>
    public double DrainFactor { get; init; } = 1.5;

    public int BlockSize { get; init; } = 50;

    public int FloorBlocks { get; init; } = 1;

    public int CeilingBlocks { get; init; } = 128;

    public int ExpansionLatency { get; init; } = 2;

    public int ShrinkHysteresisBlocks { get; init; } = 1;

    public int ShrinkHoldSteps { get; init; } = 3;

    /// <summary>Memory budget as a multiple of the oracle's mean capacity, per trace.</summary>
    public double BudgetFactor { get; init; } = 1.5;

    /// <summary>Predictive look-ahead beyond the expansion latency, in steps.</summary>
    public int LookAheadWindow { get; init; } = 2;

    /// <summary>
    /// The learned model's seasonal lag, in rows: a day of 5-minute rows, NAB's AWS sampling. A fixed assumption about
    /// the data, not fitted to any trace; 0 turns the seasonal input off.
    /// </summary>
    public int SeasonalPeriod { get; init; } = 288;

    public int DrainPerStep => (int)Math.Round(DrainFactor * MeanArrivals);

    public BufferSettings ToSettings() => new()
    {
        BlockSize = BlockSize,
        FloorBlocks = FloorBlocks,
        CeilingBlocks = CeilingBlocks,
        ExpansionLatency = ExpansionLatency,
        ShrinkHysteresisBlocks = ShrinkHysteresisBlocks,
        ShrinkHoldSteps = ShrinkHoldSteps,
        DrainPerStep = DrainPerStep,
        SpillCapacity = 0,
    };
}

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// How the peak model is fitted. Tau: the quantile of the coming peak (high, because a burst missed costs data and
/// a margin held costs only memory). Window: the steps a grow request made now must cover (expansion latency + 1).
/// Period: the seasonal input's lag in steps (0: none; a day when steps are 5 minutes is 288).
/// </summary>
internal sealed record TrainerOptions
{
    public int Hidden { get; init; } = 8;

    public double Tau { get; init; } = 0.97;

    public int Window { get; init; } = 3;

    public int Period { get; init; }

    public int WarmUp { get; init; } = 20;

    /// <summary>Weight decay on every parameter, so rare extreme rows cannot blow a weight up.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Width of the quadratic part of the smoothed pinball loss, in levels.</summary>
    public double Smoothing { get; init; } = 0.05;

    public int MaxIterations { get; init; } = 300;

    public int Seed { get; init; } = 1;
}

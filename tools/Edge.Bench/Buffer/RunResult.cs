namespace Edge.Bench.Buffer;

/// <summary>One strategy with one knob value over one trace.</summary>
internal sealed record RunResult(string Strategy, double Knob, long Arrived, long Dropped, long BlockSteps, long Steps, int BlockSize)
{
    public double MeanCapacity => Steps == 0 ? 0.0 : (double)BlockSteps * BlockSize / Steps;

    public double DropRate => Arrived == 0 ? 0.0 : (double)Dropped / Arrived;
}

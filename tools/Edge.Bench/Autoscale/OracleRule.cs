namespace Edge.Bench.Autoscale;

/// <summary>Knows the load: at the end of each step asks for what the step its decision lands on will need (exactly, no headroom).</summary>
internal sealed class OracleRule(double[] load, double nodeCapacity, int startSteps, int maxNodes) : IScalingRule
{
    public string Name => "oracle";

    public int Decide(int step, double current)
    {
        int landing = Math.Min(load.Length - 1, step + startSteps + 1);
        int need = 1;
        for (int t = step + 1; t <= landing; t++)
        {
            need = Math.Max(need, AutoscaleBench.Needed(load[t], nodeCapacity, maxNodes));
        }

        return need;
    }
}
